// The rule analysis on hand-made rule sets: each finding kind, the classic traps of issue 5, and
// every witness replayed through the evaluator.
#include "analysis.h"
#include "evaluator.h"
#include "scriptrunner.h"

#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Car::FindingKind)

namespace {

Directory makeDirectory()
{
    Directory directory;
    const QList<QStringList> users = {
        {u"julia@contoso.com"_s, u"julia"_s, u"Sales"_s, u"Redmond"_s},
        {u"tanyas@contoso.com"_s, u"tanyas"_s, u"IT"_s, u"Seattle"_s},
        {u"jeff@contoso.com"_s, u"jeff"_s, u"HR"_s, u"Redmond"_s},
        {u"vip.anna@contoso.com"_s, u"anna"_s, u"Board"_s, u"London"_s},
    };
    for (const QStringList &u : users) {
        DirectoryUser user;
        user.userPrincipalName = u[0];
        user.samAccountName = u[1];
        user.alias = u[1];
        user.setAttribute(Attribute::Department, u[2]);
        user.setAttribute(Attribute::City, u[3]);
        QString error;
        if (!directory.addUser(user, &error))
            qFatal("%s", qPrintable(error));
    }
    return directory;
}

RuleSet rulesFrom(const QString &script, const Directory &directory)
{
    const ScriptResult result = ScriptRunner::runText(script, u"rules.ps1"_s, RuleSet(), directory);
    if (!result.ok())
        qFatal("%s", qPrintable(result.error->toString()));
    return result.ruleSet;
}

// Checks, independently of the analysis, that the witness shows what the finding claims.
QString witnessProblem(const Finding &finding, const RuleSet &rules, const Directory &directory)
{
    if (!finding.witness)
        return QString();
    DirectoryUser storage;
    const Connection c = finding.witness->connection(directory, storage);
    const Evaluator evaluator(rules);
    const Evaluation e = evaluator.evaluate(c);
    const int r = finding.ruleIndex;
    const auto matched = [&](int index) {
        return e.trace[index].outcome == RuleOutcome::Matched;
    };
    switch (finding.kind) {
    case FindingKind::Shadowed:
        if (!matched(r) || !finding.byIndexes.contains(e.decidingRule) || e.decidingRule >= r)
            return u"shadowed witness not decided by a taker"_s;
        break;
    case FindingKind::Redundant: {
        RuleSet reduced = rules;
        reduced.removeRule(r);
        if (Evaluator(reduced).evaluate(c).action != e.action)
            return u"redundant witness changes decision without the rule"_s;
        break;
    }
    case FindingKind::Correlated:
    case FindingKind::Generalised:
        if (!matched(r) || e.decidingRule != finding.byIndexes.value(0))
            return u"overlap witness not decided by the earlier rule"_s;
        break;
    case FindingKind::Lockout:
        if (e.decidingRule != r || e.action != Action::DenyAccess)
            return u"lockout witness not denied by the rule"_s;
        break;
    case FindingKind::Lint:
        break;
    }
    return QString();
}

} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT

private slots:
    void findings_data();
    void findings();
    void noFalseAlarms_data();
    void noFalseAlarms();
    void ipv6MoveWitnessIsIpv6();
    void jeffPatternWitnessIsJeff();
    void ruleLimitApproaching();
    void cancelStopsEarly();
    void largeRuleSetStaysExact();
    void lockoutGuardIsNotAdvisedAway();

private:
    Directory m_directory = makeDirectory();
};

