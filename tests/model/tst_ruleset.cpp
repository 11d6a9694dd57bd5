#include "ruleset.h"

#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

Rule makeRule(const QString &name, Action action = Action::DenyAccess)
{
    Rule rule;
    rule.name = name;
    rule.action = action;
    return rule;
}

RuleSet makeSet(const QStringList &names)
{
    RuleSet set;
    for (const QString &name : names) {
        const RuleSet::Outcome outcome = set.insertRule(makeRule(name));
        if (!outcome.ok)
            qFatal("cannot build fixture: %s", qPrintable(outcome.error));
    }
    return set;
}

QStringList names(const RuleSet &set)
{
    QStringList result;
    for (const Rule &rule : set.rules())
        result << rule.name;
    return result;
}

} // namespace

class TestRuleSet : public QObject
{
    Q_OBJECT

private slots:
    void insertAtPriority_data();
    void insertAtPriority();
    void movePriority_data();
    void movePriority();
    void ruleLimit();
    void uniqueNames_data();
    void uniqueNames();
    void identityByNameOrGuid();
    void failedEditChangesNothing();
    void duplicatesDropped();
    void idsAreStable();
};

void TestRuleSet::insertAtPriority_data()
{
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<int>("priority"); // 0 here means "none given"
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QStringList>("order");
    QTest::addColumn<bool>("warns");

    const QStringList abc {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    QTest::newRow("no priority appends (H3)")
        << abc << 0 << true << QStringList {u"A"_s, u"B"_s, u"C"_s, u"X"_s} << false;
    QTest::newRow("priority 1 inserts first (H2)")
        << abc << 1 << true << QStringList {u"X"_s, u"A"_s, u"B"_s, u"C"_s} << false;
    QTest::newRow("priority N+1 appends silently")
        << abc << 4 << true << QStringList {u"A"_s, u"B"_s, u"C"_s, u"X"_s} << false;
    QTest::newRow("priority past N+1 appends with a warning (H6)")
        << abc << 9 << true << QStringList {u"A"_s, u"B"_s, u"C"_s, u"X"_s} << true;
    QTest::newRow("priority -1 is an error") << abc << -1 << false << abc << false;
    QTest::newRow("first rule of an empty set at priority 1")
        << QStringList() << 1 << true << QStringList {u"X"_s} << false;
}

void TestRuleSet::insertAtPriority()
{
    QFETCH(QStringList, existing);
    QFETCH(int, priority);
    QFETCH(bool, ok);
    QFETCH(QStringList, order);
    QFETCH(bool, warns);

    RuleSet set = makeSet(existing);
    const std::optional<int> p = priority == 0 ? std::nullopt : std::optional<int>(priority);
    const RuleSet::Outcome outcome = set.insertRule(makeRule(QStringLiteral("X")), p);
    QCOMPARE(outcome.ok, ok);
    QCOMPARE(names(set), order);
    QCOMPARE(!outcome.warning.isEmpty(), warns);
    if (!ok)
        QVERIFY(outcome.error.contains(QLatin1String("Priority")));
}

void TestRuleSet::movePriority_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<int>("priority");
    QTest::addColumn<QStringList>("order");
    QTest::addColumn<bool>("warns");

    QTest::newRow("last to 2 shifts 2..4 down (H1)")
        << u"E"_s << 2 << QStringList {u"A"_s, u"E"_s, u"B"_s, u"C"_s, u"D"_s} << false;
    QTest::newRow("first to last")
        << u"A"_s << 5 << QStringList {u"B"_s, u"C"_s, u"D"_s, u"E"_s, u"A"_s} << false;
    QTest::newRow("past the end moves last with a warning (H6)")
        << u"A"_s << 99 << QStringList {u"B"_s, u"C"_s, u"D"_s, u"E"_s, u"A"_s} << true;
    QTest::newRow("same place keeps the order")
        << u"C"_s << 3 << QStringList {u"A"_s, u"B"_s, u"C"_s, u"D"_s, u"E"_s} << false;
}

void TestRuleSet::movePriority()
{
    QFETCH(QString, rule);
    QFETCH(int, priority);
    QFETCH(QStringList, order);
    QFETCH(bool, warns);

    RuleSet set = makeSet({u"A"_s, u"B"_s, u"C"_s, u"D"_s, u"E"_s});
    const int index = set.indexOfName(rule);
    const RuleSet::Outcome outcome = set.updateRule(index, set.at(index), priority);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(names(set), order);
    QCOMPARE(!outcome.warning.isEmpty(), warns);
    QCOMPARE(outcome.index, order.indexOf(rule));
}

