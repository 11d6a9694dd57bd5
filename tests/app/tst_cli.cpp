// Runs the real carconsole-cli executable: every command, exit codes, bad input, round trips.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "clirunner.h"

using namespace CliTest;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void helpAndVersion();
    void execGetAndTest();
    void testJsonHasTheDocumentedKeys();
    void execFromStdinAndGetFormatList();
    void directoryImportAndList();
    void replayWritesDecisionsAndSummary();
    void exportExecExportIsIdentical();
    void exportImportExportJsonIsIdentical();
    void importsRealGetClientAccessRuleJson();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void badInputOnNewDatabaseCreatesNothing();
    void defaultDatabaseLivesInTheDataFolder();
    void unreadableDatabaseIsAFailure();

private:
    Run cli(const QStringList &arguments, const QByteArray &input = QByteArray(),
            bool withDb = true);
    QString path(const QString &name) const { return m_dir->filePath(name); }
    void writeFile(const QString &name, const QByteArray &data);
    void seed();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = path(QStringLiteral("work.carws"));
}

Run TestCli::cli(const QStringList &arguments, const QByteArray &input, bool withDb)
{
    const QStringList db = withDb ? QStringList {QStringLiteral("--db"), m_db} : QStringList();
    return runCli(m_dir->path(), db + arguments, input);
}

