// The Test connection panel over a document with the demo workspace: verdicts, the trace, the
// Test-ClientAccessRule list, invalid input shown in place, and re-evaluation on changes.

#include "demoworkspace.h"
#include "directory.h"
#include "fakerulestore.h"
#include "rulesetdocument.h"
#include "testconnectionpanel.h"
#include "tracetree.h"
#include "verdictbanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QAbstractItemView>
#include <QCompleter>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace Car;

namespace {

const QString ItUser = QStringLiteral("lee.gu@contoso.com");
const QString HrUser = QStringLiteral("diego.siciliani@contoso.com");
const QString PublicAddress = QStringLiteral("203.0.113.25");

std::unique_ptr<RuleSetDocument> makeDocument(const WorkspaceData &data = makeDemoWorkspace())
{
    auto document = std::make_unique<RuleSetDocument>(std::make_unique<FakeRuleStore>(data));
    const StoreResult loaded = document->load();
    if (!loaded)
        qFatal("load failed: %s", qPrintable(loaded.error));
    return document;
}

int ruleIndex(const RuleSetDocument &document, const char16_t *name)
{
    return document.ruleSet().indexOfName(QString::fromUtf16(name));
}

} // namespace

class TestConnectionPanelTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void verdict_data();
    void verdict();
    void traceExplainsTheDecidingRule();
    void rulesAfterTheDecisionAreNotEvaluated();
    void matchingListFlagsDisabledRules();
    void invalidAddressIsShownInPlace();
    void typingAUserReevaluates();
    void freeTextUsers_data();
    void freeTextUsers();
    void reevaluatesWhenRulesChange();
    void reevaluatesWhenTheDirectoryChanges();
    void exchangeServerOffersOnlyItsProtocols();
    void testCommandIsTheCmdletLine();
    void unfilterableAuthenticationTypesAreExplained();
    void completesFromALargeDirectory();

private:
    QTemporaryDir m_runtime;
};

void TestConnectionPanelTest::initTestCase()
{
    QVERIFY(m_runtime.isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
}

void TestConnectionPanelTest::verdict_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<QString>("address");
    QTest::addColumn<Semantic>("semantic");
    QTest::addColumn<QString>("title");
    QTest::addColumn<int>("deciding");

    QTest::newRow("IT user at the admin center: the IT-only filter is false, default allow")
        << ItUser << Protocol::ExchangeAdminCenter << PublicAddress << Semantic::Allow
        << QStringLiteral("Allowed") << -1;
    QTest::newRow("HR user at the admin center: denied by the IT-only rule")
        << HrUser << Protocol::ExchangeAdminCenter << PublicAddress << Semantic::Deny
        << QStringLiteral("Denied by 'Allow access to EAC only for IT'") << 2;
    QTest::newRow("HR user by alias resolves to the same directory user")
        << QStringLiteral("DiegoS") << Protocol::ExchangeAdminCenter << PublicAddress
        << Semantic::Deny << QStringLiteral("Denied by 'Allow access to EAC only for IT'") << 2;
    QTest::newRow("HR user over Remote PowerShell: rule 1 allows before any deny")
        << HrUser << Protocol::RemotePowerShell << PublicAddress << Semantic::Allow
        << QStringLiteral("Allowed by 'Always Allow Remote PowerShell'") << 0;
    QTest::newRow("user outside the directory: the filter is false, default allow")
        << QStringLiteral("someone@fabrikam.com") << Protocol::ExchangeAdminCenter << PublicAddress
        << Semantic::Allow << QStringLiteral("Allowed") << -1;
    QTest::newRow("HR user over OWA: no rule names OWA")
        << HrUser << Protocol::OutlookWebApp << QStringLiteral("2001:db8::7") << Semantic::Allow
        << QStringLiteral("Allowed") << -1;
}

void TestConnectionPanelTest::verdict()
{
    QFETCH(QString, user);
    QFETCH(Protocol, protocol);
    QFETCH(QString, address);
    QFETCH(Semantic, semantic);
    QFETCH(QString, title);
    QFETCH(int, deciding);

    auto document = makeDocument();
    TestConnectionPanel panel(document.get());
    panel.setConnection(user, protocol, AuthenticationType::BasicAuthentication, address);

    auto *banner = panel.findChild<VerdictBanner *>(QStringLiteral("verdictBanner"));
    QVERIFY(banner);
    QVERIFY(panel.hasVerdict());
    QCOMPARE(banner->semantic(), semantic);
    QCOMPARE(banner->title(), title);
    QCOMPARE(panel.decidingRule(), deciding);
    QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("verdictTitle"))->text(), title);
}

