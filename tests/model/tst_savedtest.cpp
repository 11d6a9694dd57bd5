// Saved tests: validation, and the runner deciding each test exactly as the Test connection
// panel does (makeConnection + the one Evaluator), with pass/fail and the actual decision.

#include <QTest>

#include "directory.h"
#include "evaluator.h"
#include "ruleset.h"
#include "savedtestrunner.h"
#include "usernamepattern.h"

using namespace Car;

Q_DECLARE_METATYPE(Car::SavedTest)

namespace {

IpAddress address(const char *text)
{
    return *IpAddress::parse(QString::fromUtf8(text));
}

RuleSet sampleRules()
{
    RuleSet set;
    Rule admins;
    admins.name = QStringLiteral("Always allow RPS for admins");
    admins.action = Action::AllowAccess;
    admins.anyOfProtocols = {Protocol::RemotePowerShell};
    admins.usernameMatchesAnyOfPatterns = {*UsernamePattern::parse(u"contoso.com\\admin*")};
    Rule eas;
    eas.name = QStringLiteral("Block EAS outside");
    eas.action = Action::DenyAccess;
    eas.anyOfProtocols = {Protocol::ExchangeActiveSync};
    eas.exceptAnyOfClientIPAddressesOrRanges = {*IpRange::parse(u"192.168.0.0/16")};
    Rule owa;
    owa.name = QStringLiteral("OWA only for IT");
    owa.action = Action::DenyAccess;
    owa.scope = Scope::Users;
    owa.anyOfProtocols = {Protocol::OutlookWebApp};
    owa.userRecipientFilter = QStringLiteral("Department -ne 'IT'");
    Rule disabled;
    disabled.name = QStringLiteral("Disabled deny all");
    disabled.action = Action::DenyAccess;
    disabled.enabled = false;
    for (const Rule &rule : {admins, eas, owa, disabled}) {
        const RuleSet::Outcome outcome = set.insertRule(rule);
        if (!outcome.ok)
            qFatal("sample rule rejected: %s", qPrintable(outcome.error));
    }
    return set;
}

Directory sampleDirectory()
{
    Directory directory;
    DirectoryUser julia;
    julia.userPrincipalName = QStringLiteral("julia@contoso.com");
    julia.setAttribute(Attribute::Department, QStringLiteral("Sales"));
    DirectoryUser admin;
    admin.userPrincipalName = QStringLiteral("admin@contoso.com");
    admin.setAttribute(Attribute::Department, QStringLiteral("IT"));
    directory.addUser(julia);
    directory.addUser(admin);
    return directory;
}

SavedTest makeTest(const char *user, Protocol protocol, const char *from, Action expected,
                   const char *rule = "", bool middleTier = false)
{
    SavedTest test;
    test.name = QStringLiteral("test");
    test.user = QString::fromUtf8(user);
    test.protocol = protocol;
    test.authenticationType = protocol == Protocol::RemotePowerShell
        ? AuthenticationType::NonBasicAuthentication
        : AuthenticationType::BasicAuthentication;
    test.address = address(from);
    test.middleTier = middleTier;
    test.expectedAction = expected;
    test.expectedRule = QString::fromUtf8(rule);
    return test;
}

} // namespace

class TestSavedTest : public QObject
{
    Q_OBJECT

private slots:
    void run_data();
    void run();
    void runAllKeepsOrderAndCountsFailures();
    void resultText_data();
    void resultText();
    void validate_data();
    void validate();
};

