// Drives the CLI commands in-process through CliApp, with buffers for stdin/stdout/stderr.
#include "cliapp.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Car;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCliApp : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void execThenGet();
    void badScriptIsExitTwoWithLocation();
    void testRejectsBadArgumentsWithTheirColumn_data();
    void testRejectsBadArgumentsWithTheirColumn();
    void replayFromStdinToStdout();

private:
    Run run(const QStringList &arguments, const QByteArray &input = QByteArray());

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliApp::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

Run TestCliApp::run(const QStringList &arguments, const QByteArray &input)
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
    result.code =
        app.run(QStringList {QStringLiteral("--db"), m_dir->filePath(QStringLiteral("w.carws"))}
                + arguments);
    result.out = out.data();
    result.err = err.data();
    return result;
}

void TestCliApp::execThenGet()
{
    const Run exec = run({QStringLiteral("exec"), QStringLiteral("-")},
                         "New-ClientAccessRule 'Block POP3' -Action Deny -AnyOfProtocols POP3\n"
                         "Test-ClientAccessRule -User a@contoso.com -Protocol POP3 "
                         "-AuthenticationType Basic -RemoteAddress 10.0.0.1 -RemotePort 995\n");
    QVERIFY2(exec.code == CliApp::Success, exec.err.constData());
    QVERIFY2(exec.out.contains("Decision:      DenyAccess"), exec.out.constData());
    QVERIFY(exec.out.contains("Username:      contoso.com\\a (not in the directory)"));
    const Run get = run({QStringLiteral("get")});
    QCOMPARE(get.code, int(CliApp::Success));
    QVERIFY(get.out.contains("Block POP3        1 True    DenyAccess"));
}

void TestCliApp::badScriptIsExitTwoWithLocation()
{
    const Run exec =
        run({QStringLiteral("exec"), QStringLiteral("-")},
            "New-ClientAccessRule A -Action Deny\nNew-ClientAccessRule A -Action Deny\n");
    QCOMPARE(exec.code, int(CliApp::BadInput));
    QVERIFY2(exec.err.startsWith("<stdin>:2:"), exec.err.constData());
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("w.carws"))));
}

void TestCliApp::testRejectsBadArgumentsWithTheirColumn_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("expected");

    // Columns count from the first argument after the program name: "--db <path> test ...".
    QTest::newRow("ambiguous protocol prefix")
        << QStringList {QStringLiteral("--user"),           QStringLiteral("a"),
                        QStringLiteral("--protocol"),       QStringLiteral("Out"),
                        QStringLiteral("--authentication"), QStringLiteral("Basic"),
                        QStringLiteral("--address"),        QStringLiteral("1.2.3.4")}
        << QByteArray("--protocol: 'Out' is ambiguous");
    QTest::newRow("unknown option") << QStringList {QStringLiteral("--usr"), QStringLiteral("a")}
                                    << QByteArray("unexpected argument '--usr' for test");
}

void TestCliApp::testRejectsBadArgumentsWithTheirColumn()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, expected);
    const Run result = run(QStringList {QStringLiteral("test")} + arguments);
    QCOMPARE(result.code, int(CliApp::BadInput));
    QVERIFY2(result.err.startsWith("<command line>:1:"), result.err.constData());
    QVERIFY2(result.err.contains(expected), result.err.constData());
    // The column points at the offending argument.
    const QString prefix =
        QStringLiteral("--db %1 test ").arg(m_dir->filePath(QStringLiteral("w.carws")));
    const QString joined = prefix + arguments.join(u' ');
    const QByteArray bad = expected.contains("--usr") ? QByteArray("--usr") : QByteArray("Out");
    const qsizetype column = joined.indexOf(QString::fromUtf8(bad), prefix.size()) + 1;
    QVERIFY2(result.err.startsWith("<command line>:1:" + QByteArray::number(column) + ": error: "),
             result.err.constData());
}

void TestCliApp::replayFromStdinToStdout()
{
    QCOMPARE(run({QStringLiteral("exec"), QStringLiteral("-")},
                 "New-ClientAccessRule D -Action Deny -AnyOfProtocols IMAP4\n")
                 .code,
             0);
    const Run replay = run({QStringLiteral("replay"), QStringLiteral("-")},
                           "User,Protocol,AuthenticationType,RemoteAddress,RemotePort\n"
                           "a@x,IMAP4,Basic,10.0.0.1,993\n"
                           "a@x,POP3,Basic,10.0.0.1,995\n");
    QCOMPARE(replay.code, 0);
    QCOMPARE(replay.out,
             QByteArray("User,Protocol,AuthenticationType,RemoteAddress,RemotePort,Action,Rule\r\n"
                        "a@x,IMAP4,Basic,10.0.0.1,993,DenyAccess,D\r\n"
                        "a@x,POP3,Basic,10.0.0.1,995,AllowAccess,\r\n"));
    QVERIFY(replay.err.contains("rows: 2 (allowed 1, denied 1, bad 0)"));
}

QTEST_GUILESS_MAIN(TestCliApp)
#include "tst_cliapp.moc"
