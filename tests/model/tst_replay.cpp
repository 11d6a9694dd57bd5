#include "replay.h"

#include "directory.h"

#include <QBuffer>
#include <QTest>

using namespace Car;

namespace {

// Fixture F1 of examples.md: C11, C02, C12 in that order.
RuleSet fixtureF1()
{
    RuleSet set;
    Rule allowPs;
    allowPs.name = QStringLiteral("Always Allow Remote PowerShell");
    allowPs.action = Action::AllowAccess;
    allowPs.anyOfProtocols = {Protocol::RemotePowerShell};
    Rule blockEas;
    blockEas.name = QStringLiteral("Block ActiveSync");
    blockEas.action = Action::DenyAccess;
    blockEas.anyOfProtocols = {Protocol::ExchangeActiveSync};
    blockEas.exceptAnyOfClientIPAddressesOrRanges = {*IpRange::parse(u"192.168.10.1/24")};
    Rule restrictEac;
    restrictEac.name = QStringLiteral("Restrict EAC Access");
    restrictEac.action = Action::DenyAccess;
    restrictEac.anyOfProtocols = {Protocol::ExchangeAdminCenter};
    restrictEac.exceptAnyOfClientIPAddressesOrRanges = {*IpRange::parse(u"192.168.10.1/24")};
    restrictEac.exceptUsernameMatchesAnyOfPatterns = {*UsernamePattern::parse(u"*tanyas*")};
    for (const Rule &rule : {allowPs, blockEas, restrictEac}) {
        const RuleSet::Outcome outcome = set.insertRule(rule);
        if (!outcome.ok)
            qFatal("fixture: %s", qPrintable(outcome.error));
    }
    return set;
}

struct Run
{
    bool ok = false;
    QByteArray output;
    ReplaySummary summary;
    QList<ReplayProblem> bad;
    ReplayProblem fatal;
};

Run replay(const RuleSet &rules, const QByteArray &input)
{
    Directory directory;
    QBuffer in;
    in.setData(input);
    in.open(QIODevice::ReadOnly);
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    Run run;
    Replay replay(rules, directory);
    run.ok = replay.run(
        &in, &out, [&run](const ReplayProblem &p) { run.bad << p; }, run.summary, &run.fatal);
    run.output = out.data();
    return run;
}

const QByteArray header = "User,Protocol,AuthenticationType,RemoteAddress,RemotePort\n";

} // namespace

class TestReplay : public QObject
{
    Q_OBJECT

private slots:
    void decidesLikeTheEvaluator_data();
    void decidesLikeTheEvaluator();
    void badRowsAreReportedAndSkipped_data();
    void badRowsAreReportedAndSkipped();
    void badHeaderIsFatal_data();
    void badHeaderIsFatal();
    void middleTierSkipsUsersScope_data();
    void middleTierSkipsUsersScope();
    void keepsExtraColumnsAndCountsPerRule();
    void throughput();
};

void TestReplay::decidesLikeTheEvaluator_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<QByteArray>("decision");

    // examples.md table D (fixture F1).
    QTest::newRow("D1 OWA is not covered by any rule")
        << QByteArray("julia@contoso.com,OutlookWebApp,BasicAuthentication,172.17.17.26,443")
        << QByteArray("AllowAccess,");
    QTest::newRow("D2 EAS from outside the exception range")
        << QByteArray("julia@contoso.com,ExchangeActiveSync,BasicAuthentication,203.0.113.10,443")
        << QByteArray("DenyAccess,Block ActiveSync");
    QTest::newRow("D3 EAS from inside the exception range")
        << QByteArray("julia@contoso.com,ExchangeActiveSync,Basic,192.168.10.77,443")
        << QByteArray("AllowAccess,");
    QTest::newRow("D4 EAC from outside")
        << QByteArray("julia@contoso.com,ExchangeAdminCenter,Basic,198.51.100.4,443")
        << QByteArray("DenyAccess,Restrict EAC Access");
    QTest::newRow("D5 username exception")
        << QByteArray("tanyas@contoso.com,ExchangeAdminCenter,Adfs,198.51.100.4,443")
        << QByteArray("AllowAccess,");
    QTest::newRow("D6 allow rule decides")
        << QByteArray("julia@contoso.com,RemotePowerShell,NonBasic,198.51.100.4,443")
        << QByteArray("AllowAccess,Always Allow Remote PowerShell");
    QTest::newRow("D7 CIDR end is inclusive")
        << QByteArray("julia@contoso.com,ExchangeActiveSync,Basic,192.168.10.255,443")
        << QByteArray("AllowAccess,");
    QTest::newRow("D8 just outside the CIDR")
        << QByteArray("julia@contoso.com,ExchangeActiveSync,Basic,192.168.11.1,443")
        << QByteArray("DenyAccess,Block ActiveSync");
    QTest::newRow("enum text binds by prefix and ignores case")
        << QByteArray("julia@contoso.com,exchangeact,basic,203.0.113.10,443")
        << QByteArray("DenyAccess,Block ActiveSync");
    QTest::newRow("C26 IPv6 client never matches the IPv4 exception")
        << QByteArray("julia@contoso.com,ExchangeAdminCenter,Basic,2001:db8::5,443")
        << QByteArray("DenyAccess,Restrict EAC Access");
}

