#include "ruleeditor.h"

#include "conditionseditor.h"
#include "rule.h"
#include "rulesetdocument.h"
#include "semanticcolor.h"
#include "valuelisteditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Car {

namespace {

QScrollArea *scrolled(QWidget *content, QWidget *parent)
{
    auto *area = new QScrollArea(parent);
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return area;
}

LineCheck checkPort(const QString &line)
{
    LineCheck check;
    QString error;
    if (const std::optional<PortRange> range = PortRange::parse(line, &error))
        check.normalized = range->toString();
    else
        check.error = error;
    return check;
}

QList<PortRange> parsePorts(const QStringList &texts)
{
    QList<PortRange> ports;
    for (const QString &text : texts) {
        if (const std::optional<PortRange> port = PortRange::parse(text))
            ports << *port;
    }
    return ports;
}

QStringList portTexts(const QList<PortRange> &ports)
{
    QStringList texts;
    for (const PortRange &port : ports)
        texts << port.toString();
    return texts;
}

} // namespace

RuleEditor::RuleEditor(RuleSetDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_problems(new QLabel(this))
    , m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("ruleEditor"));
    m_empty->setObjectName(QStringLiteral("ruleEditorEmpty"));
    m_empty->setText(tr("Select a rule to edit it, or create one with Edit \u25b8 New rule."));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    m_problems->setObjectName(QStringLiteral("ruleProblems"));
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    m_problems->setVisible(false);
    m_problems->setContentsMargins(6, 4, 6, 4);
    m_problems->setAutoFillBackground(true);

    m_tabs->setObjectName(QStringLiteral("ruleEditorTabs"));
    m_tabs->setDocumentMode(true);
    m_conditions = new ConditionsEditor(ConditionsEditor::Kind::Conditions, this);
    m_exceptions = new ConditionsEditor(ConditionsEditor::Kind::Exceptions, this);
    m_tabs->addTab(scrolled(buildGeneralTab(), this), tr("&General"));
    m_tabs->addTab(scrolled(m_conditions, this), tr("&Conditions"));
    m_tabs->addTab(scrolled(m_exceptions, this), tr("E&xceptions"));
    m_tabs->addTab(scrolled(buildAdvancedTab(), this), tr("Ad&vanced"));

    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(0);
    pageLayout->addWidget(m_problems);
    pageLayout->addWidget(m_tabs);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(page);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_conditions, &ConditionsEditor::edited, this, &RuleEditor::applyEdits);
    connect(m_exceptions, &ConditionsEditor::edited, this, &RuleEditor::applyEdits);
    connect(m_ports, &ValueListEditor::edited, this, &RuleEditor::applyEdits);
    connect(m_exceptPorts, &ValueListEditor::edited, this, &RuleEditor::applyEdits);
    connect(document, &RuleSetDocument::ruleSetReset, this, &RuleEditor::documentChanged);
    connect(document, &RuleSetDocument::directoryChanged, this, &RuleEditor::documentChanged);
    // Another program's change was loaded (perhaps refusing the edit being applied): show the
    // stored rule even in the middle of applyEdits().
    connect(document, &RuleSetDocument::externalChangeLoaded, this, &RuleEditor::refresh);
    refresh();
}

