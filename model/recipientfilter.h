#pragma once

#include "enums.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace Car {

struct DirectoryUser;

/// Where and why a recipient filter failed to parse. `column` is 1-based within the filter text.
struct FilterError
{
    int column = 0;
    QString message;

    /// "column 44: unterminated string: missing closing quote".
    QString toString() const;
};

/// A UserRecipientFilter (domain §0, §10): the restricted OPATH subset. Attributes of §10,
/// operators -eq -ne -like -notlike -and -or -not, parentheses, single or double quoted values
/// (a quote of the value's own kind doubled inside it), $null; the whole filter may sit in braces
/// or quotes. Precedence: -not, then -and, then -or. Compares ignore case; a missing attribute is
/// the empty string; no user (not in the directory) makes the filter false.
class RecipientFilter
{
public:
    RecipientFilter() = default;

    static std::optional<RecipientFilter> parse(QStringView text, FilterError *error = nullptr);

    /// The filter as entered.
    const QString &text() const { return m_text; }

    /// Evaluates against a directory user; nullptr (user not found) gives false, and so does a
    /// default-constructed (never parsed) filter. Allocates nothing.
    bool matches(const DirectoryUser *user) const;

    /// The same filter with every -and/-or grouping made explicit with parentheses, e.g.
    /// "(A -eq 'x' -and B -eq 'y') -or C -eq 'z'" -> "((A -eq 'x') -and (B -eq 'y')) -or (C -eq
    /// 'z')".
    QString explicitGrouping() const;

    /// Editor warnings (domain §0): a chain that mixes -and and -or without parentheses.
    QStringList warnings() const;

    /// The attributes the filter reads, for completion and "matches N users" views.
    QList<Attribute> attributes() const;

    // Flat expression tree; public so that analysis code (later issues) can walk it.
    enum class NodeKind : quint8 { Compare, And, Or, Not };
    enum class Operator : quint8 { Eq, Ne, Like, NotLike };
    struct Node
    {
        NodeKind kind = NodeKind::Compare;
        Operator op = Operator::Eq;
        Attribute attribute = Attribute::City;
        bool isNull = false; ///< value is $null (compares with the empty string)
        int left = -1; ///< child node index (And/Or/Not)
        int right = -1; ///< child node index (And/Or)
        QString value; ///< as written (unescaped)
        QString foldedValue; ///< case-folded, for matching
        bool parenthesized = false;
    };
    const QList<Node> &nodes() const { return m_nodes; }
    int root() const { return m_root; }

private:
    QString m_text;
    QList<Node> m_nodes;
    int m_root = -1;
    QStringList m_warnings;
};

} // namespace Car
