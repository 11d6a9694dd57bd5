#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace Car {

/// The five Client Access Rule cmdlets a script may call (domain §2).
enum class Cmdlet : quint8 { New, Set, Get, Remove, Test };

/// "New-ClientAccessRule" etc.
QString cmdletName(Cmdlet cmdlet);

/// A 1-based line and column in a script. Columns count characters (code points).
struct SourceLocation
{
    int line = 0;
    int column = 0;

    bool isValid() const { return line > 0; }
    friend bool operator==(const SourceLocation &a, const SourceLocation &b)
    {
        return a.line == b.line && a.column == b.column;
    }
    friend bool operator!=(const SourceLocation &a, const SourceLocation &b) { return !(a == b); }
};

/// An error (or warning) in a script, pointing at the offending text.
struct ScriptDiagnostic
{
    enum class Severity : quint8 { Error, Warning };

    Severity severity = Severity::Error;
    QString file; ///< as given by the caller ("rules.ps1", "<stdin>", ...)
    int line = 0;
    int column = 0;
    QString message;

    bool isError() const { return severity == Severity::Error; }
    /// Exactly `FILE:LINE:COL: error: WHAT` (or `warning:`).
    QString toString() const;
};
using ScriptError = ScriptDiagnostic;

/// One item of a parameter value: a word, a quoted string or a script block, as the parser
/// decoded it, with where it came from.
struct CmdletValueItem
{
    QString text; ///< decoded text (quotes removed, escapes applied; blocks keep braces)
    SourceLocation location; ///< first character of the item in the source (quote, brace, ...)
    bool quoted = false; ///< written as a quoted string (not a bare word)
    /// When true, `text` is a verbatim copy of the source starting at `location` plus
    /// `contentOffset` characters (no escapes), so positions inside it can be mapped back.
    bool verbatim = false;
    int contentOffset = 0;

    /// The source location of character `index` of `text`; falls back to `location` when the
    /// text is not a verbatim copy of the source.
    SourceLocation locationAt(int index) const;
};

/// One entry of a hashtable literal `@{Key=value,...; ...}`.
struct CmdletHashEntry
{
    QString key;
    SourceLocation keyLocation;
    bool isNull = false; ///< the value was $null
    QList<CmdletValueItem> items;
};

/// A bound parameter value.
struct CmdletValue
{
    enum class Kind : quint8 {
        Switch, ///< a switch given without a value (`-WhatIf`)
        String, ///< one word or string (`items` has one entry)
        List, ///< a comma list or @(...) (`items` has the entries)
        Boolean, ///< $true / $false
        Null, ///< $null
        ScriptBlock, ///< `{...}`; items[0].text keeps the braces
        Hashtable, ///< `@{Add=...; Remove=...}`; see `entries`
    };

    Kind kind = Kind::Switch;
    bool boolean = false; ///< Boolean only
    SourceLocation location;
    QList<CmdletValueItem> items;
    QList<CmdletHashEntry> entries;

    /// The hashtable entry whose key equals `key` ignoring case, or nullptr.
    const CmdletHashEntry *entry(QStringView key) const;
};

/// A parameter bound to a value: named (`-Action Deny`) or positional (`New-... Name`).
struct CmdletArgument
{
    QString name; ///< canonical parameter name without the dash ("Action")
    QString written; ///< as written, e.g. "-act" (empty for a positional argument)
    SourceLocation location; ///< the `-Name` token, or the value of a positional argument
    bool positional = false;
    CmdletValue value;
};

/// One parsed statement: a cmdlet call with its bound parameters.
struct CmdletCall
{
    enum class Format : quint8 { None, List, Table };

    Cmdlet cmdlet = Cmdlet::Get;
    SourceLocation location; ///< the cmdlet name
    QString text; ///< the statement's source text, as written
    QString normalizedText; ///< one line: whitespace collapsed, comments and continuations gone
    QList<CmdletArgument> arguments;
    Format format = Format::None; ///< a trailing `| Format-List` / `| Format-Table` (Get only)
    QStringList formatProperties; ///< the properties that formatter was given, if any

    /// The argument bound to the canonical parameter `name` (ignoring case), or nullptr.
    const CmdletArgument *argument(QStringView name) const;
    bool has(QStringView name) const { return argument(name) != nullptr; }
};

} // namespace Car