QWidget *RuleEditor::buildGeneralTab()
{
    auto *tab = new QWidget(this);
    m_name = new QLineEdit(tab);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setMaxLength(Rule::MaxNameLength + 16); // longer text is shown as an error, not cut
    m_nameError = new QLabel(tab);
    m_nameError->setObjectName(QStringLiteral("nameError"));
    m_nameError->setVisible(false);
    m_nameError->setWordWrap(true);
    m_action = new QComboBox(tab);
    m_action->setObjectName(QStringLiteral("actionCombo"));
    m_action->addItem(consoleIcon("allow"), tr("Allow access"), int(Action::AllowAccess));
    m_action->addItem(consoleIcon("deny"), tr("Deny access"), int(Action::DenyAccess));
    m_enabled = new QCheckBox(tr("Enforce this rule"), tab);
    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_enabled->setToolTip(tr("A disabled rule is skipped when connections are decided; "
                             "Test-ClientAccessRule still lists it."));
    m_scope = new QComboBox(tab);
    m_scope->setObjectName(QStringLiteral("scopeCombo"));
    m_scope->addItem(tr("All connections (end users and middle-tier apps)"), int(Scope::All));
    m_scope->addItem(tr("End users only (skipped for middle-tier apps)"), int(Scope::Users));
    m_priority = new QLabel(tab);
    m_priority->setObjectName(QStringLiteral("priorityLabel"));

    auto *form = new QFormLayout(tab);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Name"), m_name);
    form->addRow(QString(), m_nameError);
    form->addRow(tr("&Action"), m_action);
    form->addRow(tr("State"), m_enabled);
    form->addRow(tr("&Scope"), m_scope);
    form->addRow(tr("Priority"), m_priority);

    connect(m_name, &QLineEdit::textEdited, this, [this] {
        checkName();
        QString error;
        if (nameIsValid(&error))
            applyEdits();
    });
    connect(m_action, &QComboBox::activated, this, &RuleEditor::applyEdits);
    connect(m_enabled, &QCheckBox::toggled, this, [this] {
        if (!m_applying)
            applyEdits();
    });
    connect(m_scope, &QComboBox::activated, this, &RuleEditor::applyEdits);
    return tab;
}

QWidget *RuleEditor::buildAdvancedTab()
{
    auto *tab = new QWidget(this);
    m_ports = new ValueListEditor(QStringLiteral("portsEdit"), tr("One per line: 443, 1024-65535"),
                                  checkPort, tab);
    m_exceptPorts = new ValueListEditor(QStringLiteral("exceptPortsEdit"),
                                        tr("One per line: 443, 1024-65535"), checkPort, tab);
    auto *note = new QLabel(tr("Exchange reserves the source port parameters for internal use. "
                               "The simulator matches them against the connection's remote "
                               "port, so you can model them here."),
                            tab);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    auto *form = new QFormLayout(tab);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(note);
    form->addRow(tr("Source ports"), m_ports);
    form->addRow(tr("Except source ports"), m_exceptPorts);
    return tab;
}

void RuleEditor::setCurrentRule(const QUuid &id)
{
    if (id == m_ruleId)
        return;
    commitPendingEdits();
    m_ruleId = id;
    // Another rule: every field shows the document, whatever was typed before.
    m_nameError->setVisible(false);
    refresh();
}

int RuleEditor::currentIndex() const
{
    return m_document->ruleSet().indexOfId(m_ruleId);
}

void RuleEditor::commitPendingEdits()
{
    m_conditions->commit();
    m_exceptions->commit();
    m_ports->commit();
    m_exceptPorts->commit();
}

void RuleEditor::documentChanged()
{
    if (m_applying)
        return; // the editor already shows what it applied
    refresh();
}