void TestReplay::decidesLikeTheEvaluator()
{
    QFETCH(QByteArray, row);
    QFETCH(QByteArray, decision);
    const Run run = replay(fixtureF1(), header + row + "\n");
    QVERIFY(run.ok);
    QVERIFY(run.bad.isEmpty());
    QCOMPARE(run.output,
             "User,Protocol,AuthenticationType,RemoteAddress,RemotePort,Action,Rule\r\n" + row + ","
                 + decision + "\r\n");
}

void TestReplay::badRowsAreReportedAndSkipped_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<qint64>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown protocol") << QByteArray("a@x,Telnet,Basic,10.0.0.1,443") << qint64(5)
                                      << QStringLiteral("Protocol: 'Telnet'");
    QTest::newRow("ambiguous protocol prefix") << QByteArray("a@x,Exchange,Basic,10.0.0.1,443")
                                               << qint64(5) << QStringLiteral("ambiguous");
    QTest::newRow("unknown authentication type")
        << QByteArray("a@x,IMAP4,Kerberos,10.0.0.1,443") << qint64(11)
        << QStringLiteral("AuthenticationType: 'Kerberos'");
    QTest::newRow("bad address") << QByteArray("a@x,IMAP4,Basic,10.0.0.256,443") << qint64(17)
                                 << QStringLiteral("RemoteAddress");
    QTest::newRow("port 0 is out of range") << QByteArray("a@x,IMAP4,Basic,10.0.0.1,0")
                                            << qint64(26) << QStringLiteral("RemotePort: '0'");
    QTest::newRow("port 65536 is out of range") << QByteArray("a@x,IMAP4,Basic,10.0.0.1,65536")
                                                << qint64(26) << QStringLiteral("1 to 65535");
    QTest::newRow("port that is not a number")
        << QByteArray("a@x,IMAP4,Basic,10.0.0.1,https") << qint64(26) << QStringLiteral("'https'");
    QTest::newRow("empty user") << QByteArray(" ,IMAP4,Basic,10.0.0.1,443") << qint64(1)
                                << QStringLiteral("User is empty");
    QTest::newRow("too few fields") << QByteArray("a@x,IMAP4,Basic,10.0.0.1") << qint64(1)
                                    << QStringLiteral("4 fields but the header has 5");
    QTest::newRow("malformed CSV")
        << QByteArray("a@x,IMA\"P4,Basic,10.0.0.1,443") << qint64(8) << QStringLiteral("quote");
}

void TestReplay::badRowsAreReportedAndSkipped()
{
    QFETCH(QByteArray, row);
    QFETCH(qint64, column);
    QFETCH(QString, message);
    const QByteArray good = "julia@contoso.com,ExchangeActiveSync,Basic,203.0.113.10,443\n";
    const Run run = replay(fixtureF1(), header + good + row + "\n" + good);
    QVERIFY(run.ok);
    QCOMPARE(run.bad.size(), 1);
    QCOMPARE(run.bad.first().line, 3);
    QCOMPARE(run.bad.first().column, column);
    QVERIFY2(run.bad.first().message.contains(message), qPrintable(run.bad.first().message));
    // The rows around it are still decided.
    QCOMPARE(run.summary.rows, 3);
    QCOMPARE(run.summary.badRows, 1);
    QCOMPARE(run.summary.denied, 2);
    QCOMPARE(run.output.count("DenyAccess,Block ActiveSync"), 2);
}

void TestReplay::badHeaderIsFatal_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qint64>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty input") << QByteArray() << qint64(1) << QStringLiteral("empty");
    QTest::newRow("missing RemotePort column")
        << QByteArray("User,Protocol,AuthenticationType,RemoteAddress\n") << qint64(1)
        << QStringLiteral("RemotePort");
    QTest::newRow("column named twice")
        << QByteArray("User,Protocol,AuthenticationType,RemoteAddress,RemotePort,user\n")
        << qint64(59) << QStringLiteral("named twice");
}

void TestReplay::badHeaderIsFatal()
{
    QFETCH(QByteArray, input);
    QFETCH(qint64, column);
    QFETCH(QString, message);
    const Run run = replay(fixtureF1(), input);
    QVERIFY(!run.ok);
    QCOMPARE(run.fatal.line, 1);
    QCOMPARE(run.fatal.column, column);
    QVERIFY2(run.fatal.message.contains(message), qPrintable(run.fatal.message));
}

