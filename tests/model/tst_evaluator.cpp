#include "directory.h"
#include "evaluator.h"
#include "recipientfilter.h"

#include <QTest>

#include <atomic>
#include <cstdlib>
#include <new>

// Counts heap allocations so that the test can hold the evaluator to "allocates nothing".
namespace {
std::atomic<long> g_allocations {0};
}

void *operator new(std::size_t size)
{
    ++g_allocations;
    if (void *p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}
void operator delete(void *p) noexcept
{
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

IpRange range(const QString &text)
{
    QString error;
    const auto parsed = IpRange::parse(text, &error);
    if (!parsed)
        qFatal("bad fixture range %s: %s", qPrintable(text), qPrintable(error));
    return *parsed;
}

UsernamePattern pattern(const QString &text)
{
    return *UsernamePattern::parse(text);
}

IpAddress address(const QString &text)
{
    return *IpAddress::parse(text);
}

Directory directory()
{
    Directory dir;
    DirectoryUser it;
    it.userPrincipalName = u"ian@contoso.com"_s;
    it.samAccountName = u"ian"_s;
    it.setAttribute(Attribute::Department, u"IT"_s);
    dir.addUser(it);
    DirectoryUser hr;
    hr.userPrincipalName = u"hana@contoso.com"_s;
    hr.samAccountName = u"hana"_s;
    hr.setAttribute(Attribute::Department, u"HR"_s);
    dir.addUser(hr);
    return dir;
}

// Every condition kind and every exception kind in one rule set.
RuleSet everyKind()
{
    RuleSet set;
    Rule eac;
    eac.name = u"EAC only for IT"_s;
    eac.action = Action::DenyAccess;
    eac.anyOfProtocols = {Protocol::ExchangeAdminCenter};
    eac.anyOfAuthenticationTypes = {AuthenticationType::BasicAuthentication,
                                    AuthenticationType::AdfsAuthentication};
    eac.exceptAnyOfAuthenticationTypes = {AuthenticationType::AdfsAuthentication};
    eac.anyOfClientIPAddressesOrRanges = {range(u"0.0.0.0/0"_s)};
    eac.exceptAnyOfClientIPAddressesOrRanges = {range(u"192.168.10.1/24"_s)};
    eac.anyOfSourceTcpPortNumbers = {*PortRange::parse(u"1-65535")};
    eac.exceptAnyOfSourceTcpPortNumbers = {*PortRange::parse(u"4444")};
    eac.usernameMatchesAnyOfPatterns = {pattern(u"*"_s)};
    eac.exceptUsernameMatchesAnyOfPatterns = {pattern(u"*tanyas*"_s)};
    eac.userRecipientFilter = u"{Department -ne 'IT'}"_s;
    if (!set.insertRule(eac).ok)
        qFatal("fixture");
    Rule rest;
    rest.name = u"No REST"_s;
    rest.anyOfProtocols = {Protocol::REST};
    rest.exceptAnyOfProtocols = {Protocol::ExchangeActiveSync};
    if (!set.insertRule(rest).ok)
        qFatal("fixture");
    return set;
}

} // namespace

class TestEvaluator : public QObject
{
    Q_OBJECT

private slots:
    void decision_data();
    void decision();
    void traceExplains_data();
    void traceExplains();
    void laterRulesAreMarked();
    void decideAgreesWithEvaluate();
    void evaluationAllocatesNothing();
    void usernameStrings_data();
    void usernameStrings();
};

void TestEvaluator::decision_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("protocol");
    QTest::addColumn<int>("auth");
    QTest::addColumn<QString>("ip");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("deciding");

    const int eac = int(Protocol::ExchangeAdminCenter);
    const int basic = int(AuthenticationType::BasicAuthentication);
    const int adfs = int(AuthenticationType::AdfsAuthentication);
    QTest::newRow("HR user at EAC from outside is denied")
        << u"hana@contoso.com"_s << eac << basic << u"203.0.113.9"_s << 443 << 0;
    QTest::newRow("IT user fails the recipient filter")
        << u"ian@contoso.com"_s << eac << basic << u"203.0.113.9"_s << 443 << -1;
    QTest::newRow("unknown user fails the recipient filter")
        << u"nobody@contoso.com"_s << eac << basic << u"203.0.113.9"_s << 443 << -1;
    QTest::newRow("auth exception skips the rule")
        << u"hana@contoso.com"_s << eac << adfs << u"203.0.113.9"_s << 443 << -1;
    QTest::newRow("IP exception skips the rule")
        << u"hana@contoso.com"_s << eac << basic << u"192.168.10.20"_s << 443 << -1;
    QTest::newRow("port exception skips the rule")
        << u"hana@contoso.com"_s << eac << basic << u"203.0.113.9"_s << 4444 << -1;
    QTest::newRow("username exception skips the rule")
        << u"tanyas@contoso.com"_s << eac << basic << u"203.0.113.9"_s << 443 << -1;
    QTest::newRow("IPv6 client misses the IPv4 catch-all condition")
        << u"hana@contoso.com"_s << eac << basic << u"2001:db8::1"_s << 443 << -1;
    QTest::newRow("second rule decides REST")
        << u"ian@contoso.com"_s << int(Protocol::REST) << basic << u"203.0.113.9"_s << 443 << 1;
}

