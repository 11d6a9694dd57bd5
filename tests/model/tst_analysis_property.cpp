// Property test of the rule analysis over random rule sets (fixed seeds): no "shadowed" or
// "redundant" claim is ever false — removing the rule changes no decision on any sampled
// connection — and every rule the analysis does not call so does change some decision.
#include "analysis.h"
#include "analysisspace.h"
#include "cmdletwriter.h"
#include "evaluator.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

const QStringList ipPool = {
    u"10.0.0.0/8"_s,
    u"10.1.0.0/16"_s,
    u"10.1.2.3"_s,
    u"10.1.0.0-10.2.255.255"_s,
    u"192.168.0.0/24"_s,
    u"2001:db8::/32"_s,
    u"2001:db8:1::/48"_s,
    u"0.0.0.0/0"_s,
    u"2001:db8::5-2001:db8::ffff"_s,
};
const QStringList addressPool = {
    u"10.0.0.0"_s,        u"9.255.255.255"_s, u"10.255.255.255"_s, u"11.0.0.0"_s,
    u"10.1.2.3"_s,        u"10.1.2.4"_s,      u"10.1.255.255"_s,   u"10.2.255.255"_s,
    u"10.3.0.0"_s,        u"192.168.0.5"_s,   u"192.168.1.0"_s,    u"2001:db8::1"_s,
    u"2001:db7:ffff::"_s, u"2001:db8:1::5"_s, u"2001:db8:2::"_s,   u"203.0.113.10"_s,
    u"::ffff:10.1.2.3"_s, u"2001:db8::5"_s,   u"2001:db8::1:0"_s,  u"255.255.255.255"_s,
};
const QStringList portPool = {u"1-1024"_s, u"443"_s, u"80"_s, u"1000-2000"_s, u"443-450"_s};
const QList<int> portSamples = {1,   80,   81,   443,  444,  450,  451,
                                999, 1000, 1024, 1025, 2000, 2001, 65535};
const QStringList patternPool = {
    u"*\\a*"_s, u"*\\ab*"_s,          u"contoso.com\\*"_s, u"*b"_s, u"fabrikam.com\\a*"_s,
    u"*\\*"_s,  u"contoso.com\\ab"_s, u"*com\\b*"_s,       u"a*"_s,
};
const QStringList filterPool = {
    u"Department -eq 'Sales'"_s,     u"Department -like 'S*'"_s,
    u"City -ne 'Redmond'"_s,         u"Department -eq 'Sales' -and City -eq 'Redmond'"_s,
    u"-not (Department -eq 'HR')"_s, u"Department -notlike '*a*' -or City -eq $null"_s,
};
const QList<Protocol> protocolPool = {
    Protocol::ExchangeActiveSync,
    Protocol::OutlookWebApp,
    Protocol::RemotePowerShell,
    Protocol::ExchangeAdminCenter,
    Protocol::POP3,
    Protocol::IMAP4,
    Protocol::ExchangeWebServices,
    Protocol::UniversalOutlook,
};

template<typename T> QList<T> pick(QRandomGenerator &random, const QList<T> &pool, int max)
{
    QList<T> result;
    const int count = 1 + random.bounded(max);
    for (int i = 0; i < count; ++i) {
        const T value = pool[random.bounded(int(pool.size()))];
        if (!result.contains(value))
            result.append(value);
    }
    return result;
}

QList<IpRange> ips(QRandomGenerator &random)
{
    QList<IpRange> result;
    for (const QString &text : pick(random, ipPool, 2))
        result.append(*IpRange::parse(text));
    return result;
}

QList<PortRange> ports(QRandomGenerator &random)
{
    QList<PortRange> result;
    for (const QString &text : pick(random, portPool, 2))
        result.append(*PortRange::parse(text));
    return result;
}

QList<UsernamePattern> patterns(QRandomGenerator &random)
{
    QList<UsernamePattern> result;
    for (const QString &text : pick(random, patternPool, 2))
        result.append(*UsernamePattern::parse(text));
    return result;
}

