#pragma once

#include "cmdletcall.h"
#include "rule.h"

#include <QString>

#include <optional>

namespace Car {

/// Interprets the values of bound cmdlet parameters for ScriptRunner: strings, booleans,
/// integers, enum text, and the rule lists and filter (with Set-'s @{Add=...; Remove=...}).
/// Every function returns nullopt on success, or where and why the value is wrong.
namespace ScriptValues {

struct Failure
{
    SourceLocation location;
    QString message;
};
using Check = std::optional<Failure>;

/// A single string (a word, a quoted string, a number). `$null`, lists, blocks are errors.
Check toText(const CmdletArgument &argument, QString *out);
/// `$true`/`$false` or an unquoted whole number (non-zero is true), as PowerShell binds [bool].
Check toBool(const CmdletArgument &argument, bool *out);
/// A whole number in [minimum, maximum].
Check toInt(const CmdletArgument &argument, int *out, int minimum, int maximum);
Check toAction(const CmdletArgument &argument, Action *out);
Check toScope(const CmdletArgument &argument, Scope *out);
Check toProtocol(const CmdletArgument &argument, Protocol *out);
Check toAuthenticationType(const CmdletArgument &argument, AuthenticationType *out);

/// True when `parameter` (a RuleParameter list) is the canonical name of `argument`.
std::optional<RuleParameter> ruleParameter(const QString &name);

/// Applies a list parameter (AnyOfProtocols, ..., ExceptUsernameMatchesAnyOfPatterns) to `rule`:
/// a value or list replaces the list, $null clears it, a hashtable removes then adds.
Check applyList(const CmdletArgument &argument, RuleParameter parameter, Rule &rule);
/// Applies -UserRecipientFilter: a string or script block (checked by RecipientFilter::parse,
/// an error column mapped into the script), or $null / an empty string to clear.
Check applyFilter(const CmdletArgument &argument, Rule &rule);

/// The location of the value item of `argument` whose parsed value shows as `value` (the text
/// of a RuleProblem), or the argument's location.
SourceLocation locateValue(const CmdletArgument &argument, RuleParameter parameter,
                           const QString &value);

} // namespace ScriptValues
} // namespace Car
