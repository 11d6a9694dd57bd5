#pragma once

#include "rulestore.h"

#include <QCoreApplication>

class QSqlDatabase;

namespace Car {

/// Maps the Directory to the users table and back. users.id is the import order; upn_key holds
/// the case-folded UserPrincipalName, so that "unique ignoring case" is the table's UNIQUE index.
/// None of these opens a transaction: the caller's transaction covers the whole write.
class DirectoryRows
{
    Q_DECLARE_TR_FUNCTIONS(DirectoryRows)

public:
    /// Replaces every user with those of `directory`, in its order.
    static StoreResult writeAll(QSqlDatabase &database, const Directory &directory);

    /// Replaces the user whose UPN is `previousUpn` (or, when that is empty, `user`'s own UPN),
    /// ignoring case, in place; appends `user` when there is no such user. Fails when `user`'s
    /// UPN is empty or belongs to another user.
    static StoreResult writeOne(QSqlDatabase &database, const DirectoryUser &user,
                                const QString &previousUpn);

    /// Removes the user with this UPN (ignoring case); fails when there is none.
    static StoreResult remove(QSqlDatabase &database, const QString &upn);

    /// Reads every user in import order with one SELECT.
    static StoreResult readAll(QSqlDatabase &database, Directory *directory);

    /// The key users.upn_key holds for `upn`.
    static QString upnKey(const QString &upn) { return upn.toCaseFolded(); }
};

} // namespace Car