void TestConnectionPanelTest::traceExplainsTheDecidingRule()
{
    auto document = makeDocument();
    TestConnectionPanel panel(document.get());
    panel.setConnection(HrUser, Protocol::ExchangeAdminCenter,
                        AuthenticationType::BasicAuthentication, PublicAddress);

    auto *trace = panel.findChild<TraceTree *>(QStringLiteral("traceTree"));
    QVERIFY(trace);
    QCOMPARE(trace->topLevelItemCount(), 3);

    const int itOnly = ruleIndex(*document, DemoRules::EacOnlyForIt);
    QTreeWidgetItem *rule = trace->ruleItem(itOnly);
    QVERIFY(rule);
    QVERIFY(rule->text(0).contains(QStringLiteral("Allow access to EAC only for IT")));
    QVERIFY2(rule->text(1).contains(QStringLiteral("decides")), qPrintable(rule->text(1)));
    QCOMPARE(rule->childCount(), 2);
    QTreeWidgetItem *protocols = rule->child(0);
    QCOMPARE(protocols->data(0, TraceTree::ParameterRole).toString(),
             QStringLiteral("AnyOfProtocols"));
    QVERIFY(protocols->data(0, TraceTree::HeldRole).toBool());
    QTreeWidgetItem *filter = rule->child(1);
    QCOMPARE(filter->data(0, TraceTree::ParameterRole).toString(),
             QStringLiteral("UserRecipientFilter"));
    QVERIFY(filter->data(0, TraceTree::HeldRole).toBool());
    QVERIFY2(filter->text(0).contains(QStringLiteral("Department is 'HR'")),
             qPrintable(filter->text(0)));

    // Rule 1 was evaluated and failed on its protocol.
    QTreeWidgetItem *allowRps = trace->ruleItem(0);
    QVERIFY(!allowRps->data(0, TraceTree::NotEvaluatedRole).toBool());
    QVERIFY(!allowRps->child(0)->data(0, TraceTree::HeldRole).toBool());
    QVERIFY2(allowRps->child(0)->text(0).contains(QStringLiteral("is not one of")),
             qPrintable(allowRps->child(0)->text(0)));

    // The IT user: the same filter condition does not hold, and says why.
    panel.testUser(ItUser);
    filter = trace->ruleItem(itOnly)->child(1);
    QVERIFY(!filter->data(0, TraceTree::HeldRole).toBool());
    QVERIFY2(filter->text(0).contains(QStringLiteral("Department is 'IT'")),
             qPrintable(filter->text(0)));
    QVERIFY(trace->ruleItem(itOnly)->text(1).contains(QStringLiteral("no match")));
}

void TestConnectionPanelTest::rulesAfterTheDecisionAreNotEvaluated()
{
    auto document = makeDocument();
    TestConnectionPanel panel(document.get());
    panel.setConnection(HrUser, Protocol::RemotePowerShell,
                        AuthenticationType::NonBasicAuthentication, PublicAddress);
    auto *trace = panel.findChild<TraceTree *>(QStringLiteral("traceTree"));
    QVERIFY(trace->ruleItem(0)->text(1).contains(QStringLiteral("decides")));
    for (int index : {1, 2}) {
        QTreeWidgetItem *item = trace->ruleItem(index);
        QVERIFY(item->data(0, TraceTree::NotEvaluatedRole).toBool());
        QVERIFY2(item->text(1).startsWith(QStringLiteral("not evaluated (decided by rule 1)")),
                 qPrintable(item->text(1)));
        QVERIFY(!item->isExpanded());
    }
}