void TestAnalysis::findings_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("adminUser");
    QTest::addColumn<QString>("adminAddress");
    QTest::addColumn<FindingKind>("kind");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QStringList>("by");

    const QString blockEas = u"New-ClientAccessRule 'Block EAS' -Action DenyAccess "
                             "-AnyOfProtocols ExchangeActiveSync\n"_s;
    QTest::newRow("issue trap: deny all ActiveSync at 1 shadows an allow for some EAS users")
        << blockEas
            + u"New-ClientAccessRule 'Allow EAS VIPs' -Action AllowAccess -AnyOfProtocols "
              "ExchangeActiveSync -UsernameMatchesAnyOfPatterns *\\vip*"_s
        << QString() << QString() << FindingKind::Shadowed << u"Allow EAS VIPs"_s
        << QStringList {u"Block EAS"_s};
    QTest::newRow("shadowed by two earlier rules together (inside and outside 10/8)")
        << u"New-ClientAccessRule 'Deny inside' -Action DenyAccess -AnyOfProtocols "
           "ExchangeActiveSync -AnyOfClientIPAddressesOrRanges 10.0.0.0/8\n"
           "New-ClientAccessRule 'Deny outside' -Action DenyAccess -AnyOfProtocols "
           "ExchangeActiveSync -ExceptAnyOfClientIPAddressesOrRanges 10.0.0.0/8\n"
           "New-ClientAccessRule 'Allow EAS' -Action AllowAccess -AnyOfProtocols "
           "ExchangeActiveSync"_s
        << QString() << QString() << FindingKind::Shadowed << u"Allow EAS"_s
        << QStringList {u"Deny inside"_s, u"Deny outside"_s};
    QTest::newRow("IPv6 prefix inside a denied IPv6 prefix is shadowed")
        << u"New-ClientAccessRule 'Deny db8' -Action DenyAccess -AnyOfClientIPAddressesOrRanges "
           "2001:db8::/32\n"
           "New-ClientAccessRule 'Allow db8:1' -Action AllowAccess "
           "-AnyOfClientIPAddressesOrRanges 2001:db8:1::/48"_s
        << QString() << QString() << FindingKind::Shadowed << u"Allow db8:1"_s
        << QStringList {u"Deny db8"_s};
    QTest::newRow("filter conjunction is inside the filter above it: shadowed")
        << u"New-ClientAccessRule 'Deny Sales' -Action DenyAccess -UserRecipientFilter "
           "\"Department -eq 'Sales'\"\n"
           "New-ClientAccessRule 'Allow Sales Redmond' -Action AllowAccess -UserRecipientFilter "
           "\"Department -eq 'Sales' -and City -eq 'Redmond'\""_s
        << QString() << QString() << FindingKind::Shadowed << u"Allow Sales Redmond"_s
        << QStringList {u"Deny Sales"_s};
    QTest::newRow("-like above -eq of a matching value: shadowed")
        << u"New-ClientAccessRule 'Deny S*' -Action DenyAccess -UserRecipientFilter "
           "\"Department -like 'Sales*'\"\n"
           "New-ClientAccessRule 'Allow Sales EMEA' -Action AllowAccess -UserRecipientFilter "
           "\"Department -eq 'sales emea'\""_s
        << QString() << QString() << FindingKind::Shadowed << u"Allow Sales EMEA"_s
        << QStringList {u"Deny S*"_s};
    QTest::newRow("username pattern inside a broader pattern: shadowed")
        << u"New-ClientAccessRule 'Deny contoso' -Action DenyAccess -UsernameMatchesAnyOfPatterns "
           "'contoso.com\\*'\n"
           "New-ClientAccessRule 'Allow jeff' -Action AllowAccess -UsernameMatchesAnyOfPatterns "
           "'CONTOSO.COM\\jeff'"_s
        << QString() << QString() << FindingKind::Shadowed << u"Allow jeff"_s
        << QStringList {u"Deny contoso"_s};
    QTest::newRow("deny below a catch-all deny is redundant")
        << u"New-ClientAccessRule 'Block all' -Action DenyAccess\n"_s + blockEas << QString()
        << QString() << FindingKind::Redundant << u"Block EAS"_s << QStringList {u"Block all"_s};
    QTest::newRow("port inside a denied port range is redundant")
        << u"New-ClientAccessRule 'Low ports' -Action DenyAccess -AnyOfSourceTcpPortNumbers "
           "1-1024\n"
           "New-ClientAccessRule 'Port 80' -Action DenyAccess -AnyOfSourceTcpPortNumbers 80"_s
        << QString() << QString() << FindingKind::Redundant << u"Port 80"_s
        << QStringList {u"Low ports"_s};
    QTest::newRow("allow with no deny below is redundant (implicit allow)")
        << u"New-ClientAccessRule 'Allow OWA' -Action AllowAccess -AnyOfProtocols OutlookWebApp\n"_s
            + blockEas
        << QString() << QString() << FindingKind::Redundant << u"Allow OWA"_s << QStringList();
    QTest::newRow("exception equal to the condition: matches nothing")
        << u"New-ClientAccessRule 'Never' -Action DenyAccess -AnyOfClientIPAddressesOrRanges "
           "10.0.0.0/8 -ExceptAnyOfClientIPAddressesOrRanges 10.0.0.0-10.255.255.255"_s
        << QString() << QString() << FindingKind::Redundant << u"Never"_s << QStringList();
    QTest::newRow("exception on the earlier rule leaves the later one partly reachable")
        << u"New-ClientAccessRule 'Block EAS' -Action DenyAccess -AnyOfProtocols "
           "ExchangeActiveSync -ExceptAnyOfClientIPAddressesOrRanges 10.0.0.0/8\n"
           "New-ClientAccessRule 'Allow EAS VIPs' -Action AllowAccess -AnyOfProtocols "
           "ExchangeActiveSync -UsernameMatchesAnyOfPatterns *\\vip*"_s
        << QString() << QString() << FindingKind::Correlated << u"Allow EAS VIPs"_s
        << QStringList {u"Block EAS"_s};
    QTest::newRow("catch-all deny below an allow: generalised")
        << u"New-ClientAccessRule 'Allow RPS' -Action AllowAccess -AnyOfProtocols "
           "RemotePowerShell\n"
           "New-ClientAccessRule 'Block all' -Action DenyAccess"_s
        << QString() << QString() << FindingKind::Generalised << u"Block all"_s
        << QStringList {u"Allow RPS"_s};
    QTest::newRow("partial overlap of address and protocol: correlated")
        << u"New-ClientAccessRule 'Allow office' -Action AllowAccess "
           "-AnyOfClientIPAddressesOrRanges 10.0.0.0/8\n"
           "New-ClientAccessRule 'Deny POP3' -Action DenyAccess -AnyOfProtocols POP3"_s
        << QString() << QString() << FindingKind::Correlated << u"Deny POP3"_s
        << QStringList {u"Allow office"_s};
    QTest::newRow("C17: Block PowerShell with no allow above is a lockout risk")
        << u"New-ClientAccessRule -Name \"Block PowerShell\" -Action DenyAccess -AnyOfProtocols "
           "RemotePowerShell -ExceptAnyOfClientIPAddressesOrRanges 192.168.10.1/24"_s
        << QString() << QString() << FindingKind::Lockout << u"Block PowerShell"_s << QStringList();
    QTest::newRow("administrator of Preferences denied the admin center")
        << u"New-ClientAccessRule -Name \"Restrict EAC Access\" -Action DenyAccess "
           "-AnyOfProtocols ExchangeAdminCenter -ExceptAnyOfClientIPAddressesOrRanges "
           "192.168.10.1/24"_s
        << u"julia@contoso.com"_s << u"203.0.113.9"_s << FindingKind::Lockout
        << u"Restrict EAC Access"_s << QStringList();
    QTest::newRow("C26: IPv4-only exception on a rule IPv6 clients reach")
        << u"New-ClientAccessRule -Name \"Restrict EAC Access\" -Action DenyAccess "
           "-AnyOfProtocols ExchangeAdminCenter -ExceptAnyOfClientIPAddressesOrRanges "
           "192.168.10.1/24"_s
        << QString() << QString() << FindingKind::Lint << u"Restrict EAC Access"_s << QStringList();
    QTest::newRow("H11: jeff* can never match a domain\\user string")
        << u"New-ClientAccessRule 'Jeff' -Action DenyAccess -UsernameMatchesAnyOfPatterns jeff*"_s
        << QString() << QString() << FindingKind::Lint << u"Jeff"_s << QStringList();
    QTest::newRow("username patterns are not honoured for UniversalOutlook")
        << u"New-ClientAccessRule 'UO bob' -Action DenyAccess -AnyOfProtocols UniversalOutlook "
           "-UsernameMatchesAnyOfPatterns *bob*"_s
        << QString() << QString() << FindingKind::Lint << u"UO bob"_s << QStringList();
    QTest::newRow("ExchangeAdminCenter is the classic EAC only")
        << u"New-ClientAccessRule 'Allow EAC' -Action AllowAccess -AnyOfProtocols "
           "ExchangeAdminCenter"_s
        << QString() << QString() << FindingKind::Lint << u"Allow EAC"_s << QStringList();
}

