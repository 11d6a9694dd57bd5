#include "savetestdialog.h"

#include "ruleset.h"
#include "savedtestmodel.h"
#include "semanticcolor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Car {

SaveTestDialog::SaveTestDialog(const SavedTest &draft, const RuleSet &rules,
                               const QStringList &takenNames, QWidget *parent)
    : QDialog(parent)
    , m_draft(draft)
{
    setObjectName(QStringLiteral("saveTestDialog"));
    setWindowTitle(tr("Save as Test"));
    for (const QString &name : takenNames)
        m_takenKeys << SavedTest::key(name);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("savedTestNameEdit"));
    m_name->setPlaceholderText(tr("e.g. IT admin reaches the EAC from the office"));
    auto *connection = new QLabel(SavedTestModel::connectionText(draft), this);
    connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connection->setWordWrap(true);

    m_action = new QComboBox(this);
    m_action->setObjectName(QStringLiteral("expectedActionCombo"));
    m_action->addItem(consoleIcon("allow"), tr("Allowed"), int(Action::AllowAccess));
    m_action->addItem(consoleIcon("deny"), tr("Denied"), int(Action::DenyAccess));
    m_action->setCurrentIndex(m_action->findData(int(draft.expectedAction)));

    m_rule = new QComboBox(this);
    m_rule->setObjectName(QStringLiteral("expectedRuleCombo"));
    m_rule->addItem(tr("Any rule (or none)"), QString());
    for (int i = 0; i < rules.size(); ++i)
        m_rule->addItem(tr("%1 %2").arg(i + 1).arg(rules.at(i).name), rules.at(i).name);
    m_rule->setToolTip(tr("When set, the test also fails if another rule decides"));
    m_rule->setCurrentIndex(0);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("saveTestError"));
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, semanticColor(Semantic::Deny, palette()));
    m_error->setPalette(errorPalette);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Connection:"), connection);
    form->addRow(tr("&Expected:"), m_action);
    form->addRow(tr("Decided &by:"), m_rule);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, &SaveTestDialog::validate);
    connect(m_action, &QComboBox::currentIndexChanged, this, &SaveTestDialog::validate);
    connect(m_rule, &QComboBox::currentIndexChanged, this, &SaveTestDialog::validate);
    validate();
}

SavedTest SaveTestDialog::test() const
{
    SavedTest test = m_draft;
    test.name = m_name->text().trimmed();
    test.expectedAction = Action(m_action->currentData().toInt());
    test.expectedRule = m_rule->currentData().toString();
    return test;
}

QString SaveTestDialog::validationError() const
{
    const SavedTest candidate = test();
    if (candidate.name.isEmpty())
        return tr("Give the test a name.");
    if (m_takenKeys.contains(SavedTest::key(candidate.name)))
        return tr("A saved test named '%1' already exists.").arg(candidate.name);
    return candidate.validate();
}

void SaveTestDialog::validate()
{
    const QString error = validationError();
    // An empty name is no error yet: just not ready.
    m_error->setText(m_name->text().trimmed().isEmpty() ? QString() : error);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(error.isEmpty());
}

} // namespace Car
