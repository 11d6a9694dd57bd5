#include "changescript.h"
#include "cmdletwriter.h"
#include "directory.h"
#include "randomruleset.h"
#include "ruleset.h"
#include "rulesetdiff.h"
#include "scriptrunner.h"

#include <QSet>
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

/// The rule set as New- lines, for failure messages.
QString describe(const RuleSet &set)
{
    QString text = u"(%1)\n"_s.arg(toString(set.environment()));
    for (int i = 0; i < set.size(); ++i)
        text += newRuleLine(set.at(i), i + 1) + u'\n';
    return text;
}

/// Runs a script on `from` exactly as an administrator would, and says what went wrong if the
/// result is not `to`; empty when it is.
QString mismatch(const ChangeScript &script, const RuleSet &from, const RuleSet &to)
{
    if (!script.ok())
        return u"no script: "_s + script.error();
    const ScriptResult result =
        ScriptRunner::runText(script.text(), u"script"_s, from, Directory());
    if (!result.ok())
        return u"the script fails: "_s + result.error->toString() + u"\n"_s + script.text();
    if (result.ruleSet.rules() != to.rules()) {
        return u"wrong result:\n"_s + RuleSetDiff::compare(result.ruleSet, to).toText()
            + u"script:\n"_s + script.text();
    }
    return QString();
}

const QString fiveRules = u"New-ClientAccessRule A -Action DenyAccess\n"
                          "New-ClientAccessRule B -Action DenyAccess\n"
                          "New-ClientAccessRule C -Action DenyAccess\n"
                          "New-ClientAccessRule D -Action DenyAccess\n"
                          "New-ClientAccessRule E -Action DenyAccess\n"_s;

QString twentyRules()
{
    QString script;
    for (int i = 1; i <= 20; ++i)
        script +=
            u"New-ClientAccessRule R%1 -Action DenyAccess\n"_s.arg(i, 2, 10, QLatin1Char('0'));
    return script;
}

QString setLine(const QString &rest)
{
    return u"Set-ClientAccessRule -Identity "_s + rest;
}

QString removeLine(const QString &name)
{
    return u"Remove-ClientAccessRule -Identity '%1' -Confirm:$false"_s.arg(name);
}

} // namespace

class TestChangeScript : public QObject
{
    Q_OBJECT

private slots:
    void handMade_data();
    void handMade();
    void environmentIsANoteNotACmdlet();
    void targetRejectedByItsEnvironmentIsAnError();
    void textRunsAsAScript();
    void generatorCoversEveryConditionKind();
    void randomPairs();
};

