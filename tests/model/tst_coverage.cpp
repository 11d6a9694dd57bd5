// The coverage matrix: every cell against direct evaluation, documented outcomes, CSV export.
#include "coveragematrix.h"
#include "directory.h"
#include "scriptrunner.h"

#include <QFile>
#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

QString readFixture(const QString &name)
{
    QFile file(QStringLiteral(CAR_TEST_DATA_DIR) + u"/examples/"_s + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return QString::fromUtf8(file.readAll());
}

Directory makeDirectory()
{
    Directory directory;
    for (const QString &upn : {u"julia@contoso.com"_s, u"tanyas@contoso.com"_s}) {
        DirectoryUser user;
        user.userPrincipalName = upn;
        user.samAccountName = upn.section(u'@', 0, 0);
        directory.addUser(user);
    }
    return directory;
}

} // namespace

class TestCoverage : public QObject
{
    Q_OBJECT

private slots:
    void everyCellIsTheEvaluatorsDecision_data();
    void everyCellIsTheEvaluatorsDecision();
    void documentedCells_data();
    void documentedCells();
    void exchangeServerOffersTwoProtocols();
    void csvExport();

private:
    Directory m_directory = makeDirectory();
};

void TestCoverage::everyCellIsTheEvaluatorsDecision_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("middleTier");
    QTest::newRow("F1 from outside: EAS and EAC denied, RPS allowed")
        << u"F1.ps1"_s << u"julia@contoso.com"_s << u"203.0.113.10"_s << 443 << false;
    QTest::newRow("F1 from the office range: the exceptions apply")
        << u"F1.ps1"_s << u"julia@contoso.com"_s << u"192.168.10.77"_s << 443 << false;
    QTest::newRow("F1 username exception for tanyas")
        << u"F1.ps1"_s << u"tanyas@contoso.com"_s << u"198.51.100.4"_s << 443 << false;
    QTest::newRow("F2 user not in the directory, IPv6 client")
        << u"F2.ps1"_s << u"will@your.domain"_s << u"2001:db8::9"_s << 50000 << true;
    QTest::newRow("C30 scope users, middle-tier")
        << u"C30.ps1"_s << u"contoso\\JohnDoe"_s << u"10.1.1.50"_s << 443 << true;
}

void TestCoverage::everyCellIsTheEvaluatorsDecision()
{
    QFETCH(QString, fixture);
    QFETCH(QString, user);
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(bool, middleTier);

    const ScriptResult applied =
        ScriptRunner::runText(readFixture(fixture), fixture, RuleSet(), m_directory);
    QVERIFY2(applied.ok(), qPrintable(applied.error ? applied.error->toString() : QString()));
    const Evaluator evaluator(applied.ruleSet);
    const IpAddress ip = *IpAddress::parse(address);
    const CoverageMatrix matrix =
        CoverageMatrix::compute(evaluator, m_directory, user, ip, port, middleTier);
    QCOMPARE(matrix.rowCount(), ProtocolCount);
    QCOMPARE(matrix.columnCount(), AuthenticationTypeCount);
    for (int row = 0; row < matrix.rowCount(); ++row) {
        for (int column = 0; column < matrix.columnCount(); ++column) {
            const CoverageCell &cell = matrix.cell(row, column);
            const Connection c = makeConnection(applied.ruleSet, m_directory, user, cell.protocol,
                                                cell.authenticationType, ip, port, middleTier);
            const Evaluation e = evaluator.evaluate(c);
            QCOMPARE(cell.decidingRule, e.decidingRule);
            QVERIFY(cell.action == e.action);
            QCOMPARE(cell.ruleName,
                     e.decidingRule >= 0 ? applied.ruleSet.at(e.decidingRule).name : QString());
            QCOMPARE(cell.filterable,
                     protocolSupportsAuthentication(cell.protocol, cell.authenticationType));
            const Connection again = matrix.connection(row, column, applied.ruleSet, m_directory);
            QCOMPARE(evaluator.decide(again), e.decidingRule);
        }
    }
}

