#pragma once

#include "rulestore.h"

#include <QCoreApplication>
#include <QDateTime>

class QSqlDatabase;

namespace Car {

/// Maps snapshots to the snapshots table (schema 2) and their own rule_sets rows. A snapshot's
/// rules are written and read by RuleSetRows under the snapshot's rule_set_id. None of these
/// opens a transaction: the caller's transaction covers the whole write.
class SnapshotRows
{
    Q_DECLARE_TR_FUNCTIONS(SnapshotRows)

public:
    /// Adds a snapshot named `name` holding `rules`, created at `created` (UTC). Fails on an
    /// invalid name (SnapshotNames::validate) or one another snapshot has, ignoring case.
    static StoreResult insert(QSqlDatabase &database, const QString &name, const QString &note,
                              const QDateTime &created, const RuleSet &rules);

    /// Every snapshot, oldest first, with its rule count.
    static StoreResult list(QSqlDatabase &database, QList<SnapshotInfo> *out);

    /// The rule_sets id of the snapshot named `name` (ignoring case); fails when there is none.
    static StoreResult find(QSqlDatabase &database, const QString &name, int *ruleSetId);

    /// Reads the rules of the snapshot named `name`.
    static StoreResult read(QSqlDatabase &database, const QString &name, RuleSet *rules);

    /// Deletes the snapshot named `name` with its rule set, rules and values.
    static StoreResult remove(QSqlDatabase &database, const QString &name);
};

} // namespace Car