void TestChangeScript::handMade_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QStringList>("forward");
    QTest::addColumn<QStringList>("rollback");

    QTest::newRow("nothing changed gives an empty script")
        << fiveRules << QString() << QStringList() << QStringList();
    QTest::newRow("reorder only: one move, not one per shifted rule")
        << fiveRules << u"Set-ClientAccessRule E -Priority 2"_s
        << QStringList {setLine(u"'E' -Priority 2"_s)}
        << QStringList {setLine(u"'E' -Priority 5"_s)};
    QTest::newRow("full reversal: each move counted against the state before it")
        << fiveRules
        << u"Set-ClientAccessRule E -Priority 1; Set-ClientAccessRule D -Priority 2; "
           "Set-ClientAccessRule C -Priority 3; Set-ClientAccessRule B -Priority 4"_s
        << QStringList {setLine(u"'D' -Priority 5"_s), setLine(u"'C' -Priority 5"_s),
                        setLine(u"'B' -Priority 5"_s), setLine(u"'A' -Priority 5"_s)}
        << QStringList {setLine(u"'B' -Priority 5"_s), setLine(u"'C' -Priority 5"_s),
                        setLine(u"'D' -Priority 5"_s), setLine(u"'E' -Priority 5"_s)};
    QTest::newRow("swapping two names goes through a temporary name")
        << u"New-ClientAccessRule A -Action DenyAccess; New-ClientAccessRule B -Action AllowAccess"_s
        << u"Set-ClientAccessRule A -Name T; Set-ClientAccessRule B -Name A; "
           "Set-ClientAccessRule T -Name B"_s
        << QStringList {setLine(u"'A' -Name 'B (renaming)'"_s), setLine(u"'B' -Name 'A'"_s),
                        setLine(u"'B (renaming)' -Name 'B'"_s)}
        << QStringList {setLine(u"'B' -Name 'A (renaming)'"_s), setLine(u"'A' -Name 'B'"_s),
                        setLine(u"'A (renaming)' -Name 'A'"_s)};
    QTest::newRow("a temporary name never takes a name in use")
        << u"New-ClientAccessRule A -Action DenyAccess; New-ClientAccessRule B -Action "
           u"AllowAccess; "
           "New-ClientAccessRule 'B (renaming)' -Action AllowAccess"_s
        << u"Set-ClientAccessRule A -Name T; Set-ClientAccessRule B -Name A; "
           "Set-ClientAccessRule T -Name B"_s
        << QStringList {setLine(u"'A' -Name 'B (renaming 2)'"_s), setLine(u"'B' -Name 'A'"_s),
                        setLine(u"'B (renaming 2)' -Name 'B'"_s)}
        << QStringList {setLine(u"'B' -Name 'A (renaming)'"_s), setLine(u"'A' -Name 'B'"_s),
                        setLine(u"'A (renaming)' -Name 'A'"_s)};
    const QString longA = QString(63, u'x') + u'A';
    const QString longB = QString(63, u'x') + u'B';
    const QString longTemp = QString(53, u'x') + u" (renaming)"_s;
    QTest::newRow("a temporary name for a 64-character name still fits")
        << u"New-ClientAccessRule %1 -Action DenyAccess; New-ClientAccessRule %2 -Action DenyAccess"_s
               .arg(longA, longB)
        << u"Set-ClientAccessRule %1 -Name T; Set-ClientAccessRule %2 -Name %1; "
           "Set-ClientAccessRule T -Name %2"_s.arg(longA, longB)
        << QStringList {setLine(u"'%1' -Name '%2'"_s.arg(longA, longTemp)),
                        setLine(u"'%1' -Name '%2'"_s.arg(longB, longA)),
                        setLine(u"'%1' -Name '%2'"_s.arg(longTemp, longB))}
        << QStringList {setLine(u"'%1' -Name '%2'"_s.arg(longB, longTemp)),
                        setLine(u"'%1' -Name '%2'"_s.arg(longA, longB)),
                        setLine(u"'%1' -Name '%2'"_s.arg(longTemp, longA))};
    QTest::newRow("a rename takes the name a removed rule frees, after the removal")
        << u"New-ClientAccessRule X -Action DenyAccess; New-ClientAccessRule Y -Action DenyAccess"_s
        << u"Remove-ClientAccessRule Y; Set-ClientAccessRule X -Name Y"_s
        << QStringList {removeLine(u"Y"_s), setLine(u"'X' -Name 'Y'"_s)}
        << QStringList {setLine(u"'Y' -Name 'X'"_s),
                        u"New-ClientAccessRule -Name 'Y' -Action DenyAccess -Priority 2"_s};
    QTest::newRow("a chain of renames starts at its free end")
        << u"New-ClientAccessRule X -Action DenyAccess; New-ClientAccessRule Y -Action DenyAccess"_s
        << u"Set-ClientAccessRule Y -Name Z; Set-ClientAccessRule X -Name Y"_s
        << QStringList {setLine(u"'Y' -Name 'Z'"_s), setLine(u"'X' -Name 'Y'"_s)}
        << QStringList {setLine(u"'Y' -Name 'X'"_s), setLine(u"'Z' -Name 'Y'"_s)};
    QTest::newRow("a new rule takes the old name of a renamed rule")
        << u"New-ClientAccessRule X -Action DenyAccess"_s
        << u"Set-ClientAccessRule X -Name Y; New-ClientAccessRule X -Action AllowAccess -Priority 1"_s
        << QStringList {setLine(u"'X' -Name 'Y'"_s),
                        u"New-ClientAccessRule -Name 'X' -Action AllowAccess -Priority 1"_s}
        << QStringList {removeLine(u"X"_s), setLine(u"'Y' -Name 'X'"_s)};
    QTest::newRow("twenty rules: the removal comes first, so the limit holds")
        << twentyRules()
        << u"Remove-ClientAccessRule R05; New-ClientAccessRule N -Action DenyAccess -Priority 5"_s
        << QStringList {removeLine(u"R05"_s),
                        u"New-ClientAccessRule -Name 'N' -Action DenyAccess -Priority 5"_s}
        << QStringList {removeLine(u"N"_s),
                        u"New-ClientAccessRule -Name 'R05' -Action DenyAccess -Priority 5"_s};
    QTest::newRow("$null clears a list, the rollback gives it whole")
        << u"New-ClientAccessRule A -Action DenyAccess -AnyOfProtocols IMAP4,POP3"_s
        << u"Set-ClientAccessRule A -AnyOfProtocols $null"_s
        << QStringList {setLine(u"'A' -AnyOfProtocols $null"_s)}
        << QStringList {setLine(u"'A' -AnyOfProtocols 'IMAP4','POP3'"_s)};
    QTest::newRow("a filter change doubles the quotes inside it")
        << u"New-ClientAccessRule A -Action DenyAccess -UserRecipientFilter \"City -eq 'Oslo'\""_s
        << u"Set-ClientAccessRule A -UserRecipientFilter \"Department -eq 'Sales'\""_s
        << QStringList {setLine(u"'A' -UserRecipientFilter 'Department -eq ''Sales'''"_s)}
        << QStringList {setLine(u"'A' -UserRecipientFilter 'City -eq ''Oslo'''"_s)};
    QTest::newRow("disable, and enable to roll back")
        << fiveRules << u"Set-ClientAccessRule B -Enabled $false"_s
        << QStringList {setLine(u"'B' -Enabled $false"_s)}
        << QStringList {setLine(u"'B' -Enabled $true"_s)};
    QTest::newRow("a rule that changes and moves takes one statement")
        << fiveRules << u"Set-ClientAccessRule C -Action AllowAccess -Priority 1"_s
        << QStringList {setLine(u"'C' -Action AllowAccess -Priority 1"_s)}
        << QStringList {setLine(u"'C' -Action DenyAccess -Priority 3"_s)};
    QTest::newRow("a change of case only is one rename")
        << u"New-ClientAccessRule 'block eas' -Action DenyAccess"_s
        << u"Set-ClientAccessRule 'block eas' -Name 'Block EAS'"_s
        << QStringList {setLine(u"'block eas' -Name 'Block EAS'"_s)}
        << QStringList {setLine(u"'Block EAS' -Name 'block eas'"_s)};
    QTest::newRow("deleted and created again under its name: changed in place")
        << fiveRules
        << u"Remove-ClientAccessRule C; New-ClientAccessRule C -Action AllowAccess -Priority 3"_s
        << QStringList {setLine(u"'C' -Action AllowAccess"_s)}
        << QStringList {setLine(u"'C' -Action DenyAccess"_s)};
    QTest::newRow("names with quotes stay single-quoted data")
        << u"New-ClientAccessRule \"O'Brien's rule\" -Action DenyAccess"_s
        << u"Set-ClientAccessRule \"O'Brien's rule\" -Name 'Rule; Remove-ClientAccessRule x'"_s
        << QStringList {setLine(u"'O''Brien''s rule' -Name 'Rule; Remove-ClientAccessRule x'"_s)}
        << QStringList {setLine(u"'Rule; Remove-ClientAccessRule x' -Name 'O''Brien''s rule'"_s)};
}

