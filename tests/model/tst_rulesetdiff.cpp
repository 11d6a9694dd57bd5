#include "directory.h"
#include "ruleset.h"
#include "rulesetdiff.h"
#include "scriptrunner.h"

#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

/// Runs `script` on `start`; a failure stops the test with the runner's message.
RuleSet apply(const QString &script, const RuleSet &start = RuleSet())
{
    const ScriptResult result = ScriptRunner::runText(script, u"fixture"_s, start, Directory());
    if (!result.ok())
        qFatal("fixture script fails: %s", qPrintable(result.error->toString()));
    return result.ruleSet;
}

const QString fiveRules = u"New-ClientAccessRule A -Action DenyAccess\n"
                          "New-ClientAccessRule B -Action DenyAccess\n"
                          "New-ClientAccessRule C -Action DenyAccess\n"
                          "New-ClientAccessRule D -Action DenyAccess\n"
                          "New-ClientAccessRule E -Action DenyAccess\n"_s;

} // namespace

class TestRuleSetDiff : public QObject
{
    Q_OBJECT

private slots:
    void text_data();
    void text();
    void pairsByNameWithoutSharedIds();
    void pairsByIdWhenShared();
    void settingsDiffer();
    void accessorsSortTheRules();
    void listChangeKeepsItems();
};

void TestRuleSetDiff::text_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("expected");

    QTest::newRow("equal sets have no text") << fiveRules << QString() << QString();
    QTest::newRow("list change names the items added and removed")
        << u"New-ClientAccessRule 'Block EAS' -Action DenyAccess -AnyOfProtocols "
           "ExchangeActiveSync,IMAP4"_s
        << u"Set-ClientAccessRule 'Block EAS' -AnyOfProtocols @{Add='POP3'; Remove='IMAP4'}"_s
        << u"~ 'Block EAS': AnyOfProtocols +POP3 -IMAP4\n"_s;
    QTest::newRow("a move names the moved rule, not the ones it shifts")
        << fiveRules << u"Set-ClientAccessRule E -Priority 2"_s << u"> 'E' moved 5 -> 2\n"_s;
    QTest::newRow("moving a rule down is one move too")
        << fiveRules << u"Set-ClientAccessRule A -Priority 4"_s << u"> 'A' moved 1 -> 4\n"_s;
    QTest::newRow("an insert shifts the others without moving them")
        << fiveRules << u"New-ClientAccessRule 'New rule' -Action AllowAccess -Priority 2"_s
        << u"+ 'New rule' at 2\n"_s;
    QTest::newRow("a removal gives the old priority")
        << fiveRules << u"Remove-ClientAccessRule D"_s << u"- 'D' (was 4)\n"_s;
    QTest::newRow("a rename keeps the rule (same id)")
        << fiveRules << u"Set-ClientAccessRule B -Name 'Block POP'"_s
        << u"~ 'B' renamed to 'Block POP'\n"_s;
    QTest::newRow("scalar values show old and new")
        << fiveRules << u"Set-ClientAccessRule C -Action AllowAccess -Enabled $false -Scope Users"_s
        << u"~ 'C': Action DenyAccess -> AllowAccess; Enabled $true -> $false; Scope All -> Users\n"_s;
    QTest::newRow("a filter is quoted, an absent one is (none)")
        << fiveRules << u"Set-ClientAccessRule A -UserRecipientFilter \"City -eq 'Oslo'\""_s
        << u"~ 'A': UserRecipientFilter (none) -> 'City -eq ''Oslo'''\n"_s;
    QTest::newRow("a cleared list lists every removed item")
        << u"New-ClientAccessRule A -Action DenyAccess -AnyOfClientIPAddressesOrRanges "
           "10.0.0.0/8,192.168.1.1-192.168.1.9"_s
        << u"Set-ClientAccessRule A -AnyOfClientIPAddressesOrRanges $null"_s
        << u"~ 'A': AnyOfClientIPAddressesOrRanges -10.0.0.0/8 -192.168.1.1-192.168.1.9\n"_s;
    QTest::newRow("same items in another order is a reorder")
        << u"New-ClientAccessRule A -Action DenyAccess -AnyOfProtocols IMAP4,POP3"_s
        << u"Set-ClientAccessRule A -AnyOfProtocols POP3,IMAP4"_s
        << u"~ 'A': AnyOfProtocols reordered IMAP4, POP3 -> POP3, IMAP4\n"_s;
    QTest::newRow("items with blanks are quoted")
        << u"New-ClientAccessRule A -Action DenyAccess"_s
        << u"Set-ClientAccessRule A -UsernameMatchesAnyOfPatterns '*John Doe*'"_s
        << u"~ 'A': UsernameMatchesAnyOfPatterns +'*John Doe*'\n"_s;
    QTest::newRow("everything at once, removals first, then in the new order")
        << fiveRules
        << u"Remove-ClientAccessRule B; Set-ClientAccessRule D -Name Dee -Priority 1 -Enabled "
           "$false; New-ClientAccessRule X -Action AllowAccess -Priority 3"_s
        << u"- 'B' (was 2)\n"
           "~ 'D' renamed to 'Dee'\n"
           "~ 'Dee': Enabled $true -> $false\n"
           "> 'Dee' moved 4 -> 1\n"
           "+ 'X' at 3\n"_s;
}

