#include "cmdletscanner.h"

#include <QCoreApplication>

#include <algorithm>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::CmdletParser", text);
}

} // namespace

CmdletScanner::CmdletScanner(const QString &text)
    : m_text(text)
{
    m_lineStarts << 0;
    for (int i = 0; i < m_text.size(); ++i) {
        const QChar c = m_text.at(i);
        if (c == u'\r' && i + 1 < m_text.size() && m_text.at(i + 1) == u'\n')
            ++i;
        if (c == u'\r' || c == u'\n')
            m_lineStarts << i + 1;
    }
}

SourceLocation CmdletScanner::locationOf(int offset) const
{
    offset = std::clamp(offset, 0, int(m_text.size()));
    const auto it = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), offset);
    const int lineIndex = int(it - m_lineStarts.cbegin()) - 1;
    int column = 1;
    for (int i = m_lineStarts.at(lineIndex); i < offset; ++i) {
        if (!m_text.at(i).isLowSurrogate())
            ++column;
    }
    return {lineIndex + 1, column};
}

bool CmdletScanner::isSingleQuote(QChar c)
{
    const char16_t u = c.unicode();
    return u == u'\'' || (u >= 0x2018 && u <= 0x201B);
}

bool CmdletScanner::isDoubleQuote(QChar c)
{
    const char16_t u = c.unicode();
    return u == u'"' || (u >= 0x201C && u <= 0x201E);
}

bool CmdletScanner::isDash(QChar c)
{
    const char16_t u = c.unicode();
    return u == u'-' || (u >= 0x2013 && u <= 0x2015);
}

bool CmdletScanner::isNewline(QChar c)
{
    return c == u'\n' || c == u'\r';
}

bool CmdletScanner::isBlank(QChar c)
{
    return !isNewline(c) && (c.isSpace() || c.unicode() == 0xFEFF);
}

bool CmdletScanner::endsWord(QChar c)
{
    if (c.isNull() || isBlank(c) || isNewline(c))
        return true;
    switch (c.unicode()) {
    case u';':
    case u',':
    case u'|':
    case u'(':
    case u')':
    case u'{':
    case u'}':
    case u'&':
    case u'<':
    case u'>':
        return true;
    default:
        return false;
    }
}

void CmdletScanner::skipNewline()
{
    if (peek() == u'\r' && peek(1) == u'\n')
        m_pos += 2;
    else if (isNewline(peek()))
        ++m_pos;
}

std::optional<CmdletScanner::Failure> CmdletScanner::skipBlanks(bool newlines)
{
    while (!atEnd()) {
        const QChar c = peek();
        if (isBlank(c)) {
            ++m_pos;
        } else if (c == u'`' && isNewline(peek(1))) {
            ++m_pos;
            skipNewline();
        } else if (c == u'<' && peek(1) == u'#') {
            const int end = int(m_text.indexOf(QLatin1String("#>"), m_pos + 2));
            if (end < 0)
                return Failure {m_pos, tr("unterminated block comment: '<#' has no matching '#>'")};
            m_pos = end + 2;
        } else if (c == u'#') {
            while (!atEnd() && !isNewline(peek()))
                ++m_pos;
        } else if (newlines && isNewline(c)) {
            skipNewline();
        } else {
            break;
        }
    }
    return std::nullopt;
}