void TestChangeScript::handMade()
{
    QFETCH(QString, setup);
    QFETCH(QString, edit);
    QFETCH(QStringList, forward);
    QFETCH(QStringList, rollback);
    const RuleSet before = apply(setup);
    const RuleSet after = apply(edit, before);

    const ChangeScript change = ChangeScript::build(before, after);
    QVERIFY2(change.ok(), qPrintable(change.error()));
    QCOMPARE(change.statements(), forward);
    QVERIFY2(mismatch(change, before, after).isEmpty(),
             qPrintable(mismatch(change, before, after)));

    const ChangeScript back = ChangeScript::buildRollback(before, after);
    QVERIFY2(back.ok(), qPrintable(back.error()));
    QCOMPARE(back.statements(), rollback);
    QVERIFY2(mismatch(back, after, before).isEmpty(), qPrintable(mismatch(back, after, before)));
}

void TestChangeScript::environmentIsANoteNotACmdlet()
{
    const RuleSet online = apply(u"New-ClientAccessRule 'Allow RPS' -Action AllowAccess "
                                 "-AnyOfProtocols RemotePowerShell"_s);
    RuleSet server = online;
    server.setEnvironment(Environment::ExchangeServer);
    const ChangeScript script = ChangeScript::build(online, server);
    QVERIFY2(script.ok(), qPrintable(script.error()));
    QVERIFY(script.isEmpty());
    QCOMPARE(script.notes().size(), 1);
    QVERIFY(script.notes().first().contains(u"ExchangeServer"_s));
    QVERIFY(script.text().startsWith(u"# The environment changes from ExchangeOnline to "
                                     "ExchangeServer"_s));
}