void TestAnalysis::findings()
{
    QFETCH(QString, script);
    QFETCH(QString, adminUser);
    QFETCH(QString, adminAddress);
    QFETCH(FindingKind, kind);
    QFETCH(QString, rule);
    QFETCH(QStringList, by);

    const RuleSet rules = rulesFrom(script, m_directory);
    AnalysisOptions options;
    options.admin = {adminUser, adminAddress};
    const AnalysisResult result = analyzeRuleSet(rules, m_directory, options);
    QVERIFY(result.exact);
    QVERIFY(!result.cancelled);

    const Finding *found = nullptr;
    QStringList all;
    for (const Finding &finding : result.findings) {
        all << u"%1 %2: %3"_s.arg(toString(finding.kind), finding.ruleName, finding.message);
        QVERIFY2(finding.certain, qPrintable(finding.message));
        const QString problem = witnessProblem(finding, rules, m_directory);
        QVERIFY2(problem.isEmpty(), qPrintable(problem + u": "_s + finding.message));
        if (finding.kind == kind && finding.ruleName == rule && !found)
            found = &finding;
    }
    QVERIFY2(found, qPrintable(all.join(u'\n')));
    QCOMPARE(found->by, by);
    // Only lint and a rule that matches nothing have no connection to show.
    if (kind != FindingKind::Lint && !found->message.contains(u"matches no connection"_s))
        QVERIFY2(found->witness, qPrintable(found->message));
}

