#pragma once

#include "enums.h"

#include <QAbstractTableModel>

namespace Car {

class RuleSetDocument;
struct DirectoryUser;

/// The document's directory as a table: UserPrincipalName, DisplayName, Alias, SamAccountName,
/// then every filterable attribute of domain §10. Read-only; edits go through the document
/// (saveUser/removeUser/replaceDirectory), and the model resets on directoryChanged(). data() reads
/// the user in place, so views stay smooth with 100,000 users.
class DirectoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column : int {
        UpnColumn,
        DisplayNameColumn,
        AliasColumn,
        SamAccountNameColumn,
        FirstAttributeColumn, ///< Attribute(column - FirstAttributeColumn)
    };
    static constexpr int ColumnCount = FirstAttributeColumn + AttributeCount;

    enum Role : int {
        UpnRole = Qt::UserRole + 1, ///< the row's UserPrincipalName, in every column
        /// "Display Name <upn>" plus alias and account name: what a user search matches against.
        SearchTextRole,
    };

    explicit DirectoryModel(RuleSetDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The text of one cell without a QVariant (for the filter and sort proxies).
    static const QString &cellText(const DirectoryUser &user, int column);
    /// The header name of a column ("UserPrincipalName", "Department", ...), as the CSV names it.
    static QString columnName(int column);

    const DirectoryUser &user(int row) const;
    /// Columns in which no user has a value (views hide them to stay readable).
    QList<int> emptyColumns() const;

private:
    RuleSetDocument *m_document = nullptr;
};

} // namespace Car
