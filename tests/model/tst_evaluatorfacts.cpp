// A user's facts (Evaluator::userFacts: what its recipient filters and username patterns say of
// every rule) and the decision made from them (Evaluator::decide(connection, facts)) must equal
// the traced evaluation: bit by bit against each rule's trace, and decision by decision, for
// hand-picked cases and for random rule sets x users x connections (fixed seeds).
#include "directory.h"
#include "evaluator.h"
#include "randomruleset.h"

#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

DirectoryUser user(const QString &upn, const QString &sam, const QString &alias,
                   QList<std::pair<Attribute, QString>> attributes = {})
{
    DirectoryUser u;
    u.userPrincipalName = upn;
    u.samAccountName = sam;
    u.alias = alias;
    for (const auto &[attribute, value] : attributes)
        u.setAttribute(attribute, value);
    return u;
}

Rule rule(const QString &name, const QString &filter, const QStringList &patterns,
          const QStringList &exceptPatterns, bool enabled = true)
{
    Rule r;
    r.name = name;
    r.action = Action::DenyAccess;
    r.enabled = enabled;
    r.userRecipientFilter = filter;
    for (const QString &p : patterns)
        r.usernameMatchesAnyOfPatterns << *UsernamePattern::parse(p);
    for (const QString &p : exceptPatterns)
        r.exceptUsernameMatchesAnyOfPatterns << *UsernamePattern::parse(p);
    return r;
}

// Whether the user's part of the rule holds, read from the rule's trace: its filter and
// username-pattern condition held and its username-pattern exception did not apply.
bool userPartHolds(const RuleTrace &trace, bool patternsCount)
{
    for (const ConditionTrace &c : trace.conditions) {
        if (c.kind == ConditionKind::UserRecipientFilter && !c.held)
            return false;
        if (c.kind == ConditionKind::UsernamePatterns && patternsCount && c.exception == c.held)
            return false;
    }
    return true;
}

// Compares the facts with the trace of every rule, and the decisions; returns the first
// difference, or an empty string.
QString compare(const Evaluator &evaluator, const Connection &c)
{
    const UserFacts facts = evaluator.userFacts(c.user, c.userText);
    if (facts != evaluator.userFacts(c))
        return u"userFacts(user, text) differs from userFacts(connection)"_s;
    const Evaluation traced = evaluator.evaluate(c);
    const bool outlook = c.protocol == Protocol::UniversalOutlook;
    for (const RuleTrace &trace : traced.trace) {
        if (trace.outcome == RuleOutcome::ScopeSkipped)
            continue; // the trace says nothing of the conditions
        const quint32 bit = 1u << trace.ruleIndex;
        const bool holds = (outlook ? facts.holdsWithoutPatterns : facts.holds) & bit;
        if (holds != userPartHolds(trace, !outlook))
            return u"rule %1: the facts say %2, the trace the opposite"_s.arg(trace.ruleIndex)
                .arg(holds ? u"holds"_s : u"fails"_s);
    }
    const int decided = evaluator.decide(c, facts);
    if (decided != traced.decidingRule || evaluator.decide(c) != traced.decidingRule)
        return u"decide gives %1 and %2, evaluate %3"_s.arg(decided)
            .arg(evaluator.decide(c))
            .arg(traced.decidingRule);
    return QString();
}

const QStringList addresses {u"192.168.1.1"_s,   u"10.1.0.5"_s,    u"172.16.3.2"_s,
                             u"2001:db8:1::5"_s, u"2001:db8::9"_s, u"203.0.113.9"_s};

} // namespace

class TestEvaluatorFacts : public QObject
{
    Q_OBJECT

private slots:
    void cases_data();
    void cases();
    void randomRuleSets_data();
    void randomRuleSets();
};