void TestCli::writeFile(const QString &name, const QByteArray &data)
{
    QFile file(path(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
}

void TestCli::seed()
{
    const Run exec = cli({QStringLiteral("exec"), dataFile("seed.ps1")});
    QVERIFY2(exec.code == 0, exec.err.constData());
    const Run users =
        cli({QStringLiteral("directory"), QStringLiteral("import"), dataFile("users.csv")});
    QVERIFY2(users.code == 0, users.err.constData());
}

void TestCli::helpAndVersion()
{
    const Run help = cli({QStringLiteral("--help")}, {}, false);
    QCOMPARE(help.code, 0);
    QVERIFY(help.out.contains("Usage: carconsole-cli"));
    QVERIFY(help.out.contains("replay IN.csv"));
    const Run version = cli({QStringLiteral("--version")}, {}, false);
    QCOMPARE(version.code, 0);
    QCOMPARE(version.out, QByteArray("carconsole-cli " CAR_VERSION_STRING "\n"));
    const Run none = cli({}, {}, false);
    QCOMPARE(none.code, 2);
    QVERIFY(none.err.contains("Usage"));
}

void TestCli::execGetAndTest()
{
    seed();
    const Run get = cli({QStringLiteral("get")});
    QCOMPARE(get.code, 0);
    const QList<QByteArray> lines = get.out.split('\n');
    QVERIFY(lines.value(0).startsWith("Name"));
    QVERIFY(lines.value(0).contains("Priority Enabled Action"));
    QVERIFY(
        lines.value(2).startsWith("Always Allow Remote PowerShell        1 True    AllowAccess"));
    QVERIFY(lines.value(3).contains("Restrict EAC to management"));
    QVERIFY(lines.value(4).contains("EAC only for IT"));

    const Run deny =
        cli({QStringLiteral("test"), QStringLiteral("--user"), QStringLiteral("julia@contoso.com"),
             QStringLiteral("--protocol"), QStringLiteral("ExchangeAdminCenter"),
             QStringLiteral("--authentication"), QStringLiteral("Basic"),
             QStringLiteral("--address"), QStringLiteral("192.168.10.5")});
    QCOMPARE(deny.code, 0);
    QVERIFY2(deny.out.contains("Decision:      DenyAccess"), deny.out.constData());
    QVERIFY(deny.out.contains("Deciding rule: EAC only for IT (priority 3)"));
    QVERIFY(deny.out.contains("Username:      contoso.com\\julia"));
    QVERIFY(deny.out.contains("exception: 192.168.10.5 is in 192.168.10.0/24"));
    QVERIFY(deny.out.contains("Department is 'Sales'"));
}

void TestCli::testJsonHasTheDocumentedKeys()
{
    seed();
    // Disable the allow rule: it still matches (listed, flagged) but no longer decides.
    const Run disable =
        cli({QStringLiteral("exec"), QStringLiteral("-")},
            "Set-ClientAccessRule 'Always Allow Remote PowerShell' -Enabled $false\n");
    QCOMPARE(disable.code, 0);
    const Run run =
        cli({QStringLiteral("test"), QStringLiteral("--user"), QStringLiteral("tanyas"),
             QStringLiteral("--protocol"), QStringLiteral("RemotePowerShell"),
             QStringLiteral("--authentication"), QStringLiteral("NonBasic"),
             QStringLiteral("--address"), QStringLiteral("203.0.113.9"), QStringLiteral("--port"),
             QStringLiteral("5986"), QStringLiteral("--json")});
    QCOMPARE(run.code, 0);
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(run.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(
        object.keys(),
        (QStringList {QStringLiteral("action"), QStringLiteral("matching"), QStringLiteral("rule"),
                      QStringLiteral("trace"), QStringLiteral("username")}));
    QCOMPARE(object.value(QStringLiteral("action")).toString(), QStringLiteral("AllowAccess"));
    QVERIFY(object.value(QStringLiteral("rule")).isNull());
    // Found by alias in the directory: the username string comes from the UPN.
    QCOMPARE(object.value(QStringLiteral("username")).toString(),
             QStringLiteral("contoso.com\\tanyas"));
    const QJsonArray matching = object.value(QStringLiteral("matching")).toArray();
    QCOMPARE(matching.size(), 1);
    QCOMPARE(matching.at(0).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("Always Allow Remote PowerShell"));
    QCOMPARE(matching.at(0).toObject().value(QStringLiteral("enabled")).toBool(), false);
    QCOMPARE(object.value(QStringLiteral("trace")).toArray().size(), 3);
}

void TestCli::execFromStdinAndGetFormatList()
{
    const Run run = cli({QStringLiteral("exec"), QStringLiteral("-")},
                        "New-ClientAccessRule 'Block POP3' -Action Deny -AnyOfProtocols POP3\n"
                        "Get-ClientAccessRule 'Block POP3' | Format-List\n");
    QVERIFY2(run.code == 0, run.err.constData());
    QVERIFY2(run.out.contains("AnyOfProtocols"), run.out.constData());
    QVERIFY(run.out.contains("{POP3}"));
    const Run json = cli({QStringLiteral("get"), QStringLiteral("--json")});
    QCOMPARE(json.code, 0);
    const QJsonArray rules = QJsonDocument::fromJson(json.out).array();
    QCOMPARE(rules.size(), 1);
    QCOMPARE(rules.at(0).toObject().value(QStringLiteral("Action")).toString(),
             QStringLiteral("DenyAccess"));
}

void TestCli::directoryImportAndList()
{
    const Run import =
        cli({QStringLiteral("directory"), QStringLiteral("import"), dataFile("users.csv")});
    QCOMPARE(import.code, 0);
    QVERIFY(import.out.contains("imported 4 user(s)"));
    QVERIFY2(import.err.contains("warning: ignoring unknown columns: Title"),
             import.err.constData());
    const Run list = cli({QStringLiteral("directory"), QStringLiteral("list")});
    QCOMPARE(list.code, 0);
    QVERIFY(list.out.startsWith("UserPrincipalName,SamAccountName,Alias,DisplayName,City,"));
    QVERIFY(list.out.contains("\"John \"\"JD\"\" Doe\""));
    QCOMPARE(list.out.count("\r\n"), 5);

    // The listing imports again unchanged, without warnings.
    writeFile(QStringLiteral("listed.csv"), list.out);
    const Run again = cli({QStringLiteral("directory"), QStringLiteral("import"),
                           path(QStringLiteral("listed.csv"))});
    QCOMPARE(again.code, 0);
    QVERIFY(again.err.isEmpty());
    QCOMPARE(cli({QStringLiteral("directory"), QStringLiteral("list")}).out, list.out);
}

void TestCli::replayWritesDecisionsAndSummary()
{
    seed();
    const QString output = path(QStringLiteral("out.csv"));
    const Run run = cli({QStringLiteral("replay"), dataFile("connections.csv"),
                         QStringLiteral("--output"), output});
    QVERIFY2(run.code == 0, run.err.constData());
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("rows: 5 (allowed 3, denied 2, bad 0)"), run.err.constData());
    QVERIFY(run.err.contains("rows per second:"));
    const QList<QByteArray> lines = readFile(output).split('\n');
    QCOMPARE(
        lines.value(0),
        QByteArray(
            "User,Protocol,AuthenticationType,RemoteAddress,RemotePort,MiddleTier,Action,Rule\r"));
    QVERIFY(lines.value(1).endsWith(",AllowAccess,\r"));
    QVERIFY(lines.value(2).endsWith(",DenyAccess,EAC only for IT\r"));
    QVERIFY(lines.value(3).endsWith(",DenyAccess,Restrict EAC to management\r"));
    QVERIFY(lines.value(4).endsWith(",AllowAccess,Always Allow Remote PowerShell\r"));
    QVERIFY(lines.value(5).endsWith(",1,AllowAccess,\r"));

    // Standard output when no --output is given.
    const Run toStdout = cli({QStringLiteral("replay"), dataFile("connections.csv")});
    QCOMPARE(toStdout.code, 0);
    QCOMPARE(toStdout.out, readFile(output));
}

void TestCli::exportExecExportIsIdentical()
{
    seed();
    // Awkward names and values must survive the round trip.
    const Run more =
        cli({QStringLiteral("exec"), QStringLiteral("-")},
            "New-ClientAccessRule \"O'Brien's `\"rule`\"; `$(x)\" -Action Deny "
            "-AnyOfProtocols ExchangeActiveSync,OutlookWebApp -AnyOfAuthenticationTypes Basic "
            "-ExceptUsernameMatchesAnyOfPatterns '*o''brien*','contoso\\x' -Scope Users "
            "-Enabled $false -AnyOfSourceTcpPortNumbers 1000-2000,443 "
            "-UserRecipientFilter \"City -eq 'O''Fallon' -or Department -like 'I*'\"\n");
    QVERIFY2(more.code == 0, more.err.constData());
    const Run first = cli({QStringLiteral("export")});
    QCOMPARE(first.code, 0);
    QCOMPARE(first.out.count('\n'), 4);
    writeFile(QStringLiteral("export.ps1"), first.out);

    m_db = path(QStringLiteral("second.carws"));
    const Run exec = cli({QStringLiteral("exec"), path(QStringLiteral("export.ps1"))});
    QVERIFY2(exec.code == 0, exec.err.constData());
    const QString file = path(QStringLiteral("second.ps1"));
    QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("ps1"),
                  QStringLiteral("--output"), file})
                 .code,
             0);
    QCOMPARE(readFile(file), first.out);
}

