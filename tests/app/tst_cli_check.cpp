// carconsole-cli tests add|list|remove and check through the real executable: check's exit
// code guards a rule set in a script (0 all pass, 3 one fails), each failure shows the actual
// decision, and bad input leaves the workspace byte-for-byte as it was.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "clirunner.h"

using namespace CliTest;

namespace {

QStringList words(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *word : list)
        result << QString::fromUtf8(word);
    return result;
}

/// `tests add` for the seed scenario: EAC from outside the management network is denied.
QStringList addEacOutside()
{
    return words({"tests", "add", "EAC from outside", "--user", "julia@contoso.com", "--protocol",
                  "ExchangeAdminCenter", "--authentication", "Basic", "--address", "203.0.113.9",
                  "--expect", "DenyAccess", "--rule", "Restrict EAC to management"});
}

/// Remote PowerShell stays open for the admin, from IPv6, on another port, middle tier.
QStringList addPowerShell()
{
    return words({"tests", "add", "RPS stays open", "--user", "tanyas", "--protocol",
                  "RemotePowerShell", "--authentication", "NonBasic", "--address", "2001:db8::7",
                  "--port", "5986", "--middle-tier", "--expect", "Allow"});
}

} // namespace

class TestCliCheck : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void addListRemove();
    void checkGuardsTheRuleSet();
    void checkJsonHasTheDocumentedKeys();
    void checkWithoutTestsPasses();
    void unknownExpectedRuleWarnsAndFails();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void damagedWorkspaceIsAFailure();

private:
    void seed();

    Runner cli;
};

void TestCliCheck::init()
{
    QVERIFY(cli.reset());
}

void TestCliCheck::seed()
{
    CAR_VERIFY_RUN(cli({QStringLiteral("exec"), dataFile("seed.ps1")}), 0);
    CAR_VERIFY_RUN(
        cli({QStringLiteral("directory"), QStringLiteral("import"), dataFile("users.csv")}), 0);
}

void TestCliCheck::addListRemove()
{
    seed();
    const Run first = cli(addEacOutside());
    CAR_VERIFY_RUN(first, 0);
    QCOMPARE(first.out,
             QByteArray("added test 'EAC from outside': julia@contoso.com "
                        "ExchangeAdminCenter/BasicAuthentication from 203.0.113.9:443 -> "
                        "DenyAccess by 'Restrict EAC to management'\n"));
    QCOMPARE(first.err, QByteArray());
    CAR_VERIFY_RUN(cli(addPowerShell()), 0);

    const Run list = cli(words({"tests", "list"}));
    CAR_VERIFY_RUN(list, 0);
    QCOMPARE(list.out,
             QByteArray("'EAC from outside': julia@contoso.com "
                        "ExchangeAdminCenter/BasicAuthentication from 203.0.113.9:443 -> "
                        "DenyAccess by 'Restrict EAC to management'\n"
                        "'RPS stays open': tanyas RemotePowerShell/NonBasicAuthentication from "
                        "[2001:db8::7]:5986 (middle tier) -> AllowAccess\n"));

    const Run json = cli(words({"tests", "list", "--json"}));
    CAR_VERIFY_RUN(json, 0);
    const QJsonArray array = QJsonDocument::fromJson(json.out).array();
    QCOMPARE(array.size(), 2);
    const QJsonObject rps = array.at(1).toObject();
    QCOMPARE(rps.keys(), words({"connection", "expectedAction", "expectedRule", "name"}));
    QVERIFY(rps.value(QStringLiteral("expectedRule")).isNull());
    const QJsonObject connection = rps.value(QStringLiteral("connection")).toObject();
    // The replay CSV's column names, so a test can be pasted into a replay file.
    QCOMPARE(connection.keys(),
             words({"AuthenticationType", "MiddleTier", "Protocol", "RemoteAddress", "RemotePort",
                    "User"}));
    QCOMPARE(connection.value(QStringLiteral("RemotePort")).toInt(), 5986);
    QCOMPARE(connection.value(QStringLiteral("MiddleTier")).toBool(), true);

    const Run remove = cli(words({"tests", "remove", "eac FROM outside"}));
    CAR_VERIFY_RUN(remove, 0);
    QCOMPARE(remove.out, QByteArray("removed test 'EAC from outside'\n"));
    const Run after = cli(words({"tests", "list"}));
    QVERIFY(after.out.startsWith("'RPS stays open'"));
    QCOMPARE(after.out.count('\n'), 1);
}

