#pragma once

#include <QSortFilterProxyModel>

namespace Car {

class DirectoryModel;

/// Narrows a DirectoryModel to the users whose name, alias, account or any attribute contains the
/// search text (ignoring case), and sorts by the cell text. Reads the users directly instead of
/// through QVariant, so searching 100,000 users stays interactive.
class DirectoryFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit DirectoryFilterModel(QObject *parent = nullptr);

    void setDirectoryModel(DirectoryModel *model);
    /// Searches only UserPrincipalName, DisplayName, Alias and SamAccountName (user pickers)
    /// instead of every column.
    void setIdentityColumnsOnly(bool only);
    const QString &searchText() const { return m_search; }

public slots:
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    DirectoryModel *m_model = nullptr;
    QString m_search;
    bool m_identityOnly = false;
};

} // namespace Car
