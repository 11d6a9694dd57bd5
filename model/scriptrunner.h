#pragma once

#include "cmdletcall.h"
#include "evaluator.h"
#include "ruleset.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Car {

class Directory;

/// What a Get- or Test- statement (or a -WhatIf statement) produced, for the caller to show.
struct ScriptOutput
{
    enum class Kind : quint8 {
        Rules, ///< Get-ClientAccessRule: `ruleIndexes` into `ruleSet`
        Test, ///< Test-ClientAccessRule: `connection` and `evaluation` against `ruleSet`
        WhatIf, ///< a statement run with -WhatIf: `message` says what it would have done
    };

    Kind kind = Kind::Rules;
    int callIndex = -1; ///< which statement (0-based) produced it
    SourceLocation location; ///< the statement's cmdlet
    QString statement; ///< the statement, normalized to one line
    RuleSet ruleSet; ///< the rule set as it stood when the statement ran
    QList<int> ruleIndexes; ///< Rules: the rules listed (priority = index + 1)
    CmdletCall::Format format = CmdletCall::Format::None; ///< Rules: `| Format-List` etc.
    QStringList properties; ///< Rules: the formatter's properties, if given
    /// Test: the connection tested. Its `user` points into the Directory given to run(), which
    /// must outlive this output.
    Connection connection;
    Evaluation evaluation; ///< Test: the decision, every matching rule, the trace
    QString message; ///< WhatIf: "What if: ..." text
};

/// The result of running a script. On failure `error` is set, `ruleSet` equals the rule set
/// given to run() and nothing else is filled in: a script is applied as a whole or not at all.
struct ScriptResult
{
    std::optional<ScriptError> error;
    RuleSet ruleSet; ///< the rule set after the script
    QList<ScriptDiagnostic> warnings; ///< e.g. a priority past the end; each with a location
    QStringList history; ///< one line per changing statement, as written
    QList<ScriptOutput> outputs; ///< Get/Test/WhatIf outputs in statement order

    bool ok() const { return !error.has_value(); }
};

/// Applies parsed cmdlet calls to a copy of a RuleSet, atomically (domain §0).
///
/// New- needs -Name and -Action; Set-, Remove- resolve -Identity with
/// RuleSet::indexOfIdentity (an unknown identity is an error); Get- without, with $null or with
/// an unknown identity lists every rule (domain §2). Values are interpreted here: enum text binds
/// as PowerShell does (`-Action Allow` is AllowAccess), IP entries, ports, username patterns and
/// recipient filters are parsed by their types, and an error points at the offending value item.
/// Set- semantics: without -Priority the rule keeps its place; a plain list replaces the whole
/// list; $null clears a list or the filter; in @{Add=...; Remove=...} Remove applies first and
/// values are compared after parsing; removing an absent value is fine; repeated values are
/// dropped keeping the first. Validation (RuleSet/Rule::validate) applies to the rule as it stands
/// after the change. -WhatIf checks the statement but changes nothing. -UserIsMemberOf,
/// -ExceptUserIsMemberOf and -DatacenterAdminsOnly are rejected ("reserved for internal Microsoft
/// use"), as is -OAuthClaims (not simulated). Test- evaluates with the one Evaluator.
class ScriptRunner
{
    Q_DECLARE_TR_FUNCTIONS(Car::ScriptRunner)

public:
    /// Runs `calls` (from CmdletParser) against a copy of `before`. `fileName` goes into errors.
    static ScriptResult run(const QList<CmdletCall> &calls, const RuleSet &before,
                            const Directory &directory, const QString &fileName = QString());

    /// Parses `text` and runs it; a syntax error is reported like any other error.
    static ScriptResult runText(const QString &text, const QString &fileName, const RuleSet &before,
                                const Directory &directory);
};

} // namespace Car
