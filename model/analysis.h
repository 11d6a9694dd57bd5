#pragma once

#include "directory.h"
#include "ruleset.h"
#include "witness.h"
#include "workspace.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace Car {

/// What an analysis finding is about (the `kind` of `carconsole-cli analyze --json`).
enum class FindingKind : quint8 {
    Shadowed, ///< the rule never decides: every connection it matches is decided earlier
    Redundant, ///< removing the rule changes no decision
    Correlated, ///< overlaps an earlier rule of the opposite action; the order decides
    Generalised, ///< a superset of an earlier rule of the opposite action
    Lint, ///< a rule Exchange accepts but that does not do what it seems to
    Lockout, ///< the administrator (or any admin) can be refused RemotePowerShell/EAC
};

enum class FindingSeverity : quint8 { Error, Warning, Info };

/// "shadowed", "redundant", "correlated", "generalised", "lint", "lockout".
QString toString(FindingKind kind);
/// "error", "warning", "info".
QString toString(FindingSeverity severity);

/// One result of the analysis. A finding that makes a claim about a connection carries a witness
/// that the evaluator has confirmed; a "cannot tell" finding (certain == false) carries none and
/// its message says why.
struct Finding
{
    FindingKind kind = FindingKind::Lint;
    FindingSeverity severity = FindingSeverity::Info;
    int ruleIndex = -1; ///< the rule the finding is about, -1: the rule set as a whole
    QString ruleName;
    QList<int> byIndexes; ///< the other rules involved (that take its traffic, that overlap it)
    QStringList by; ///< their names, in the same order
    QString message;
    std::optional<Witness> witness;
    bool certain = true;
};

/// Knobs of one analysis run.
struct AnalysisOptions
{
    /// The administrator to check for lockout (domain §12); unset: that check is skipped.
    AdminSettings admin;
    /// Polled during the run; when it becomes true the run stops and reports `cancelled`.
    const std::atomic_bool *cancel = nullptr;
};

/// The result of analyzing a rule set.
struct AnalysisResult
{
    QList<Finding> findings; ///< ordered by severity, then rule, then kind
    bool cancelled = false;
    /// False when patterns or filters were too complex to enumerate exhaustively: claims that
    /// need every connection (shadowed, redundant, generalised) are then "cannot tell".
    bool exact = true;
    QString inexactReason;
    int matchSets = 0; ///< distinct sets of matching rules found (diagnostics)

    /// The findings about the rule at `ruleIndex` (for badges in the rule list).
    QList<Finding> findingsFor(int ruleIndex) const;
};

/// Analyzes `rules` over every possible connection: protocols, authentication types, middle-tier,
/// client addresses and source ports exactly (by elementary intervals), usernames and recipient
/// filters by exact enumeration of what the patterns and compared values can distinguish (users
/// of `directory` serve as examples). Findings: shadowed, redundant, correlated, generalised,
/// lint and lockout (see FindingKind). Every witness is replayed through Evaluator::evaluate; a
/// claim the evaluator does not confirm is reported as "cannot tell", never as fact.
/// Takes a few milliseconds for 20 rules; safe to call from a worker thread (it only reads).
AnalysisResult analyzeRuleSet(const RuleSet &rules, const Directory &directory,
                              const AnalysisOptions &options = {});

} // namespace Car