void TestAnalysis::noFalseAlarms_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<FindingKind>("kind");
    QTest::addColumn<QString>("rule");

    QTest::newRow("C17 made safe by Always Allow Remote PowerShell at priority 1")
        << u"New-ClientAccessRule -Name \"Block PowerShell\" -Action DenyAccess -AnyOfProtocols "
           "RemotePowerShell -ExceptAnyOfClientIPAddressesOrRanges 192.168.10.1/24\n"
           "New-ClientAccessRule -Name \"Always Allow Remote PowerShell\" -Action Allow "
           "-AnyOfProtocols RemotePowerShell -Priority 1"_s
        << FindingKind::Lockout << u"Block PowerShell"_s;
    QTest::newRow("exception on the earlier rule: the later rule is not shadowed")
        << u"New-ClientAccessRule 'Block EAS' -Action DenyAccess -AnyOfProtocols "
           "ExchangeActiveSync -ExceptAnyOfClientIPAddressesOrRanges 10.0.0.0/8\n"
           "New-ClientAccessRule 'Allow EAS' -Action AllowAccess -AnyOfProtocols "
           "ExchangeActiveSync"_s
        << FindingKind::Shadowed << u"Allow EAS"_s;
    QTest::newRow("Scope Users rule lets middle-tier connections through: not shadowed")
        << u"New-ClientAccessRule 'Block EAS users' -Action DenyAccess -Scope Users "
           "-AnyOfProtocols ExchangeActiveSync\n"
           "New-ClientAccessRule 'Allow EAS' -Action AllowAccess -AnyOfProtocols "
           "ExchangeActiveSync\n"
           "New-ClientAccessRule 'Block all' -Action DenyAccess"_s
        << FindingKind::Shadowed << u"Allow EAS"_s;
    QTest::newRow("disjoint filters do not overlap")
        << u"New-ClientAccessRule 'Deny Sales' -Action DenyAccess -UserRecipientFilter "
           "\"Department -eq 'Sales'\"\n"
           "New-ClientAccessRule 'Allow HR' -Action AllowAccess -UserRecipientFilter "
           "\"Department -eq 'HR'\""_s
        << FindingKind::Correlated << u"Allow HR"_s;
    QTest::newRow("overlapping patterns are not nested: not shadowed")
        << u"New-ClientAccessRule 'Deny j' -Action DenyAccess -UsernameMatchesAnyOfPatterns "
           "*\\j*\n"
           "New-ClientAccessRule 'Allow eff' -Action AllowAccess -UsernameMatchesAnyOfPatterns "
           "*eff"_s
        << FindingKind::Shadowed << u"Allow eff"_s;
    QTest::newRow("an allow that a deny below needs is not redundant")
        << u"New-ClientAccessRule 'Allow office' -Action AllowAccess "
           "-AnyOfClientIPAddressesOrRanges 10.0.0.0/8\n"
           "New-ClientAccessRule 'Block all' -Action DenyAccess"_s
        << FindingKind::Redundant << u"Allow office"_s;
    QTest::newRow("disabled deny above does not shadow")
        << u"New-ClientAccessRule 'Block EAS' -Action DenyAccess -Enabled $false "
           "-AnyOfProtocols ExchangeActiveSync\n"
           "New-ClientAccessRule 'Allow EAS' -Action AllowAccess -AnyOfProtocols "
           "ExchangeActiveSync\n"
           "New-ClientAccessRule 'Block all' -Action DenyAccess"_s
        << FindingKind::Shadowed << u"Allow EAS"_s;
    QTest::newRow("IPv6 exception present: no IPv6 lint")
        << u"New-ClientAccessRule 'EAC' -Action DenyAccess -AnyOfProtocols ExchangeAdminCenter "
           "-ExceptAnyOfClientIPAddressesOrRanges 192.168.10.0/24,2001:db8::/48"_s
        << FindingKind::Lint << u"-"_s;
}

