#include "testconnectionpanel.h"

#include "directory.h"
#include "directorymodel.h"
#include "rulesetdocument.h"
#include "semanticcolor.h"
#include "tracetree.h"
#include "usercompleter.h"
#include "verdictbanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Car {

namespace {

enum MatchingColumn : int { PriorityColumn, NameColumn, ActionColumn, NoteColumn };

// A PowerShell argument: bare when it is plain, else single-quoted with quotes doubled.
QString argument(const QString &value)
{
    static const QString plain =
        QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@.-_:\\");
    const bool isPlain = !value.isEmpty()
        && std::all_of(value.cbegin(), value.cend(), [](QChar c) { return plain.contains(c); });
    if (isPlain)
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

TestConnectionPanel::TestConnectionPanel(RuleSetDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("testConnectionPanel"));
    m_directoryModel = new DirectoryModel(document, this);
    buildUi();
    fillProtocols();

    const AdminSettings &admin = document->admin();
    QString user = admin.user;
    if (user.isEmpty() && !document->directory().isEmpty())
        user = document->directory().user(0).userPrincipalName;
    const QString address =
        admin.address.isEmpty() ? QStringLiteral("203.0.113.10") : admin.address;
    setConnection(user, Protocol::ExchangeAdminCenter, AuthenticationType::BasicAuthentication,
                  address);

    connect(m_user, &QComboBox::editTextChanged, this, &TestConnectionPanel::evaluate);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &TestConnectionPanel::evaluate);
    connect(m_protocol, &QComboBox::currentIndexChanged, this,
            &TestConnectionPanel::describeAuthenticationTypes);
    connect(m_authentication, &QComboBox::currentIndexChanged, this,
            &TestConnectionPanel::evaluate);
    connect(m_address, &QLineEdit::textChanged, this, &TestConnectionPanel::evaluate);
    connect(m_port, &QSpinBox::valueChanged, this, &TestConnectionPanel::evaluate);
    connect(m_middleTier, &QCheckBox::toggled, this, &TestConnectionPanel::evaluate);
    // A note explains a connection set from elsewhere; the user's own change makes it moot.
    const auto clearNote = [this] {
        if (!m_updating)
            setNote(QString());
    };
    connect(m_user, &QComboBox::editTextChanged, this, clearNote);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, clearNote);
    connect(m_authentication, &QComboBox::currentIndexChanged, this, clearNote);
    connect(m_address, &QLineEdit::textChanged, this, clearNote);
    connect(m_port, &QSpinBox::valueChanged, this, clearNote);
    connect(m_middleTier, &QCheckBox::toggled, this, clearNote);
    connect(m_saveTest, &QPushButton::clicked, this, &TestConnectionPanel::saveTestRequested);
    connect(m_trace, &TraceTree::ruleActivated, this, &TestConnectionPanel::ruleActivated);
    connect(m_matching, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        emit ruleActivated(item->data(PriorityColumn, Qt::UserRole).toInt());
    });
    connect(document, &RuleSetDocument::ruleSetReset, this, [this] {
        fillProtocols();
        evaluate();
    });
    connect(document, &RuleSetDocument::directoryChanged, this, &TestConnectionPanel::evaluate);
}

TestConnectionPanel::~TestConnectionPanel() = default;

QByteArray TestConnectionPanel::saveState() const
{
    return m_splitter->saveState();
}

bool TestConnectionPanel::restoreState(const QByteArray &state)
{
    return m_splitter->restoreState(state);
}

void TestConnectionPanel::describeAuthenticationTypes()
{
    // Test-ClientAccessRule accepts every type; say which ones rules can filter for the protocol.
    const QVariant data = m_protocol->currentData();
    if (!data.isValid())
        return;
    const Protocol protocol = Protocol(data.toInt());
    for (int row = 0; row < m_authentication->count(); ++row) {
        const auto type = AuthenticationType(m_authentication->itemData(row).toInt());
        m_authentication->setItemData(
            row,
            protocolSupportsAuthentication(protocol, type)
                ? QVariant()
                : QVariant(tr("%1 connections cannot be filtered by %2: rules with "
                              "authentication conditions never match them")
                               .arg(toString(protocol), toString(type))),
            Qt::ToolTipRole);
    }
}