void TestCliCheck::checkGuardsTheRuleSet()
{
    seed();
    CAR_VERIFY_RUN(cli(words({"snapshot", "save", "good"})), 0);
    CAR_VERIFY_RUN(cli(addEacOutside()), 0);
    CAR_VERIFY_RUN(cli(addPowerShell()), 0);
    const Run pass = cli(words({"check"}));
    CAR_VERIFY_RUN(pass, 0);
    QCOMPARE(pass.out, QByteArray("2 of 2 test(s) passed, 0 failed\n"));

    // An edit that opens the EAC to everyone: check now exits 3 and shows what happened.
    CAR_VERIFY_RUN(cli(words({"exec", "-"}),
                       "Remove-ClientAccessRule 'Restrict EAC to management' -Confirm:$false\n"),
                   0);
    const QByteArray before = fileHash(cli.db());
    const Run fail = cli(words({"check"}));
    CAR_VERIFY_RUN(fail, 3);
    QCOMPARE(fail.out,
             QByteArray("FAIL 'EAC from outside': expected DenyAccess by 'Restrict EAC to "
                        "management', got DenyAccess by 'EAC only for IT' (priority 2); the rule "
                        "set has no rule named 'Restrict EAC to management'\n"
                        "1 of 2 test(s) passed, 1 failed\n"));
    QCOMPARE(fileHash(cli.db()), before); // check only reads

    // Removing the catch-all that still denies: the decision itself changes.
    CAR_VERIFY_RUN(
        cli(words({"exec", "-"}), "Remove-ClientAccessRule 'EAC only for IT' -Confirm:$false\n"),
        0);
    const Run allowed = cli(words({"check"}));
    CAR_VERIFY_RUN(allowed, 3);
    QVERIFY2(allowed.out.contains("got AllowAccess (no rule matched)"), allowed.out.constData());

    // Restoring the rules makes it pass again.
    CAR_VERIFY_RUN(cli(words({"snapshot", "restore", "good"})), 0);
    CAR_VERIFY_RUN(cli(words({"check"})), 0);
}

void TestCliCheck::checkJsonHasTheDocumentedKeys()
{
    seed();
    CAR_VERIFY_RUN(cli(addEacOutside()), 0);
    CAR_VERIFY_RUN(cli(addPowerShell()), 0);
    CAR_VERIFY_RUN(cli(words({"exec", "-"}),
                       "Set-ClientAccessRule 'Always Allow Remote PowerShell' -Enabled $false\n"
                       "New-ClientAccessRule 'No RPS' -Action DenyAccess "
                       "-AnyOfProtocols RemotePowerShell\n"),
                   0);
    const Run run = cli(words({"check", "--json"}));
    CAR_VERIFY_RUN(run, 3);
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(run.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(object.keys(), words({"failed", "passed", "results", "tests"}));
    QCOMPARE(object.value(QStringLiteral("tests")).toInt(), 2);
    QCOMPARE(object.value(QStringLiteral("passed")).toInt(), 1);
    QCOMPARE(object.value(QStringLiteral("failed")).toInt(), 1);
    const QJsonArray results = object.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 2);
    const QJsonObject rps = results.at(1).toObject();
    QCOMPARE(rps.keys(),
             words({"action", "connection", "expectedAction", "expectedRule", "message", "name",
                    "passed", "rule", "username"}));
    QCOMPARE(rps.value(QStringLiteral("passed")).toBool(), false);
    QCOMPARE(rps.value(QStringLiteral("action")).toString(), QStringLiteral("DenyAccess"));
    QCOMPARE(rps.value(QStringLiteral("rule")).toString(), QStringLiteral("No RPS"));
    QCOMPARE(rps.value(QStringLiteral("username")).toString(),
             QStringLiteral("contoso.com\\tanyas")); // found by account name in the directory
    QVERIFY(rps.value(QStringLiteral("message")).toString().startsWith(QStringLiteral("FAIL")));
    QCOMPARE(results.at(0).toObject().value(QStringLiteral("passed")).toBool(), true);
}

void TestCliCheck::checkWithoutTestsPasses()
{
    const Run absent = cli(words({"check"}));
    CAR_VERIFY_RUN(absent, 0);
    QVERIFY(absent.out.startsWith("no saved tests"));
    QVERIFY(!QFile::exists(cli.db())); // reading never creates the workspace
    const Run json = cli(words({"check", "--json"}));
    CAR_VERIFY_RUN(json, 0);
    QCOMPARE(QJsonDocument::fromJson(json.out).object().value(QStringLiteral("tests")).toInt(), 0);
    const Run list = cli(words({"tests", "list"}));
    CAR_VERIFY_RUN(list, 0);
    QCOMPARE(list.out, QByteArray());
    QVERIFY(!QFile::exists(cli.db()));
}

