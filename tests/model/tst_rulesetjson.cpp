#include "rulesetjson.h"

#include <QFile>
#include <QTest>

using namespace Car;

namespace {

QByteArray readFixture(const char *name)
{
    QFile file(QLatin1String(CAR_TEST_DATA_DIR "/cli/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", name);
    return file.readAll();
}

QStringList texts(const QList<IpRange> &ranges)
{
    QStringList list;
    for (const IpRange &range : ranges)
        list << range.toString();
    return list;
}

// 1-based line and column of the first occurrence of `needle` in `text`.
QPair<qint64, qint64> positionOf(const QByteArray &text, const QByteArray &needle)
{
    const qsizetype at = text.indexOf(needle);
    if (at < 0)
        return {0, 0};
    const QByteArray before = text.left(at);
    const qint64 line = before.count('\n') + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    return {line, QString::fromUtf8(before.mid(lineStart)).size() + 1};
}

QByteArray rule(const QByteArray &extra)
{
    return "{\"Name\": \"R\", \"Action\": \"DenyAccess\"" + (extra.isEmpty() ? "" : ", " + extra)
        + "}";
}

} // namespace

class TestRuleSetJson : public QObject
{
    Q_OBJECT

private slots:
    void readsC30Fixture();
    void readsRealGetClientAccessRuleOutput();
    void writeFormatIsPinned();
    void exportImportExportIsIdentical();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void failedImportLeavesRuleSetAlone();
};

void TestRuleSetJson::readsC30Fixture()
{
    RuleSet set;
    const RuleSetJson::Result result = RuleSetJson::read(readFixture("c30.json"), set);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(set.size(), 1);
    const Rule &r = set.at(0);
    QCOMPARE(r.name, QStringLiteral("ExampleCASRule"));
    QVERIFY(r.action == Action::AllowAccess);
    QCOMPARE(r.enabled, false);
    QVERIFY(r.scope == Scope::Users);
    QVERIFY(r.anyOfAuthenticationTypes
            == (QList<AuthenticationType> {AuthenticationType::AdfsAuthentication,
                                           AuthenticationType::BasicAuthentication}));
    QVERIFY(r.anyOfProtocols
            == (QList<Protocol> {Protocol::ExchangeAdminCenter, Protocol::OutlookWebApp}));
    QCOMPARE(texts(r.anyOfClientIPAddressesOrRanges),
             (QStringList {QStringLiteral("192.168.1.100"), QStringLiteral("10.1.1.0/24"),
                           QStringLiteral("172.16.5.1-172.16.5.150")}));
    QCOMPARE(texts(r.exceptAnyOfClientIPAddressesOrRanges),
             (QStringList {QStringLiteral("10.1.1.13"), QStringLiteral("172.16.5.2")}));
    QCOMPARE(r.exceptUsernameMatchesAnyOfPatterns.size(), 2);
    QCOMPARE(r.exceptUsernameMatchesAnyOfPatterns.at(1).text(), QStringLiteral("contoso\\JohnDoe"));
    QCOMPARE(r.userRecipientFilter, QStringLiteral("{City -eq \"Redmond\"}"));
}

void TestRuleSetJson::readsRealGetClientAccessRuleOutput()
{
    RuleSet set;
    const RuleSetJson::Result result =
        RuleSetJson::read(readFixture("get-clientaccessrule.json"), set);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(set.size(), 3);
    // Sorted by Priority, not by position in the file.
    QCOMPARE(set.at(0).name, QStringLiteral("Always Allow Remote PowerShell"));
    QCOMPARE(set.at(1).name, QStringLiteral("Block ActiveSync Basic"));
    QCOMPARE(set.at(2).name, QStringLiteral("Restrict EAC Access"));

    // {"value": [...], "Count": n} wrapping of a list.
    QVERIFY(set.at(0).anyOfProtocols == QList<Protocol> {Protocol::RemotePowerShell});
    QVERIFY(set.at(0).action == Action::AllowAccess);

    // "Scope" accepted as well as "RuleScope"; IP range object with LowerBound/UpperBound.
    const Rule &eas = set.at(1);
    QVERIFY(eas.scope == Scope::Users);
    QCOMPARE(eas.enabled, false);
    QCOMPARE(
        texts(eas.exceptAnyOfClientIPAddressesOrRanges),
        (QStringList {QStringLiteral("172.16.5.1-172.16.5.150"), QStringLiteral("2001:db8::/32")}));
    QCOMPARE(eas.userRecipientFilter, QStringLiteral("Department -eq 'Sales'"));

    // Enums as ordinals (Action 1, AnyOfProtocols [6], RuleScope 0), IP object with Expression,
    // a single string for a list.
    const Rule &eac = set.at(2);
    QVERIFY(eac.action == Action::DenyAccess);
    QVERIFY(eac.anyOfProtocols == QList<Protocol> {Protocol::ExchangeAdminCenter});
    QVERIFY(eac.scope == Scope::All);
    QCOMPARE(texts(eac.exceptAnyOfClientIPAddressesOrRanges),
             QStringList {QStringLiteral("192.168.10.0/24")});
    QCOMPARE(eac.exceptUsernameMatchesAnyOfPatterns.size(), 1);
    QCOMPARE(eac.exceptUsernameMatchesAnyOfPatterns.at(0).text(), QStringLiteral("*tanyas*"));
}

void TestRuleSetJson::writeFormatIsPinned()
{
    RuleSet set;
    Rule r;
    r.name = QStringLiteral("Say \"hi\"\\");
    r.action = Action::AllowAccess;
    r.anyOfProtocols = {Protocol::RemotePowerShell};
    r.anyOfClientIPAddressesOrRanges = {*IpRange::parse(u"192.168.10.1/24")};
    QVERIFY(set.insertRule(r).ok);
    const QByteArray expected =
        "[\n"
        "    {\n"
        "        \"Name\": \"Say \\\"hi\\\"\\\\\",\n"
        "        \"Priority\": 1,\n"
        "        \"Enabled\": true,\n"
        "        \"Action\": \"AllowAccess\",\n"
        "        \"AnyOfClientIPAddressesOrRanges\": [\"192.168.10.0/24\"],\n"
        "        \"ExceptAnyOfClientIPAddressesOrRanges\": [],\n"
        "        \"AnyOfSourceTcpPortNumbers\": [],\n"
        "        \"ExceptAnyOfSourceTcpPortNumbers\": [],\n"
        "        \"UsernameMatchesAnyOfPatterns\": [],\n"
        "        \"ExceptUsernameMatchesAnyOfPatterns\": [],\n"
        "        \"AnyOfAuthenticationTypes\": [],\n"
        "        \"ExceptAnyOfAuthenticationTypes\": [],\n"
        "        \"AnyOfProtocols\": [\"RemotePowerShell\"],\n"
        "        \"ExceptAnyOfProtocols\": [],\n"
        "        \"UserRecipientFilter\": null,\n"
        "        \"RuleScope\": \"All\"\n"
        "    }\n"
        "]\n";
    QCOMPARE(RuleSetJson::write(set), expected);
    QCOMPARE(RuleSetJson::write(RuleSet()), QByteArray("[]\n"));
}

void TestRuleSetJson::exportImportExportIsIdentical()
{
    for (const char *fixture : {"get-clientaccessrule.json", "c30.json"}) {
        RuleSet first;
        QVERIFY(RuleSetJson::read(readFixture(fixture), first).ok);
        const QByteArray exported = RuleSetJson::write(first);
        RuleSet second;
        const RuleSetJson::Result result = RuleSetJson::read(exported, second);
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(second == first);
        QCOMPARE(RuleSetJson::write(second), exported);
    }
}

void TestRuleSetJson::rejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("at"); // the error points at the first occurrence of this
    QTest::addColumn<QString>("message"); // and its message contains this

