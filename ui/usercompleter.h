#pragma once

#include <QCompleter>

class QAbstractItemModel;
class QComboBox;

namespace Car {

/// Completes a user from a DirectoryModel: matches anywhere in the display name, UPN, alias or
/// account name (ignoring case), lists "upn — Display Name", and inserts the UPN.
class UserCompleter : public QCompleter
{
    Q_OBJECT

public:
    explicit UserCompleter(QAbstractItemModel *directoryModel, QObject *parent = nullptr);

    QString pathFromIndex(const QModelIndex &index) const override;

    /// Makes `combo` an editable user picker over `directoryModel` (UPN column) with this
    /// completer; keeps the typed text when the directory resets.
    static void setUp(QComboBox *combo, QAbstractItemModel *directoryModel);
};

} // namespace Car