Rule randomRule(QRandomGenerator &random, int index)
{
    Rule rule;
    rule.name = u"R%1"_s.arg(index);
    rule.action = random.bounded(2) ? Action::DenyAccess : Action::AllowAccess;
    rule.enabled = random.bounded(10) != 0;
    rule.scope = random.bounded(5) == 0 ? Scope::Users : Scope::All;
    const auto chance = [&random](int percent) {
        return int(random.bounded(100)) < percent;
    };
    if (chance(45))
        rule.anyOfProtocols = pick(random, protocolPool, 3);
    if (chance(15))
        rule.exceptAnyOfProtocols = pick(random, protocolPool, 2);
    if (!rule.anyOfProtocols.isEmpty() && chance(30)) {
        AuthenticationMask common = 0x1f;
        for (Protocol p : rule.anyOfProtocols)
            common &= supportedAuthentication(p);
        QList<AuthenticationType> supported;
        for (AuthenticationType a : allAuthenticationTypes()) {
            if (common & authenticationBit(a))
                supported.append(a);
        }
        if (!supported.isEmpty()) {
            rule.anyOfAuthenticationTypes = pick(random, supported, 2);
            if (chance(30))
                rule.exceptAnyOfAuthenticationTypes = pick(random, supported, 1);
        }
    }
    if (chance(35))
        rule.anyOfClientIPAddressesOrRanges = ips(random);
    if (chance(25))
        rule.exceptAnyOfClientIPAddressesOrRanges = ips(random);
    if (chance(20))
        rule.anyOfSourceTcpPortNumbers = ports(random);
    if (chance(10))
        rule.exceptAnyOfSourceTcpPortNumbers = ports(random);
    if (chance(30))
        rule.usernameMatchesAnyOfPatterns = patterns(random);
    if (chance(20))
        rule.exceptUsernameMatchesAnyOfPatterns = patterns(random);
    if (chance(25))
        rule.userRecipientFilter = filterPool[random.bounded(int(filterPool.size()))];
    return rule;
}

Directory makeDirectory()
{
    Directory directory;
    const QStringList names = {u"a"_s, u"ab"_s, u"b"_s, u"abc"_s, u"ba"_s};
    const QStringList domains = {u"contoso.com"_s, u"fabrikam.com"_s};
    const QStringList departments = {u"Sales"_s, u"HR"_s, u"S"_s, QString(), u"Legal"_s};
    const QStringList cities = {u"Redmond"_s, u"Oslo"_s, QString()};
    int n = 0;
    for (const QString &domain : domains) {
        for (const QString &name : names) {
            DirectoryUser user;
            user.userPrincipalName = name + u'@' + domain;
            user.setAttribute(Attribute::Department, departments[n % departments.size()]);
            user.setAttribute(Attribute::City, cities[n % cities.size()]);
            ++n;
            directory.addUser(user);
        }
    }
    return directory;
}

QString script(const RuleSet &rules)
{
    QString text;
    for (int i = 0; i < rules.size(); ++i)
        text += newRuleLine(rules.at(i), i + 1) + u'\n';
    return text;
}

QString describe(const Connection &c)
{
    QString attributes;
    if (c.user) {
        for (const Attribute a : allAttributes()) {
            if (!c.user->attribute(a).isEmpty())
                attributes += u" %1=%2"_s.arg(toString(a), c.user->attribute(a));
        }
    }
    return u"%1 (%2%3) %4 %5 %6:%7%8"_s
        .arg(c.username, c.user ? u"user"_s : u"no user"_s, attributes, toString(c.protocol),
             toString(c.authenticationType), c.address.toString())
        .arg(c.port)
        .arg(c.middleTier ? u" middle-tier"_s : QString());
}

struct Sample
{
    Connection connection;
    DirectoryUser storage; ///< for hypothetical users of the analysis's own examples
};

} // namespace

class TestAnalysisProperty : public QObject
{
    Q_OBJECT

private slots:
    void claimsHoldOnRandomRuleSets_data();
    void claimsHoldOnRandomRuleSets();
};

void TestAnalysisProperty::claimsHoldOnRandomRuleSets_data()
{
    QTest::addColumn<quint32>("firstSeed");
    QTest::addColumn<int>("sets");
    QTest::addColumn<int>("maxRules");
    QTest::newRow("small sets overlap a lot") << 1u << 150 << 5;
    QTest::newRow("medium sets mix every condition kind") << 1000u << 100 << 10;
    QTest::newRow("large sets near the limit") << 5000u << 30 << 20;
}

