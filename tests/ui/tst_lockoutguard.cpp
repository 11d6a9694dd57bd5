// The lockout guard: the pure check (which protocol/authentication pairs the administrator loses,
// and to which rule), and the guard installed on a document, answered through the asker seam.

#include "demoworkspace.h"
#include "directory.h"
#include "fakerulestore.h"
#include "lockoutguard.h"
#include "lockoutguarddialog.h"
#include "rulesetdocument.h"

#include <QFile>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Car;

namespace {

Rule denyRule(const QString &name, QList<Protocol> protocols = {})
{
    Rule rule;
    rule.id = QUuid::createUuid();
    rule.name = name;
    rule.action = Action::DenyAccess;
    rule.anyOfProtocols = std::move(protocols);
    return rule;
}

IpRange range(const char *text)
{
    return *IpRange::parse(QString::fromLatin1(text));
}

// Protocol/authentication pairs as text, so that failures print readably.
using Pair = QString;

QStringList pairs(const LockoutReport &report)
{
    QStringList result;
    for (const LockoutDenial &denial : report.denials)
        result.append(Car::toString(denial.protocol) + QLatin1Char('/')
                      + Car::toString(denial.authenticationType));
    return result;
}

const Pair RpsBasic = QStringLiteral("RemotePowerShell/BasicAuthentication");
const Pair RpsNonBasic = QStringLiteral("RemotePowerShell/NonBasicAuthentication");
const Pair EacBasic = QStringLiteral("ExchangeAdminCenter/BasicAuthentication");
const Pair EacAdfs = QStringLiteral("ExchangeAdminCenter/AdfsAuthentication");

} // namespace

class LockoutGuardTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void check_data();
    void check();
    void unconfiguredAdminChecksNothing_data();
    void unconfiguredAdminChecksNothing();
    void badgesNameTheDenyingRules();
    void safetyRuleGetsAFreeName();
    void safetyRuleCannotBeAddedToAFullSet();
    void guardAddsTheAllowRuleInOneUndoStep();
    void guardCancelChangesNothing();
    void guardApplyAnyway();
    void guardStaysQuietForHarmlessChanges();
    void guardAsksAboutTheAdminCenterWithoutOfferingTheRule();
    void dialogAnswers();

private:
    QTemporaryDir m_runtime;
};

void LockoutGuardTest::initTestCase()
{
    QVERIFY(m_runtime.isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
}

void LockoutGuardTest::cleanup()
{
    setLockoutAsker({});
}

void LockoutGuardTest::check_data()
{
    QTest::addColumn<RuleSet>("rules");
    QTest::addColumn<QStringList>("denied");
    QTest::addColumn<QList<int>>("rules_denying");

    const WorkspaceData demo = makeDemoWorkspace();
    QTest::newRow("demo workspace: the admin is in IT and RPS is allowed first")
        << demo.ruleSet << QStringList {} << QList<int> {};

    RuleSet blockAll = demo.ruleSet;
    blockAll.insertRule(denyRule(QStringLiteral("Block everything")), 1);
    QTest::newRow("a rule without conditions at the top denies every way in")
        << blockAll << QStringList {RpsBasic, RpsNonBasic, EacBasic, EacAdfs} << QList<int> {0};

    RuleSet shielded = demo.ruleSet;
    shielded.insertRule(denyRule(QStringLiteral("Block RPS"), {Protocol::RemotePowerShell}));
    QTest::newRow("a deny RPS rule below 'Always Allow Remote PowerShell' is shielded")
        << shielded << QStringList {} << QList<int> {};

    RuleSet nonBasic = demo.ruleSet;
    Rule modernOnly = denyRule(QStringLiteral("No modern RPS"), {Protocol::RemotePowerShell});
    modernOnly.anyOfAuthenticationTypes = {AuthenticationType::NonBasicAuthentication};
    nonBasic.insertRule(modernOnly, 1);
    QTest::newRow("an auth-type condition denies only that type")
        << nonBasic << QStringList {RpsNonBasic} << QList<int> {0};

    RuleSet mgmt = demo.ruleSet;
    Rule enabled = mgmt.at(1);
    enabled.enabled = true;
    mgmt.updateRule(1, enabled);
    QTest::newRow("enabling the MGMT rule denies the admin's public address the EAC")
        << mgmt << QStringList {EacBasic, EacAdfs} << QList<int> {1};

    RuleSet excepted = demo.ruleSet;
    Rule exceptAdmin =
        denyRule(QStringLiteral("EAC from the office only"), {Protocol::ExchangeAdminCenter});
    exceptAdmin.exceptAnyOfClientIPAddressesOrRanges = {range("203.0.113.0/24")};
    excepted.insertRule(exceptAdmin, 1);
    QTest::newRow("an exception for the admin's network keeps the EAC open")
        << excepted << QStringList {} << QList<int> {};

    RuleSet byPattern = demo.ruleSet;
    byPattern.removeRule(0);
    Rule patterns = denyRule(QStringLiteral("Block nestor"));
    patterns.usernameMatchesAnyOfPatterns = {*UsernamePattern::parse(u"*\\nestor.wilke")};
    byPattern.insertRule(patterns);
    QTest::newRow("without the allow rule a username pattern catches the admin everywhere")
        << byPattern << QStringList {RpsBasic, RpsNonBasic, EacBasic, EacAdfs} << QList<int> {2};

    RuleSet disabled = blockAll;
    Rule off = disabled.at(0);
    off.enabled = false;
    disabled.updateRule(0, off);
    QTest::newRow("a disabled rule never locks anyone out")
        << disabled << QStringList {} << QList<int> {};
}

void LockoutGuardTest::check()
{
    QFETCH(RuleSet, rules);
    QFETCH(QStringList, denied);
    QFETCH(QList<int>, rules_denying);
    const WorkspaceData demo = makeDemoWorkspace();
    const LockoutReport report = checkLockout(rules, demo.directory, demo.admin);
    QVERIFY2(report.configured, qPrintable(report.problem));
    QCOMPARE(pairs(report), denied);
    QCOMPARE(report.denyingRules(), rules_denying);
    QCOMPARE(report.isLockedOut(), !denied.isEmpty());
}

void LockoutGuardTest::unconfiguredAdminChecksNothing_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("problem");
    QTest::newRow("no user") << QString() << QStringLiteral("203.0.113.25")
                             << QStringLiteral("No administrator");
    QTest::newRow("no address") << QStringLiteral("nestor.wilke@contoso.com") << QString()
                                << QStringLiteral("not set");
    QTest::newRow("bad address") << QStringLiteral("nestor.wilke@contoso.com")
                                 << QStringLiteral("203.0.113") << QStringLiteral("not valid");
}