void TestReplay::middleTierSkipsUsersScope_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("decision");
    QTest::addColumn<bool>("bad");

    QTest::newRow("empty is false") << QByteArray("") << QByteArray("DenyAccess") << false;
    QTest::newRow("0 is false") << QByteArray("0") << QByteArray("DenyAccess") << false;
    QTest::newRow("False as Export-Csv writes it")
        << QByteArray("False") << QByteArray("DenyAccess") << false;
    QTest::newRow("1 skips the Users rule")
        << QByteArray("1") << QByteArray("AllowAccess") << false;
    QTest::newRow("true skips the Users rule")
        << QByteArray("TRUE") << QByteArray("AllowAccess") << false;
    QTest::newRow("yes is not a boolean") << QByteArray("yes") << QByteArray() << true;
}

void TestReplay::middleTierSkipsUsersScope()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, decision);
    QFETCH(bool, bad);
    RuleSet set;
    Rule users;
    users.name = QStringLiteral("Deny users");
    users.scope = Scope::Users;
    QVERIFY(set.insertRule(users).ok);
    const Run run = replay(set,
                           "User,Protocol,AuthenticationType,RemoteAddress,RemotePort,MiddleTier\n"
                           "a@x,REST,Basic,10.0.0.1,443,"
                               + value + "\n");
    QVERIFY(run.ok);
    QCOMPARE(run.bad.size(), bad ? 1 : 0);
    if (bad) {
        QCOMPARE(run.bad.first().column, 29);
        return;
    }
    QVERIFY2(run.output.contains("," + decision + ","), run.output.constData());
}

void TestReplay::keepsExtraColumnsAndCountsPerRule()
{
    const Run run =
        replay(fixtureF1(),
               "Note,remoteport,user,protocol,authenticationtype,remoteaddress\n"
               "\"first, quoted\",443,julia@contoso.com,RemotePowerShell,NonBasic,1.2.3.4\n"
               "x,443,julia@contoso.com,ExchangeActiveSync,Basic,1.2.3.4\n"
               "y,443,julia@contoso.com,ExchangeActiveSync,Basic,1.2.3.5\n"
               "z,443,julia@contoso.com,IMAP4,Basic,1.2.3.5\n");
    QVERIFY(run.ok);
    QCOMPARE(
        run.output,
        QByteArray("Note,remoteport,user,protocol,authenticationtype,remoteaddress,Action,Rule\r\n"
                   "\"first, quoted\",443,julia@contoso.com,RemotePowerShell,NonBasic,1.2.3.4,"
                   "AllowAccess,Always Allow Remote PowerShell\r\n"
                   "x,443,julia@contoso.com,ExchangeActiveSync,Basic,1.2.3.4,DenyAccess,Block "
                   "ActiveSync\r\n"
                   "y,443,julia@contoso.com,ExchangeActiveSync,Basic,1.2.3.5,DenyAccess,Block "
                   "ActiveSync\r\n"
                   "z,443,julia@contoso.com,IMAP4,Basic,1.2.3.5,AllowAccess,\r\n"));
    QCOMPARE(run.summary.rows, 4);
    QCOMPARE(run.summary.allowed, 2);
    QCOMPARE(run.summary.denied, 2);
    QCOMPARE(run.summary.unmatched, 1);
    QCOMPARE(run.summary.perRule, (QList<qint64> {1, 2, 0}));
    const QString text = run.summary.toText(fixtureF1());
    QVERIFY2(text.contains(QLatin1String("Block ActiveSync (DenyAccess): 2")), qPrintable(text));
}

void TestReplay::throughput()
{
    QByteArray input = header;
    const QByteArray rows[] = {
        "julia@contoso.com,OutlookWebApp,BasicAuthentication,172.17.17.26,443\n",
        "tanyas@contoso.com,ExchangeAdminCenter,Adfs,198.51.100.4,443\n",
        "bob@contoso.com,ExchangeActiveSync,Basic,192.168.10.77,443\n",
        "julia@contoso.com,RemotePowerShell,NonBasic,2001:db8::1,443\n",
    };
    for (int i = 0; i < 200000; ++i)
        input += rows[i % 4];
    const Run run = replay(fixtureF1(), input);
    QVERIFY(run.ok);
    QCOMPARE(run.summary.rows, 200000);
    QCOMPARE(run.summary.badRows, 0);
    qInfo("%s", qPrintable(run.summary.toText(fixtureF1())));
}

QTEST_GUILESS_MAIN(TestReplay)
#include "tst_replay.moc"