void RuleEditor::refresh()
{
    const int index = currentIndex();
    if (index < 0) {
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    m_stack->setCurrentIndex(1);
    const RuleSet &rules = m_document->ruleSet();
    const Rule &rule = rules.at(index);
    const bool wasApplying = m_applying;
    m_applying = true;
    if (m_name->text().trimmed() != rule.name) {
        m_name->setText(rule.name);
        m_nameError->setVisible(false);
    }
    m_action->setCurrentIndex(m_action->findData(int(rule.action)));
    m_enabled->setChecked(rule.enabled);
    m_scope->setCurrentIndex(m_scope->findData(int(rule.scope)));
    m_priority->setText(tr("%1 of %2 (drag the rule in the list, or Ctrl+Up/Down)")
                            .arg(index + 1)
                            .arg(rules.size()));
    m_conditions->showRule(rule, rules, &m_document->directory());
    m_exceptions->showRule(rule, rules, &m_document->directory());
    m_ports->setValues(portTexts(rule.anyOfSourceTcpPortNumbers));
    m_exceptPorts->setValues(portTexts(rule.exceptAnyOfSourceTcpPortNumbers));
    m_applying = wasApplying;
    m_conditions->updateAvailability(rules.environment(), rule.anyOfProtocols,
                                     !rule.anyOfAuthenticationTypes.isEmpty());
    m_exceptions->updateAvailability(rules.environment(), rule.anyOfProtocols,
                                     !rule.anyOfAuthenticationTypes.isEmpty());
    showProblems(rule, QString());
}

void RuleEditor::showProblems(const Rule &rule, const QString &rejection)
{
    QStringList lines;
    const QColor deny = semanticColor(Semantic::Deny, palette());
    const QColor warning = semanticColor(Semantic::Warning, palette());
    if (!rejection.isEmpty()) {
        lines << QStringLiteral("<span style=\"color:%1\"><b>%2</b> %3</span>")
                     .arg(deny.name(), tr("Not applied:").toHtmlEscaped(),
                          rejection.toHtmlEscaped());
    }
    for (const RuleProblem &problem : rule.validate(m_document->ruleSet().environment())) {
        lines << QStringLiteral("<span style=\"color:%1\">%2</span>")
                     .arg((problem.isError() ? deny : warning).name(),
                          problem.toString().toHtmlEscaped());
    }
    m_problems->setText(lines.join(QStringLiteral("<br>")));
    m_problems->setVisible(!lines.isEmpty());
    QPalette tinted = m_problems->palette();
    tinted.setColor(
        QPalette::Window,
        semanticTint(rejection.isEmpty() ? Semantic::Warning : Semantic::Deny, palette()));
    m_problems->setPalette(tinted);
}

bool RuleEditor::nameIsValid(QString *error) const
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        *error = tr("A rule needs a name.");
        return false;
    }
    if (name.size() > Rule::MaxNameLength) {
        *error =
            tr("%1 characters: a name has at most %2.").arg(name.size()).arg(Rule::MaxNameLength);
        return false;
    }
    const int other = m_document->ruleSet().indexOfName(name);
    if (other >= 0 && other != currentIndex()) {
        *error = tr("Priority %1 is already named '%2' (names ignore case).")
                     .arg(other + 1)
                     .arg(m_document->ruleSet().at(other).name);
        return false;
    }
    return true;
}

void RuleEditor::checkName()
{
    QString error;
    const bool valid = nameIsValid(&error);
    m_nameError->setText(
        QStringLiteral("<span style=\"color:%1\">%2</span>")
            .arg(semanticColor(Semantic::Deny, palette()).name(), error.toHtmlEscaped()));
    m_nameError->setVisible(!valid);
}

void RuleEditor::applyEdits()
{
    const int index = currentIndex();
    if (index < 0 || m_applying)
        return;
    const Rule &current = m_document->ruleSet().at(index);
    Rule rule = current;
    QString nameError;
    if (nameIsValid(&nameError))
        rule.name = m_name->text().trimmed();
    rule.action = Action(m_action->currentData().toInt());
    rule.enabled = m_enabled->isChecked();
    rule.scope = Scope(m_scope->currentData().toInt());
    m_conditions->writeTo(rule);
    m_exceptions->writeTo(rule);
    if (m_ports->isValid())
        rule.anyOfSourceTcpPortNumbers = parsePorts(m_ports->values());
    if (m_exceptPorts->isValid())
        rule.exceptAnyOfSourceTcpPortNumbers = parsePorts(m_exceptPorts->values());

    m_applying = true;
    const RuleSet::Outcome outcome = m_document->updateRule(index, rule);
    m_applying = false;
    const int now = currentIndex();
    if (now < 0) {
        refresh();
        return;
    }
    if (!outcome.ok && outcome.error == QLatin1String("cancelled")) {
        refresh(); // the guard said no: show what the document holds
        return;
    }
    const Rule &stored = m_document->ruleSet().at(now);
    m_priority->setText(tr("%1 of %2 (drag the rule in the list, or Ctrl+Up/Down)")
                            .arg(now + 1)
                            .arg(m_document->ruleSet().size()));
    const QList<Protocol> protocols = m_conditions->checkedProtocols();
    m_conditions->updateAvailability(m_document->ruleSet().environment(), protocols,
                                     m_conditions->hasCheckedAuthentication());
    m_exceptions->updateAvailability(m_document->ruleSet().environment(), protocols,
                                     m_conditions->hasCheckedAuthentication());
    showProblems(stored, outcome.ok ? QString() : outcome.error);
}

} // namespace Car