void TestEvaluatorFacts::cases_data()
{
    QTest::addColumn<Environment>("environment");
    QTest::addColumn<Rule>("rule");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<bool>("holds");
    QTest::addColumn<int>("deciding");

    const auto online = Environment::ExchangeOnline;
    const auto server = Environment::ExchangeServer;
    const auto eas = Protocol::ExchangeActiveSync;
    const auto outlook = Protocol::UniversalOutlook;
    QTest::newRow("filter on an attribute the user lacks: -eq is false")
        << online << rule(u"r"_s, u"City -eq 'Paris'"_s, {}, {}) << u"hana@contoso.com"_s << eas
        << false << -1;
    QTest::newRow("filter on an attribute the user lacks: -eq $null is true")
        << online << rule(u"r"_s, u"City -eq $null"_s, {}, {}) << u"hana@contoso.com"_s << eas
        << true << 0;
    QTest::newRow("filter on a user not in the directory is false")
        << online << rule(u"r"_s, u"-not (Department -eq 'IT')"_s, {}, {})
        << u"guest1@fabrikam.com"_s << eas << false << -1;
    QTest::newRow("pattern on a user not in the directory: name@domain gives domain\\name")
        << online << rule(u"r"_s, {}, {u"fabrikam.com\\guest*"_s}, {}) << u"guest1@fabrikam.com"_s
        << eas << true << 0;
    QTest::newRow("pattern on DOMAIN\\name not in the directory: as written")
        << server << rule(u"r"_s, {}, {u"EXTERNAL\\*"_s}, {}) << u"EXTERNAL\\visitor"_s << eas
        << true << 0;
    QTest::newRow("Exchange Online string: UPN suffix\\prefix, not the account name")
        << online << rule(u"r"_s, {}, {u"contoso.com\\ian"_s}, {}) << u"CONTOSO\\iansam"_s << eas
        << true << 0;
    QTest::newRow("Exchange Online string never has the NetBIOS name")
        << online << rule(u"r"_s, {}, {u"CONTOSO\\*"_s}, {}) << u"ian@contoso.com"_s << eas << false
        << -1;
    QTest::newRow("Exchange Server string: NetBIOS\\account name")
        << server << rule(u"r"_s, {}, {u"CONTOSO\\iansam"_s}, {}) << u"ian@contoso.com"_s << eas
        << true << 0;
    QTest::newRow("Exchange Server string of a user without an account name: UPN prefix")
        << server << rule(u"r"_s, {}, {u"CONTOSO\\nosam"_s}, {}) << u"nosam@contoso.com"_s << eas
        << true << 0;
    QTest::newRow("disabled rule: its facts hold, it never decides")
        << online << rule(u"r"_s, u"Department -eq 'IT'"_s, {u"*\\ian"_s}, {}, false)
        << u"ian@contoso.com"_s << eas << true << -1;
    QTest::newRow("username exception applies")
        << online << rule(u"r"_s, {}, {u"*"_s}, {u"*\\ian"_s}) << u"ian@contoso.com"_s << eas
        << false << -1;
    QTest::newRow("username exception does not apply")
        << online << rule(u"r"_s, {}, {u"*"_s}, {u"*\\ian"_s}) << u"hana@contoso.com"_s << eas
        << true << 0;
    QTest::newRow("UniversalOutlook: patterns not honoured, the condition holds")
        << online << rule(u"r"_s, {}, {u"*\\nobody"_s}, {}) << u"ian@contoso.com"_s << outlook
        << true << 0;
    QTest::newRow("UniversalOutlook: the exception never applies")
        << online << rule(u"r"_s, {}, {}, {u"*\\ian"_s}) << u"ian@contoso.com"_s << outlook << true
        << 0;
    QTest::newRow("UniversalOutlook: the filter still counts")
        << online << rule(u"r"_s, u"Department -eq 'HR'"_s, {u"*"_s}, {}) << u"ian@contoso.com"_s
        << outlook << false << -1;
    QTest::newRow("filter and pattern both needed, found by alias")
        << online << rule(u"r"_s, u"Department -eq 'IT'"_s, {u"*\\ian"_s}, {}) << u"IANALIAS"_s
        << eas << true << 0;
}

