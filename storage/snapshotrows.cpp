#include "snapshotrows.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "rulesetrows.h"
#include "schema.h"
#include "sqliteconnection.h"

namespace Car {

namespace {

/// Runs a prepared statement with `values` bound in order.
bool execWith(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

} // namespace

StoreResult SnapshotRows::insert(QSqlDatabase &database, const QString &name, const QString &note,
                                 const QDateTime &created, const RuleSet &rules)
{
    const QString invalid = SnapshotNames::validate(name);
    if (!invalid.isEmpty())
        return StoreResult::failure(invalid);

    QSqlQuery query(database);
    if (!execWith(query,
                  QStringLiteral("SELECT name, created_utc FROM snapshots WHERE name_key = ?"),
                  {SnapshotNames::key(name)})) {
        return StoreResult::failure(
            SqliteConnection::failure(tr("looking for the snapshot '%1'").arg(name), query));
    }
    if (query.next()) {
        return StoreResult::failure(
            tr("a snapshot named '%1' already exists (saved %2); choose another name or delete "
               "it first")
                .arg(query.value(0).toString(), query.value(1).toString()));
    }
    query.finish();

    // Row 1 is the working set; a snapshot takes the next free id above every existing one.
    if (!query.exec(QStringLiteral("SELECT coalesce(max(id), %1) + 1 FROM rule_sets")
                        .arg(Schema::WorkingRuleSetId))
        || !query.next()) {
        return StoreResult::failure(
            SqliteConnection::failure(tr("choosing a rule set id for the snapshot"), query));
    }
    const int ruleSetId = query.value(0).toInt();
    query.finish();

    StoreResult result = RuleSetRows::write(database, ruleSetId, rules);
    if (!result)
        return result;
    if (!execWith(query,
                  QStringLiteral("INSERT INTO snapshots (rule_set_id, name, name_key, created_utc, "
                                 "note) VALUES (?, ?, ?, ?, ?)"),
                  {ruleSetId, name, SnapshotNames::key(name),
                   created.toUTC().toString(Qt::ISODateWithMs), SqliteConnection::text(note)})) {
        return StoreResult::failure(
            SqliteConnection::failure(tr("saving the snapshot '%1'").arg(name), query));
    }
    return StoreResult::success();
}

StoreResult SnapshotRows::list(QSqlDatabase &database, QList<SnapshotInfo> *out)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("SELECT s.name, s.created_utc, s.note, "
                           "(SELECT count(*) FROM rules r WHERE r.rule_set_id = s.rule_set_id) "
                           "FROM snapshots s ORDER BY s.created_utc, s.id"))) {
        return StoreResult::failure(SqliteConnection::failure(tr("listing the snapshots"), query));
    }
    QList<SnapshotInfo> snapshots;
    while (query.next()) {
        SnapshotInfo info;
        info.name = query.value(0).toString();
        const QString when = query.value(1).toString();
        info.created = QDateTime::fromString(when, Qt::ISODateWithMs);
        if (!info.created.isValid()) {
            return StoreResult::failure(
                tr("the snapshot '%1' has the time '%2', which is not a valid UTC time")
                    .arg(info.name, when));
        }
        info.created = info.created.toUTC();
        info.note = query.value(2).toString();
        info.ruleCount = query.value(3).toInt();
        snapshots.append(info);
    }
    if (query.lastError().isValid())
        return StoreResult::failure(SqliteConnection::failure(tr("listing the snapshots"), query));
    *out = snapshots;
    return StoreResult::success();
}

StoreResult SnapshotRows::find(QSqlDatabase &database, const QString &name, int *ruleSetId)
{
    QSqlQuery query(database);
    if (!execWith(query, QStringLiteral("SELECT rule_set_id FROM snapshots WHERE name_key = ?"),
                  {SnapshotNames::key(name)})) {
        return StoreResult::failure(
            SqliteConnection::failure(tr("looking for the snapshot '%1'").arg(name), query));
    }
    if (!query.next())
        return StoreResult::failure(tr("there is no snapshot named '%1'").arg(name));
    *ruleSetId = query.value(0).toInt();
    return StoreResult::success();
}

StoreResult SnapshotRows::read(QSqlDatabase &database, const QString &name, RuleSet *rules)
{
    int ruleSetId = 0;
    StoreResult result = find(database, name, &ruleSetId);
    if (!result)
        return result;
    result = RuleSetRows::read(database, ruleSetId, rules);
    if (!result)
        return StoreResult::failure(tr("the snapshot '%1': %2").arg(name, result.error));
    return result;
}

StoreResult SnapshotRows::remove(QSqlDatabase &database, const QString &name)
{
    int ruleSetId = 0;
    const StoreResult found = find(database, name, &ruleSetId);
    if (!found)
        return found;
    // Explicit rather than ON DELETE CASCADE, so that nothing depends on the foreign_keys pragma.
    const QString statements[] = {
        QStringLiteral("DELETE FROM rule_values WHERE rule_id IN "
                       "(SELECT id FROM rules WHERE rule_set_id = ?)"),
        QStringLiteral("DELETE FROM rules WHERE rule_set_id = ?"),
        QStringLiteral("DELETE FROM snapshots WHERE rule_set_id = ?"),
        QStringLiteral("DELETE FROM rule_sets WHERE id = ?"),
    };
    QSqlQuery query(database);
    for (const QString &sql : statements) {
        if (!execWith(query, sql, {ruleSetId})) {
            return StoreResult::failure(
                SqliteConnection::failure(tr("deleting the snapshot '%1'").arg(name), query));
        }
    }
    return StoreResult::success();
}

} // namespace Car
