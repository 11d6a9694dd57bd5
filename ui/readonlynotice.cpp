#include "readonlynotice.h"

#include "mainwindow.h"
#include "rulesetdocument.h"
#include "semanticcolor.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QStatusBar>

namespace Car {

ReadOnlyNotice *ReadOnlyNotice::show(MainWindow *window, const QString &path)
{
    for (ReadOnlyNotice *old : window->findChildren<ReadOnlyNotice *>())
        delete old;
    auto *notice = new ReadOnlyNotice(window, path);
    window->addToolBar(Qt::TopToolBarArea, notice);
    window->statusBar()->showMessage(
        tr("Opened read-only: changes to this workspace cannot be saved."), 15000);
    return notice;
}

ReadOnlyNotice::ReadOnlyNotice(MainWindow *window, const QString &path)
    : QToolBar(tr("Read-Only"), window)
    , m_path(path)
{
    setObjectName(QStringLiteral("readOnlyNotice"));
    setMovable(false);
    setFloatable(false);
    setAutoFillBackground(true);
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window, semanticTint(Semantic::Warning, palette()));
    setPalette(tinted);

    auto *box = new QWidget(this);
    auto *icon = new QLabel(box);
    icon->setPixmap(consoleIcon("warning").pixmap(20, 20));
    auto *text = new QLabel(box);
    text->setObjectName(QStringLiteral("readOnlyNoticeText"));
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setText(tr("<b>Read-only:</b> the file %1 cannot be written, so CAR Console opened it "
                     "read-only. You can review the rules and test connections; edits will not "
                     "be saved. To edit, make the file writable and open it again.")
                      .arg(QDir::toNativeSeparators(path).toHtmlEscaped()));
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(text, 1);
    addWidget(box);

    // Opening another workspace replaces (deletes) the document this notice is about.
    if (RuleSetDocument *document = window->document())
        connect(document, &QObject::destroyed, this, &QObject::deleteLater);
}

} // namespace Car