void TestEvaluatorFacts::cases()
{
    QFETCH(Environment, environment);
    QFETCH(Rule, rule);
    QFETCH(QString, text);
    QFETCH(Protocol, protocol);
    QFETCH(bool, holds);
    QFETCH(int, deciding);

    Directory directory;
    QVERIFY(directory.addUser(user(u"ian@contoso.com"_s, u"iansam"_s, u"ianalias"_s,
                                   {{Attribute::Department, u"IT"_s}})));
    QVERIFY(directory.addUser(
        user(u"hana@contoso.com"_s, u"hana"_s, u"hana"_s, {{Attribute::Department, u"HR"_s}})));
    QVERIFY(directory.addUser(user(u"nosam@contoso.com"_s, QString(), u"nosam"_s)));
    RuleSet rules;
    rules.setEnvironment(environment);
    rules.setNetbiosDomain(u"CONTOSO"_s);
    const RuleSet::Outcome added = rules.insertRule(rule);
    QVERIFY2(added.ok, qPrintable(added.error));
    const Evaluator evaluator(rules);
    const Connection c =
        makeConnection(rules, directory, text, protocol, AuthenticationType::BasicAuthentication,
                       *IpAddress::parse(u"10.0.0.1"));
    const UserFacts facts = evaluator.userFacts(c.user, text);
    const quint32 bits =
        protocol == Protocol::UniversalOutlook ? facts.holdsWithoutPatterns : facts.holds;
    QCOMPARE(bool(bits & 1u), holds);
    QCOMPARE(evaluator.decide(c, facts), deciding);
    const QString difference = compare(evaluator, c);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestEvaluatorFacts::randomRuleSets_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<Environment>("environment");
    QTest::addColumn<QString>("netbios");
    for (quint32 seed = 1; seed <= 4; ++seed) {
        QTest::addRow("Exchange Online, seed %u", seed)
            << seed << Environment::ExchangeOnline << QString();
        QTest::addRow("Exchange Server with a NetBIOS name, seed %u", seed)
            << seed + 100 << Environment::ExchangeServer << u"CONTOSO"_s;
        QTest::addRow("Exchange Server without one, seed %u", seed)
            << seed + 200 << Environment::ExchangeServer << QString();
    }
}

void TestEvaluatorFacts::randomRuleSets()
{
    QFETCH(quint32, seed);
    QFETCH(Environment, environment);
    QFETCH(QString, netbios);
    CarTest::RandomRuleSets random(seed);
    QRandomGenerator &rng = random.rng();
    const auto any = [&rng](const QStringList &list) {
        return list.at(int(rng.bounded(int(list.size()))));
    };
    // Users whose names and attributes the random patterns and filters are about.
    Directory directory;
    const QStringList names {u"bob"_s,     u"alice"_s, u"admin-x"_s, u"John Doe"_s,
                             u"o'brien"_s, u"BOBBY"_s, u"tanya"_s,   u"zoë"_s};
    for (int i = 0; directory.size() < 60; ++i) {
        const QString name = any(names) + QString::number(i);
        DirectoryUser u = user(name + any({u"@contoso.com"_s, u"@fabrikam.com"_s}),
                               random.chance(80) ? any(names) + QString::number(i) : QString(),
                               u"a"_s + QString::number(i));
        u.setAttribute(Attribute::City, any({u"Redmond"_s, u"redmond"_s, u"Paris"_s, QString()}));
        u.setAttribute(Attribute::Department, any({u"Sales"_s, u"IT"_s, QString()}));
        u.setAttribute(Attribute::Company, any({u"Contoso"_s, u"Fabrikam"_s, QString()}));
        u.setAttribute(Attribute::CountryOrRegion, any({u"US"_s, u"FR"_s, QString()}));
        u.setAttribute(Attribute::Office, any({u"HQ"_s, u"Branch"_s, QString()}));
        u.setAttribute(Attribute::CustomAttribute1, any({u"O'Reilly"_s, QString()}));
        directory.addUser(u);
    }
    int checked = 0;
    for (int round = 0; round < 15; ++round) {
        RuleSet rules = random.ruleSet(environment, random.between(1, RuleSet::MaxRules));
        rules.setNetbiosDomain(netbios);
        const Evaluator evaluator(rules);
        for (int i = 0; i < 40; ++i) {
            const DirectoryUser &u = directory.user(int(rng.bounded(directory.size())));
            const QString text = any({u.userPrincipalName, u.userPrincipalName.toUpper(), u.alias,
                                      u"CONTOSO\\"_s + u.samAccountName, u"bob99@contoso.com"_s,
                                      u"CONTOSO\\admin7"_s, u"John Doe"_s, u"o'brien@x.org"_s});
            for (int p = 0; p < ProtocolCount; ++p) {
                const Connection c = makeConnection(
                    rules, directory, text, Protocol(p),
                    AuthenticationType(rng.bounded(AuthenticationTypeCount)),
                    *IpAddress::parse(any(addresses)),
                    random.chance(20) ? random.between(1, 1023) : 443, random.chance(30));
                const QString difference = compare(evaluator, c);
                if (!difference.isEmpty())
                    QFAIL(
                        qPrintable(u"'%1', %2: %3"_s.arg(text, toString(Protocol(p)), difference)));
                ++checked;
            }
        }
    }
    QCOMPARE(checked, 15 * 40 * ProtocolCount);
}

QTEST_GUILESS_MAIN(TestEvaluatorFacts)
#include "tst_evaluatorfacts.moc"