void TestRuleSetDiff::text()
{
    QFETCH(QString, setup);
    QFETCH(QString, edit);
    QFETCH(QString, expected);
    const RuleSet before = apply(setup);
    const RuleSet after = apply(edit, before);
    const RuleSetDiff diff = RuleSetDiff::compare(before, after);
    QCOMPARE(diff.toText(), expected);
    QCOMPARE(diff.isEmpty(), expected.isEmpty());
    QVERIFY(diff.pairedById());
}

void TestRuleSetDiff::pairsByNameWithoutSharedIds()
{
    // Two imports of the same server: ids differ, names (ignoring case) pair the rules.
    const RuleSet before = apply(u"New-ClientAccessRule 'Block EAS' -Action DenyAccess\n"
                                 "New-ClientAccessRule Other -Action DenyAccess"_s);
    const RuleSet after = apply(u"New-ClientAccessRule other -Action DenyAccess\n"
                                "New-ClientAccessRule 'BLOCK EAS' -Action DenyAccess"_s);
    const RuleSetDiff diff = RuleSetDiff::compare(before, after);
    QVERIFY(!diff.pairedById());
    QCOMPARE(diff.added().size(), 0);
    QCOMPARE(diff.removed().size(), 0);
    QCOMPARE(diff.renamed().size(), 2);
    QCOMPARE(diff.moved().size(), 1);
}

void TestRuleSetDiff::pairsByIdWhenShared()
{
    // Deleted and created again under the same name: by id it is another rule, while the
    // automatic pairing falls back to the name for the rules left over.
    const RuleSet before = apply(fiveRules);
    const RuleSet after = apply(
        u"Remove-ClientAccessRule C; New-ClientAccessRule C -Action AllowAccess -Priority 3"_s,
        before);
    const RuleSetDiff strict = RuleSetDiff::compare(before, after, RulePairing::ById);
    QCOMPARE(strict.toText(), u"- 'C' (was 3)\n+ 'C' at 3\n"_s);
    const RuleSetDiff automatic = RuleSetDiff::compare(before, after);
    QCOMPARE(automatic.toText(), u"~ 'C': Action DenyAccess -> AllowAccess\n"_s);
    const RuleSetDiff byName = RuleSetDiff::compare(before, after, RulePairing::ByName);
    QCOMPARE(byName.toText(), automatic.toText());
}

void TestRuleSetDiff::settingsDiffer()
{
    RuleSet before = apply(u"New-ClientAccessRule A -Action DenyAccess -AnyOfProtocols "
                           "RemotePowerShell"_s);
    RuleSet after = before;
    after.setEnvironment(Environment::ExchangeServer);
    after.setNetbiosDomain(u"CONTOSO"_s);
    const RuleSetDiff diff = RuleSetDiff::compare(before, after);
    QCOMPARE(
        diff.toText(),
        u"* Environment ExchangeOnline -> ExchangeServer\n* NetBIOS domain (none) -> CONTOSO\n"_s);
    QVERIFY(!diff.isEmpty());
    QCOMPARE(diff.settingChanges().size(), 2);
    QVERIFY(RuleSetDiff::compare(after, after).isEmpty());
}

void TestRuleSetDiff::accessorsSortTheRules()
{
    const RuleSet before = apply(fiveRules);
    const RuleSet after = apply(u"Remove-ClientAccessRule A; Set-ClientAccessRule B -Name Bee; "
                                "Set-ClientAccessRule C -Enabled $false; Set-ClientAccessRule E "
                                "-Priority 1; New-ClientAccessRule N -Action DenyAccess"_s,
                                before);
    const RuleSetDiff diff = RuleSetDiff::compare(before, after);
    QCOMPARE(diff.rules().size(), 6);
    QCOMPARE(diff.removed().size(), 1);
    QCOMPARE(diff.removed().first().beforePriority, 1);
    QCOMPARE(diff.added().size(), 1);
    QCOMPARE(diff.added().first().afterPriority, 5);
    QCOMPARE(diff.renamed().size(), 1);
    QCOMPARE(diff.renamed().first().afterName, u"Bee"_s);
    QVERIFY(!diff.renamed().first().isChanged()); // a rename alone is not a value change
    QCOMPARE(diff.changed().size(), 1);
    QCOMPARE(diff.changed().first().afterName, u"C"_s);
    QCOMPARE(diff.moved().size(), 1);
    QCOMPARE(diff.moved().first().beforePriority, 5);
    QCOMPARE(diff.moved().first().afterPriority, 1);
}

void TestRuleSetDiff::listChangeKeepsItems()
{
    const RuleSet before = apply(u"New-ClientAccessRule A -Action DenyAccess "
                                 "-ExceptAnyOfClientIPAddressesOrRanges 10.0.0.1,10.0.0.2"_s);
    const RuleSet after =
        apply(u"Set-ClientAccessRule A -ExceptAnyOfClientIPAddressesOrRanges 10.0.0.2,10.0.0.3"_s,
              before);
    const QList<ValueChange> changes = RuleSetDiff::compareRules(before.at(0), after.at(0));
    QCOMPARE(changes.size(), 1);
    const ValueChange &change = changes.first();
    QCOMPARE(change.parameter, RuleParameter::ExceptAnyOfClientIPAddressesOrRanges);
    QVERIFY(change.isList);
    QCOMPARE(change.before, u"10.0.0.1, 10.0.0.2"_s);
    QCOMPARE(change.after, u"10.0.0.2, 10.0.0.3"_s);
    QCOMPARE(change.added, QStringList {u"10.0.0.3"_s});
    QCOMPARE(change.removed, QStringList {u"10.0.0.1"_s});
}

QTEST_GUILESS_MAIN(TestRuleSetDiff)
#include "tst_rulesetdiff.moc"
