#include "cmdletwriter.h"
#include "directory.h"
#include "scriptrunner.h"

#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

template<typename T, typename Parse> QList<T> parsed(const QStringList &texts, Parse parse)
{
    QList<T> result;
    for (const QString &text : texts) {
        const std::optional<T> value = parse(text, nullptr);
        if (!value)
            qFatal("bad fixture value %s", qPrintable(text));
        result << *value;
    }
    return result;
}

QList<UsernamePattern> patterns(const QStringList &texts)
{
    return parsed<UsernamePattern>(texts, &UsernamePattern::parse);
}

QList<IpRange> ranges(const QStringList &texts)
{
    return parsed<IpRange>(texts, &IpRange::parse);
}

QList<PortRange> ports(const QStringList &texts)
{
    return parsed<PortRange>(texts, &PortRange::parse);
}

Rule named(const QString &name)
{
    Rule rule;
    rule.name = name;
    return rule;
}

/// A rule with every kind of value set away from its default.
Rule everything()
{
    Rule rule = named(u"Everything"_s);
    rule.action = Action::AllowAccess;
    rule.enabled = false;
    rule.scope = Scope::Users;
    rule.anyOfProtocols = {Protocol::OutlookWebApp, Protocol::ExchangeAdminCenter};
    rule.exceptAnyOfProtocols = {Protocol::POP3};
    rule.anyOfAuthenticationTypes = {AuthenticationType::AdfsAuthentication,
                                     AuthenticationType::BasicAuthentication};
    rule.exceptAnyOfAuthenticationTypes = {AuthenticationType::BasicAuthentication};
    rule.anyOfClientIPAddressesOrRanges = ranges(
        {u"192.168.1.100"_s, u"10.1.1.0/24"_s, u"172.16.5.1-172.16.5.150"_s, u"2001:db8::/64"_s});
    rule.exceptAnyOfClientIPAddressesOrRanges = ranges({u"10.1.1.13"_s});
    rule.anyOfSourceTcpPortNumbers = ports({u"443"_s, u"1000-2000"_s});
    rule.exceptAnyOfSourceTcpPortNumbers = ports({u"1500"_s});
    rule.usernameMatchesAnyOfPatterns = patterns({u"*o'brien*"_s, u"contoso\\*"_s});
    rule.exceptUsernameMatchesAnyOfPatterns = patterns({u"*ThatGuy*"_s, u"contoso\\JohnDoe"_s});
    rule.userRecipientFilter = u"City -eq 'O''Reilly' -or Department -eq \"R&D\""_s;
    return rule;
}

ScriptResult runOn(const QString &script, const RuleSet &before)
{
    static const Directory directory;
    return ScriptRunner::runText(script, u"w.ps1"_s, before, directory);
}

} // namespace

class TestCmdletWriter : public QObject
{
    Q_OBJECT

private slots:
    void quoting_data();
    void quoting();
    void newLineText();
    void newRoundTrip_data();
    void newRoundTrip();
    void setLineText();
    void setRoundTrip_data();
    void setRoundTrip();
    void removeRoundTrip();
};

void TestCmdletWriter::quoting_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("quoted");

    QTest::newRow("plain") << u"Block EAS"_s << u"'Block EAS'"_s;
    QTest::newRow("empty") << QString() << u"''"_s;
    QTest::newRow("apostrophe doubled") << u"O'Brien"_s << u"'O''Brien'"_s;
    QTest::newRow("every typographic single quote doubled as itself")
        << u"\u2018a\u2019b\u201Ac\u201B"_s
        << u"'\u2018\u2018a\u2019\u2019b\u201A\u201Ac\u201B\u201B'"_s;
    QTest::newRow("double quotes, backtick, $(), ; and newline stay as they are")
        << u"\"x\" `n $(rm) ; a\nb"_s << u"'\"x\" `n $(rm) ; a\nb'"_s;
}

void TestCmdletWriter::quoting()
{
    QFETCH(QString, text);
    QFETCH(QString, quoted);
    QCOMPARE(quote(text), quoted);
}

void TestCmdletWriter::newLineText()
{
    Rule rule = named(u"Block EAS"_s);
    rule.anyOfProtocols = {Protocol::ExchangeActiveSync};
    rule.exceptAnyOfClientIPAddressesOrRanges = ranges({u"192.168.10.1/24"_s});
    QCOMPARE(newRuleLine(rule, 2),
             u"New-ClientAccessRule -Name 'Block EAS' -Action DenyAccess -AnyOfProtocols "
             "'ExchangeActiveSync' -ExceptAnyOfClientIPAddressesOrRanges '192.168.10.0/24' "
             "-Priority 2"_s);
    QCOMPARE(newRuleLine(named(u"X"_s), 0), u"New-ClientAccessRule -Name 'X' -Action DenyAccess"_s);
}

void TestCmdletWriter::newRoundTrip_data()
{
    QTest::addColumn<Rule>("rule");

    QTest::newRow("every value away from its default") << everything();
    const QStringList hostile {
        u"O'Brien's rule"_s,
        u"\u2018typographic\u2019 \u201Aquotes\u201B and \u201Cdouble\u201D"_s,
        u"back`tick`n and `\" escape"_s,
        u"$(Remove-ClientAccessRule X) $x ${y}"_s,
        u"a; Remove-ClientAccessRule b"_s,
        u"line one\nNew-ClientAccessRule evil -Action Allow"_s,
        u"# not a comment <# nor this #>"_s,
        u"-Name {braces} @{Add='x'} | fl"_s,
        u"Ünïcödé 日本語 \U0001F600"_s,
        u"''"_s,
    };
    for (const QString &name : hostile) {
        Rule rule = named(name);
        rule.usernameMatchesAnyOfPatterns = patterns({u"*"_s + name.left(10) + u'*'});
        QString value;
        for (const QChar c : name) // a filter value doubles every single-quote character
            value += (c == u'\'' || (c.unicode() >= 0x2018 && c.unicode() <= 0x201B))
                ? QString(2, c)
                : QString(c);
        rule.userRecipientFilter = u"Department -eq '"_s + value + u'\'';
        QTest::newRow(
            qPrintable(u"hostile name and values: "_s + name.left(24).replace(u'\n', u' ')))
            << rule;
    }
    Rule braces = named(u"braces filter"_s);
    braces.userRecipientFilter = u"{City -eq \"Redmond\"}"_s;
    QTest::newRow("filter in braces") << braces;
}

