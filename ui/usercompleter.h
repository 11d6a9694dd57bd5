#pragma once

#include <QCompleter>

class QComboBox;

namespace Car {

class DirectoryFilterModel;
class DirectoryModel;

/// Completes a user from a DirectoryModel: lists the users whose UPN, display name, alias or
/// account name contains the typed text (ignoring case) as "upn — Display Name", and inserts the
/// UPN. Filtering runs in a DirectoryFilterModel without allocating per user, so it keeps up with
/// 100,000 users.
class UserCompleter : public QCompleter
{
    Q_OBJECT

public:
    explicit UserCompleter(DirectoryModel *directoryModel, QObject *parent = nullptr);

    QString pathFromIndex(const QModelIndex &index) const override;
    DirectoryFilterModel *filterModel() const { return m_filter; }

    /// Makes `combo` an editable user picker over `directoryModel` (UPN column) with this
    /// completer; keeps the typed text when the directory resets.
    static void setUp(QComboBox *combo, DirectoryModel *directoryModel);

private:
    DirectoryFilterModel *m_filter = nullptr;
};

} // namespace Car
