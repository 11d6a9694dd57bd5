#include "recipientfilter.h"

#include "directory.h"
#include "recipientfilterparser.h"

#include <QCoreApplication>

namespace Car {

namespace {

using Node = RecipientFilter::Node;

// Case-insensitive equality; `folded` is already case-folded, `text` is folded per char.
bool equalsFolded(QStringView text, QStringView folded)
{
    if (text.size() != folded.size())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].toCaseFolded() != folded[i])
            return false;
    }
    return true;
}

// `*` glob over a case-folded pattern: greedy with backtracking to the last star, no allocation.
bool likeFolded(QStringView text, QStringView pattern)
{
    qsizetype t = 0;
    qsizetype p = 0;
    qsizetype star = -1;
    qsizetype resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == u'*') {
            star = p++;
            resume = t;
        } else if (p < pattern.size() && pattern[p] == text[t].toCaseFolded()) {
            ++p;
            ++t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

bool compare(const Node &node, const DirectoryUser &user)
{
    const QString &actual = user.attribute(node.attribute);
    // $null stands for the empty string; foldedValue is empty then.
    const QStringView value(node.foldedValue);
    switch (node.op) {
    case RecipientFilter::Operator::Eq:
        return equalsFolded(actual, value);
    case RecipientFilter::Operator::Ne:
        return !equalsFolded(actual, value);
    case RecipientFilter::Operator::Like:
        return likeFolded(actual, value);
    case RecipientFilter::Operator::NotLike:
        return !likeFolded(actual, value);
    }
    return false;
}

// Chains are left-deep (Or(Or(a, b), c)), so walk the left spine in a loop and recurse only into
// right operands and -not: the recursion depth stays bounded by the parser's nesting limit.
bool evaluate(const QList<Node> &nodes, int index, const DirectoryUser &user)
{
    while (true) {
        const Node &node = nodes.at(index);
        switch (node.kind) {
        case RecipientFilter::NodeKind::Compare:
            return compare(node, user);
        case RecipientFilter::NodeKind::Not:
            return !evaluate(nodes, node.left, user);
        case RecipientFilter::NodeKind::And:
            if (!evaluate(nodes, node.right, user))
                return false;
            break;
        case RecipientFilter::NodeKind::Or:
            if (evaluate(nodes, node.right, user))
                return true;
            break;
        }
        index = node.left;
    }
}

} // namespace

QString FilterError::toString() const
{
    return QCoreApplication::translate("Car::RecipientFilter", "column %1: %2")
        .arg(column)
        .arg(message);
}

std::optional<RecipientFilter> RecipientFilter::parse(QStringView text, FilterError *error)
{
    detail::RecipientFilterTree tree;
    if (!detail::parseRecipientFilter(text, &tree, error))
        return std::nullopt;
    RecipientFilter filter;
    filter.m_text = text.toString();
    filter.m_nodes = std::move(tree.nodes);
    filter.m_root = tree.root;
    filter.m_warnings = std::move(tree.warnings);
    return filter;
}

bool RecipientFilter::matches(const DirectoryUser *user) const
{
    if (!user || m_root < 0)
        return false;
    return evaluate(m_nodes, m_root, *user);
}

QString RecipientFilter::explicitGrouping() const
{
    return detail::renderGrouped(m_nodes, m_root);
}

QStringList RecipientFilter::warnings() const
{
    return m_warnings;
}

QList<Attribute> RecipientFilter::attributes() const
{
    QList<Attribute> result;
    for (const Node &node : m_nodes) {
        if (node.kind == NodeKind::Compare && !result.contains(node.attribute))
            result.append(node.attribute);
    }
    return result;
}

} // namespace Car