void TestCmdletWriter::newRoundTrip()
{
    QFETCH(Rule, rule);
    const RuleSet before = runOn(u"New-ClientAccessRule First -Action Deny"_s, RuleSet()).ruleSet;
    QCOMPARE(before.size(), 1);
    const QString line = newRuleLine(rule, 1);
    const ScriptResult result = runOn(line, before);
    QVERIFY2(result.ok(),
             qPrintable((result.error ? result.error->toString() : QString()) + u"\n"_s + line));
    QCOMPARE(result.ruleSet.size(), 2);
    QVERIFY2(result.ruleSet.at(0) == rule, qPrintable(newRuleLine(result.ruleSet.at(0), 1)));
    QCOMPARE(result.ruleSet.at(0).name, rule.name);
    QCOMPARE(result.ruleSet.at(1).name, u"First"_s);
    QCOMPARE(result.history, QStringList {line}); // the writer's line is already normal
}

void TestCmdletWriter::setLineText()
{
    Rule before = everything();
    Rule after = before;
    QCOMPARE(setRuleLine(before, after), QString());
    after.enabled = true;
    after.anyOfProtocols = {Protocol::OutlookWebApp};
    after.exceptAnyOfProtocols.clear();
    after.userRecipientFilter.clear();
    QCOMPARE(
        setRuleLine(before, after, 3),
        u"Set-ClientAccessRule -Identity 'Everything' -Enabled $true -AnyOfProtocols "
        "'OutlookWebApp' -ExceptAnyOfProtocols $null -UserRecipientFilter $null -Priority 3"_s);
    QCOMPARE(setPriorityLine(u"It's"_s, 1),
             u"Set-ClientAccessRule -Identity 'It''s' -Priority 1"_s);
}

void TestCmdletWriter::setRoundTrip_data()
{
    QTest::addColumn<Rule>("before");
    QTest::addColumn<Rule>("after");
    QTest::addColumn<int>("priority"); // 0: none

    const Rule base = everything();
    Rule renamed = base;
    renamed.name = u"It's `renamed`; $(x)\n"_s.trimmed() + u'!';
    QTest::newRow("rename to a hostile name") << base << renamed << 0;
    Rule cleared = base;
    cleared.exceptAnyOfAuthenticationTypes.clear();
    cleared.anyOfAuthenticationTypes.clear();
    cleared.anyOfClientIPAddressesOrRanges.clear();
    cleared.usernameMatchesAnyOfPatterns.clear();
    cleared.userRecipientFilter.clear();
    QTest::newRow("lists and filter cleared with $null") << base << cleared << 0;
    Rule changed = base;
    changed.action = Action::DenyAccess;
    changed.enabled = true;
    changed.scope = Scope::All;
    changed.anyOfSourceTcpPortNumbers = ports({u"25"_s});
    changed.usernameMatchesAnyOfPatterns = patterns({u"*O'BRIEN*"_s}); // case change only
    QTest::newRow("scalars back to defaults, lists replaced, case change") << base << changed << 0;
    QTest::newRow("priority only moves the rule") << base << base << 1;
    Rule filled = named(u"Plain"_s);
    Rule full = everything();
    full.name = u"Plain"_s;
    QTest::newRow("empty rule filled with everything, and moved") << filled << full << 2;
}

void TestCmdletWriter::setRoundTrip()
{
    QFETCH(Rule, before);
    QFETCH(Rule, after);
    QFETCH(int, priority);
    RuleSet set;
    QVERIFY(set.insertRule(named(u"Top"_s)).ok);
    QVERIFY(set.insertRule(before).ok);
    QVERIFY(set.insertRule(named(u"Bottom"_s)).ok);
    const std::optional<int> newPriority =
        priority > 0 ? std::optional<int>(priority) : std::nullopt;
    const QString line = setRuleLine(before, after, newPriority);
    QVERIFY(!line.isEmpty());
    const ScriptResult result = runOn(line, set);
    QVERIFY2(result.ok(),
             qPrintable((result.error ? result.error->toString() : QString()) + u"\n"_s + line));
    const int index = result.ruleSet.indexOfName(after.name);
    QCOMPARE(index, priority > 0 ? priority - 1 : 1);
    QVERIFY2(result.ruleSet.at(index) == after,
             qPrintable(newRuleLine(result.ruleSet.at(index), 0)));
    QCOMPARE(result.ruleSet.at(index).id, set.at(1).id); // the same rule, changed in place
}

void TestCmdletWriter::removeRoundTrip()
{
    RuleSet set;
    const QString name = u"\u2019O'Neil; $(rm) `\"\n"_s + u'x';
    QVERIFY(set.insertRule(named(name)).ok);
    QVERIFY(set.insertRule(named(u"Keep"_s)).ok);
    const ScriptResult result = runOn(removeRuleLine(name), set);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.ruleSet.size(), 1);
    QCOMPARE(result.ruleSet.at(0).name, u"Keep"_s);
}

QTEST_GUILESS_MAIN(TestCmdletWriter)
#include "tst_cmdletwriter.moc"
