// carconsole-cli analyze and matrix: the --json shape, the classic traps of issue 5 through the
// real executable, text grouping, matrix text/CSV, and bad arguments.
#include "cliapp.h"
#include "sqliteworkspacestore.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

// The issue's classic traps in one rule set, plus a directory with Jeff and Julia.
const QString trapsScript = uR"(
New-ClientAccessRule 'Block ActiveSync' -Action DenyAccess -AnyOfProtocols ExchangeActiveSync
New-ClientAccessRule 'Allow EAS VIPs' -Action AllowAccess -AnyOfProtocols ExchangeActiveSync -UsernameMatchesAnyOfPatterns *\vip*
New-ClientAccessRule -Name "Block PowerShell" -Action DenyAccess -AnyOfProtocols RemotePowerShell -ExceptAnyOfClientIPAddressesOrRanges 192.168.10.1/24
New-ClientAccessRule -Name "Restrict EAC Access" -Action DenyAccess -AnyOfProtocols ExchangeAdminCenter -ExceptAnyOfClientIPAddressesOrRanges 192.168.10.1/24
New-ClientAccessRule 'Jeff' -Action DenyAccess -AnyOfProtocols OutlookWebApp -UsernameMatchesAnyOfPatterns jeff*
)"_s;

const QByteArray usersCsv = "UserPrincipalName,SamAccountName,Department\r\n"
                            "julia@contoso.com,julia,Sales\r\n"
                            "jeff@contoso.com,jeff,HR\r\n";

} // namespace

class TestCliAnalyze : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void jsonShape();
    void classicTrapsThroughTheExecutable_data();
    void classicTrapsThroughTheExecutable();
    void administratorLockout();
    void textIsGroupedBySeverity();
    void emptyRuleSetHasNoFindings();
    void matrixText();
    void matrixCsv();
    void badArguments_data();
    void badArguments();

private:
    Run run(const QStringList &arguments, const QByteArray &input = QByteArray());
    QString db() const { return m_dir->filePath(u"w.carws"_s); }
    void setUpTraps();
    QJsonArray analyzeJson();

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliAnalyze::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

Run TestCliAnalyze::run(const QStringList &arguments, const QByteArray &input)
{
    QByteArray inData = input;
    QBuffer in(&inData);
    QBuffer out;
    QBuffer err;
    in.open(QIODevice::ReadOnly);
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    CliApp app(&in, &out, &err);
    Run result;
    result.code = app.run(QStringList {u"--db"_s, db()} + arguments);
    result.out = out.data();
    result.err = err.data();
    return result;
}

void TestCliAnalyze::setUpTraps()
{
    const Run exec = run({u"exec"_s, u"-"_s}, trapsScript.toUtf8());
    QVERIFY2(exec.code == 0, exec.err.constData());
    const Run users = run({u"directory"_s, u"import"_s, u"-"_s}, usersCsv);
    QVERIFY2(users.code == 0, users.err.constData());
}

QJsonArray TestCliAnalyze::analyzeJson()
{
    const Run analyze = run({u"analyze"_s, u"--json"_s});
    if (analyze.code != 0)
        qWarning("%s", analyze.err.constData());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(analyze.out, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        qWarning("not a JSON array: %s", analyze.out.constData());
    return document.array();
}

void TestCliAnalyze::jsonShape()
{
    setUpTraps();
    const QJsonArray findings = analyzeJson();
    QVERIFY(!findings.isEmpty());
    const QStringList kinds = {u"shadowed"_s,    u"redundant"_s, u"correlated"_s,
                               u"generalised"_s, u"lint"_s,      u"lockout"_s};
    const QStringList columns = {u"User"_s,          u"Protocol"_s,   u"AuthenticationType"_s,
                                 u"RemoteAddress"_s, u"RemotePort"_s, u"MiddleTier"_s};
    for (const QJsonValue &value : findings) {
        const QJsonObject finding = value.toObject();
        QStringList keys = finding.keys();
        keys.sort();
        QCOMPARE(keys,
                 (QStringList {u"by"_s, u"kind"_s, u"message"_s, u"rule"_s, u"severity"_s,
                               u"witness"_s}));
        QVERIFY2(kinds.contains(finding[u"kind"_s].toString()),
                 qPrintable(finding[u"kind"_s].toString()));
        QVERIFY((QStringList {u"error"_s, u"warning"_s, u"info"_s})
                    .contains(finding[u"severity"_s].toString()));
        QVERIFY(finding[u"rule"_s].isString() || finding[u"rule"_s].isNull());
        QVERIFY(finding[u"by"_s].isArray());
        QVERIFY(!finding[u"message"_s].toString().isEmpty());
        const QJsonValue witness = finding[u"witness"_s];
        QVERIFY(witness.isNull() || witness.isObject());
        if (witness.isObject()) {
            for (const QString &column : columns)
                QVERIFY2(witness.toObject().contains(column), qPrintable(column));
            QVERIFY(witness[u"RemotePort"_s].isDouble());
            QVERIFY(witness[u"MiddleTier"_s].isBool());
        }
    }
}

void TestCliAnalyze::classicTrapsThroughTheExecutable_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("protocol"); // of the witness; empty: no witness needed
    QTest::newRow("deny all ActiveSync at 1 shadows the VIP allow")
        << u"shadowed"_s << u"Allow EAS VIPs"_s << u"ExchangeActiveSync"_s;
    QTest::newRow("C17: Block PowerShell locks admins out")
        << u"lockout"_s << u"Block PowerShell"_s << u"RemotePowerShell"_s;
    QTest::newRow("C26: IPv4-only exception, IPv6 clients denied")
        << u"lint"_s << u"Restrict EAC Access"_s << u"ExchangeAdminCenter"_s;
    QTest::newRow("H11: jeff* never matches") << u"lint"_s << u"Jeff"_s << u"OutlookWebApp"_s;
}