void TestCli::exportImportExportJsonIsIdentical()
{
    seed();
    const Run first =
        cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(first.code, 0);
    writeFile(QStringLiteral("export.json"), first.out);
    m_db = path(QStringLiteral("second.carws"));
    const Run import = cli({QStringLiteral("import"), path(QStringLiteral("export.json"))});
    QVERIFY2(import.code == 0, import.err.constData());
    QCOMPARE(
        cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")}).out,
        first.out);
    // The ps1 export of both is identical too.
    const QByteArray ps1 = cli({QStringLiteral("export")}).out;
    m_db = path(QStringLiteral("work.carws"));
    QCOMPARE(cli({QStringLiteral("export")}).out, ps1);
}

void TestCli::importsRealGetClientAccessRuleJson()
{
    seed();
    const Run import = cli({QStringLiteral("import"), dataFile("get-clientaccessrule.json")});
    QVERIFY2(import.code == 0, import.err.constData());
    QVERIFY(import.out.contains("imported 3 rule(s)"));
    const QList<QByteArray> lines = cli({QStringLiteral("get")}).out.split('\n');
    QVERIFY(lines.value(2).startsWith("Always Allow Remote PowerShell"));
    QVERIFY(lines.value(3).startsWith("Block ActiveSync Basic"));
    QVERIFY(lines.value(3).contains("False"));
    QVERIFY(lines.value(4).startsWith("Restrict EAC Access"));

    // The C30 fixture: one object rather than an array.
    const Run c30 = cli({QStringLiteral("import"), dataFile("c30.json")});
    QVERIFY2(c30.code == 0, c30.err.constData());
    const Run test =
        cli({QStringLiteral("test"), QStringLiteral("--user"), QStringLiteral("jeff@contoso.com"),
             QStringLiteral("--protocol"), QStringLiteral("OutlookWebApp"),
             QStringLiteral("--authentication"), QStringLiteral("Basic"),
             QStringLiteral("--address"), QStringLiteral("10.1.1.14"), QStringLiteral("--json")});
    const QJsonObject object = QJsonDocument::fromJson(test.out).object();
    // Disabled: it matches (listed) but never decides.
    QCOMPARE(object.value(QStringLiteral("action")).toString(), QStringLiteral("AllowAccess"));
    QCOMPARE(object.value(QStringLiteral("matching")).toArray().size(), 1);
}

