#include "savedtestrows.h"

#include <optional>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "sqliteconnection.h"

namespace Car {

namespace {

// Stored enum names must match exactly, as in RuleSetRows: a damaged value is reported.
template<typename E> std::optional<E> enumFromName(const QString &text, const QList<E> &all)
{
    for (E value : all) {
        if (toString(value) == text)
            return value;
    }
    return std::nullopt;
}

bool execWith(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

/// The row id of the test named `name` (ignoring case), 0 when there is none, -1 on error.
qint64 rowOf(QSqlDatabase &database, const QString &name, QString *error)
{
    QSqlQuery query(database);
    if (!execWith(query, QStringLiteral("SELECT id FROM saved_tests WHERE name_key = ?"),
                  {SavedTest::key(name)})) {
        *error = SqliteConnection::failure(
            SavedTestRows::tr("looking for the saved test '%1'").arg(name), query);
        return -1;
    }
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace

StoreResult SavedTestRows::readAll(QSqlDatabase &database, QList<SavedTest> *out)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral(
            "SELECT name, user_text, protocol, authentication_type, address, port, middle_tier, "
            "expected_action, expected_rule FROM saved_tests ORDER BY position, id"))) {
        return StoreResult::failure(
            SqliteConnection::failure(tr("reading the saved tests"), query));
    }
    QList<SavedTest> tests;
    while (query.next()) {
        SavedTest test;
        test.name = query.value(0).toString();
        test.user = query.value(1).toString();
        const auto bad = [&](const char *column, const QString &value) {
            return StoreResult::failure(
                tr("the saved test '%1' has the %2 '%3', which is not valid")
                    .arg(test.name, QLatin1String(column), value));
        };
        const QString protocolText = query.value(2).toString();
        const auto protocol = enumFromName(protocolText, allProtocols());
        if (!protocol)
            return bad("protocol", protocolText);
        test.protocol = *protocol;
        const QString authenticationText = query.value(3).toString();
        const auto authentication = enumFromName(authenticationText, allAuthenticationTypes());
        if (!authentication)
            return bad("authentication type", authenticationText);
        test.authenticationType = *authentication;
        const QString addressText = query.value(4).toString();
        const auto address = IpAddress::parse(addressText);
        if (!address)
            return bad("address", addressText);
        test.address = *address;
        test.port = query.value(5).toInt(); // CHECK (port BETWEEN 1 AND 65535)
        test.middleTier = query.value(6).toInt() != 0;
        const QString actionText = query.value(7).toString();
        const auto action =
            enumFromName(actionText, QList<Action> {Action::AllowAccess, Action::DenyAccess});
        if (!action)
            return bad("expected action", actionText);
        test.expectedAction = *action;
        test.expectedRule = query.value(8).toString();
        tests.append(test);
    }
    if (query.lastError().isValid())
        return StoreResult::failure(
            SqliteConnection::failure(tr("reading the saved tests"), query));
    *out = tests;
    return StoreResult::success();
}

StoreResult SavedTestRows::write(QSqlDatabase &database, const SavedTest &test,
                                 const QString &previousName)
{
    const QString invalid = test.validate();
    if (!invalid.isEmpty())
        return StoreResult::failure(invalid);
    QString error;
    qint64 previous = 0;
    if (!previousName.isEmpty()) {
        previous = rowOf(database, previousName, &error);
        if (previous < 0)
            return StoreResult::failure(error);
        if (previous == 0)
            return StoreResult::failure(tr("there is no saved test named '%1'").arg(previousName));
    }
    const qint64 clash = rowOf(database, test.name, &error);
    if (clash < 0)
        return StoreResult::failure(error);
    if (clash > 0 && clash != previous) {
        return StoreResult::failure(
            tr("a saved test named '%1' already exists; choose another name or remove it first")
                .arg(test.name));
    }

    const QVariantList values = {test.name,
                                 SavedTest::key(test.name),
                                 SqliteConnection::text(test.user),
                                 toString(test.protocol),
                                 toString(test.authenticationType),
                                 test.address.toString(),
                                 test.port,
                                 test.middleTier ? 1 : 0,
                                 toString(test.expectedAction),
                                 SqliteConnection::text(test.expectedRule)};
    QSqlQuery query(database);
    bool ok = false;
    if (previous > 0) {
        QVariantList withId = values;
        withId.append(previous);
        ok = execWith(query,
                      QStringLiteral("UPDATE saved_tests SET name = ?, name_key = ?, "
                                     "user_text = ?, protocol = ?, authentication_type = ?, "
                                     "address = ?, port = ?, middle_tier = ?, expected_action = ?, "
                                     "expected_rule = ? WHERE id = ?"),
                      withId);
    } else {
        ok = execWith(query,
                      QStringLiteral("INSERT INTO saved_tests (name, name_key, user_text, "
                                     "protocol, authentication_type, address, port, middle_tier, "
                                     "expected_action, expected_rule, position) VALUES (?, ?, ?, "
                                     "?, ?, ?, ?, ?, ?, ?, "
                                     "(SELECT coalesce(max(position), 0) + 1 FROM saved_tests))"),
                      values);
    }
    if (!ok) {
        return StoreResult::failure(
            SqliteConnection::failure(tr("saving the test '%1'").arg(test.name), query));
    }
    return StoreResult::success();
}

StoreResult SavedTestRows::remove(QSqlDatabase &database, const QString &name)
{
    QSqlQuery query(database);
    if (!execWith(query, QStringLiteral("SELECT id, position FROM saved_tests WHERE name_key = ?"),
                  {SavedTest::key(name)})) {
        return StoreResult::failure(
            SqliteConnection::failure(tr("looking for the saved test '%1'").arg(name), query));
    }
    if (!query.next())
        return StoreResult::failure(tr("there is no saved test named '%1'").arg(name));
    const qint64 id = query.value(0).toLongLong();
    const qint64 position = query.value(1).toLongLong();
    query.finish();
    if (!execWith(query, QStringLiteral("DELETE FROM saved_tests WHERE id = ?"), {id})
        || !execWith(
            query,
            QStringLiteral("UPDATE saved_tests SET position = position - 1 WHERE position > ?"),
            {position})) {
        return StoreResult::failure(
            SqliteConnection::failure(tr("removing the saved test '%1'").arg(name), query));
    }
    return StoreResult::success();
}

} // namespace Car
