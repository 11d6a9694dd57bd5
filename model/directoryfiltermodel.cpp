#include "directoryfiltermodel.h"

#include "directory.h"
#include "directorymodel.h"

namespace Car {

DirectoryFilterModel::DirectoryFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{ }

void DirectoryFilterModel::setDirectoryModel(DirectoryModel *model)
{
    m_model = model;
    setSourceModel(model);
}

void DirectoryFilterModel::setIdentityColumnsOnly(bool only)
{
    if (only == m_identityOnly)
        return;
    m_identityOnly = only;
    invalidateFilter();
}

void DirectoryFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateFilter();
}

bool DirectoryFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_search.isEmpty() || !m_model || sourceParent.isValid())
        return true;
    const DirectoryUser &user = m_model->user(sourceRow);
    const int columns =
        m_identityOnly ? DirectoryModel::FirstAttributeColumn : DirectoryModel::ColumnCount;
    for (int column = 0; column < columns; ++column) {
        if (DirectoryModel::cellText(user, column).contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool DirectoryFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_model)
        return QSortFilterProxyModel::lessThan(left, right);
    const QString &a = DirectoryModel::cellText(m_model->user(left.row()), left.column());
    const QString &b = DirectoryModel::cellText(m_model->user(right.row()), right.column());
    const int order = a.compare(b, Qt::CaseInsensitive);
    return order != 0 ? order < 0 : left.row() < right.row();
}

} // namespace Car
