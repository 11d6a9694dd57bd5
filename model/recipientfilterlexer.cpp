#include "recipientfilterlexer.h"

#include <QCoreApplication>

namespace Car::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::RecipientFilter", text);
}

FilterSource slice(const FilterSource &source, qsizetype from, qsizetype to)
{
    FilterSource part;
    part.chars = source.chars.mid(from, to - from);
    part.columns = source.columns.mid(from, to - from);
    part.endColumn = to < source.columns.size() ? source.columns[to] : source.endColumn;
    return part;
}

FilterSource trimmed(const FilterSource &source)
{
    qsizetype begin = 0;
    qsizetype end = source.chars.size();
    while (begin < end && source.chars[begin].isSpace())
        ++begin;
    while (end > begin && source.chars[end - 1].isSpace())
        --end;
    return slice(source, begin, end);
}

bool sameQuoteKind(QChar open, QChar c)
{
    return isSingleQuote(open) ? isSingleQuote(c) : isDoubleQuote(c);
}

// Removes one level of `{ }` or of PowerShell quotes around the whole filter, if present.
bool unwrap(FilterSource *source)
{
    const QString &s = source->chars;
    if (s.size() >= 2 && s.front() == u'{' && s.back() == u'}') {
        *source = trimmed(slice(*source, 1, s.size() - 1));
        return true;
    }
    if (s.isEmpty() || !(isSingleQuote(s.front()) || isDoubleQuote(s.front())))
        return false;
    const QChar open = s.front();
    FilterSource inner;
    for (qsizetype i = 1; i < s.size(); ++i) {
        if (!sameQuoteKind(open, s[i])) {
            inner.chars += s[i];
            inner.columns.append(source->columns[i]);
            continue;
        }
        if (i + 1 < s.size() && sameQuoteKind(open, s[i + 1])) {
            inner.chars += s[i];
            inner.columns.append(source->columns[i]);
            ++i;
            continue;
        }
        if (i != s.size() - 1)
            return false; // the quote closes early: the text is not one quoted string
        inner.endColumn = source->columns[i];
        *source = trimmed(inner);
        return true;
    }
    return false;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

FilterToken errorToken(int column, const QString &message)
{
    return FilterToken {FilterTokenKind::Error, message, column};
}

} // namespace

bool isSingleQuote(QChar c)
{
    const char16_t u = c.unicode();
    return u == u'\'' || u == 0x2018 || u == 0x2019 || u == 0x201A || u == 0x201B;
}

bool isDoubleQuote(QChar c)
{
    const char16_t u = c.unicode();
    return u == u'"' || u == 0x201C || u == 0x201D || u == 0x201E;
}

FilterSource prepareFilterSource(QStringView text)
{
    FilterSource source;
    source.chars = text.toString();
    source.columns.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i)
        source.columns.append(int(i) + 1);
    source.endColumn = int(text.size()) + 1;
    source = trimmed(source);
    for (int level = 0; level < 2 && unwrap(&source); ++level) { }
    return source;
}

FilterLexer::FilterLexer(FilterSource source)
    : m_source(std::move(source))
{ }

FilterToken FilterLexer::next()
{
    const QString &s = m_source.chars;
    while (m_pos < s.size() && s[m_pos].isSpace())
        ++m_pos;
    if (m_pos >= s.size())
        return FilterToken {FilterTokenKind::End, QString(), m_source.endColumn};
    const QChar c = s[m_pos];
    const int column = m_source.columns[m_pos];
    if (c == u'(' || c == u')') {
        ++m_pos;
        return FilterToken {c == u'(' ? FilterTokenKind::Open : FilterTokenKind::Close, QString(),
                            column};
    }
    if (c == u'-' || c == u'$') {
        qsizetype end = m_pos + 1;
        while (end < s.size() && isWordChar(s[end]))
            ++end;
        const QString name = s.mid(m_pos + 1, end - m_pos - 1);
        m_pos = end;
        if (name.isEmpty())
            return errorToken(column, tr("unexpected '%1'").arg(c));
        if (c == u'-')
            return FilterToken {FilterTokenKind::Operator, name, column};
        if (name.compare(u"null", Qt::CaseInsensitive) == 0)
            return FilterToken {FilterTokenKind::Null, QString(), column};
        return errorToken(
            column,
            tr("the variable '$%1' is not supported: a value is quoted text or $null").arg(name));
    }
    if (isSingleQuote(c) || isDoubleQuote(c))
        return readString(c, column);
    if (isWordChar(c)) {
        qsizetype end = m_pos;
        while (end < s.size() && isWordChar(s[end]))
            ++end;
        FilterToken token {FilterTokenKind::Word, s.mid(m_pos, end - m_pos), column};
        m_pos = end;
        return token;
    }
    ++m_pos;
    return errorToken(column, tr("unexpected character '%1'").arg(c));
}

FilterToken FilterLexer::readString(QChar open, int column)
{
    const QString &s = m_source.chars;
    QString value;
    for (qsizetype i = m_pos + 1; i < s.size(); ++i) {
        if (!sameQuoteKind(open, s[i])) {
            value += s[i];
        } else if (i + 1 < s.size() && sameQuoteKind(open, s[i + 1])) {
            value += s[i];
            ++i;
        } else {
            m_pos = i + 1;
            return FilterToken {FilterTokenKind::String, value, column};
        }
    }
    m_pos = s.size();
    return errorToken(column, tr("unterminated string: missing closing quote"));
}

} // namespace Car::detail