void TestConnectionPanelTest::matchingListFlagsDisabledRules()
{
    auto document = makeDocument();
    TestConnectionPanel panel(document.get());
    // From outside the management network the disabled MGMT rule matches too.
    panel.setConnection(HrUser, Protocol::ExchangeAdminCenter,
                        AuthenticationType::BasicAuthentication, PublicAddress);
    auto *list = panel.findChild<QTreeWidget *>(QStringLiteral("matchingList"));
    QVERIFY(list);
    QCOMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(list->topLevelItem(0)->text(1), QString::fromUtf16(DemoRules::EacOnlyForMgmt));
    QVERIFY(list->topLevelItem(0)->text(3).contains(QStringLiteral("disabled")));
    QCOMPARE(list->topLevelItem(1)->text(1), QString::fromUtf16(DemoRules::EacOnlyForIt));
    QCOMPARE(list->topLevelItem(1)->text(3), QStringLiteral("decides"));

    // From the management network the MGMT rule's exception applies: it is not listed.
    panel.setConnection(HrUser, Protocol::ExchangeAdminCenter,
                        AuthenticationType::BasicAuthentication, QStringLiteral("192.168.10.7"));
    QCOMPARE(list->topLevelItemCount(), 1);

    // The IT user at the admin center from outside: only the disabled rule matches; allowed.
    panel.setConnection(ItUser, Protocol::ExchangeAdminCenter,
                        AuthenticationType::BasicAuthentication, PublicAddress);
    QCOMPARE(panel.decidingRule(), -1);
    QCOMPARE(list->topLevelItemCount(), 1);
    QVERIFY(list->topLevelItem(0)->text(3).contains(QStringLiteral("never decides")));
}

void TestConnectionPanelTest::invalidAddressIsShownInPlace()
{
    auto document = makeDocument();
    TestConnectionPanel panel(document.get());
    panel.show();
    panel.setConnection(HrUser, Protocol::ExchangeAdminCenter,
                        AuthenticationType::BasicAuthentication, PublicAddress);
    QCOMPARE(panel.decidingRule(), 2);
    QSignalSpy deciding(&panel, &TestConnectionPanel::decidingRuleChanged);

    auto *address = panel.findChild<QLineEdit *>(QStringLiteral("addressEdit"));
    auto *error = panel.findChild<QLabel *>(QStringLiteral("addressError"));
    QVERIFY(address && error);
    QVERIFY(!error->isVisible());
    address->clear();
    QTest::keyClicks(address, QStringLiteral("203.0.113.300"));

    QVERIFY(error->isVisible());
    QVERIFY2(!error->text().isEmpty(), "the reason is shown next to the field");
    QVERIFY(!panel.hasVerdict());
    QCOMPARE(panel.decidingRule(), -1);
    auto *banner = panel.findChild<VerdictBanner *>(QStringLiteral("verdictBanner"));
    QCOMPARE(banner->semantic(), Semantic::Neutral);
    QCOMPARE(panel.findChild<QTreeWidget *>(QStringLiteral("matchingList"))->topLevelItemCount(),
             0);
    QVERIFY(!deciding.isEmpty());
    QCOMPARE(deciding.last().at(0).toInt(), -1);

    // Fixing it brings the verdict back.
    QTest::keyClick(address, Qt::Key_Backspace);
    QTest::keyClick(address, Qt::Key_Backspace);
    QVERIFY(!error->isVisible());
    QVERIFY(panel.hasVerdict());
    QCOMPARE(deciding.last().at(0).toInt(), 2);
}

void TestConnectionPanelTest::typingAUserReevaluates()
{
    auto document = makeDocument();
    TestConnectionPanel panel(document.get());
    panel.show();
    panel.setConnection(ItUser, Protocol::ExchangeAdminCenter,
                        AuthenticationType::BasicAuthentication, PublicAddress);
    auto *combo = panel.findChild<QComboBox *>(QStringLiteral("userCombo"));
    QVERIFY(combo && combo->isEditable());
    QCOMPARE(combo->count(), document->directory().size());
    combo->lineEdit()->clear();
    QTest::keyClicks(combo->lineEdit(), HrUser);
    QCOMPARE(panel.decidingRule(), 2);

    // Part of a display name finds the user; choosing the completion puts in the UPN.
    combo->lineEdit()->clear();
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("lee g"));
    QAbstractItemView *popup = combo->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QCOMPARE(popup->model()->rowCount(), 1); // the display name "Lee Gu"
    QTest::keyClick(popup, Qt::Key_Down);
    QTest::keyClick(popup, Qt::Key_Return);
    QCOMPARE(combo->currentText(), ItUser);
    QCOMPARE(panel.decidingRule(), -1);
    combo->lineEdit()->clear();
    QTest::keyClicks(combo->lineEdit(), HrUser);
    auto *info = panel.findChild<QLabel *>(QStringLiteral("userInfo"));
    QCOMPARE(info->text(), QStringLiteral("Diego Siciliani (HR), in the directory"));
    auto *banner = panel.findChild<VerdictBanner *>(QStringLiteral("verdictBanner"));
    QVERIFY2(banner->detail().contains(QStringLiteral("contoso.com\\diego.siciliani")),
             qPrintable(banner->detail()));
}

