#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace Car {

/// A UsernameMatchesAnyOfPatterns entry (domain §9): anchored, case-insensitive; `*` matches any
/// run of characters (also empty); every other character is literal. Compiled once on parse;
/// matches() allocates nothing.
class UsernamePattern
{
public:
    UsernamePattern() = default;

    /// Rejects only an empty (or blank) pattern; anything else is a valid pattern.
    static std::optional<UsernamePattern> parse(QStringView text, QString *error = nullptr);

    /// The pattern as entered (round-trips unchanged, as Exchange keeps it).
    const QString &text() const { return m_text; }

    bool matches(QStringView username) const;

    /// Domain §0/§9: a pattern without a leading `*` and without a `\` can never match the
    /// `domain\user` string. Returns the warning text, or an empty string.
    QString warning() const;

    friend bool operator==(const UsernamePattern &a, const UsernamePattern &b)
    {
        return a.m_text.compare(b.m_text, Qt::CaseInsensitive) == 0;
    }
    friend bool operator!=(const UsernamePattern &a, const UsernamePattern &b) { return !(a == b); }

private:
    QString m_text;
    QList<QString> m_segments; ///< case-folded literal runs between the stars
    bool m_leadingStar = false;
    bool m_trailingStar = false;
};

} // namespace Car