void TestSavedTest::run_data()
{
    QTest::addColumn<SavedTest>("test");
    QTest::addColumn<bool>("passed");
    QTest::addColumn<QString>("actualAction");
    QTest::addColumn<QString>("actualRule");
    QTest::addColumn<bool>("ruleMissing");

    const Action allow = Action::AllowAccess;
    const Action deny = Action::DenyAccess;
    QTest::newRow("denied by the named rule: pass") << makeTest(
        "julia@contoso.com", Protocol::ExchangeActiveSync, "203.0.113.9", deny, "Block EAS outside")
                                                    << true << "DenyAccess"
                                                    << "Block EAS outside" << false;
    QTest::newRow("the expected rule is compared ignoring case, as Exchange names are")
        << makeTest("julia@contoso.com", Protocol::ExchangeActiveSync, "203.0.113.9", deny,
                    "BLOCK eas OUTSIDE")
        << true << "DenyAccess"
        << "Block EAS outside" << false;
    QTest::newRow("no rule named: the action alone decides")
        << makeTest("julia@contoso.com", Protocol::ExchangeActiveSync, "203.0.113.9", deny) << true
        << "DenyAccess"
        << "Block EAS outside" << false;
    QTest::newRow("an exception lets it through and the disabled catch-all never decides")
        << makeTest("julia@contoso.com", Protocol::ExchangeActiveSync, "192.168.1.5", deny) << false
        << "AllowAccess"
        << "" << false;
    QTest::newRow("the right action by the wrong rule fails when a rule is named")
        << makeTest("admin@contoso.com", Protocol::RemotePowerShell, "203.0.113.9", allow,
                    "Block EAS outside")
        << false << "AllowAccess"
        << "Always allow RPS for admins" << false;
    QTest::newRow("the implicit allow fails a test that names a rule")
        << makeTest("julia@contoso.com", Protocol::ExchangeActiveSync, "192.168.1.5", allow,
                    "Block EAS outside")
        << false << "AllowAccess"
        << "" << false;
    QTest::newRow("a rule that no longer exists is flagged") << makeTest(
        "julia@contoso.com", Protocol::ExchangeActiveSync, "203.0.113.9", deny, "Renamed away")
                                                             << false << "DenyAccess"
                                                             << "Block EAS outside" << true;
    QTest::newRow("a user not in the directory makes the filter false: allowed")
        << makeTest("stranger@contoso.com", Protocol::OutlookWebApp, "203.0.113.9", allow) << true
        << "AllowAccess"
        << "" << false;
    QTest::newRow("the recipient filter sees the directory: Sales is denied OWA")
        << makeTest("julia@contoso.com", Protocol::OutlookWebApp, "203.0.113.9", deny,
                    "OWA only for IT")
        << true << "DenyAccess"
        << "OWA only for IT" << false;
    QTest::newRow("middle tier skips the Scope Users rule") << makeTest(
        "julia@contoso.com", Protocol::OutlookWebApp, "203.0.113.9", deny, "OWA only for IT", true)
                                                            << false << "AllowAccess"
                                                            << "" << false;
    QTest::newRow("the pattern sees the username string contoso.com\\admin")
        << makeTest("admin@contoso.com", Protocol::RemotePowerShell, "2001:db8::1", allow,
                    "Always allow RPS for admins")
        << true << "AllowAccess"
        << "Always allow RPS for admins" << false;
}

void TestSavedTest::run()
{
    QFETCH(SavedTest, test);
    QFETCH(bool, passed);
    QFETCH(QString, actualAction);
    QFETCH(QString, actualRule);
    QFETCH(bool, ruleMissing);
    const RuleSet rules = sampleRules();
    const Directory directory = sampleDirectory();
    const Evaluator evaluator(rules);

    const SavedTestResult result = SavedTestRunner::run(test, evaluator, directory);
    QCOMPARE(result.passed, passed);
    QCOMPARE(toString(result.actualAction), actualAction);
    QCOMPARE(result.actualRule, actualRule);
    QCOMPARE(result.expectedRuleMissing, ruleMissing);
    QVERIFY(result.test == test);

    // The same decision the Test connection panel shows for these inputs.
    const Connection connection =
        makeConnection(rules, directory, test.user, test.protocol, test.authenticationType,
                       test.address, test.port, test.middleTier);
    const Evaluation evaluation = evaluator.evaluate(connection);
    QCOMPARE(result.decidingRule, evaluation.decidingRule);
    QCOMPARE(toString(result.actualAction), toString(evaluation.action));
    QCOMPARE(result.username, connection.username);
}

