#include "lockoutguarddialog.h"

#include "directory.h"
#include "semanticcolor.h"

#include <QCommandLinkButton>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace Car {

namespace {

LockoutAsker &asker()
{
    static LockoutAsker instance;
    return instance;
}

LockoutAnswer askWithDialog(const LockoutQuestion &question, QWidget *parent)
{
    LockoutGuardDialog dialog(question, parent);
    dialog.exec();
    return dialog.answer();
}

QString htmlLines(const QString &text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QLatin1String("<br>"));
}

} // namespace

void setLockoutAsker(LockoutAsker ask)
{
    asker() = std::move(ask);
}

GuardDecision decideLockout(const RuleSet &current, RuleSet &proposed, const Directory &directory,
                            const AdminSettings &admin, QWidget *dialogParent)
{
    const LockoutReport before = checkLockout(current, directory, admin);
    const LockoutReport after = checkLockout(proposed, directory, admin);
    if (!after.configured)
        return GuardDecision::Apply;

    LockoutQuestion question;
    question.admin = admin;
    question.newDenials = LockoutReport::newDenials(before, after);
    if (question.newDenials.isEmpty())
        return GuardDecision::Apply;

    RuleSet fixed = proposed;
    const RuleSet::Outcome inserted = insertAlwaysAllowRemotePowerShell(fixed);
    question.allowRuleName = alwaysAllowRemotePowerShellRule(proposed).name;
    if (!inserted.ok) {
        question.cannotAddReason = inserted.error;
    } else {
        question.remainingWithAllowRule =
            LockoutReport::newDenials(before, checkLockout(fixed, directory, admin));
        if (!after.denies(Protocol::RemotePowerShell)) {
            question.cannotAddReason = QCoreApplication::translate(
                "Car::LockoutGuardDialog",
                "Remote PowerShell stays allowed; the safety rule would not restore the "
                "admin center.");
        } else {
            question.canAddAllowRule = true;
        }
    }

    const LockoutAnswer answer =
        asker() ? asker()(question, dialogParent) : askWithDialog(question, dialogParent);
    switch (answer) {
    case LockoutAnswer::AddAllowRule:
        if (!question.canAddAllowRule)
            return GuardDecision::Cancel;
        proposed = fixed;
        return GuardDecision::ApplyProposed;
    case LockoutAnswer::ApplyAnyway:
        return GuardDecision::Apply;
    case LockoutAnswer::Cancel:
        break;
    }
    return GuardDecision::Cancel;
}

void installLockoutGuard(RuleSetDocument *document, QWidget *dialogParent)
{
    QPointer<QWidget> parent(dialogParent);
    document->setChangeGuard([document, parent](const RuleSet &current, RuleSet &proposed) {
        return decideLockout(current, proposed, document->directory(), document->admin(),
                             parent.data());
    });
}

LockoutGuardDialog::LockoutGuardDialog(const LockoutQuestion &question, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("lockoutGuardDialog"));
    setWindowTitle(tr("This change would lock the administrator out"));
    setModal(true);

    auto *icon = new QLabel(this);
    icon->setPixmap(consoleIcon("warning").pixmap(32, 32));

    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("lockoutText"));
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    QString html =
        tr("<p><b>After this change, %1 connecting from %2 would be denied:</b></p><p>%3</p>")
            .arg(question.admin.user.toHtmlEscaped(), question.admin.address.toHtmlEscaped(),
                 htmlLines(describeDenials(question.newDenials)));
    html += tr("<p>Client Access Rules are managed only through Remote PowerShell. Microsoft "
               "recommends keeping a rule <i>%1</i> at priority 1 so that administrators can "
               "always connect to repair the rules; changes take up to an hour to reach "
               "Exchange.</p>")
                .arg(question.allowRuleName.toHtmlEscaped());
    if (question.canAddAllowRule && !question.remainingWithAllowRule.isEmpty()) {
        html += tr("<p>With that rule, this would still be denied:<br>%1</p>")
                    .arg(htmlLines(describeDenials(question.remainingWithAllowRule)));
    }
    if (!question.canAddAllowRule && !question.cannotAddReason.isEmpty())
        html += tr("<p>%1</p>").arg(question.cannotAddReason.toHtmlEscaped());
    text->setText(html);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *add = new QCommandLinkButton(
        tr("&Add '%1' at priority 1 and apply").arg(question.allowRuleName),
        question.canAddAllowRule
            ? tr("Microsoft's advice: administrators can always connect with Remote "
                 "PowerShell to repair the rules. The rule and the change are one undo "
                 "step.")
            : question.cannotAddReason,
        this);
    add->setObjectName(QStringLiteral("addAllowRuleButton"));
    add->setEnabled(question.canAddAllowRule);
    if (!question.canAddAllowRule)
        add->setToolTip(question.cannotAddReason);
    auto *anyway =
        new QCommandLinkButton(tr("Apply &anyway"),
                               tr("Apply the change as it is; the administrator loses the access "
                                  "listed above."),
                               this);
    anyway->setObjectName(QStringLiteral("applyAnywayButton"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *cancel = buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    (question.canAddAllowRule ? static_cast<QPushButton *>(add) : cancel)->setDefault(true);
    (question.canAddAllowRule ? static_cast<QPushButton *>(add) : cancel)->setFocus();

    connect(add, &QPushButton::clicked, this, [this] {
        m_answer = LockoutAnswer::AddAllowRule;
        accept();
    });
    connect(anyway, &QPushButton::clicked, this, [this] {
        m_answer = LockoutAnswer::ApplyAnyway;
        accept();
    });
    connect(cancel, &QPushButton::clicked, this, [this] {
        m_answer = LockoutAnswer::Cancel;
        reject();
    });

    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(add);
    layout->addWidget(anyway);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

} // namespace Car