void TestConnectionPanelTest::freeTextUsers_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("username");
    QTest::newRow("name@domain becomes domain\\name")
        << QStringLiteral("someone@fabrikam.com") << QStringLiteral("fabrikam.com\\someone");
    QTest::newRow("DOMAIN\\name is used as written")
        << QStringLiteral("FABRIKAM\\someone") << QStringLiteral("FABRIKAM\\someone");
    QTest::newRow("a directory user by account name gets the UPN form")
        << QStringLiteral("pattif") << QStringLiteral("contoso.com\\patti.fernandez");
}

void TestConnectionPanelTest::freeTextUsers()
{
    QFETCH(QString, user);
    QFETCH(QString, username);
    auto document = makeDocument();
    TestConnectionPanel panel(document.get());
    panel.testUser(user);
    QVERIFY(panel.hasVerdict());
    auto *banner = panel.findChild<VerdictBanner *>(QStringLiteral("verdictBanner"));
    QVERIFY2(banner->detail().contains(username), qPrintable(banner->detail()));
}

void TestConnectionPanelTest::reevaluatesWhenRulesChange()
{
    auto document = makeDocument();
    TestConnectionPanel panel(document.get());
    panel.setConnection(HrUser, Protocol::ExchangeAdminCenter,
                        AuthenticationType::BasicAuthentication, PublicAddress);
    QSignalSpy deciding(&panel, &TestConnectionPanel::decidingRuleChanged);
    const int mgmt = ruleIndex(*document, DemoRules::EacOnlyForMgmt);
    QVERIFY(document->setRuleEnabled(mgmt, true).ok);
    QCOMPARE(panel.decidingRule(), mgmt);
    QCOMPARE(deciding.count(), 1);
    QCOMPARE(deciding.last().at(0).toInt(), mgmt);
    auto *banner = panel.findChild<VerdictBanner *>(QStringLiteral("verdictBanner"));
    QCOMPARE(banner->title(), QStringLiteral("Denied by 'Allow EAC access only for MGMT'"));

    document->undoStack()->undo();
    QCOMPARE(panel.decidingRule(), 2);
}

void TestConnectionPanelTest::reevaluatesWhenTheDirectoryChanges()
{
    auto document = makeDocument();
    TestConnectionPanel panel(document.get());
    panel.setConnection(HrUser, Protocol::ExchangeAdminCenter,
                        AuthenticationType::BasicAuthentication, PublicAddress);
    QCOMPARE(panel.decidingRule(), 2);
    QSignalSpy deciding(&panel, &TestConnectionPanel::decidingRuleChanged);

    // Editing someone else resets the directory model; the verdict for the HR user stands and
    // no other user is evaluated in between.
    const int other = document->directory().indexOfUpn(QStringLiteral("megan.bowen@contoso.com"));
    DirectoryUser megan = document->directory().user(other);
    megan.setAttribute(Attribute::City, QStringLiteral("Seattle"));
    QVERIFY(document->saveUser(megan, other).ok);
    QCOMPARE(panel.decidingRule(), 2);
    QCOMPARE(deciding.count(), 0);

    const int row = document->directory().indexOfUpn(HrUser);
    DirectoryUser moved = document->directory().user(row);
    moved.setAttribute(Attribute::Department, QStringLiteral("IT"));
    QVERIFY(document->saveUser(moved, row).ok);
    QCOMPARE(panel.decidingRule(), -1);
    QCOMPARE(panel.findChild<QComboBox *>(QStringLiteral("userCombo"))->currentText(), HrUser);
    // One change, one signal: the reset never evaluated some other user in between.
    QCOMPARE(deciding.count(), 1);

    QVERIFY(document->removeUser(document->directory().indexOfUpn(HrUser)).ok);
    auto *info = panel.findChild<QLabel *>(QStringLiteral("userInfo"));
    QVERIFY2(info->text().contains(QStringLiteral("Not in the directory")),
             qPrintable(info->text()));
}