void TestCli::badInputChangesNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("fileName"); // written to the temp dir with `content`
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("input"); // standard input
    QTest::addColumn<QString>("expected"); // regular expression for the whole stderr line

    const QByteArray none;
    QTest::newRow("exec: syntax error on line 2 rejects line 1 too")
        << QStringList {QStringLiteral("exec"), QStringLiteral("bad.ps1")} << QByteArray("bad.ps1")
        << QByteArray("New-ClientAccessRule A -Action Deny\nNew-ClientAccessRule B -Action 'Deny\n")
        << none << QStringLiteral("^bad\\.ps1:2:\\d+: error: .+");
    QTest::newRow("exec: unknown enum value points at it")
        << QStringList {QStringLiteral("exec"), QStringLiteral("bad.ps1")} << QByteArray("bad.ps1")
        << QByteArray("New-ClientAccessRule A -Action Deny\nNew-ClientAccessRule B -Action Frob\n")
        << none << QStringLiteral("^bad\\.ps1:2:32: error: .*'Frob'.*");
    QTest::newRow("exec: a rule that breaks validation (C23)")
        << QStringList {QStringLiteral("exec"), QStringLiteral("-")} << none << none
        << QByteArray(
               "New-ClientAccessRule \"test\" -Priority 3 -Enabled $false -Action DenyAccess "
               "-AnyOfProtocols OutlookWebApp -ExceptAnyOfAuthenticationTypes "
               "BasicAuthentication\n")
        << QStringLiteral("^<stdin>:1:\\d+: error: .+");
    QTest::newRow("exec: the 21st rule")
        << QStringList {QStringLiteral("exec"), QStringLiteral("many.ps1")}
        << QByteArray("many.ps1") <<
        [] {
            QByteArray script;
            for (int i = 1; i <= 18; ++i)
                script += "New-ClientAccessRule R" + QByteArray::number(i) + " -Action Deny\n";
            return script;
        }()
        << none << QStringLiteral("^many\\.ps1:18:\\d+: error: .*20.*");
    QTest::newRow("import: JSON syntax error")
        << QStringList {QStringLiteral("import"), QStringLiteral("bad.json")}
        << QByteArray("bad.json") << QByteArray("[\n  {\"Name\": \"X\" \"Action\": 1}\n]") << none
        << QStringLiteral("^bad\\.json:2:16: error: invalid JSON: .+");
    QTest::newRow("import: Export-Csv type name")
        << QStringList {QStringLiteral("import"), QStringLiteral("bad.json")}
        << QByteArray("bad.json")
        << QByteArray("{\"Name\": \"X\", \"Action\": 1,\n \"AnyOfProtocols\": "
                      "\"System.Collections.ArrayList\"}")
        << none << QStringLiteral("^bad\\.json:2:20: error: rule 'X', AnyOfProtocols: .*lost.*");
    QTest::newRow("import: bad script")
        << QStringList {QStringLiteral("import"), QStringLiteral("bad.ps1")}
        << QByteArray("bad.ps1") << QByteArray("Remove-ClientAccessRule 'No such rule'\n") << none
        << QStringLiteral("^bad\\.ps1:1:\\d+: error: .+");
    QTest::newRow("directory import: repeated UserPrincipalName")
        << QStringList {QStringLiteral("directory"), QStringLiteral("import"),
                        QStringLiteral("u.csv")}
        << QByteArray("u.csv") << QByteArray("UserPrincipalName,City\na@x,Oslo\nA@X,Rome\n") << none
        << QStringLiteral("^u\\.csv:3:1: error: .*repeated.*line 2.*");
    QTest::newRow("directory import: no UserPrincipalName column")
        << QStringList {QStringLiteral("directory"), QStringLiteral("import"),
                        QStringLiteral("u.csv")}
        << QByteArray("u.csv") << QByteArray("Mail,City\na@x,Oslo\n") << none
        << QStringLiteral("^u\\.csv:1:1: error: .*UserPrincipalName.*");
    QTest::newRow("directory import: stray quote")
        << QStringList {QStringLiteral("directory"), QStringLiteral("import"),
                        QStringLiteral("u.csv")}
        << QByteArray("u.csv") << QByteArray("UserPrincipalName\nab\"c\n") << none
        << QStringLiteral("^u\\.csv:2:3: error: .*quote.*");
    const QStringList testArgs = {
        QStringLiteral("test"),          QStringLiteral("--user"),
        QStringLiteral("a@x"),           QStringLiteral("--protocol"),
        QStringLiteral("OutlookWebApp"), QStringLiteral("--authentication"),
        QStringLiteral("Basic"),         QStringLiteral("--address")};
    QTest::newRow("test: bad address")
        << (testArgs + QStringList {QStringLiteral("10.0.0.300")}) << none << none << none
        << QStringLiteral("^<command line>:1:\\d+: error: --address: .+");
    QTest::newRow("test: port out of range")
        << (testArgs
            + QStringList {QStringLiteral("10.0.0.1"), QStringLiteral("--port"),
                           QStringLiteral("0")})
        << none << none << none << QStringLiteral("^<command line>:1:\\d+: error: --port: .+");
    QTest::newRow("test: UniversalOutlook is not testable")
        << QStringList {QStringLiteral("test"),
                        QStringLiteral("--user"),
                        QStringLiteral("a@x"),
                        QStringLiteral("--protocol"),
                        QStringLiteral("UniversalOutlook"),
                        QStringLiteral("--authentication"),
                        QStringLiteral("Basic"),
                        QStringLiteral("--address"),
                        QStringLiteral("10.0.0.1")}
        << none << none << none << QStringLiteral("^<command line>:1:\\d+: error: --protocol: .+");
    QTest::newRow("test: missing --address")
        << testArgs.mid(0, 7) << none << none << none
        << QStringLiteral("^<command line>:1:\\d+: error: test needs --address");
    QTest::newRow("replay: missing column")
        << QStringList {QStringLiteral("replay"), QStringLiteral("c.csv")} << QByteArray("c.csv")
        << QByteArray("User,Protocol\n") << none
        << QStringLiteral("^c\\.csv:1:1: error: .*RemotePort.*");
    QTest::newRow("replay: bad row is reported, exit 2")
        << QStringList {QStringLiteral("replay"), QStringLiteral("c.csv")} << QByteArray("c.csv")
        << QByteArray("User,Protocol,AuthenticationType,RemoteAddress,RemotePort\na@x,POP3,Basic,1."
                      "2.3.4,99999\n")
        << none << QStringLiteral("^c\\.csv:2:24: error: RemotePort: .+");
    QTest::newRow("export: unknown format")
        << QStringList {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("xml")}
        << none << none << none
        << QStringLiteral("^<command line>:1:\\d+: error: unknown format 'xml'.*");
    QTest::newRow("unknown command")
        << QStringList {QStringLiteral("frobnicate")} << none << none << none
        << QStringLiteral("^<command line>:1:\\d+: error: unknown command 'frobnicate'.*");
}

