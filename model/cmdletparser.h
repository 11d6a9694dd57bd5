#pragma once

#include "cmdletcall.h"

#include <QList>
#include <QString>

#include <optional>

namespace Car {

/// The result of parsing a script: the calls in order, or the first error.
struct CmdletScript
{
    QList<CmdletCall> calls;
    std::optional<ScriptError> error;

    bool ok() const { return !error.has_value(); }
};

/// Parses PowerShell text made of New-/Set-/Get-/Remove-/Test-ClientAccessRule statements
/// (domain §0) into calls with bound parameters. It checks syntax and binding only (which
/// parameter, how many values); the values themselves are interpreted by ScriptRunner.
///
/// Syntax: statements end at a line break or `;`; `#` and `<# #>` comments; a backtick at the
/// end of a line continues it; single-quoted strings ('' escapes a quote), double-quoted strings
/// ("" and backtick escapes, but no variable expansion: `$x` stays literal), here-strings,
/// typographic quotes (U+2018..U+201B single, U+201C..U+201E double) and dashes (U+2013..U+2015);
/// bare words; comma lists; `@( )` and `( )` lists of quoted values; `{...}` script blocks
/// (kept as text with the braces); `@{Add=...; Remove=...}` on Set- lists; `-Param:value`.
/// Cmdlet and parameter names ignore case and a unique parameter prefix binds. Get- may be
/// followed by `| Format-List` / `| Format-Table` (`fl`, `ft`) with optional properties.
/// The first positional argument binds to -Name (New-) or -Identity (Get-/Set-/Remove-).
///
/// Errors (the first one stops parsing) point at the offending text: an unknown cmdlet or
/// parameter, an ambiguous prefix (listing the candidates), a parameter given twice, a list for a
/// single-valued parameter, a second positional value, a variable other than $true/$false/$null,
/// an unterminated string, block, hashtable or comment, a missing value.
class CmdletParser
{
public:
    /// Parses `text`; `fileName` is only copied into errors ("rules.ps1:3:14: error: ...").
    static CmdletScript parse(const QString &text, const QString &fileName = QString());
};

} // namespace Car