void TestAnalysis::noFalseAlarms()
{
    QFETCH(QString, script);
    QFETCH(FindingKind, kind);
    QFETCH(QString, rule);

    const RuleSet rules = rulesFrom(script, m_directory);
    const AnalysisResult result = analyzeRuleSet(rules, m_directory);
    QVERIFY(result.exact);
    for (const Finding &finding : result.findings) {
        const bool same = finding.kind == kind
            && (finding.ruleName == rule
                || (rule == u"-"_s && finding.message.contains(u"IPv6"_s)));
        QVERIFY2(!same, qPrintable(finding.message));
        QVERIFY2(witnessProblem(finding, rules, m_directory).isEmpty(),
                 qPrintable(finding.message));
    }
}

void TestAnalysis::ipv6MoveWitnessIsIpv6()
{
    const RuleSet rules = rulesFrom(
        u"New-ClientAccessRule -Name \"Restrict EAC Access\" -Action DenyAccess -AnyOfProtocols "
        "ExchangeAdminCenter -ExceptAnyOfClientIPAddressesOrRanges 192.168.10.1/24"_s,
        m_directory);
    const AnalysisResult result = analyzeRuleSet(rules, m_directory);
    for (const Finding &finding : result.findings) {
        if (finding.kind == FindingKind::Lint && finding.message.contains(u"IPv6"_s)) {
            QVERIFY(finding.witness);
            QVERIFY(finding.witness->address.v6);
            QVERIFY(finding.witness->protocol == Protocol::ExchangeAdminCenter);
            DirectoryUser storage;
            const Evaluation e =
                Evaluator(rules).evaluate(finding.witness->connection(m_directory, storage));
            QVERIFY(e.action == Action::DenyAccess);
            return;
        }
    }
    QFAIL("no IPv6 lint");
}

void TestAnalysis::jeffPatternWitnessIsJeff()
{
    const RuleSet rules = rulesFrom(
        u"New-ClientAccessRule 'Jeff' -Action DenyAccess -UsernameMatchesAnyOfPatterns jeff*"_s,
        m_directory);
    const AnalysisResult result = analyzeRuleSet(rules, m_directory);
    const QList<Finding> findings = result.findingsFor(0);
    const auto it = std::find_if(findings.cbegin(), findings.cend(), [](const Finding &f) {
        return f.kind == FindingKind::Lint && f.message.contains(u"jeff*"_s);
    });
    QVERIFY(it != findings.cend());
    QVERIFY(it->witness);
    QCOMPARE(it->witness->user, u"jeff@contoso.com"_s);
    QCOMPARE(it->witness->username, u"contoso.com\\jeff"_s);
    QVERIFY(it->witness->isReplayable(rules, m_directory));
    const Evaluation e = Evaluator(rules).evaluate(
        makeConnection(rules, m_directory, it->witness->user, it->witness->protocol,
                       it->witness->authenticationType, it->witness->address));
    QCOMPARE(e.decidingRule, -1); // jeff is not matched: the pattern does not do what it seems
}

void TestAnalysis::ruleLimitApproaching()
{
    QString script;
    for (int i = 1; i <= 18; ++i)
        script += u"New-ClientAccessRule 'R%1' -Action DenyAccess -AnyOfClientIPAddressesOrRanges "
                  "10.0.0.%1\n"_s.arg(i);
    const RuleSet rules = rulesFrom(script, m_directory);
    const AnalysisResult result = analyzeRuleSet(rules, m_directory);
    const QList<Finding> general = result.findingsFor(-1);
    QCOMPARE(general.size(), 1);
    QVERIFY(general[0].kind == FindingKind::Lint);
    QVERIFY(general[0].message.contains(u"18 of 20"_s));

    const RuleSet fewer = rulesFrom(script.section(u'\n', 0, 16), m_directory);
    QVERIFY(analyzeRuleSet(fewer, m_directory).findingsFor(-1).isEmpty());
}