void TestCliCheck::unknownExpectedRuleWarnsAndFails()
{
    seed();
    QStringList add = addEacOutside();
    add.last() = QStringLiteral("Block EAC (not written yet)");
    const Run run = cli(add);
    CAR_VERIFY_RUN(run, 0);
    QVERIFY2(run.err.contains("warning: the rule set has no rule named 'Block EAC (not written "
                              "yet)'"),
             run.err.constData());
    const Run check = cli(words({"check"}));
    CAR_VERIFY_RUN(check, 3);
    QVERIFY(check.out.contains("the rule set has no rule named"));
}

void TestCliCheck::badInputChangesNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    const auto without = [](const char *option, bool withValue) {
        QStringList args = addPowerShell();
        const int at = int(args.indexOf(QString::fromUtf8(option)));
        args.remove(at, withValue ? 2 : 1);
        return args;
    };
    const auto replaced = [](const char *option, const char *value) {
        QStringList args = addPowerShell();
        args[args.indexOf(QString::fromUtf8(option)) + 1] = QString::fromUtf8(value);
        return args;
    };
    QTest::newRow("add: a taken name in another case")
        << replaced("add", "eac FROM OUTSIDE") << QStringLiteral("already exists");
    QTest::newRow("add: no --expect")
        << without("--expect", true) << QStringLiteral("needs --expect");
    QTest::newRow("add: no --user") << without("--user", true) << QStringLiteral("needs --user");
    QTest::newRow("add: an action that does not exist")
        << replaced("--expect", "Maybe") << QStringLiteral("--expect: 'Maybe'");
    QTest::newRow("add: a protocol Test-ClientAccessRule does not accept")
        << replaced("--protocol", "UniversalOutlook") << QStringLiteral("does not accept");
    QTest::newRow("add: an address that does not parse")
        << replaced("--address", "10.0.0.256") << QStringLiteral("--address");
    QTest::newRow("add: port 0") << replaced("--port", "0") << QStringLiteral("1 to 65535");
    QTest::newRow("add: an empty name") << replaced("add", "") << QStringLiteral("empty");
    QTest::newRow("add: --rule without a name")
        << (addPowerShell() << QStringLiteral("--rule") << QStringLiteral(" "))
        << QStringLiteral("--rule");
    QTest::newRow("add: an unknown option")
        << (addPowerShell() << QStringLiteral("--verbose")) << QStringLiteral("'--verbose'");
    QTest::newRow("add: no name") << words({"tests", "add"}) << QStringLiteral("needs a NAME");
    QTest::newRow("remove: an unknown test")
        << words({"tests", "remove", "ghost"}) << QStringLiteral("no saved test named 'ghost'");
    QTest::newRow("an unknown sub-command")
        << words({"tests", "run"}) << QStringLiteral("unknown tests command 'run'");
    QTest::newRow("check: an unknown option")
        << words({"check", "--quiet"}) << QStringLiteral("'--quiet'");
}

void TestCliCheck::badInputChangesNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    seed();
    CAR_VERIFY_RUN(cli(addEacOutside()), 0);
    const QByteArray before = fileHash(cli.db());
    const Run run = cli(arguments);
    CAR_VERIFY_RUN(run, 2);
    const QString error = QString::fromUtf8(run.err);
    QVERIFY2(error.startsWith(QStringLiteral("<command line>:1:")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral(": error: ")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QCOMPARE(error.count(QLatin1Char('\n')), 1);
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(fileHash(cli.db()), before);
}

void TestCliCheck::damagedWorkspaceIsAFailure()
{
    cli.writeFile(QStringLiteral("work.carws"), "UserPrincipalName\nnot a workspace\n");
    const QByteArray before = fileHash(cli.db());
    for (const QStringList &arguments :
         {words({"check"}), words({"tests", "list"}), addPowerShell()}) {
        const Run run = cli(arguments);
        CAR_VERIFY_RUN(run, 1);
        QVERIFY2(run.err.startsWith("carconsole-cli: error: "), run.err.constData());
        QVERIFY2(run.err.contains("work.carws"), run.err.constData());
    }
    QCOMPARE(fileHash(cli.db()), before);
}

QTEST_GUILESS_MAIN(TestCliCheck)

#include "tst_cli_check.moc"