void TestChangeScript::targetRejectedByItsEnvironmentIsAnError()
{
    // The target was switched to Exchange Server after its rules were written: the Set that
    // the script needs would be rejected there, so there is no script, only the reason.
    const RuleSet online = apply(u"New-ClientAccessRule OWA -Action DenyAccess "
                                 "-AnyOfProtocols OutlookWebApp"_s);
    RuleSet server = apply(u"Set-ClientAccessRule OWA -Enabled $false"_s, online);
    server.setEnvironment(Environment::ExchangeServer);
    const ChangeScript script = ChangeScript::build(online, server);
    QVERIFY(!script.ok());
    QVERIFY(script.statements().isEmpty());
    QVERIFY2(script.error().contains(u"OutlookWebApp"_s), qPrintable(script.error()));
    QVERIFY2(script.error().contains(u"'OWA'"_s), qPrintable(script.error()));
}

void TestChangeScript::textRunsAsAScript()
{
    const RuleSet before = apply(fiveRules);
    const RuleSet after =
        apply(u"Remove-ClientAccessRule A; New-ClientAccessRule N -Action DenyAccess"_s, before);
    const ChangeScript script = ChangeScript::build(before, after);
    QCOMPARE(script.text(), script.statements().join(u'\n') + u'\n');
    QCOMPARE(ChangeScript().text(), QString());
}

void TestChangeScript::generatorCoversEveryConditionKind()
{
    CarTest::RandomRuleSets random(7);
    QList<int> seen(RuleParameterCount, 0);
    QSet<QString> filters;
    for (int i = 0; i < 400; ++i) {
        const Rule rule = random.rule(Environment::ExchangeOnline, u"R"_s);
        seen[int(RuleParameter::AnyOfProtocols)] += !rule.anyOfProtocols.isEmpty();
        seen[int(RuleParameter::ExceptAnyOfProtocols)] += !rule.exceptAnyOfProtocols.isEmpty();
        seen[int(RuleParameter::AnyOfAuthenticationTypes)] +=
            !rule.anyOfAuthenticationTypes.isEmpty();
        seen[int(RuleParameter::ExceptAnyOfAuthenticationTypes)] +=
            !rule.exceptAnyOfAuthenticationTypes.isEmpty();
        seen[int(RuleParameter::AnyOfClientIPAddressesOrRanges)] +=
            !rule.anyOfClientIPAddressesOrRanges.isEmpty();
        seen[int(RuleParameter::ExceptAnyOfClientIPAddressesOrRanges)] +=
            !rule.exceptAnyOfClientIPAddressesOrRanges.isEmpty();
        seen[int(RuleParameter::AnyOfSourceTcpPortNumbers)] +=
            !rule.anyOfSourceTcpPortNumbers.isEmpty();
        seen[int(RuleParameter::ExceptAnyOfSourceTcpPortNumbers)] +=
            !rule.exceptAnyOfSourceTcpPortNumbers.isEmpty();
        seen[int(RuleParameter::UsernameMatchesAnyOfPatterns)] +=
            !rule.usernameMatchesAnyOfPatterns.isEmpty();
        seen[int(RuleParameter::ExceptUsernameMatchesAnyOfPatterns)] +=
            !rule.exceptUsernameMatchesAnyOfPatterns.isEmpty();
        seen[int(RuleParameter::UserRecipientFilter)] += !rule.userRecipientFilter.isEmpty();
        seen[int(RuleParameter::Enabled)] += !rule.enabled;
        seen[int(RuleParameter::Scope)] += rule.scope == Scope::Users;
        seen[int(RuleParameter::Action)] += rule.action == Action::AllowAccess;
        if (!rule.userRecipientFilter.isEmpty())
            filters.insert(rule.userRecipientFilter);
    }
    for (int p = int(RuleParameter::Action); p < RuleParameterCount; ++p) {
        if (p == int(RuleParameter::Priority))
            continue;
        QVERIFY2(seen.at(p) > 0, qPrintable(parameterName(RuleParameter(p))));
    }
    QCOMPARE(filters.size(), 5); // every filter template is valid
}