    QTest::newRow("JSON syntax error points at the bad character")
        << QByteArray("[\n  {\"Name\": \"R\",, }\n]") << QByteArray(", }") << "invalid JSON";
    QTest::newRow("a bare number is not a rule")
        << QByteArray("  42") << QByteArray("42") << "expected a rule object";
    QTest::newRow("an array element that is not an object")
        << QByteArray("[" + rule("") + ", \"x\"]") << QByteArray("\"x\"") << "element 2";
    QTest::newRow("no Name") << QByteArray("[{\"Action\": \"DenyAccess\"}]")
                             << QByteArray("{\"Action") << "rule #1: the rule has no Name";
    QTest::newRow("no Action") << QByteArray("{\"Name\": \"R\"}") << QByteArray("{")
                               << "rule 'R': the rule has no Action";
    QTest::newRow("unknown protocol names rule, property and value")
        << rule("\"AnyOfProtocols\": [\"OutlookWebApp\", \"Carrier pigeon\"]")
        << QByteArray("\"Carrier pigeon\"") << "rule 'R', AnyOfProtocols: 'Carrier pigeon'";
    QTest::newRow("ambiguous enum prefix")
        << rule("\"AnyOfProtocols\": \"Ex\"") << QByteArray("\"Ex\"") << "ambiguous";
    QTest::newRow("protocol ordinal out of range")
        << rule("\"AnyOfProtocols\": [12]") << QByteArray("12") << "12";
    QTest::newRow("action given as an object")
        << QByteArray("{\"Name\": \"R\", \"Action\": {}}") << QByteArray("{}")
        << "rule 'R', Action: expected a name or an ordinal";
    QTest::newRow("bad IP address")
        << rule("\"AnyOfClientIPAddressesOrRanges\": [\"10.0.0.1\", \"300.1.1.1\"]")
        << QByteArray("\"300.1.1.1\"") << "AnyOfClientIPAddressesOrRanges: '300.1.1.1'";
    QTest::newRow("reversed IP range (H8)")
        << rule("\"AnyOfClientIPAddressesOrRanges\": \"192.168.0.254-192.168.0.1\"")
        << QByteArray("\"192.168.0.254") << "after its end";
    QTest::newRow("IP object without bounds")
        << rule("\"ExceptAnyOfClientIPAddressesOrRanges\": [{\"Size\": 3}]")
        << QByteArray("{\"Size") << "needs Expression or LowerBound";
    QTest::newRow("Export-Csv type name instead of the list")
        << rule("\"AnyOfProtocols\": \"System.Collections.ArrayList\"") << QByteArray("\"System")
        << "the list was lost";
    QTest::newRow("Exchange multi-valued type name") << rule(
        "\"ExceptAnyOfClientIPAddressesOrRanges\": "
        "\"Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.IPRange]\"")
                                                     << QByteArray("\"Microsoft") << "type name";
    QTest::newRow("UserIsMemberOf is Microsoft-internal")
        << rule("\"UserIsMemberOf\": [\"Admins\"]") << QByteArray("\"Admins\"")
        << "reserved for internal Microsoft use";
    QTest::newRow("datacenter rule")
        << rule("\"DatacenterAdminsOnly\": true") << QByteArray("true") << "datacenter";
    QTest::newRow("Enabled that is not a boolean")
        << rule("\"Enabled\": \"maybe\"") << QByteArray("\"maybe\"") << "not a boolean";
    QTest::newRow("Priority that is not a number")
        << rule("\"Priority\": \"first\"") << QByteArray("\"first\"") << "whole number";
    QTest::newRow("bad port") << rule("\"AnyOfSourceTcpPortNumbers\": [70000]")
                              << QByteArray("70000") << "AnyOfSourceTcpPortNumbers";
    QTest::newRow("auth type without a protocol (C24) points at the property")
        << rule("\"AnyOfAuthenticationTypes\": [\"BasicAuthentication\"]") << QByteArray("[\"Basic")
        << "rule 'R': -AnyOfAuthenticationTypes";
    QTest::newRow("unparsable recipient filter (C07 typo)")
        << rule("\"UserRecipientFilter\": \"CustomAttribute1 -eq 'AllowOWA' -and "
                "CountryOrRegion -eq AU'\"")
        << QByteArray("\"CustomAttribute1") << "UserRecipientFilter";
    QTest::newRow("two rules with the same name, ignoring case")
        << QByteArray("[" + rule("") + ",\n {\"Name\": \"r\", \"Action\": 0}]")
        << QByteArray("\"r\"") << "rule 'r'";
    QByteArray many = "[";
    for (int i = 1; i <= 21; ++i)
        many += (i > 1 ? ",\n" : "") + QByteArray("{\"Name\": \"R") + QByteArray::number(i)
            + "\", \"Action\": \"DenyAccess\"}";
    QTest::newRow("21 rules exceed the limit") << many + "]" << QByteArray("\"R21\"") << "20";
}

void TestRuleSetJson::rejectsBadInput()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, at);
    QFETCH(QString, message);
    RuleSet set;
    const RuleSetJson::Result result = RuleSetJson::read(input, set);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(message), qPrintable(result.error));
    const QPair<qint64, qint64> expected = positionOf(input, at);
    QCOMPARE(result.line, expected.first);
    QCOMPARE(result.column, expected.second);
}

void TestRuleSetJson::failedImportLeavesRuleSetAlone()
{
    RuleSet set;
    QVERIFY(RuleSetJson::read(readFixture("get-clientaccessrule.json"), set).ok);
    const RuleSet before = set;
    QVERIFY(!RuleSetJson::read("[" + rule("") + ", {\"Name\": \"X\"}]", set).ok);
    QVERIFY(set == before);
}

QTEST_GUILESS_MAIN(TestRuleSetJson)
#include "tst_rulesetjson.moc"