void TestCoverage::documentedCells_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("address");
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<AuthenticationType>("authentication");
    QTest::addColumn<QString>("text");

    // Fixture F1 of examples.md (D1-D8).
    QTest::newRow("D2: EAS from outside is blocked")
        << u"julia@contoso.com"_s << u"203.0.113.10"_s << Protocol::ExchangeActiveSync
        << AuthenticationType::BasicAuthentication << u"DenyAccess: Block ActiveSync"_s;
    QTest::newRow("D3: EAS from the office is excused")
        << u"julia@contoso.com"_s << u"192.168.10.77"_s << Protocol::ExchangeActiveSync
        << AuthenticationType::BasicAuthentication << u"AllowAccess"_s;
    QTest::newRow("D4: classic EAC from outside is restricted")
        << u"julia@contoso.com"_s << u"198.51.100.4"_s << Protocol::ExchangeAdminCenter
        << AuthenticationType::BasicAuthentication << u"DenyAccess: Restrict EAC Access"_s;
    QTest::newRow("D5: tanyas is excused by the username exception")
        << u"tanyas@contoso.com"_s << u"198.51.100.4"_s << Protocol::ExchangeAdminCenter
        << AuthenticationType::AdfsAuthentication << u"AllowAccess"_s;
    QTest::newRow("D6: RemotePowerShell is always allowed")
        << u"julia@contoso.com"_s << u"198.51.100.4"_s << Protocol::RemotePowerShell
        << AuthenticationType::NonBasicAuthentication
        << u"AllowAccess: Always Allow Remote PowerShell"_s;
}

void TestCoverage::documentedCells()
{
    QFETCH(QString, user);
    QFETCH(QString, address);
    QFETCH(Protocol, protocol);
    QFETCH(AuthenticationType, authentication);
    QFETCH(QString, text);

    const ScriptResult applied =
        ScriptRunner::runText(readFixture(u"F1.ps1"_s), u"F1.ps1"_s, RuleSet(), m_directory);
    QVERIFY(applied.ok());
    const CoverageMatrix matrix = CoverageMatrix::compute(Evaluator(applied.ruleSet), m_directory,
                                                          user, *IpAddress::parse(address));
    const int row = int(matrix.protocols().indexOf(protocol));
    const int column = int(matrix.authenticationTypes().indexOf(authentication));
    QCOMPARE(CoverageMatrix::cellText(matrix.cell(row, column)), text);
    QVERIFY(matrix.userInDirectory());
}

void TestCoverage::exchangeServerOffersTwoProtocols()
{
    RuleSet rules;
    rules.setEnvironment(Environment::ExchangeServer);
    rules.setNetbiosDomain(u"CONTOSO"_s);
    const CoverageMatrix matrix = CoverageMatrix::compute(
        Evaluator(rules), m_directory, u"julia@contoso.com"_s, *IpAddress::parse(u"10.0.0.1"_s));
    QCOMPARE(matrix.rowCount(), 2);
    QVERIFY(matrix.protocols()[0] == Protocol::RemotePowerShell);
    QVERIFY(matrix.protocols()[1] == Protocol::ExchangeAdminCenter);
    QCOMPARE(matrix.username(), u"CONTOSO\\julia"_s);
}

void TestCoverage::csvExport()
{
    const ScriptResult applied = ScriptRunner::runText(
        u"New-ClientAccessRule 'Block EAS, POP3' -Action DenyAccess -AnyOfProtocols "
        "ExchangeActiveSync,POP3"_s,
        u"t.ps1"_s, RuleSet(), m_directory);
    QVERIFY(applied.ok());
    const CoverageMatrix matrix =
        CoverageMatrix::compute(Evaluator(applied.ruleSet), m_directory, u"julia@contoso.com"_s,
                                *IpAddress::parse(u"203.0.113.10"_s));
    const QStringList lines = matrix.toCsv().split(u"\r\n"_s);
    QCOMPARE(lines.size(), ProtocolCount + 2); // header, rows, empty after the last CRLF
    QCOMPARE(lines[0],
             u"Protocol,BasicAuthentication,NonBasicAuthentication,AdfsAuthentication,"
             "CertificateBasedAuthentication,OAuthAuthentication"_s);
    QCOMPARE(lines[1],
             u"ExchangeWebServices,AllowAccess,AllowAccess,AllowAccess,AllowAccess,"
             "AllowAccess"_s);
    const QString quoted = u"\"DenyAccess: Block EAS, POP3\""_s;
    QCOMPARE(lines[4], u"POP3,%1,%1,%1,%1,%1"_s.arg(quoted)); // a comma in a name is quoted
    QVERIFY(lines.last().isEmpty());
}

QTEST_GUILESS_MAIN(TestCoverage)
#include "tst_coverage.moc"