void LockoutGuardTest::unconfiguredAdminChecksNothing()
{
    QFETCH(QString, user);
    QFETCH(QString, address);
    QFETCH(QString, problem);
    WorkspaceData demo = makeDemoWorkspace();
    demo.ruleSet.insertRule(denyRule(QStringLiteral("Block everything")), 1);
    const LockoutReport report =
        checkLockout(demo.ruleSet, demo.directory, AdminSettings {user, address});
    QVERIFY(!report.configured);
    QVERIFY2(report.problem.contains(problem), qPrintable(report.problem));
    QVERIFY(report.denials.isEmpty());
}

void LockoutGuardTest::badgesNameTheDenyingRules()
{
    WorkspaceData demo = makeDemoWorkspace();
    demo.ruleSet.insertRule(denyRule(QStringLiteral("Block everything")), 1);
    const LockoutReport report = checkLockout(demo.ruleSet, demo.directory, demo.admin);
    QCOMPARE(report.denialsBy(0).size(), 4);
    QVERIFY(report.denialsBy(1).isEmpty());
    const QString text = describeDenials(report.denialsBy(0));
    const QString expected =
        QStringLiteral("RemotePowerShell (%1, %2) and ExchangeAdminCenter (%1, %3) denied by "
                       "rule 1 'Block everything'")
            .arg(displayName(AuthenticationType::BasicAuthentication),
                 displayName(AuthenticationType::NonBasicAuthentication),
                 displayName(AuthenticationType::AdfsAuthentication));
    QCOMPARE(text, expected);
}

void LockoutGuardTest::safetyRuleGetsAFreeName()
{
    const WorkspaceData demo = makeDemoWorkspace();
    const Rule rule = alwaysAllowRemotePowerShellRule(demo.ruleSet);
    QCOMPARE(rule.name, QStringLiteral("Always Allow Remote PowerShell (2)"));
    QVERIFY(rule.action == Action::AllowAccess);
    QVERIFY(rule.anyOfProtocols == QList<Protocol> {Protocol::RemotePowerShell});

    RuleSet empty;
    QCOMPARE(alwaysAllowRemotePowerShellRule(empty).name,
             QStringLiteral("Always Allow Remote PowerShell"));
    RuleSet set = demo.ruleSet;
    QVERIFY(insertAlwaysAllowRemotePowerShell(set).ok);
    QCOMPARE(set.at(0).name, QStringLiteral("Always Allow Remote PowerShell (2)"));
    QCOMPARE(freeRuleName(set, QStringLiteral("always allow remote powershell")),
             QStringLiteral("always allow remote powershell (3)"));
    const QString longName(Rule::MaxNameLength, QLatin1Char('x'));
    set.insertRule([&] {
        Rule r = denyRule(longName);
        r.enabled = false;
        return r;
    }());
    QCOMPARE(freeRuleName(set, longName).size(), Rule::MaxNameLength);
    QVERIFY(freeRuleName(set, longName).endsWith(QStringLiteral(" (2)")));
}