void TestConnectionPanelTest::exchangeServerOffersOnlyItsProtocols()
{
    auto document = makeDocument();
    TestConnectionPanel panel(document.get());
    auto *protocols = panel.findChild<QComboBox *>(QStringLiteral("protocolCombo"));
    QCOMPARE(protocols->count(), ProtocolCount - 1); // every protocol but UniversalOutlook
    QCOMPARE(protocols->findText(QStringLiteral("UniversalOutlook")), -1);

    QVERIFY(document->setEnvironment(Environment::ExchangeServer, QStringLiteral("CONTOSO")).ok);
    QCOMPARE(protocols->count(), 2);
    QVERIFY(protocols->findText(QStringLiteral("ExchangeAdminCenter")) >= 0);
    QVERIFY(protocols->findText(QStringLiteral("RemotePowerShell")) >= 0);
    panel.testUser(HrUser);
    auto *banner = panel.findChild<VerdictBanner *>(QStringLiteral("verdictBanner"));
    QVERIFY2(banner->detail().contains(QStringLiteral("CONTOSO\\diegos")),
             qPrintable(banner->detail()));
}

void TestConnectionPanelTest::testCommandIsTheCmdletLine()
{
    auto document = makeDocument();
    TestConnectionPanel panel(document.get());
    panel.setConnection(HrUser, Protocol::ExchangeAdminCenter,
                        AuthenticationType::AdfsAuthentication, PublicAddress, 50123);
    QCOMPARE(panel.findChild<QLineEdit *>(QStringLiteral("testCommand"))->text(),
             QStringLiteral("Test-ClientAccessRule -User diego.siciliani@contoso.com -Protocol "
                            "ExchangeAdminCenter -AuthenticationType AdfsAuthentication "
                            "-RemoteAddress 203.0.113.25 -RemotePort 50123"));
    panel.testUser(QStringLiteral("O'Brien Sales"));
    QVERIFY(panel.testCommand().contains(QStringLiteral("-User 'O''Brien Sales'")));
}

void TestConnectionPanelTest::unfilterableAuthenticationTypesAreExplained()
{
    auto document = makeDocument();
    TestConnectionPanel panel(document.get());
    auto *protocols = panel.findChild<QComboBox *>(QStringLiteral("protocolCombo"));
    auto *types = panel.findChild<QComboBox *>(QStringLiteral("authenticationCombo"));
    const auto tip = [types](AuthenticationType type) {
        return types->itemData(types->findData(int(type)), Qt::ToolTipRole).toString();
    };
    protocols->setCurrentIndex(protocols->findData(int(Protocol::ExchangeAdminCenter)));
    QVERIFY(tip(AuthenticationType::BasicAuthentication).isEmpty());
    QVERIFY(tip(AuthenticationType::AdfsAuthentication).isEmpty());
    QVERIFY(tip(AuthenticationType::OAuthAuthentication)
                .contains(QStringLiteral("cannot be filtered")));
    protocols->setCurrentIndex(protocols->findData(int(Protocol::ExchangeWebServices)));
    QVERIFY(!tip(AuthenticationType::BasicAuthentication).isEmpty()); // EWS: no auth filtering
}

void TestConnectionPanelTest::completesFromALargeDirectory()
{
    auto document = makeDocument();
    Directory big = document->directory();
    for (int i = 0; i < 100000; ++i) {
        DirectoryUser user;
        user.userPrincipalName = QStringLiteral("user%1@contoso.com").arg(i);
        user.displayName = QStringLiteral("Test User %1").arg(i);
        user.setAttribute(Attribute::Department, QStringLiteral("Sales"));
        QVERIFY(big.addUser(user));
    }
    QElapsedTimer timer;
    timer.start();
    QVERIFY(document->replaceDirectory(big).ok);
    TestConnectionPanel panel(document.get());
    panel.show();
    auto *combo = panel.findChild<QComboBox *>(QStringLiteral("userCombo"));
    combo->lineEdit()->clear();
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("Test User 9999"));
    QCompleter *completer = combo->completer();
    QVERIFY(completer);
    // Matches the display name anywhere: "Test User 9999" and "Test User 99990".."99999".
    QAbstractItemModel *shown = completer->completionModel();
    QCOMPARE(shown->rowCount(), 11);
    QCOMPARE(completer->pathFromIndex(shown->index(0, 0)), QStringLiteral("user9999@contoso.com"));
    QVERIFY(completer->popup()->isVisible());
    qInfo("100,000 users: load, show and 14 keystrokes took %lld ms", timer.elapsed());
}

QTEST_MAIN(TestConnectionPanelTest)
#include "tst_testconnectionpanel.moc"
