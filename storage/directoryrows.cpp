#include "directoryrows.h"

#include <array>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "sqliteconnection.h"
#include "stringinterner.h"

namespace Car {

namespace {

// The columns after upn and upn_key, in the order DirectoryUser's fields and Attribute list them.
constexpr int FixedColumns = 3; // sam_account_name, alias, display_name
const std::array<const char *, FixedColumns + AttributeCount> userColumns = {
    "sam_account_name",
    "alias",
    "display_name",
    "city",
    "company",
    "country_or_region",
    "custom_attribute_1",
    "custom_attribute_2",
    "custom_attribute_3",
    "custom_attribute_4",
    "custom_attribute_5",
    "custom_attribute_6",
    "custom_attribute_7",
    "custom_attribute_8",
    "custom_attribute_9",
    "custom_attribute_10",
    "custom_attribute_11",
    "custom_attribute_12",
    "custom_attribute_13",
    "custom_attribute_14",
    "custom_attribute_15",
    "department",
    "office",
    "postal_code",
    "state_or_province",
    "street_address",
};

QString columnList()
{
    QStringList names;
    for (const char *column : userColumns)
        names.append(QLatin1String(column));
    return names.join(QStringLiteral(", "));
}

QString placeholders(int count)
{
    QStringList marks;
    for (int i = 0; i < count; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QStringLiteral(", "));
}

// Column names are fixed identifiers of this file, never user text.
QString insertStatement()
{
    return QStringLiteral("INSERT INTO users (upn, upn_key, %1) VALUES (%2)")
        .arg(columnList(), placeholders(2 + int(userColumns.size())));
}

void bindUser(QSqlQuery &query, const DirectoryUser &user)
{
    query.addBindValue(SqliteConnection::text(user.userPrincipalName));
    query.addBindValue(SqliteConnection::text(DirectoryRows::upnKey(user.userPrincipalName)));
    query.addBindValue(SqliteConnection::text(user.samAccountName));
    query.addBindValue(SqliteConnection::text(user.alias));
    query.addBindValue(SqliteConnection::text(user.displayName));
    for (int a = 0; a < AttributeCount; ++a)
        query.addBindValue(SqliteConnection::text(user.attribute(Attribute(a))));
}

/// Row id of the user with this key, 0 when there is none, -1 on a query error.
qint64 rowOfKey(QSqlQuery &query, const QString &key)
{
    query.prepare(QStringLiteral("SELECT id FROM users WHERE upn_key = ?"));
    query.addBindValue(SqliteConnection::text(key));
    if (!query.exec())
        return -1;
    const qint64 row = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return row;
}

} // namespace

StoreResult DirectoryRows::writeAll(QSqlDatabase &database, const Directory &directory)
{
    QSqlQuery query(database);
    if (!query.exec(QStringLiteral("DELETE FROM users")))
        return StoreResult::failure(SqliteConnection::failure(tr("removing the old users"), query));
    if (!query.prepare(insertStatement()))
        return StoreResult::failure(
            SqliteConnection::failure(tr("preparing to save users"), query));
    for (const DirectoryUser &user : directory.users()) {
        bindUser(query, user);
        if (!query.exec()) {
            return StoreResult::failure(SqliteConnection::failure(
                tr("saving the user '%1'").arg(user.userPrincipalName), query));
        }
    }
    return StoreResult::success();
}

StoreResult DirectoryRows::writeOne(QSqlDatabase &database, const DirectoryUser &user,
                                    const QString &previousUpn)
{
    if (user.userPrincipalName.trimmed().isEmpty())
        return StoreResult::failure(tr("A user needs a UserPrincipalName."));
    QSqlQuery query(database);
    const QString what = tr("saving the user '%1'").arg(user.userPrincipalName);
    const QString previousKey =
        upnKey(previousUpn.isEmpty() ? user.userPrincipalName : previousUpn);
    const qint64 row = rowOfKey(query, previousKey);
    const qint64 holder = rowOfKey(query, upnKey(user.userPrincipalName));
    if (row < 0 || holder < 0)
        return StoreResult::failure(SqliteConnection::failure(what, query));
    if (holder != 0 && holder != row) {
        return StoreResult::failure(tr("There already is a user with the UserPrincipalName '%1'.")
                                        .arg(user.userPrincipalName));
    }

    if (row == 0) {
        query.prepare(insertStatement());
        bindUser(query, user);
    } else {
        QStringList assignments {QStringLiteral("upn = ?"), QStringLiteral("upn_key = ?")};
        for (const char *column : userColumns)
            assignments.append(QLatin1String(column) + QStringLiteral(" = ?"));
        query.prepare(QStringLiteral("UPDATE users SET %1 WHERE id = ?")
                          .arg(assignments.join(QStringLiteral(", "))));
        bindUser(query, user);
        query.addBindValue(row);
    }
    if (!query.exec())
        return StoreResult::failure(SqliteConnection::failure(what, query));
    return StoreResult::success();
}

StoreResult DirectoryRows::remove(QSqlDatabase &database, const QString &upn)
{
    QSqlQuery query(database);
    query.prepare(QStringLiteral("DELETE FROM users WHERE upn_key = ?"));
    query.addBindValue(upnKey(upn));
    if (!query.exec()) {
        return StoreResult::failure(
            SqliteConnection::failure(tr("removing the user '%1'").arg(upn), query));
    }
    if (query.numRowsAffected() == 0)
        return StoreResult::failure(
            tr("There is no user with the UserPrincipalName '%1'.").arg(upn));
    return StoreResult::success();
}

StoreResult DirectoryRows::readAll(QSqlDatabase &database, Directory *directory)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT upn, %1 FROM users ORDER BY id").arg(columnList())))
        return StoreResult::failure(SqliteConnection::failure(tr("reading the users"), query));
    Directory result;
    QSqlQuery count(database);
    if (count.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && count.next())
        result.reserve(count.value(0).toInt());
    QString error;
    StringInterner interner; // users share their repeated attribute values
    while (query.next()) {
        DirectoryUser user;
        user.userPrincipalName = query.value(0).toString();
        user.samAccountName = query.value(1).toString();
        user.alias = query.value(2).toString();
        user.displayName = query.value(3).toString();
        for (int a = 0; a < AttributeCount; ++a)
            user.setAttribute(Attribute(a),
                              interner.intern(query.value(1 + FixedColumns + a).toString()));
        const QString upn = user.userPrincipalName;
        if (!result.addUser(std::move(user), &error)) {
            return StoreResult::failure(tr("the user '%1' cannot be loaded: %2").arg(upn, error));
        }
    }
    if (query.lastError().isValid())
        return StoreResult::failure(SqliteConnection::failure(tr("reading the users"), query));
    *directory = std::move(result);
    return StoreResult::success();
}

} // namespace Car