void LockoutGuardTest::safetyRuleCannotBeAddedToAFullSet()
{
    RuleSet full;
    for (int i = 0; i < RuleSet::MaxRules; ++i)
        QVERIFY(
            full.insertRule(denyRule(QStringLiteral("Rule %1").arg(i + 1), {Protocol::IMAP4})).ok);
    const RuleSet before = full;
    const RuleSet::Outcome outcome = insertAlwaysAllowRemotePowerShell(full);
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.error.contains(QStringLiteral("20")));
    QCOMPARE(full, before);
}

void LockoutGuardTest::guardAddsTheAllowRuleInOneUndoStep()
{
    auto *store = new FakeRuleStore(makeDemoWorkspace());
    RuleSetDocument document {std::unique_ptr<RuleStore>(store)};
    QVERIFY(document.load().ok);
    installLockoutGuard(&document, nullptr);
    QList<LockoutQuestion> asked;
    setLockoutAsker([&](const LockoutQuestion &question, QWidget *) {
        asked.append(question);
        return LockoutAnswer::AddAllowRule;
    });
    const RuleSet before = document.ruleSet();
    const int steps = document.undoStack()->count();

    const RuleSet::Outcome outcome =
        document.addRule(denyRule(QStringLiteral("Block everything")), 1);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(asked.size(), 1);
    QVERIFY(asked.first().canAddAllowRule);
    QCOMPARE(asked.first().newDenials.size(), 4);
    QCOMPARE(asked.first().allowRuleName, QStringLiteral("Always Allow Remote PowerShell (2)"));
    // The EAC stays denied even with the safety rule; the question says so.
    QCOMPARE(asked.first().remainingWithAllowRule.size(), 2);

    QCOMPARE(document.ruleSet().size(), 5);
    QCOMPARE(document.ruleSet().at(0).name, QStringLiteral("Always Allow Remote PowerShell (2)"));
    QVERIFY(document.ruleSet().at(0).action == Action::AllowAccess);
    QCOMPARE(document.ruleSet().at(1).name, QStringLiteral("Block everything"));
    QCOMPARE(document.undoStack()->count(), steps + 1);
    QCOMPARE(store->data().ruleSet, document.ruleSet());
    QVERIFY(!checkLockout(document.ruleSet(), document.directory(), document.admin())
                 .denies(Protocol::RemotePowerShell));

    document.undoStack()->undo();
    QCOMPARE(document.ruleSet(), before);
    QCOMPARE(store->data().ruleSet, before);
    document.undoStack()->redo();
    QCOMPARE(document.ruleSet().size(), 5);
    QCOMPARE(document.ruleSet().at(0).name, QStringLiteral("Always Allow Remote PowerShell (2)"));
    QCOMPARE(asked.size(), 1); // undo and redo do not ask again
}

void LockoutGuardTest::guardCancelChangesNothing()
{
    auto *store = new FakeRuleStore(makeDemoWorkspace());
    RuleSetDocument document {std::unique_ptr<RuleStore>(store)};
    QVERIFY(document.load().ok);
    installLockoutGuard(&document, nullptr);
    int asked = 0;
    setLockoutAsker([&](const LockoutQuestion &, QWidget *) {
        ++asked;
        return LockoutAnswer::Cancel;
    });
    const RuleSet before = document.ruleSet();
    const int writes = store->successfulWrites();

    // Removing "Always Allow Remote PowerShell" is harmless; disabling it and blocking RPS is not.
    Rule blockRps = denyRule(QStringLiteral("Block RPS"), {Protocol::RemotePowerShell});
    const RuleSet::Outcome outcome = document.addRule(blockRps, 1);
    QCOMPARE(asked, 1);
    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.error.contains(QStringLiteral("cancel"), Qt::CaseInsensitive),
             qPrintable(outcome.error));
    QCOMPARE(document.ruleSet(), before);
    QCOMPARE(store->data().ruleSet, before);
    QCOMPARE(store->successfulWrites(), writes);
    QCOMPARE(document.undoStack()->count(), 0);
}