void TestCli::badInputChangesNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    seed();
    if (!fileName.isEmpty())
        writeFile(QString::fromUtf8(fileName), content);
    const QByteArray before = fileHash(m_db);
    const QByteArray rulesBefore =
        cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")}).out;
    const QByteArray usersBefore = cli({QStringLiteral("directory"), QStringLiteral("list")}).out;

    const Run run = cli(arguments, input);
    QCOMPARE(run.code, 2);
    const QString firstLine = QString::fromUtf8(run.err).section(QLatin1Char('\n'), 0, 0);
    QVERIFY2(QRegularExpression(expected).match(firstLine).hasMatch(), qPrintable(firstLine));

    QCOMPARE(fileHash(m_db), before);
    QCOMPARE(
        cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")}).out,
        rulesBefore);
    QCOMPARE(cli({QStringLiteral("directory"), QStringLiteral("list")}).out, usersBefore);
}

void TestCli::badInputOnNewDatabaseCreatesNothing()
{
    const Run run = cli({QStringLiteral("exec"), QStringLiteral("-")},
                        "New-ClientAccessRule X -Action Maybe\n");
    QCOMPARE(run.code, 2);
    QVERIFY(run.err.startsWith("<stdin>:1:"));
    QVERIFY(!QFile::exists(m_db));
    // Read-only commands do not create it either.
    QCOMPARE(cli({QStringLiteral("get")}).code, 0);
    QVERIFY(!QFile::exists(m_db));
}