void TestEvaluator::decision()
{
    QFETCH(QString, user);
    QFETCH(int, protocol);
    QFETCH(int, auth);
    QFETCH(QString, ip);
    QFETCH(int, port);
    QFETCH(int, deciding);

    const RuleSet set = everyKind();
    const Directory dir = directory();
    const Evaluator evaluator(set);
    const Connection c = makeConnection(set, dir, user, Protocol(protocol),
                                        AuthenticationType(auth), address(ip), port);
    const Evaluation result = evaluator.evaluate(c);
    QCOMPARE(result.decidingRule, deciding);
    QCOMPARE(result.action == Action::DenyAccess, deciding >= 0);
    QCOMPARE(evaluator.decide(c), deciding);
}

void TestEvaluator::traceExplains_data()
{
    QTest::addColumn<QString>("ip");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("expected");

    QTest::newRow("IP exception held names the range")
        << u"192.168.10.9"_s << u"hana@contoso.com"_s
        << u"exception: 192.168.10.9 is in 192.168.10.0/24"_s;
    QTest::newRow("IP exception not held names the range")
        << u"203.0.113.9"_s << u"hana@contoso.com"_s
        << u"exception: 203.0.113.9 is not in 192.168.10.0/24"_s;
    QTest::newRow("IPv6 client explains the family mismatch")
        << u"2001:db8::1"_s << u"hana@contoso.com"_s
        << u"2001:db8::1 is not in 0.0.0.0/0 (an IPv6 client never matches IPv4 entries)"_s;
    QTest::newRow("filter shows the attribute it read")
        << u"203.0.113.9"_s << u"ian@contoso.com"_s
        << u"{Department -ne 'IT'} is false (Department is 'IT')"_s;
    QTest::newRow("filter of an unknown user says why")
        << u"203.0.113.9"_s << u"who@contoso.com"_s
        << u"'who@contoso.com' is not in the directory, so {Department -ne 'IT'} is false"_s;
    QTest::newRow("username exception names the string and patterns")
        << u"203.0.113.9"_s << u"hana@contoso.com"_s
        << u"exception: contoso.com\\hana matches none of *tanyas*"_s;
}

void TestEvaluator::traceExplains()
{
    QFETCH(QString, ip);
    QFETCH(QString, user);
    QFETCH(QString, expected);

    const RuleSet set = everyKind();
    const Directory dir = directory();
    const Evaluator evaluator(set);
    const Connection c = makeConnection(set, dir, user, Protocol::ExchangeAdminCenter,
                                        AuthenticationType::BasicAuthentication, address(ip));
    const Evaluation result = evaluator.evaluate(c);
    QCOMPARE(result.trace.size(), 2);
    QStringList lines;
    for (const ConditionTrace &condition : result.trace.at(0).conditions)
        lines << evaluator.describe(result.trace.at(0), condition, c);
    QVERIFY2(lines.contains(expected), qPrintable(lines.join(u'\n')));
    // Every present condition and exception of the rule has a line: 6 conditions and 4 exceptions
    // (the rule has no ExceptAnyOfProtocols).
    QCOMPARE(lines.size(), 10);
}