void TestAnalysis::cancelStopsEarly()
{
    const RuleSet rules =
        rulesFrom(u"New-ClientAccessRule 'Block all' -Action DenyAccess"_s, m_directory);
    std::atomic_bool cancel(true);
    AnalysisOptions options;
    options.cancel = &cancel;
    const AnalysisResult result = analyzeRuleSet(rules, m_directory, options);
    QVERIFY(result.cancelled);
    QVERIFY(result.findings.isEmpty());
}

void TestAnalysis::largeRuleSetStaysExact()
{
    // 20 rules with every condition kind and 3000 users, as the console recomputes after each edit.
    // Its speed is measured by the benchmarks, not asserted here.
    Directory directory;
    for (int i = 0; i < 3000; ++i) {
        DirectoryUser user;
        user.userPrincipalName =
            u"user%1@%2"_s.arg(i).arg(i % 3 ? u"contoso.com"_s : u"fabrikam.com"_s);
        user.setAttribute(Attribute::Department, i % 5 ? u"Sales"_s : u"HR"_s);
        user.setAttribute(Attribute::City, i % 7 ? u"Redmond"_s : u"Oslo"_s);
        QVERIFY(directory.addUser(user));
    }
    QString script = u"New-ClientAccessRule 'Always Allow Remote PowerShell' -Action Allow "
                     "-AnyOfProtocols RemotePowerShell\n"_s;
    for (int i = 1; i < 19; ++i) {
        script += u"New-ClientAccessRule 'R%1' -Action %2 -AnyOfProtocols %3 "
                  "-AnyOfClientIPAddressesOrRanges 10.%1.0.0/16,2001:db8:%1::/48 "
                  "-ExceptAnyOfClientIPAddressesOrRanges 10.%1.1.%1 "
                  "-AnyOfSourceTcpPortNumbers %4-%5 "
                  "-UsernameMatchesAnyOfPatterns *\\user%1*,fabrikam.com\\* "
                  "-UserRecipientFilter \"Department -eq 'Sales' -or City -like 'R%1*'\"\n"_s.arg(i)
                      .arg(i % 2 ? u"DenyAccess"_s : u"AllowAccess"_s)
                      .arg(toString(Protocol(i % ProtocolCount)))
                      .arg(i * 100)
                      .arg(i * 100 + 2000);
    }
    script += u"New-ClientAccessRule 'Block all' -Action DenyAccess"_s;
    const RuleSet rules = rulesFrom(script, directory);
    QCOMPARE(rules.size(), 20);
    const AnalysisResult result = analyzeRuleSet(rules, directory);
    QVERIFY(result.exact);
    QVERIFY(!result.cancelled);
    for (const Finding &finding : result.findings)
        QVERIFY2(witnessProblem(finding, rules, directory).isEmpty(), qPrintable(finding.message));
}

void TestAnalysis::lockoutGuardIsNotAdvisedAway()
{
    // Microsoft's lockout guard is redundant while nothing below denies Remote PowerShell; the
    // finding must not read as advice to delete it.
    const RuleSet rules = rulesFrom(u"New-ClientAccessRule 'Always Allow Remote PowerShell' "
                                    "-Action Allow -AnyOfProtocols RemotePowerShell -Priority 1"_s,
                                    m_directory);
    const QList<Finding> findings = analyzeRuleSet(rules, m_directory).findingsFor(0);
    QCOMPARE(findings.size(), 1);
    QVERIFY(findings[0].kind == FindingKind::Redundant);
    QVERIFY2(findings[0].message.contains(u"lockout guard"_s), qPrintable(findings[0].message));

    const RuleSet other = rulesFrom(
        u"New-ClientAccessRule 'Allow POP3' -Action Allow -AnyOfProtocols POP3"_s, m_directory);
    const QList<Finding> plain = analyzeRuleSet(other, m_directory).findingsFor(0);
    QCOMPARE(plain.size(), 1);
    QVERIFY(!plain[0].message.contains(u"lockout guard"_s));
}

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