void TestCliAnalyze::classicTrapsThroughTheExecutable()
{
    QFETCH(QString, kind);
    QFETCH(QString, rule);
    QFETCH(QString, protocol);

    setUpTraps();
    QProcess process;
    process.start(QStringLiteral(CAR_CLI_PATH), {u"--db"_s, db(), u"analyze"_s, u"--json"_s});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    const QJsonArray findings = QJsonDocument::fromJson(process.readAllStandardOutput()).array();
    for (const QJsonValue &value : findings) {
        const QJsonObject finding = value.toObject();
        if (finding[u"kind"_s].toString() != kind || finding[u"rule"_s].toString() != rule)
            continue;
        if (kind == u"lint"_s && rule == u"Restrict EAC Access"_s
            && !finding[u"message"_s].toString().contains(u"IPv6"_s))
            continue;
        const QJsonObject witness = finding[u"witness"_s].toObject();
        QCOMPARE(witness[u"Protocol"_s].toString(), protocol);
        if (rule == u"Restrict EAC Access"_s)
            QVERIFY(witness[u"RemoteAddress"_s].toString().contains(u':'));
        if (rule == u"Jeff"_s)
            QCOMPARE(witness[u"User"_s].toString(), u"jeff@contoso.com"_s);
        // The witness replays: `test` with its values gives the claimed outcome.
        const QStringList test = {u"--db"_s,
                                  db(),
                                  u"test"_s,
                                  u"--user"_s,
                                  witness[u"User"_s].toString(),
                                  u"--protocol"_s,
                                  witness[u"Protocol"_s].toString(),
                                  u"--authentication"_s,
                                  witness[u"AuthenticationType"_s].toString(),
                                  u"--address"_s,
                                  witness[u"RemoteAddress"_s].toString(),
                                  u"--port"_s,
                                  QString::number(witness[u"RemotePort"_s].toInt()),
                                  u"--json"_s};
        process.start(QStringLiteral(CAR_CLI_PATH), test);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QJsonObject result =
            QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        const QString decidedBy = result[u"rule"_s].toString();
        if (kind == u"shadowed"_s)
            QCOMPARE(decidedBy, finding[u"by"_s].toArray().first().toString());
        else if (rule == u"Jeff"_s)
            QVERIFY(decidedBy != rule);
        else
            QCOMPARE(decidedBy, rule);
        return;
    }
    QFAIL(qPrintable(u"no %1 finding for '%2'"_s.arg(kind, rule)));
}

void TestCliAnalyze::administratorLockout()
{
    setUpTraps();
    {
        SqliteWorkspaceStore::OpenResult opened = SqliteWorkspaceStore::open(db());
        QVERIFY(opened);
        QVERIFY(opened.store->saveAdmin({u"julia@contoso.com"_s, u"203.0.113.9"_s}));
    }
    int errors = 0;
    for (const QJsonValue &value : analyzeJson()) {
        const QJsonObject finding = value.toObject();
        if (finding[u"kind"_s] == u"lockout"_s && finding[u"severity"_s] == u"error"_s) {
            ++errors;
            QVERIFY(finding[u"message"_s].toString().contains(u"julia@contoso.com"_s));
            QCOMPARE(finding[u"witness"_s][u"User"_s].toString(), u"julia@contoso.com"_s);
            QCOMPARE(finding[u"witness"_s][u"RemoteAddress"_s].toString(), u"203.0.113.9"_s);
        }
    }
    QCOMPARE(errors, 2); // Block PowerShell and Restrict EAC Access
}