void TestRuleSet::ruleLimit()
{
    RuleSet set;
    for (int i = 1; i <= RuleSet::MaxRules; ++i)
        QVERIFY(set.insertRule(makeRule(QStringLiteral("R%1").arg(i))).ok);
    const RuleSet before = set;
    const RuleSet::Outcome outcome = set.insertRule(makeRule(QStringLiteral("R21")));
    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.error.contains(QLatin1String("20")), qPrintable(outcome.error));
    QCOMPARE(set, before);
}

void TestRuleSet::uniqueNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("ok");

    QTest::newRow("same name in other case collides") << u"block eas"_s << false;
    QTest::newRow("a different name is fine") << u"Block EAS 2"_s << true;
    QTest::newRow("empty name is rejected") << u""_s << false;
    QTest::newRow("65 characters is too long") << QString(65, QLatin1Char('n')) << false;
    QTest::newRow("64 characters is the limit") << QString(64, QLatin1Char('n')) << true;
    QTest::newRow("leading blank is rejected") << u" Block"_s << false;
}

void TestRuleSet::uniqueNames()
{
    QFETCH(QString, name);
    QFETCH(bool, ok);
    RuleSet set = makeSet({u"Block EAS"_s});
    const RuleSet::Outcome outcome = set.insertRule(makeRule(name));
    QCOMPARE(outcome.ok, ok);
    if (!ok)
        QVERIFY(outcome.error.startsWith(QLatin1String("-Name")));
}

void TestRuleSet::identityByNameOrGuid()
{
    RuleSet set = makeSet({u"A"_s, u"B"_s});
    QCOMPARE(set.indexOfIdentity(QStringLiteral("b")), 1);
    QCOMPARE(set.indexOfIdentity(set.at(1).id.toString()), 1);
    QCOMPARE(set.indexOfIdentity(set.at(0).id.toString(QUuid::WithoutBraces)), 0);
    QCOMPARE(set.indexOfIdentity(QStringLiteral("nope")), -1);
}

void TestRuleSet::failedEditChangesNothing()
{
    RuleSet set = makeSet({u"A"_s, u"B"_s});
    const RuleSet before = set;
    Rule renamed = set.at(1);
    renamed.name = QStringLiteral("a");
    QVERIFY(!set.updateRule(1, renamed).ok);
    QCOMPARE(set, before);

    Rule invalid = set.at(0);
    invalid.anyOfAuthenticationTypes = {AuthenticationType::BasicAuthentication};
    const RuleSet::Outcome outcome = set.updateRule(0, invalid, 2);
    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.error.contains(QLatin1String("AnyOfProtocols")), qPrintable(outcome.error));
    QCOMPARE(set, before);
}

void TestRuleSet::duplicatesDropped()
{
    RuleSet set;
    Rule rule = makeRule(QStringLiteral("D"));
    rule.anyOfProtocols = {Protocol::POP3, Protocol::IMAP4, Protocol::POP3};
    rule.anyOfClientIPAddressesOrRanges = {*IpRange::parse(u"10.9.9.9/8"),
                                           *IpRange::parse(u"10.0.0.0/8")};
    QVERIFY(set.insertRule(rule).ok);
    // Compared as names: QTest cannot print Car enums (Car::toString shadows QTest::toString).
    QCOMPARE(set.at(0).anyOfProtocols.size(), 2);
    QCOMPARE(toString(set.at(0).anyOfProtocols.at(0)), u"POP3"_s);
    QCOMPARE(toString(set.at(0).anyOfProtocols.at(1)), u"IMAP4"_s);
    QCOMPARE(set.at(0).anyOfClientIPAddressesOrRanges.size(), 1);
}

void TestRuleSet::idsAreStable()
{
    RuleSet set = makeSet({u"A"_s, u"B"_s, u"C"_s});
    const QUuid idC = set.at(2).id;
    QVERIFY(!idC.isNull());
    QVERIFY(set.updateRule(2, set.at(2), 1).ok);
    QCOMPARE(set.at(0).id, idC);
    set.moveRule(0, 2);
    QCOMPARE(set.indexOfId(idC), 2);
}

QTEST_GUILESS_MAIN(TestRuleSet)
#include "tst_ruleset.moc"