void TestConnectionPanel::buildUi()
{
    m_user = new QComboBox(this);
    m_user->setObjectName(QStringLiteral("userCombo"));
    UserCompleter::setUp(m_user, m_directoryModel);
    m_user->setToolTip(tr("A directory user (UPN, alias or account name; type part of a name to "
                          "search), or free text such as name@domain or DOMAIN\\name"));
    m_userInfo = new QLabel(this);
    m_userInfo->setObjectName(QStringLiteral("userInfo"));
    m_userInfo->setWordWrap(true);
    m_userInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_userInfo->setForegroundRole(QPalette::PlaceholderText);

    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(QStringLiteral("protocolCombo"));
    m_authentication = new QComboBox(this);
    m_authentication->setObjectName(QStringLiteral("authenticationCombo"));
    for (AuthenticationType type : allAuthenticationTypes())
        m_authentication->addItem(toString(type), int(type));

    m_address = new QLineEdit(this);
    m_address->setObjectName(QStringLiteral("addressEdit"));
    m_address->setPlaceholderText(tr("IPv4 or IPv6 address, as Exchange sees it"));
    m_address->setClearButtonEnabled(true);
    m_addressError = new QLabel(this);
    m_addressError->setObjectName(QStringLiteral("addressError"));
    m_addressError->setWordWrap(true);
    m_addressError->hide();
    QPalette errorPalette = m_addressError->palette();
    errorPalette.setColor(QPalette::WindowText, semanticColor(Semantic::Deny, palette()));
    m_addressError->setPalette(errorPalette);

    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(1, 65535);
    m_port->setValue(443);
    m_port->setToolTip(tr("The client's remote TCP port (1-65535)"));
    m_middleTier = new QCheckBox(tr("From a middle-tier application"), this);
    m_middleTier->setObjectName(QStringLiteral("middleTierCheck"));
    m_middleTier->setToolTip(tr("Rules with Scope Users do not apply to connections from "
                                "middle-tier applications"));

    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(m_address, 1);
    auto *portLabel = new QLabel(tr("&Port:"), this);
    portLabel->setBuddy(m_port);
    addressRow->addWidget(portLabel);
    addressRow->addWidget(m_port);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&User:"), m_user);
    form->addRow(QString(), m_userInfo);
    form->addRow(tr("P&rotocol:"), m_protocol);
    form->addRow(tr("&Authentication:"), m_authentication);
    auto *addressLabel = new QLabel(tr("Remote a&ddress:"), this);
    addressLabel->setBuddy(m_address);
    form->addRow(addressLabel, addressRow);
    form->addRow(QString(), m_addressError);
    form->addRow(QString(), m_middleTier);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("testNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setFrameShape(QFrame::StyledPanel);
    m_note->setMargin(4);
    QPalette notePalette = m_note->palette();
    notePalette.setColor(QPalette::WindowText, semanticColor(Semantic::Warning, palette()));
    m_note->setPalette(notePalette);
    m_note->hide();

    m_banner = new VerdictBanner(this);

    m_saveTest = new QPushButton(tr("Save as &Test…"), this);
    m_saveTest->setObjectName(QStringLiteral("saveTestButton"));
    m_saveTest->setToolTip(tr("Keep this connection with its expected decision as a saved test: "
                              "the Tests view re-runs it after every edit"));

    m_trace = new TraceTree(this);

    m_matchingLabel = new QLabel(this);
    m_matchingLabel->setObjectName(QStringLiteral("matchingLabel"));
    m_matchingLabel->setWordWrap(true);
    m_matchingLabel->setToolTip(tr("Test-ClientAccessRule lists every rule that matches, in "
                                   "priority order, disabled ones too; only the first enabled "
                                   "one decides."));
    m_matching = new QTreeWidget(this);
    m_matching->setObjectName(QStringLiteral("matchingList"));
    m_matching->setColumnCount(4);
    m_matching->setHeaderLabels({tr("Priority"), tr("Name"), tr("Action"), tr("Note")});
    m_matching->setRootIsDecorated(false);
    m_matching->setUniformRowHeights(true);
    m_matching->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_matching->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_matching->header()->setStretchLastSection(false);

    m_command = new QLineEdit(this);
    m_command->setObjectName(QStringLiteral("testCommand"));
    m_command->setReadOnly(true);
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setToolTip(tr("The same test in Exchange PowerShell"));

    auto *matchingBox = new QWidget(this);
    auto *matchingLayout = new QVBoxLayout(matchingBox);
    matchingLayout->setContentsMargins(0, 0, 0, 0);
    matchingLayout->addWidget(m_matchingLabel);
    matchingLayout->addWidget(m_matching, 1);
    auto *commandRow = new QHBoxLayout;
    commandRow->addWidget(m_command, 1);
    commandRow->addWidget(m_saveTest);
    matchingLayout->addLayout(commandRow);

    auto *splitter = m_splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("testSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_trace);
    splitter->addWidget(matchingBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
}

void TestConnectionPanel::fillProtocols()
{
    const Environment environment = m_document->ruleSet().environment();
    const QVariant current = m_protocol->currentData();
    m_updating = true;
    m_protocol->clear();
    for (Protocol protocol : allProtocols()) {
        if (isTestableProtocol(protocol) && isProtocolAvailable(protocol, environment))
            m_protocol->addItem(toString(protocol), int(protocol));
    }
    int row = current.isValid() ? m_protocol->findData(current) : -1;
    if (row < 0)
        row = m_protocol->findData(int(Protocol::ExchangeAdminCenter));
    m_protocol->setCurrentIndex(row);
    m_updating = false;
    describeAuthenticationTypes();
}

void TestConnectionPanel::testUser(const QString &user)
{
    m_user->setEditText(user);
    evaluate();
}

void TestConnectionPanel::setConnection(const QString &user, Protocol protocol,
                                        AuthenticationType authenticationType,
                                        const QString &address, int port, bool middleTier)
{
    m_updating = true;
    m_user->setEditText(user);
    const int protocolRow = m_protocol->findData(int(protocol));
    if (protocolRow >= 0)
        m_protocol->setCurrentIndex(protocolRow);
    m_authentication->setCurrentIndex(m_authentication->findData(int(authenticationType)));
    m_address->setText(address);
    m_port->setValue(port);
    m_middleTier->setChecked(middleTier);
    m_updating = false;
    evaluate();
}

void TestConnectionPanel::evaluate()
{
    if (m_updating)
        return;
    const QString userText = m_user->currentText().trimmed();
    const Directory &directory = m_document->directory();
    const DirectoryUser *user = userText.isEmpty() ? nullptr : directory.resolve(userText);
    const RuleSet &rules = m_document->ruleSet();
    if (userText.isEmpty()) {
        m_userInfo->setText(QString());
    } else if (user) {
        const QString department = user->attribute(Attribute::Department);
        const QString name =
            user->displayName.isEmpty() ? user->userPrincipalName : user->displayName;
        m_userInfo->setText(department.isEmpty()
                                ? tr("%1, in the directory").arg(name)
                                : tr("%1 (%2), in the directory").arg(name, department));
    } else {
        m_userInfo->setText(tr("Not in the directory: recipient filters are false for this "
                               "user."));
    }

    QString addressError;
    const auto address = IpAddress::parse(m_address->text(), &addressError);
    if (m_address->text().trimmed().isEmpty())
        addressError = tr("Enter the client's address as Exchange sees it.");
    m_addressError->setText(addressError);
    m_addressError->setVisible(!address);
    m_address->setProperty("invalid", !address);
    m_address->setToolTip(address ? QString() : addressError);

    if (userText.isEmpty()) {
        showNoVerdict(tr("Enter a user to test."));
        return;
    }
    if (!address) {
        showNoVerdict(tr("The remote address is not valid."));
        return;
    }
    const Protocol protocol = Protocol(m_protocol->currentData().toInt());
    const AuthenticationType authentication =
        AuthenticationType(m_authentication->currentData().toInt());
    m_connection = makeConnection(rules, directory, userText, protocol, authentication, *address,
                                  m_port->value(), m_middleTier->isChecked());
    m_document->evaluator().evaluate(m_connection, m_evaluation);
    m_hasVerdict = true;
    showVerdict();
    showMatching();
    m_command->setText(testCommand());
    m_command->setCursorPosition(0);
    m_saveTest->setEnabled(true);
    setDecidingRule(m_evaluation.decidingRule);
}

void TestConnectionPanel::showNoVerdict(const QString &why)
{
    m_hasVerdict = false;
    m_evaluation.clear();
    m_banner->setVerdict(Semantic::Neutral, tr("No verdict"), why);
    m_trace->showNothing(why);
    m_matching->clear();
    m_matchingLabel->setText(QString());
    m_command->clear();
    m_saveTest->setEnabled(false);
    setDecidingRule(-1);
}

void TestConnectionPanel::showVerdict()
{
    const RuleSet &rules = m_document->ruleSet();
    const int deciding = m_evaluation.decidingRule;
    const QString username = tr("Username string %1.").arg(m_connection.username);
    if (deciding < 0 || deciding >= rules.size()) {
        m_banner->setVerdict(
            Semantic::Allow, tr("Allowed"),
            tr("No enabled rule matches, so access is allowed by default. %1").arg(username));
    } else if (m_evaluation.action == Action::AllowAccess) {
        m_banner->setVerdict(
            Semantic::Allow, tr("Allowed by '%1'").arg(rules.at(deciding).name),
            tr("Rule %1 is the first enabled rule that matches; later rules are not "
               "evaluated. %2")
                .arg(deciding + 1)
                .arg(username));
    } else {
        m_banner->setVerdict(Semantic::Deny, tr("Denied by '%1'").arg(rules.at(deciding).name),
                             tr("Rule %1 is the first enabled rule that matches. %2")
                                 .arg(deciding + 1)
                                 .arg(username));
    }
    m_trace->showEvaluation(m_document->evaluator(), rules, m_evaluation, m_connection);
}

void TestConnectionPanel::showMatching()
{
    const RuleSet &rules = m_document->ruleSet();
    m_matching->clear();
    const int count = int(m_evaluation.matching.size());
    m_matchingLabel->setText(
        count == 0       ? tr("Test-ClientAccessRule would return nothing: no rule matches.")
            : count == 1 ? tr("Test-ClientAccessRule would return 1 rule:")
                         : tr("Test-ClientAccessRule would return %1 rules:").arg(count));
    m_matching->setVisible(count > 0);
    for (int index : m_evaluation.matching) {
        if (index < 0 || index >= rules.size())
            continue;
        const Rule &rule = rules.at(index);
        auto *item = new QTreeWidgetItem(m_matching);
        item->setData(PriorityColumn, Qt::UserRole, index);
        item->setText(PriorityColumn, QString::number(index + 1));
        item->setText(NameColumn, rule.name);
        item->setText(ActionColumn, toString(rule.action));
        item->setIcon(ActionColumn,
                      consoleIcon(rule.action == Action::AllowAccess ? "allow" : "deny"));
        if (!rule.enabled) {
            item->setIcon(NameColumn, consoleIcon("disabled"));
            item->setText(NoteColumn, tr("disabled: never decides"));
            item->setForeground(NoteColumn, semanticColor(Semantic::Warning, palette()));
        } else if (index == m_evaluation.decidingRule) {
            item->setText(NoteColumn, tr("decides"));
        } else {
            item->setText(NoteColumn, tr("an earlier rule decides"));
        }
    }
}

void TestConnectionPanel::setDecidingRule(int ruleIndex)
{
    if (ruleIndex == m_lastDeciding)
        return;
    m_lastDeciding = ruleIndex;
    emit decidingRuleChanged(ruleIndex);
}

void TestConnectionPanel::setNote(const QString &text)
{
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

QString TestConnectionPanel::note() const
{
    return m_note->text();
}

SavedTest TestConnectionPanel::currentTest() const
{
    SavedTest test;
    test.user = m_user->currentText().trimmed();
    test.protocol = Protocol(m_protocol->currentData().toInt());
    test.authenticationType = AuthenticationType(m_authentication->currentData().toInt());
    if (const auto address = IpAddress::parse(m_address->text()))
        test.address = *address;
    test.port = m_port->value();
    test.middleTier = m_middleTier->isChecked();
    if (m_hasVerdict) {
        test.expectedAction = m_evaluation.action;
        const RuleSet &rules = m_document->ruleSet();
        if (m_evaluation.decidingRule >= 0 && m_evaluation.decidingRule < rules.size())
            test.expectedRule = rules.at(m_evaluation.decidingRule).name;
    }
    return test;
}

QString TestConnectionPanel::testCommand() const
{
    if (!m_hasVerdict)
        return QString();
    return QStringLiteral("Test-ClientAccessRule -User %1 -Protocol %2 -AuthenticationType %3 "
                          "-RemoteAddress %4 -RemotePort %5")
        .arg(argument(m_connection.userText), toString(m_connection.protocol),
             toString(m_connection.authenticationType), m_connection.address.toString())
        .arg(m_connection.port);
}

} // namespace Car