void LockoutGuardTest::guardApplyAnyway()
{
    RuleSetDocument document {std::make_unique<FakeRuleStore>(makeDemoWorkspace())};
    QVERIFY(document.load().ok);
    installLockoutGuard(&document, nullptr);
    setLockoutAsker([](const LockoutQuestion &, QWidget *) { return LockoutAnswer::ApplyAnyway; });
    QVERIFY(document.setRuleEnabled(0, false).ok); // harmless alone: nothing denies RPS
    QVERIFY(
        document.addRule(denyRule(QStringLiteral("Block RPS"), {Protocol::RemotePowerShell})).ok);
    QCOMPARE(document.ruleSet().size(), 4);
    QCOMPARE(document.ruleSet().at(3).name, QStringLiteral("Block RPS"));
    QVERIFY(checkLockout(document.evaluator(), document.directory(), document.admin())
                .denies(Protocol::RemotePowerShell));
}

void LockoutGuardTest::guardStaysQuietForHarmlessChanges()
{
    RuleSetDocument document {std::make_unique<FakeRuleStore>(makeDemoWorkspace())};
    QVERIFY(document.load().ok);
    installLockoutGuard(&document, nullptr);
    int asked = 0;
    setLockoutAsker([&](const LockoutQuestion &, QWidget *) {
        ++asked;
        return LockoutAnswer::Cancel;
    });
    QVERIFY(document.addRule(denyRule(QStringLiteral("Block POP"), {Protocol::POP3})).ok);
    QVERIFY(document.moveRule(3, 0).ok);
    QVERIFY(document.removeRule(0).ok);
    QCOMPARE(asked, 0);

    // Already locked out before a change: only new denials ask.
    setLockoutAsker([&](const LockoutQuestion &, QWidget *) {
        ++asked;
        return LockoutAnswer::ApplyAnyway;
    });
    QVERIFY(document.addRule(denyRule(QStringLiteral("Block everything")), 1).ok);
    QCOMPARE(asked, 1);
    QVERIFY(document.addRule(denyRule(QStringLiteral("Block RPS"), {Protocol::RemotePowerShell}), 1)
                .ok);
    QCOMPARE(asked, 1);
}

void LockoutGuardTest::guardAsksAboutTheAdminCenterWithoutOfferingTheRule()
{
    RuleSetDocument document {std::make_unique<FakeRuleStore>(makeDemoWorkspace())};
    QVERIFY(document.load().ok);
    installLockoutGuard(&document, nullptr);
    QList<LockoutQuestion> asked;
    setLockoutAsker([&](const LockoutQuestion &question, QWidget *) {
        asked.append(question);
        return LockoutAnswer::AddAllowRule; // not on offer: treated as cancel
    });
    const int mgmt = document.ruleSet().indexOfName(QString::fromUtf16(DemoRules::EacOnlyForMgmt));
    const RuleSet::Outcome outcome = document.setRuleEnabled(mgmt, true);
    QCOMPARE(asked.size(), 1);
    QVERIFY(!asked.first().canAddAllowRule);
    QVERIFY(!asked.first().cannotAddReason.isEmpty());
    QCOMPARE(asked.first().newDenials.size(), 2);
    QVERIFY(!outcome.ok);
    QVERIFY(!document.ruleSet().at(mgmt).enabled);
}

void LockoutGuardTest::dialogAnswers()
{
    LockoutQuestion question;
    question.admin =
        AdminSettings {QStringLiteral("nestor.wilke@contoso.com"), QStringLiteral("203.0.113.25")};
    question.newDenials = {LockoutDenial {Protocol::RemotePowerShell,
                                          AuthenticationType::BasicAuthentication, 0,
                                          QStringLiteral("Block everything")}};
    question.allowRuleName = alwaysAllowRemotePowerShellName();
    question.canAddAllowRule = true;

    const struct
    {
        const char *button;
        LockoutAnswer answer;
    } cases[] = {{"addAllowRuleButton", LockoutAnswer::AddAllowRule},
                 {"applyAnywayButton", LockoutAnswer::ApplyAnyway},
                 {"cancelButton", LockoutAnswer::Cancel}};
    for (const auto &c : cases) {
        LockoutGuardDialog dialog(question);
        dialog.show();
        auto *button = dialog.findChild<QPushButton *>(QLatin1String(c.button));
        QVERIFY(button);
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(dialog.answer(), c.answer);
        QVERIFY(!dialog.isVisible());
    }

    question.canAddAllowRule = false;
    question.cannotAddReason = QStringLiteral("A rule set holds at most 20 rules.");
    LockoutGuardDialog full(question);
    auto *add = full.findChild<QPushButton *>(QStringLiteral("addAllowRuleButton"));
    QVERIFY(!add->isEnabled());
    QCOMPARE(add->toolTip(), question.cannotAddReason);
}

QTEST_MAIN(LockoutGuardTest)
#include "tst_lockoutguard.moc"
