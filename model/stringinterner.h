#pragma once

#include <QSet>
#include <QString>

namespace Car {

/// Shares one string per distinct value among the values it is given, for bulk loads: many
/// users have the same Department, City or Company, and an interned value takes its memory once
/// however many users hold it (QString is implicitly shared). Remembers at most `limit` distinct
/// values, so that a column of unique values (street addresses) costs a bounded table; values
/// seen after that are returned as they are.
class StringInterner
{
public:
    explicit StringInterner(qsizetype limit = 16384)
        : m_limit(limit)
    { }

    /// The first value equal to `value` given to this interner, or `value` itself (which is
    /// then remembered while there is room). An empty value gives a null string.
    QString intern(const QString &value);

    /// Number of distinct values remembered.
    qsizetype size() const { return m_values.size(); }

private:
    QSet<QString> m_values;
    qsizetype m_limit;
};

} // namespace Car
