#pragma once

#include "rulesetdiff.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Car {

class RuleSet;

/// The New-/Set-/Remove-ClientAccessRule statements that turn one rule set into another on a
/// real Exchange server, where each statement applies in order with Exchange's semantics.
///
/// The order is correct at every step: removals first (so the 20-rule limit holds while rules
/// are added), then renames and value changes, chained so that no rename takes a name another
/// rule still holds (a cycle such as A <-> B goes through a temporary name), then the new rules
/// and the moves, in increasing target priority, each -Priority computed against the state the
/// earlier statements leave. Set- gives only the changed parameters ($null clears a list or the
/// filter); a rule that both changes and moves gets one Set- line when that is safe. Remove-
/// carries -Confirm:$false, as Remove-ClientAccessRule otherwise stops to ask.
///
/// Every script is verified before it is returned: ScriptRunner runs it on the first rule set
/// and the result must equal the second (content and order), or build() reports an error
/// instead of a script. Rule sets are paired with RuleSetDiff; Exchange knows rules by name
/// only, so statements name them.
///
/// Environment and NetBIOS domain are not rule cmdlets: when they differ, the script carries
/// a note, and it is built and verified for the target's environment (the server it runs on).
class ChangeScript
{
    Q_DECLARE_TR_FUNCTIONS(Car::ChangeScript)

public:
    /// The script that turns `from` into `to`.
    static ChangeScript build(const RuleSet &from, const RuleSet &to,
                              RulePairing pairing = RulePairing::Automatic);
    /// The script that turns `to` back into `from` (the rollback of build(from, to)).
    static ChangeScript buildRollback(const RuleSet &from, const RuleSet &to,
                                      RulePairing pairing = RulePairing::Automatic)
    {
        return build(to, from, pairing);
    }

    bool ok() const { return m_error.isEmpty(); }
    /// Why no script could be made (e.g. the target holds a rule its environment rejects).
    const QString &error() const { return m_error; }
    /// The statements, one per element; empty when the sets are already equal (or on error).
    const QStringList &statements() const { return m_statements; }
    /// What the script cannot do itself ("the environment changes from ... to ...").
    const QStringList &notes() const { return m_notes; }
    bool isEmpty() const { return m_statements.isEmpty(); }

    /// The notes as `# ` comment lines, then the statements, one per line, each ending in '\n'.
    /// Runs as is with ScriptRunner (and in PowerShell).
    QString text() const;

private:
    QStringList m_statements;
    QStringList m_notes;
    QString m_error;
};

} // namespace Car