void TestCli::defaultDatabaseLivesInTheDataFolder()
{
    const Run run = cli({QStringLiteral("exec"), QStringLiteral("-")},
                        "New-ClientAccessRule X -Action Deny\n", false);
    QVERIFY2(run.code == 0, run.err.constData());
    const QString expected = path(QStringLiteral("xdg-data/CarConsole/carconsole/workspace.carws"));
    QVERIFY2(QFile::exists(expected),
             qPrintable(QDir(path(QStringLiteral("xdg-data"))).entryList().join(u',')));
    QVERIFY(cli({QStringLiteral("get")}, {}, false).out.contains("X "));
}

void TestCli::unreadableDatabaseIsAFailure()
{
    writeFile(QStringLiteral("work.carws"), "this is not a database, just text\n");
    const QByteArray before = fileHash(m_db);
    const Run get = cli({QStringLiteral("get")});
    QCOMPARE(get.code, 1);
    QVERIFY2(get.err.startsWith("carconsole-cli: error: "), get.err.constData());
    const Run exec =
        cli({QStringLiteral("exec"), QStringLiteral("-")}, "New-ClientAccessRule X -Action Deny\n");
    QCOMPARE(exec.code, 1);
    QCOMPARE(fileHash(m_db), before);
    const Run missing = cli({QStringLiteral("exec"), path(QStringLiteral("no-such.ps1"))});
    QCOMPARE(missing.code, 1);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
