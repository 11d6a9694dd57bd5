#include "rulefilterproxymodel.h"

#include "rulelistmodel.h"

namespace Car {

RuleFilterProxyModel::RuleFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void RuleFilterProxyModel::setFilterText(const QString &text)
{
    const QStringList words = text.toLower().split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateFilter();
}

bool RuleFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QString text = sourceModel()
                             ->index(sourceRow, 0, sourceParent)
                             .data(RuleListModel::SearchTextRole)
                             .toString();
    for (const QString &word : m_words) {
        if (!text.contains(word))
            return false;
    }
    return true;
}

} // namespace Car