void TestAnalysisProperty::claimsHoldOnRandomRuleSets()
{
    QFETCH(quint32, firstSeed);
    QFETCH(int, sets);
    QFETCH(int, maxRules);

    const Directory directory = makeDirectory();
    QStringList userTexts;
    for (const DirectoryUser &user : directory.users())
        userTexts << user.userPrincipalName;
    userTexts << u"zz@example.com"_s << u"contoso.com\\b"_s << u"ab@other.org"_s
              << u"fabrikam.com\\azz"_s << u"x"_s;
    int claims = 0, shadowed = 0, redundant = 0, inexact = 0;

    for (int s = 0; s < sets; ++s) {
        const quint32 seed = firstSeed + quint32(s);
        QRandomGenerator random(seed);
        RuleSet rules;
        const int count = 1 + random.bounded(maxRules);
        for (int i = 0; i < count; ++i)
            QVERIFY2(rules.insertRule(randomRule(random, i)).ok, qPrintable(QString::number(seed)));

        const AnalysisResult result = analyzeRuleSet(rules, directory);
        QVERIFY(!result.cancelled);
        if (!result.exact) {
            ++inexact;
            continue;
        }

        // Samples: the analysis's own class representatives, then random connections.
        std::vector<std::unique_ptr<Sample>> samples;
        {
            const AnalysisSpace space(rules, directory);
            QList<AnalysisSpace::Cell> cells;
            QVERIFY(space.enumerate({}, cells));
            for (const AnalysisSpace::Cell &cell : cells) {
                auto sample = std::make_unique<Sample>();
                sample->connection =
                    space.witness(cell.point).connection(directory, sample->storage);
                samples.push_back(std::move(sample));
            }
        }
        for (int i = 0; i < 2000; ++i) {
            auto sample = std::make_unique<Sample>();
            const QString address = random.bounded(4) == 0
                ? IpAddress {bool(random.bounded(2)), random.generate64(), random.generate()}
                      .toString()
                : addressPool[random.bounded(int(addressPool.size()))];
            IpAddress parsed = *IpAddress::parse(address);
            sample->connection = makeConnection(
                rules, directory, userTexts[random.bounded(int(userTexts.size()))],
                Protocol(random.bounded(ProtocolCount)),
                AuthenticationType(random.bounded(AuthenticationTypeCount)), parsed,
                random.bounded(5) == 0 ? 1 + random.bounded(65535)
                                       : portSamples[random.bounded(int(portSamples.size()))],
                random.bounded(2));
            samples.push_back(std::move(sample));
        }

        const Evaluator full(rules);
        QList<Action> actions;
        QList<int> deciders;
        for (const auto &sample : samples) {
            const int decider = full.decide(sample->connection);
            deciders.append(decider);
            actions.append(decider >= 0 ? rules.at(decider).action : Action::AllowAccess);
        }

        // Every witness shows, to the evaluator, what its finding claims.
        for (const Finding &finding : result.findings) {
            if (!finding.witness)
                continue;
            DirectoryUser storage;
            const Evaluation e = full.evaluate(finding.witness->connection(directory, storage));
            const int r = finding.ruleIndex;
            bool shown = true;
            switch (finding.kind) {
            case FindingKind::Shadowed:
            case FindingKind::Correlated:
            case FindingKind::Generalised:
                shown = e.trace[r].outcome == RuleOutcome::Matched
                    && finding.byIndexes.contains(e.decidingRule) && e.decidingRule < r;
                break;
            case FindingKind::Redundant:
                shown = e.trace[r].outcome == RuleOutcome::Matched;
                break;
            case FindingKind::Lockout:
                shown = e.decidingRule == r && e.action == Action::DenyAccess;
                break;
            case FindingKind::Lint:
                break;
            }
            QVERIFY2(shown, qPrintable(u"seed %1: %2"_s.arg(seed).arg(finding.message)));
        }

        QList<int> claimed;
        for (const Finding &finding : result.findings) {
            if (finding.kind != FindingKind::Shadowed && finding.kind != FindingKind::Redundant)
                continue;
            QVERIFY2(finding.certain, qPrintable(finding.message));
            ++claims;
            (finding.kind == FindingKind::Shadowed ? shadowed : redundant)++;
            const int r = finding.ruleIndex;
            claimed.append(r);
            RuleSet reduced = rules;
            reduced.removeRule(r);
            const Evaluator without(reduced);
            for (std::size_t i = 0; i < samples.size(); ++i) {
                const int decider = without.decide(samples[i]->connection);
                const Action action =
                    decider >= 0 ? reduced.at(decider).action : Action::AllowAccess;
                if (action != actions[int(i)]) {
                    QFAIL(qPrintable(
                        u"seed %1: '%2' claimed %3, but removing it changes %4 (%5)\n%6"_s.arg(seed)
                            .arg(finding.ruleName, toString(finding.kind),
                                 describe(samples[i]->connection), finding.message,
                                 script(rules))));
                }
                if (finding.kind == FindingKind::Shadowed && deciders[int(i)] == r)
                    QFAIL(qPrintable(u"seed %1: shadowed '%2' decides %3\n%4"_s.arg(seed).arg(
                        finding.ruleName, describe(samples[i]->connection), script(rules))));
            }
        }
        // The other direction: every enabled rule not claimed changes some decision, shown on
        // the analysis's own representatives.
        for (int r = 0; r < rules.size(); ++r) {
            if (!rules.at(r).enabled || claimed.contains(r))
                continue;
            RuleSet reduced = rules;
            reduced.removeRule(r);
            const Evaluator without(reduced);
            bool changes = false;
            for (std::size_t i = 0; i < samples.size() && !changes; ++i) {
                const int decider = without.decide(samples[i]->connection);
                changes = (decider >= 0 ? reduced.at(decider).action : Action::AllowAccess)
                    != actions[int(i)];
            }
            QVERIFY2(changes,
                     qPrintable(u"seed %1: rule %2 not claimed redundant, but no sample shows it "
                                "matters"_s.arg(seed)
                                    .arg(r + 1)));
        }
    }
    qInfo("%d claims (%d shadowed, %d redundant), %d inexact sets", claims, shadowed, redundant,
          inexact);
    QVERIFY(claims > sets / 5); // the property is not vacuous
    QVERIFY(inexact < sets / 10);
}

QTEST_GUILESS_MAIN(TestAnalysisProperty)
#include "tst_analysis_property.moc"
