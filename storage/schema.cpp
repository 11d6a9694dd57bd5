#include "schema.h"

#include <QDir>
#include <QSqlQuery>
#include <QVariant>

#include <cstddef>

#include "sqliteconnection.h"

namespace Car {

namespace {

// Frozen: a migration step describes one historical version and is never edited afterwards.
// A new version appends a step (and a test database under tests/data/storage/).
const char *const SchemaVersion1[] = {
    R"(CREATE TABLE rule_sets (
        id INTEGER PRIMARY KEY,
        environment TEXT NOT NULL,
        netbios_domain TEXT NOT NULL DEFAULT ''
    ))",
    R"(CREATE TABLE rules (
        id INTEGER PRIMARY KEY,
        rule_set_id INTEGER NOT NULL REFERENCES rule_sets(id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 1),
        uuid TEXT NOT NULL,
        name TEXT NOT NULL,
        action TEXT NOT NULL,
        enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        scope TEXT NOT NULL,
        user_recipient_filter TEXT NOT NULL DEFAULT '',
        UNIQUE (rule_set_id, position),
        UNIQUE (rule_set_id, uuid)
    ))",
    R"(CREATE TABLE rule_values (
        rule_id INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
        list TEXT NOT NULL,
        position INTEGER NOT NULL CHECK (position >= 1),
        value TEXT NOT NULL,
        PRIMARY KEY (rule_id, list, position)
    ) WITHOUT ROWID)",
    R"(CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        upn TEXT NOT NULL,
        upn_key TEXT NOT NULL UNIQUE,
        sam_account_name TEXT NOT NULL DEFAULT '',
        alias TEXT NOT NULL DEFAULT '',
        display_name TEXT NOT NULL DEFAULT '',
        city TEXT NOT NULL DEFAULT '',
        company TEXT NOT NULL DEFAULT '',
        country_or_region TEXT NOT NULL DEFAULT '',
        custom_attribute_1 TEXT NOT NULL DEFAULT '',
        custom_attribute_2 TEXT NOT NULL DEFAULT '',
        custom_attribute_3 TEXT NOT NULL DEFAULT '',
        custom_attribute_4 TEXT NOT NULL DEFAULT '',
        custom_attribute_5 TEXT NOT NULL DEFAULT '',
        custom_attribute_6 TEXT NOT NULL DEFAULT '',
        custom_attribute_7 TEXT NOT NULL DEFAULT '',
        custom_attribute_8 TEXT NOT NULL DEFAULT '',
        custom_attribute_9 TEXT NOT NULL DEFAULT '',
        custom_attribute_10 TEXT NOT NULL DEFAULT '',
        custom_attribute_11 TEXT NOT NULL DEFAULT '',
        custom_attribute_12 TEXT NOT NULL DEFAULT '',
        custom_attribute_13 TEXT NOT NULL DEFAULT '',
        custom_attribute_14 TEXT NOT NULL DEFAULT '',
        custom_attribute_15 TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        office TEXT NOT NULL DEFAULT '',
        postal_code TEXT NOT NULL DEFAULT '',
        state_or_province TEXT NOT NULL DEFAULT '',
        street_address TEXT NOT NULL DEFAULT ''
    ))",
    R"(CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID)",
    R"(CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        recorded_utc TEXT NOT NULL,
        source TEXT NOT NULL,
        cmdlet TEXT NOT NULL
    ))",
    R"(INSERT INTO rule_sets (id, environment, netbios_domain) VALUES (1, 'ExchangeOnline', ''))",
};

// Version 2: snapshots (each its own rule_sets row, never row 1) and saved tests. `name_key`
// is the case-folded name (QString::toCaseFolded), so that uniqueness ignores case beyond ASCII.
const char *const SchemaVersion2[] = {
    R"(CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY,
        rule_set_id INTEGER NOT NULL UNIQUE REFERENCES rule_sets(id) ON DELETE CASCADE
            CHECK (rule_set_id <> 1),
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        created_utc TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    ))",
    R"(CREATE TABLE saved_tests (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL CHECK (position >= 1),
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        user_text TEXT NOT NULL,
        protocol TEXT NOT NULL,
        authentication_type TEXT NOT NULL,
        address TEXT NOT NULL,
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        middle_tier INTEGER NOT NULL CHECK (middle_tier IN (0, 1)),
        expected_action TEXT NOT NULL,
        expected_rule TEXT NOT NULL DEFAULT ''
    ))",
};

template<std::size_t N>
StoreResult runStatements(SqliteConnection &connection, const char *const (&statements)[N])
{
    for (const char *statement : statements) {
        const QString sql = QString::fromUtf8(statement);
        const StoreResult result =
            connection.exec(sql, sql.section(QLatin1Char('('), 0, 0).simplified());
        if (!result)
            return result;
    }
    return StoreResult::success();
}

