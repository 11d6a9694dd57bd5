#pragma once

#include "cmdletcall.h"

#include <QList>
#include <QString>

#include <optional>

namespace Car {

/// Character-level scanning of PowerShell text for CmdletParser: blanks, comments, line
/// continuations, quoted strings (ASCII and typographic quotes), here-strings, script blocks and
/// bare words. Works on offsets into the text; locationOf() turns them into line and column.
class CmdletScanner
{
public:
    /// A failure at an offset: "unterminated string", ...
    struct Failure
    {
        int offset = 0;
        QString message;
    };

    /// One scanned word or string: the decoded text and its source span.
    struct Token
    {
        QString text;
        int start = 0;
        int end = 0; ///< one past the last character
        bool quoted = false;
        bool verbatim = false;
        int contentOffset = 0;
    };

    explicit CmdletScanner(const QString &text);

    const QString &text() const { return m_text; }
    int pos() const { return m_pos; }
    void setPos(int pos) { m_pos = pos; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(int ahead = 0) const
    {
        const int i = m_pos + ahead;
        return i < m_text.size() ? m_text.at(i) : QChar();
    }

    SourceLocation locationOf(int offset) const;

    /// Skips blanks, `<# #>` comments, `#` comments and backtick line continuations; also line
    /// breaks when `newlines` is true. Fails on an unterminated block comment.
    std::optional<Failure> skipBlanks(bool newlines);
    /// At a line break: consumes it ("\r\n" counts as one).
    void skipNewline();

    static bool isSingleQuote(QChar c);
    static bool isDoubleQuote(QChar c);
    static bool isDash(QChar c);
    static bool isNewline(QChar c);
    static bool isBlank(QChar c);
    /// A character that ends a bare word in argument mode.
    static bool endsWord(QChar c);

    /// At a single- or double-quoted string: scans it.
    std::optional<Failure> scanQuoted(Token &token);
    /// At `@'` or `@"` followed by a line break: scans a here-string.
    std::optional<Failure> scanHereString(Token &token);
    /// At `{`: scans to the matching `}` (strings inside are skipped); text keeps the braces.
    std::optional<Failure> scanBlock(Token &token);
    /// Scans a bare word in argument mode, concatenating quoted parts (`a'b c'` is "ab c").
    /// Fails on a variable reference (`$name`, `${...}`, `$(...)`) inside it.
    std::optional<Failure> scanWord(Token &token);
    /// At `$`: the variable name (letters, digits, `_`, `:`), or a failure for `${`/`$(`.
    std::optional<Failure> scanVariable(Token &token);

    /// True when a `$` at `offset` starts a variable reference PowerShell would expand.
    bool isVariableStart(int offset) const;

private:
    std::optional<Failure> scanSingleQuoted(Token &token);
    std::optional<Failure> scanDoubleQuoted(Token &token);
    /// Applies the backtick escape at m_pos (the backtick); appends to `out`.
    void scanEscape(QString &out);

    QString m_text;
    int m_pos = 0;
    QList<int> m_lineStarts;
};

} // namespace Car