void TestCliAnalyze::textIsGroupedBySeverity()
{
    setUpTraps();
    const Run analyze = run({u"analyze"_s});
    QCOMPARE(analyze.code, 0);
    const QString text = QString::fromUtf8(analyze.out);
    const qsizetype warnings = text.indexOf(u"Warnings ("_s);
    const qsizetype notes = text.indexOf(u"Notes ("_s);
    QVERIFY2(warnings >= 0 && notes > warnings, qPrintable(text));
    QVERIFY(text.contains(u"[shadowed] rule 2 'Allow EAS VIPs'"_s));
    QVERIFY(text.contains(u"example: "_s));
}

void TestCliAnalyze::emptyRuleSetHasNoFindings()
{
    const Run analyze = run({u"analyze"_s});
    QCOMPARE(analyze.code, 0);
    QVERIFY(analyze.out.startsWith("No findings"));
    const Run json = run({u"analyze"_s, u"--json"_s});
    QCOMPARE(json.code, 0);
    QCOMPARE(QJsonDocument::fromJson(json.out).array().size(), 0);
}

void TestCliAnalyze::matrixText()
{
    setUpTraps();
    const Run matrix =
        run({u"matrix"_s, u"--user"_s, u"julia@contoso.com"_s, u"--address"_s, u"203.0.113.10"_s});
    QCOMPARE(matrix.code, 0);
    const QStringList lines = QString::fromUtf8(matrix.out).split(u'\n');
    QVERIFY(lines[0].startsWith(u"julia@contoso.com (contoso.com\\julia) from 203.0.113.10"_s));
    const auto row = [&lines](const QString &protocol) {
        for (const QString &line : lines) {
            if (line.startsWith(protocol + u' '))
                return line.simplified();
        }
        return QString();
    };
    QCOMPARE(row(u"ExchangeActiveSync"_s),
             u"ExchangeActiveSync Deny #1 Deny #1 Deny #1 Deny #1 "
             "Deny #1"_s);
    QCOMPARE(row(u"POP3"_s), u"POP3 Allow Allow Allow Allow Allow"_s);
    QVERIFY(lines.contains(u"#1 Block ActiveSync"_s));
}

void TestCliAnalyze::matrixCsv()
{
    setUpTraps();
    const Run matrix =
        run({u"matrix"_s, u"--user"_s, u"julia@contoso.com"_s, u"--address"_s, u"192.168.10.5"_s,
             u"--port"_s, u"8443"_s, u"--middle-tier"_s, u"--csv"_s});
    QCOMPARE(matrix.code, 0);
    const QStringList lines = QString::fromUtf8(matrix.out).split(u"\r\n"_s);
    QVERIFY(lines[0].startsWith(u"Protocol,BasicAuthentication,"_s));
    QVERIFY(lines.contains(u"RemotePowerShell,AllowAccess,AllowAccess,AllowAccess,AllowAccess,"
                           "AllowAccess"_s)); // inside the exception range
}

void TestCliAnalyze::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("analyze takes only --json")
        << QStringList {u"analyze"_s, u"--csv"_s} << u"unexpected argument '--csv'"_s;
    QTest::newRow("matrix needs a user")
        << QStringList {u"matrix"_s, u"--address"_s, u"1.2.3.4"_s} << u"matrix needs --user"_s;
    QTest::newRow("matrix needs an address")
        << QStringList {u"matrix"_s, u"--user"_s, u"julia"_s} << u"matrix needs --address"_s;
    QTest::newRow("matrix rejects a bad address")
        << QStringList {u"matrix"_s, u"--user"_s, u"julia"_s, u"--address"_s, u"1.2.3"_s}
        << u"--address:"_s;
    QTest::newRow("matrix rejects port 0")
        << QStringList {u"matrix"_s,  u"--user"_s, u"j"_s, u"--address"_s,
                        u"1.2.3.4"_s, u"--port"_s, u"0"_s}
        << u"--port: '0' is not a port number"_s;
}

void TestCliAnalyze::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run result = run(arguments);
    QCOMPARE(result.code, int(CliApp::BadInput));
    const QString err = QString::fromUtf8(result.err);
    QVERIFY2(err.startsWith(u"<command line>:1:"_s), qPrintable(err));
    QVERIFY2(err.contains(message), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestCliAnalyze)
#include "tst_cli_analyze.moc"