StoreResult createVersion1(SqliteConnection &connection)
{
    return runStatements(connection, SchemaVersion1);
}

StoreResult createVersion2(SqliteConnection &connection)
{
    return runStatements(connection, SchemaVersion2);
}

} // namespace

QList<SchemaMigration> Schema::migrations()
{
    return {
        {1, QStringLiteral("rule sets, rules, directory users, settings and history"),
         &createVersion1},
        {2, QStringLiteral("snapshots and saved tests"), &createVersion2},
    };
}

int Schema::currentVersion()
{
    return latestVersion(migrations());
}

int Schema::latestVersion(const QList<SchemaMigration> &steps)
{
    int latest = 0;
    for (const SchemaMigration &step : steps)
        latest = qMax(latest, step.version);
    return latest;
}

QStringList Schema::requiredTables(int version)
{
    QStringList tables;
    if (version >= 1) {
        tables << QStringLiteral("rule_sets") << QStringLiteral("rules")
               << QStringLiteral("rule_values") << QStringLiteral("users")
               << QStringLiteral("settings") << QStringLiteral("history");
    }
    if (version >= 2)
        tables << QStringLiteral("snapshots") << QStringLiteral("saved_tests");
    return tables;
}

StoreResult Schema::migrate(SqliteConnection &connection, const QList<SchemaMigration> &steps)
{
    const int target = latestVersion(steps);
    const QString shown = QDir::toNativeSeparators(connection.path());
    int fromVersion = 0;
    const auto fail = [&](const QString &reason) {
        connection.exec(QStringLiteral("ROLLBACK"), QString());
        connection.exec(QStringLiteral("PRAGMA foreign_keys = ON"), QString());
        const QString message = fromVersion == 0
            ? tr("Could not create the workspace '%1'. %2").arg(shown, reason)
            : tr("Could not upgrade the workspace '%1' from schema %2 to %3; it was left "
                 "unchanged. %4")
                  .arg(shown)
                  .arg(fromVersion)
                  .arg(target)
                  .arg(reason);
        return StoreResult::failure(message);
    };

    // Not allowed inside a transaction; rebuilding a table needs the checks off meanwhile.
    StoreResult result = connection.exec(QStringLiteral("PRAGMA foreign_keys = OFF"),
                                         tr("turning foreign keys off"));
    if (!result)
        return fail(result.error);
    // IMMEDIATE takes the write lock now, so the version read next cannot change under us.
    result = connection.exec(QStringLiteral("BEGIN IMMEDIATE"), tr("starting the upgrade"));
    if (!result)
        return fail(result.error);
    QVariant value;
    result = connection.queryValue(QStringLiteral("PRAGMA user_version"),
                                   tr("reading the schema version"), &value);
    if (!result)
        return fail(result.error);
    fromVersion = value.toInt();
    if (fromVersion > target) {
        return fail(tr("It was written by a newer version of CAR Console (schema %1, this build "
                       "understands up to %2).")
                        .arg(fromVersion)
                        .arg(target));
    }
    if (fromVersion == target) {
        connection.exec(QStringLiteral("ROLLBACK"), QString());
        connection.exec(QStringLiteral("PRAGMA foreign_keys = ON"), tr("turning foreign keys on"));
        return StoreResult::success();
    }

    int previous = 0;
    for (const SchemaMigration &step : steps) {
        if (step.version <= previous)
            return fail(tr("Migration steps are out of order at version %1.").arg(step.version));
        previous = step.version;
        if (step.version <= fromVersion)
            continue;
        result = step.apply(connection);
        if (!result) {
            return fail(tr("Step %1 (%2) failed: %3")
                            .arg(step.version)
                            .arg(step.description, result.error));
        }
    }

    QSqlQuery check(connection.database());
    if (!check.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return fail(SqliteConnection::failure(tr("checking foreign keys"), check));
    if (check.next()) {
        return fail(tr("After the upgrade a row of table '%1' refers to a missing row of '%2'.")
                        .arg(check.value(0).toString(), check.value(2).toString()));
    }
    check.finish();

    // Both are fixed numbers, not user text; PRAGMAs take no bound values.
    result = connection.exec(QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId),
                             tr("marking the file as a workspace"));
    if (result) {
        result = connection.exec(QStringLiteral("PRAGMA user_version = %1").arg(target),
                                 tr("recording schema version %1").arg(target));
    }
    if (result)
        result = connection.exec(QStringLiteral("COMMIT"), tr("committing the upgrade"));
    if (!result)
        return fail(result.error);
    connection.exec(QStringLiteral("PRAGMA foreign_keys = ON"), tr("turning foreign keys on"));
    return StoreResult::success();
}

} // namespace Car