void CmdletScanner::scanEscape(QString &out)
{
    ++m_pos; // the backtick
    if (atEnd())
        return;
    const QChar c = peek();
    ++m_pos;
    switch (c.unicode()) {
    case u'0':
        out += QChar(u'\0');
        return;
    case u'a':
        out += QChar(u'\a');
        return;
    case u'b':
        out += QChar(u'\b');
        return;
    case u'e':
        out += QChar(0x1B);
        return;
    case u'f':
        out += QChar(u'\f');
        return;
    case u'n':
        out += QChar(u'\n');
        return;
    case u'r':
        out += QChar(u'\r');
        return;
    case u't':
        out += QChar(u'\t');
        return;
    case u'v':
        out += QChar(u'\v');
        return;
    case u'u':
        if (peek() == u'{') {
            const int close = int(m_text.indexOf(u'}', m_pos));
            bool ok = false;
            const uint code = close > m_pos + 1 && close - m_pos <= 7
                ? QStringView(m_text).mid(m_pos + 1, close - m_pos - 1).toUInt(&ok, 16)
                : 0;
            if (ok && code <= 0x10FFFF) {
                const char32_t cp = char32_t(code);
                out += QString::fromUcs4(&cp, 1);
                m_pos = close + 1;
                return;
            }
        }
        out += c;
        return;
    case u'\r':
        out += c;
        if (peek() == u'\n') {
            out += QChar(u'\n');
            ++m_pos;
        }
        return;
    default:
        out += c;
        return;
    }
}

std::optional<CmdletScanner::Failure> CmdletScanner::scanQuoted(Token &token)
{
    return isSingleQuote(peek()) ? scanSingleQuoted(token) : scanDoubleQuoted(token);
}

std::optional<CmdletScanner::Failure> CmdletScanner::scanSingleQuoted(Token &token)
{
    token = Token();
    token.start = m_pos;
    token.quoted = true;
    token.verbatim = true;
    token.contentOffset = 1;
    ++m_pos;
    for (;;) {
        if (atEnd()) {
            return Failure {token.start,
                            tr("unterminated string: the quote %1 has no closing quote")
                                .arg(m_text.at(token.start))};
        }
        const QChar c = peek();
        if (isSingleQuote(c)) {
            if (!isSingleQuote(peek(1))) {
                ++m_pos;
                break;
            }
            token.text += peek(1); // a doubled quote stands for its second character
            token.verbatim = false;
            m_pos += 2;
            continue;
        }
        token.text += c;
        ++m_pos;
    }
    token.end = m_pos;
    return std::nullopt;
}

std::optional<CmdletScanner::Failure> CmdletScanner::scanDoubleQuoted(Token &token)
{
    token = Token();
    token.start = m_pos;
    token.quoted = true;
    token.verbatim = true;
    token.contentOffset = 1;
    ++m_pos;
    for (;;) {
        if (atEnd()) {
            return Failure {token.start,
                            tr("unterminated string: the quote %1 has no closing quote")
                                .arg(m_text.at(token.start))};
        }
        const QChar c = peek();
        if (isDoubleQuote(c)) {
            if (!isDoubleQuote(peek(1))) {
                ++m_pos;
                break;
            }
            token.text += peek(1);
            token.verbatim = false;
            m_pos += 2;
        } else if (c == u'`') {
            scanEscape(token.text);
            token.verbatim = false;
        } else {
            token.text += c;
            ++m_pos;
        }
    }
    token.end = m_pos;
    return std::nullopt;
}

std::optional<CmdletScanner::Failure> CmdletScanner::scanHereString(Token &token)
{
    token = Token();
    token.start = m_pos;
    token.quoted = true;
    const bool single = isSingleQuote(peek(1));
    m_pos += 2;
    while (isBlank(peek()))
        ++m_pos;
    if (!isNewline(peek())) {
        return Failure {token.start, tr("a here-string's opening @' or @\" must end its line")};
    }
    skipNewline();
    for (;;) {
        if (atEnd()) {
            return Failure {token.start,
                            tr("unterminated here-string: no closing '@ or \"@ at the start "
                               "of a line")};
        }
        const QChar c = peek();
        if (isNewline(c)) {
            const int lineBreak = m_pos;
            skipNewline();
            const bool closes = single ? isSingleQuote(peek()) : isDoubleQuote(peek());
            if (closes && peek(1) == u'@') {
                m_pos += 2;
                break;
            }
            token.text += QStringView(m_text).mid(lineBreak, m_pos - lineBreak);
        } else if (c == u'`' && !single) {
            scanEscape(token.text);
        } else {
            token.text += c;
            ++m_pos;
        }
    }
    token.end = m_pos;
    return std::nullopt;
}