void TestChangeScript::randomPairs()
{
    int withTemporaryName = 0;
    int atTheLimit = 0;
    int pairedByName = 0;
    int emptyScripts = 0;
    for (quint32 seed = 1; seed <= 500; ++seed) {
        CarTest::RandomRuleSets random(seed);
        const Environment environment =
            random.chance(80) ? Environment::ExchangeOnline : Environment::ExchangeServer;
        const int sizeA = random.chance(30) ? 20 : random.between(0, 20);
        const RuleSet a = random.ruleSet(environment, sizeA);
        RuleSet b;
        if (random.chance(25))
            b = random.ruleSet(environment, random.between(0, 20));
        else
            b = random.edited(a);

        const RuleSetDiff diff = RuleSetDiff::compare(a, b);
        const QString context = u"seed %1\nA:\n%2B:\n%3"_s.arg(seed).arg(describe(a), describe(b));
        const ChangeScript forward = ChangeScript::build(a, b);
        QString problem = mismatch(forward, a, b);
        QVERIFY2(problem.isEmpty(), qPrintable(context + problem));
        const ChangeScript back = ChangeScript::buildRollback(a, b);
        problem = mismatch(back, b, a);
        QVERIFY2(problem.isEmpty(), qPrintable(context + u"rollback: "_s + problem));

        // Shortest practical: one statement per removed, added, changed and moved rule (the
        // diff's moves are as few as possible), plus one per cycle of renames.
        int changed = 0;
        for (const RuleDifference &entry : diff.rules())
            changed += entry.changes.isEmpty() ? 0 : 1;
        const int bound = int(diff.removed().size() + diff.added().size() + diff.moved().size())
            + changed + int(diff.renamed().size()) / 2;
        QVERIFY2(forward.statements().size() <= bound,
                 qPrintable(context + u"too long (bound %1):\n"_s.arg(bound) + forward.text()));
        QCOMPARE(forward.isEmpty(), diff.isEmpty());

        // Whatever the pairing, the script is right; only its length differs.
        for (RulePairing pairing : {RulePairing::ById, RulePairing::ByName}) {
            problem = mismatch(ChangeScript::build(a, b, pairing), a, b);
            QVERIFY2(problem.isEmpty(),
                     qPrintable(context + u"pairing %1: "_s.arg(int(pairing)) + problem));
        }

        withTemporaryName += forward.text().contains(u"(renaming"_s) ? 1 : 0;
        atTheLimit += (a.size() == 20 && b.size() == 20 && !diff.removed().isEmpty()) ? 1 : 0;
        pairedByName += diff.pairedById() ? 0 : 1;
        emptyScripts += forward.isEmpty() ? 1 : 0;
    }
    // The generator must keep producing the hard cases, or this test proves little.
    QVERIFY2(withTemporaryName >= 5, qPrintable(QString::number(withTemporaryName)));
    QVERIFY2(atTheLimit >= 5, qPrintable(QString::number(atTheLimit)));
    QVERIFY2(pairedByName >= 50, qPrintable(QString::number(pairedByName)));
    QVERIFY2(emptyScripts >= 1, qPrintable(QString::number(emptyScripts)));
    qInfo("500 pairs: %d with a temporary name, %d at the 20-rule limit, %d paired by name, "
          "%d equal",
          withTemporaryName, atTheLimit, pairedByName, emptyScripts);
}

QTEST_GUILESS_MAIN(TestChangeScript)
#include "tst_changescript.moc"
