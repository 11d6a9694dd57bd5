#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace Car::detail {

/// The filter text with outer braces/quotes removed (domain §0: the whole filter may sit in
/// `{ }` or in quotes), remembering the 1-based column of every character in the original text.
struct FilterSource
{
    QString chars;
    QList<int> columns;
    int endColumn = 1; ///< the column just after the last character
};

/// Trims blanks and removes up to two levels of outer braces or PowerShell quotes (a quote of the
/// wrapper's own kind doubled inside it stands for one quote).
FilterSource prepareFilterSource(QStringView text);

enum class FilterTokenKind : quint8 { End, Open, Close, Operator, Word, String, Null, Error };

struct FilterToken
{
    FilterTokenKind kind = FilterTokenKind::End;
    /// Operator name without '-', a word, an unescaped string value, or (Error) the message.
    QString text;
    int column = 1;
};

/// Splits a prepared filter into tokens on demand, so that the first error in reading order wins.
class FilterLexer
{
public:
    explicit FilterLexer(FilterSource source);

    /// The next token; End at the end of the text (repeatedly), Error with a message on bad input.
    FilterToken next();

private:
    FilterToken readString(QChar open, int column);

    FilterSource m_source;
    qsizetype m_pos = 0;
};

/// True for the ASCII and typographic single quotes PowerShell accepts (' ‘ ’ ‚ ‛).
bool isSingleQuote(QChar c);
/// True for the ASCII and typographic double quotes PowerShell accepts (" “ ” „).
bool isDoubleQuote(QChar c);

} // namespace Car::detail