std::optional<CmdletScanner::Failure> CmdletScanner::scanBlock(Token &token)
{
    token = Token();
    token.start = m_pos;
    int depth = 0;
    for (;;) {
        if (atEnd()) {
            return Failure {token.start, tr("unterminated script block: '{' has no matching '}'")};
        }
        const QChar c = peek();
        if (c == u'{') {
            ++depth;
            ++m_pos;
        } else if (c == u'}') {
            ++m_pos;
            if (--depth == 0)
                break;
        } else if (isSingleQuote(c) || isDoubleQuote(c)) {
            Token inner;
            if (auto failure = scanQuoted(inner))
                return failure;
        } else if (c == u'`') {
            m_pos += 2;
        } else {
            ++m_pos;
        }
    }
    m_pos = std::min(m_pos, int(m_text.size()));
    token.end = m_pos;
    token.text = m_text.mid(token.start, token.end - token.start);
    token.verbatim = true;
    return std::nullopt;
}

bool CmdletScanner::isVariableStart(int offset) const
{
    if (offset + 1 >= m_text.size() || m_text.at(offset) != u'$')
        return false;
    const QChar n = m_text.at(offset + 1);
    return n.isLetterOrNumber() || n == u'_' || n == u'{' || n == u'(' || n == u'?' || n == u'^'
        || n == u'$';
}

std::optional<CmdletScanner::Failure> CmdletScanner::scanVariable(Token &token)
{
    token = Token();
    token.start = m_pos;
    const QChar n = peek(1);
    if (n == u'(') {
        return Failure {m_pos,
                        tr("subexpressions '$( )' are not supported; write the value itself")};
    }
    if (n == u'{') {
        return Failure {m_pos,
                        tr("variables are not supported; only $true, $false and $null may be "
                           "used")};
    }
    ++m_pos;
    if (n == u'?' || n == u'^' || n == u'$') {
        ++m_pos;
    } else {
        while (!atEnd() && (peek().isLetterOrNumber() || peek() == u'_' || peek() == u':'))
            ++m_pos;
    }
    token.end = m_pos;
    token.text = m_text.mid(token.start, token.end - token.start);
    return std::nullopt;
}

std::optional<CmdletScanner::Failure> CmdletScanner::scanWord(Token &token)
{
    token = Token();
    token.start = m_pos;
    int quotedParts = 0;
    bool plainParts = false;
    bool escaped = false;
    Token part;
    while (!atEnd() && !endsWord(peek())) {
        const QChar c = peek();
        if (isSingleQuote(c) || isDoubleQuote(c)) {
            if (auto failure = scanQuoted(part))
                return failure;
            token.text += part.text;
            escaped = escaped || !part.verbatim;
            ++quotedParts;
        } else if (c == u'`') {
            if (isNewline(peek(1)))
                break; // a line continuation: the word ends here
            scanEscape(token.text);
            escaped = true;
            plainParts = true;
        } else if (c == u'$' && isVariableStart(m_pos)) {
            Token variable;
            if (auto failure = scanVariable(variable))
                return failure;
            return Failure {variable.start,
                            tr("variable %1 is not supported; only $true, $false and $null "
                               "may be used, as whole values")
                                .arg(variable.text)};
        } else {
            token.text += c;
            plainParts = true;
            ++m_pos;
        }
    }
    token.end = m_pos;
    token.quoted = quotedParts > 0;
    if (quotedParts == 1 && !plainParts) {
        token.verbatim = !escaped;
        token.contentOffset = 1;
    } else {
        token.verbatim = quotedParts == 0 && !escaped;
        token.contentOffset = 0;
    }
    return std::nullopt;
}

} // namespace Car
