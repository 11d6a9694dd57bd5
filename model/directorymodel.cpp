#include "directorymodel.h"

#include "directory.h"
#include "rulesetdocument.h"

namespace Car {

DirectoryModel::DirectoryModel(RuleSetDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &RuleSetDocument::directoryChanged, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int DirectoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_document->directory().size();
}

int DirectoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const QString &DirectoryModel::cellText(const DirectoryUser &user, int column)
{
    switch (column) {
    case UpnColumn:
        return user.userPrincipalName;
    case DisplayNameColumn:
        return user.displayName;
    case AliasColumn:
        return user.alias;
    case SamAccountNameColumn:
        return user.samAccountName;
    default:
        return user.attribute(Attribute(column - FirstAttributeColumn));
    }
}

QString DirectoryModel::columnName(int column)
{
    switch (column) {
    case UpnColumn:
        return QStringLiteral("UserPrincipalName");
    case DisplayNameColumn:
        return QStringLiteral("DisplayName");
    case AliasColumn:
        return QStringLiteral("Alias");
    case SamAccountNameColumn:
        return QStringLiteral("SamAccountName");
    default:
        return toString(Attribute(column - FirstAttributeColumn));
    }
}

const DirectoryUser &DirectoryModel::user(int row) const
{
    return m_document->directory().user(row);
}

QVariant DirectoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const DirectoryUser &u = user(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return cellText(u, index.column());
    case UpnRole:
        return u.userPrincipalName;
    case SearchTextRole:
        return QStringList {u.displayName, u.userPrincipalName, u.alias, u.samAccountName}.join(
            QLatin1Char(' '));
    case Qt::ToolTipRole:
        if (index.column() == UpnColumn || index.column() == DisplayNameColumn)
            return tr("%1 <%2>").arg(u.displayName, u.userPrincipalName);
        return {};
    default:
        return {};
    }
}

QVariant DirectoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return columnName(section);
    return {};
}

QList<int> DirectoryModel::emptyColumns() const
{
    const Directory &directory = m_document->directory();
    QList<int> result;
    for (int column = 0; column < ColumnCount; ++column) {
        bool empty = true;
        for (const DirectoryUser &u : directory.users()) {
            if (!cellText(u, column).isEmpty()) {
                empty = false;
                break;
            }
        }
        if (empty)
            result.append(column);
    }
    return result;
}

} // namespace Car