void TestEvaluator::laterRulesAreMarked()
{
    RuleSet set;
    Rule allow;
    allow.name = u"Allow all"_s;
    allow.action = Action::AllowAccess;
    QVERIFY(set.insertRule(allow).ok);
    Rule deny;
    deny.name = u"Deny all"_s;
    QVERIFY(set.insertRule(deny).ok);
    Rule off;
    off.name = u"Disabled"_s;
    off.enabled = false;
    QVERIFY(set.insertRule(off).ok);

    const Evaluator evaluator(set);
    const Connection c =
        makeConnection(set, Directory(), u"a@b.c"_s, Protocol::POP3,
                       AuthenticationType::BasicAuthentication, address(u"10.0.0.1"_s));
    const Evaluation result = evaluator.evaluate(c);
    QCOMPARE(result.decidingRule, 0);
    QCOMPARE(result.matching.size(), 3);
    QVERIFY(result.trace.at(0).decided && !result.trace.at(0).afterDecision);
    QVERIFY(!result.trace.at(1).decided && result.trace.at(1).afterDecision);
    QVERIFY(!result.trace.at(2).enabled);
    QCOMPARE(evaluator.describeOutcome(result.trace.at(2)), u"matched, but the rule is disabled"_s);
}

void TestEvaluator::decideAgreesWithEvaluate()
{
    // Sweep a grid of connections: the fast path and the traced path must agree everywhere.
    const RuleSet set = everyKind();
    const Directory dir = directory();
    const Evaluator evaluator(set);
    const QStringList users {u"hana@contoso.com"_s, u"ian@contoso.com"_s, u"tanyas@x.org"_s};
    const QStringList ips {u"203.0.113.9"_s, u"192.168.10.1"_s, u"::1"_s};
    int checked = 0;
    for (const QString &user : users) {
        for (int p = 0; p < ProtocolCount; ++p) {
            for (int a = 0; a < AuthenticationTypeCount; ++a) {
                for (const QString &ip : ips) {
                    for (int port : {443, 4444}) {
                        const Connection c = makeConnection(
                            set, dir, user, Protocol(p), AuthenticationType(a), address(ip), port);
                        QCOMPARE(evaluator.decide(c), evaluator.evaluate(c).decidingRule);
                        ++checked;
                    }
                }
            }
        }
    }
    QCOMPARE(checked, 3 * ProtocolCount * AuthenticationTypeCount * 3 * 2);
}

void TestEvaluator::evaluationAllocatesNothing()
{
    const RuleSet set = everyKind();
    const Directory dir = directory();
    const Evaluator evaluator(set);
    const Connection c =
        makeConnection(set, dir, u"hana@contoso.com"_s, Protocol::ExchangeAdminCenter,
                       AuthenticationType::BasicAuthentication, address(u"203.0.113.9"_s));
    Evaluation result;
    evaluator.evaluate(c, result); // warm up
    const long before = g_allocations.load();
    for (int i = 0; i < 100; ++i) {
        evaluator.evaluate(c, result);
        evaluator.decide(c);
    }
    QCOMPARE(g_allocations.load() - before, 0L);
    QCOMPARE(result.decidingRule, 0);
}

void TestEvaluator::usernameStrings_data()
{
    QTest::addColumn<int>("environment");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    const int online = int(Environment::ExchangeOnline);
    const int server = int(Environment::ExchangeServer);
    QTest::newRow("online user: UPN suffix then prefix")
        << online << u"IAN@contoso.com"_s << u"contoso.com\\ian"_s;
    QTest::newRow("server user: NetBIOS then account")
        << server << u"ian@contoso.com"_s << u"CONTOSO\\ian"_s;
    QTest::newRow("found by account name")
        << online << u"CONTOSO\\hana"_s << u"contoso.com\\hana"_s;
    QTest::newRow("unknown name@domain splits at the last @")
        << online << u"a@b@example.org"_s << u"example.org\\a@b"_s;
    QTest::newRow("unknown DOMAIN\\name stays as written")
        << online << u"FABRIKAM\\zoe"_s << u"FABRIKAM\\zoe"_s;
    QTest::newRow("unknown plain name stays as written") << server << u"zoe"_s << u"zoe"_s;
}

void TestEvaluator::usernameStrings()
{
    QFETCH(int, environment);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    RuleSet set;
    set.setEnvironment(Environment(environment));
    set.setNetbiosDomain(u"CONTOSO"_s);
    const Directory dir = directory();
    const Connection c =
        makeConnection(set, dir, text, Protocol::RemotePowerShell,
                       AuthenticationType::BasicAuthentication, address(u"10.0.0.1"_s));
    QCOMPARE(c.username, expected);
}

QTEST_GUILESS_MAIN(TestEvaluator)
#include "tst_evaluator.moc"