void TestSavedTest::runAllKeepsOrderAndCountsFailures()
{
    QList<SavedTest> tests;
    const char *names[] = {"c", "a", "b"};
    const bool pass[] = {true, false, true};
    for (int i = 0; i < 3; ++i) {
        SavedTest test = makeTest("julia@contoso.com", Protocol::ExchangeActiveSync, "203.0.113.9",
                                  pass[i] ? Action::DenyAccess : Action::AllowAccess);
        test.name = QString::fromUtf8(names[i]);
        tests.append(test);
    }
    const QList<SavedTestResult> results =
        SavedTestRunner::runAll(tests, sampleRules(), sampleDirectory());
    QCOMPARE(results.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(results.at(i).test.name, QString::fromUtf8(names[i]));
        QCOMPARE(results.at(i).passed, pass[i]);
    }
    QCOMPARE(SavedTestRunner::failureCount(results), 1);
    QCOMPARE(SavedTestRunner::failureCount({}), 0);
    QVERIFY(SavedTestRunner::runAll({}, sampleRules(), sampleDirectory()).isEmpty());
}

void TestSavedTest::resultText_data()
{
    QTest::addColumn<SavedTest>("test");
    QTest::addColumn<QString>("text");
    SavedTest pass = makeTest("julia@contoso.com", Protocol::ExchangeActiveSync, "203.0.113.9",
                              Action::DenyAccess, "Block EAS outside");
    pass.name = QStringLiteral("EAS from home");
    QTest::newRow("a pass names the deciding rule and its priority")
        << pass
        << QStringLiteral("PASS 'EAS from home': DenyAccess by 'Block EAS outside' "
                          "(priority 2)");
    SavedTest fail = makeTest("julia@contoso.com", Protocol::ExchangeActiveSync, "192.168.1.5",
                              Action::DenyAccess, "Block EAS outside");
    fail.name = QStringLiteral("EAS from the office");
    QTest::newRow("a failure says what was expected and what happened")
        << fail
        << QStringLiteral("FAIL 'EAS from the office': expected DenyAccess by 'Block EAS "
                          "outside', got AllowAccess (no rule matched)");
    SavedTest gone = pass;
    gone.expectedRule = QStringLiteral("Gone");
    QTest::newRow("a failure against a missing rule says so")
        << gone
        << QStringLiteral("FAIL 'EAS from home': expected DenyAccess by 'Gone', got "
                          "DenyAccess by 'Block EAS outside' (priority 2); the rule set "
                          "has no rule named 'Gone'");
}

void TestSavedTest::resultText()
{
    QFETCH(SavedTest, test);
    QFETCH(QString, text);
    const Evaluator evaluator(sampleRules());
    QCOMPARE(SavedTestRunner::run(test, evaluator, sampleDirectory()).toText(), text);
}

void TestSavedTest::validate_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("expected");
    QTest::newRow("valid") << "EAS from home"
                           << "julia@contoso.com" << 443 << "";
    QTest::newRow("ports 1 and 65535 are the bounds") << "x"
                                                      << "u" << 65535 << "";
    QTest::newRow("an empty name cannot be listed or removed")
        << ""
        << "julia@contoso.com" << 443 << "empty";
    QTest::newRow("a trailing blank would make two names look alike")
        << "x "
        << "julia@contoso.com" << 443 << "blank";
    QTest::newRow("a tab is a control character") << "a\tb"
                                                  << "u" << 443 << "control character";
    QTest::newRow("no user: nothing to decide") << "x"
                                                << "  " << 443 << "no user";
    QTest::newRow("port 0") << "x"
                            << "u" << 0 << "1 to 65535";
    QTest::newRow("port 65536") << "x"
                                << "u" << 65536 << "1 to 65535";
    QTest::newRow("too long") << QString(SavedTest::MaxNameLength + 1, QLatin1Char('n')) << "u"
                              << 443 << "at most 200";
}

void TestSavedTest::validate()
{
    QFETCH(QString, name);
    QFETCH(QString, user);
    QFETCH(int, port);
    QFETCH(QString, expected);
    SavedTest test;
    test.name = name;
    test.user = user;
    test.port = port;
    const QString error = test.validate();
    if (expected.isEmpty())
        QCOMPARE(error, QString());
    else
        QVERIFY2(error.contains(expected), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSavedTest)

#include "tst_savedtest.moc"
