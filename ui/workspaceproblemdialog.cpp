#include "workspaceproblemdialog.h"

#include "semanticcolor.h"

#include <QCommandLinkButton>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace Car {

namespace {

QLabel *makeLabel(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

WorkspaceProblemDialog::WorkspaceProblemDialog(const WorkspaceProblem &problem, QWidget *parent)
    : QDialog(parent)
    , m_problem(problem)
{
    setObjectName(QStringLiteral("workspaceProblemDialog"));
    setWindowTitle(tr("Cannot Open Workspace \u2014 CAR Console"));
    setWindowIcon(consoleIcon("carconsole"));
    setModal(true);

    const QString shown = QDir::toNativeSeparators(problem.path);
    const QString name = QFileInfo(problem.path).fileName();

    auto *icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("problemIcon"));
    icon->setPixmap(consoleIcon("error").pixmap(48, 48));

    auto *headline =
        makeLabel(QStringLiteral("problemHeadline"),
                  tr("CAR Console cannot open the workspace \u201c%1\u201d.").arg(name), this);
    QFont bold = headline->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    headline->setFont(bold);

    auto *path = makeLabel(QStringLiteral("problemPath"), shown, this);
    path->setForegroundRole(QPalette::PlaceholderText);
    path->setToolTip(shown);

    auto *cause = makeLabel(QStringLiteral("problemCause"), problem.error, this);

    auto *hint = makeLabel(QStringLiteral("problemHint"), problem.hint, this);
    hint->setVisible(!problem.hint.isEmpty());

    auto *unchanged = makeLabel(
        QStringLiteral("problemFileState"),
        problem.fileExisted ? tr("The file was not changed: CAR Console left it exactly as it "
                                 "was.")
                            : tr("Nothing was created at that path."),
        this);
    QPalette allowPalette = unchanged->palette();
    allowPalette.setColor(QPalette::WindowText,
                          semanticColor(Semantic::Allow, unchanged->palette()));
    unchanged->setPalette(allowPalette);

    auto *question =
        makeLabel(QStringLiteral("problemQuestion"), tr("What would you like to do?"), this);

    auto *another = new QCommandLinkButton(tr("&Open Another Workspace\u2026"),
                                           tr("Choose a workspace file (.carws)."), this);
    another->setObjectName(QStringLiteral("openAnotherButton"));
    auto *create =
        new QCommandLinkButton(tr("&Create New Workspace\u2026"),
                               tr("Start with no rules, in a new file that you name."), this);
    create->setObjectName(QStringLiteral("createNewButton"));
    auto *demo = new QCommandLinkButton(
        tr("Open the &Demo Workspace"),
        tr("A sample organisation with rules and users, freshly made; your files stay as they "
           "are."),
        this);
    demo->setObjectName(QStringLiteral("openDemoButton"));

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *quitButton = buttons->addButton(tr("&Quit"), QDialogButtonBox::RejectRole);
    quitButton->setObjectName(QStringLiteral("quitButton"));
    quitButton->setAutoDefault(false);
    another->setDefault(true);
    another->setFocus();

    connect(another, &QPushButton::clicked, this, &WorkspaceProblemDialog::openAnother);
    connect(create, &QPushButton::clicked, this, &WorkspaceProblemDialog::createNew);
    connect(demo, &QPushButton::clicked, this, &WorkspaceProblemDialog::openDemo);
    connect(quitButton, &QPushButton::clicked, this, &WorkspaceProblemDialog::quit);

    auto *text = new QVBoxLayout;
    text->setSpacing(6);
    text->addWidget(headline);
    text->addWidget(path);
    text->addSpacing(6);
    text->addWidget(cause);
    text->addWidget(hint);
    text->addWidget(unchanged);
    auto *top = new QHBoxLayout;
    top->setSpacing(16);
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(text, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->addLayout(top);
    layout->addSpacing(12);
    layout->addWidget(question);
    layout->addWidget(another);
    layout->addWidget(create);
    layout->addWidget(demo);
    layout->addSpacing(6);
    layout->addWidget(buttons);
    // Sized to its text like a message box; the wrapped labels set the height for this width.
    setMinimumWidth(600);
    layout->activate();
    resize(640, layout->totalHeightForWidth(640));
}

void WorkspaceProblemDialog::openAnother()
{
    const QString path =
        askFileName(tr("Open Workspace"), tr("CAR workspaces (*.carws);;All files (*)"), false);
    if (!path.isEmpty())
        choose(WorkspaceChoice::OpenAnother, path);
}

void WorkspaceProblemDialog::createNew()
{
    QString path = askFileName(tr("New Workspace"), tr("CAR workspaces (*.carws)"), true);
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".carws"), Qt::CaseInsensitive))
        path += QStringLiteral(".carws");
    choose(WorkspaceChoice::CreateNew, path);
}

void WorkspaceProblemDialog::openDemo()
{
    choose(WorkspaceChoice::OpenDemo, QString());
}

void WorkspaceProblemDialog::quit()
{
    choose(WorkspaceChoice::Quit, QString());
}

QString WorkspaceProblemDialog::askFileName(const QString &caption, const QString &filter,
                                            bool save)
{
    const QFileInfo info(m_problem.path);
    const QString folder = info.absoluteDir().exists() ? info.absolutePath() : QDir::homePath();
    if (m_fileDialog)
        return m_fileDialog(this, caption, folder, filter, save, nullptr);
    return save ? QFileDialog::getSaveFileName(this, caption, folder, filter)
                : QFileDialog::getOpenFileName(this, caption, folder, filter);
}

void WorkspaceProblemDialog::choose(WorkspaceChoice choice, const QString &path)
{
    m_choice = choice;
    m_chosenPath = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    if (choice == WorkspaceChoice::Quit)
        reject();
    else
        accept();
}

} // namespace Car
