#pragma once

#include "enums.h"
#include "ruleset.h"
#include "workspace.h"

#include <QList>
#include <QString>

namespace Car {

class Directory;
class Evaluator;

/// One way the administrator would be refused: this protocol with this authentication type is
/// denied by the rule at `ruleIndex`.
struct LockoutDenial
{
    Protocol protocol = Protocol::RemotePowerShell;
    AuthenticationType authenticationType = AuthenticationType::BasicAuthentication;
    int ruleIndex = -1;
    QString ruleName;

    friend bool operator==(const LockoutDenial &a, const LockoutDenial &b)
    {
        return a.protocol == b.protocol && a.authenticationType == b.authenticationType
            && a.ruleIndex == b.ruleIndex && a.ruleName == b.ruleName;
    }
};

/// The result of checking a rule set against the administrator of AdminSettings (domain §12:
/// a rule that blocks RemotePowerShell locks admins out; the admin center is the other way in).
struct LockoutReport
{
    /// False when the administrator's user or address is missing or invalid; then nothing was
    /// checked and `problem` says why.
    bool configured = false;
    QString problem;
    /// Every denied protocol/authentication combination, RemotePowerShell first, in §11 order.
    QList<LockoutDenial> denials;

    bool isLockedOut() const { return !denials.isEmpty(); }
    bool denies(Protocol protocol) const;
    bool denies(Protocol protocol, AuthenticationType type) const;
    /// The denials caused by the rule at `ruleIndex`.
    QList<LockoutDenial> denialsBy(int ruleIndex) const;
    /// Indexes of the rules that deny the administrator something, ascending, no repeats.
    QList<int> denyingRules() const;
    /// The denials of `proposed` whose protocol/authentication pair `current` did not deny.
    static QList<LockoutDenial> newDenials(const LockoutReport &current,
                                           const LockoutReport &proposed);
};

/// The protocols the guard protects, and for each the authentication types it supports (§11):
/// RemotePowerShell (Basic, NonBasic) and ExchangeAdminCenter (Basic, Adfs).
QList<Protocol> guardedProtocols();

/// Evaluates, with `evaluator` (the compiled rule set to check), a connection of the administrator
/// (resolved in `directory`, from `admin.address`, port 443, not middle-tier) for every guarded
/// protocol and authentication type.
LockoutReport checkLockout(const Evaluator &evaluator, const Directory &directory,
                           const AdminSettings &admin);
/// The same for a rule set that is not compiled yet (a proposed change): compiles it first.
LockoutReport checkLockout(const RuleSet &rules, const Directory &directory,
                           const AdminSettings &admin);

/// "RemotePowerShell (Basic, NonBasic) and ExchangeAdminCenter (Basic) by 'Block admins'": one
/// line per denying rule, for dialogs and tooltips.
QString describeDenials(const QList<LockoutDenial> &denials);

/// The name Microsoft's advice uses for the safety rule.
QString alwaysAllowRemotePowerShellName();
/// `base` if no rule in `rules` has that name (ignoring case), else "base (2)", "base (3)", ...
/// kept within Rule::MaxNameLength.
QString freeRuleName(const RuleSet &rules, const QString &base);

/// Microsoft's lockout advice (domain §12), as a rule:
/// New-ClientAccessRule -Name "Always Allow Remote PowerShell" -Action Allow
///     -AnyOfProtocols RemotePowerShell -Priority 1
/// named with freeRuleName() so it never collides with a rule of `rules`.
Rule alwaysAllowRemotePowerShellRule(const RuleSet &rules);

/// Inserts alwaysAllowRemotePowerShellRule() at priority 1 of `rules`. Fails (and leaves `rules`
/// as it was) when the set is full (20 rules). On success Outcome::index is 0.
RuleSet::Outcome insertAlwaysAllowRemotePowerShell(RuleSet &rules);

} // namespace Car
