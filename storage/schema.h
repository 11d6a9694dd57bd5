#pragma once

#include "rulestore.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>

namespace Car {

class SqliteConnection;

/// One step of the workspace schema: what it does and how to get from `version - 1` to
/// `version`. Steps run in order inside the migration transaction; a step must not commit.
struct SchemaMigration
{
    int version = 0;
    QString description;
    std::function<StoreResult(SqliteConnection &connection)> apply;
};

/// The workspace schema: its identity in the SQLite header, its versions and their migrations.
///
/// Version 1 (tables):
/// - `rule_sets(id, environment, netbios_domain)`: row 1 is the workspace's rule set. A later
///   snapshot is one more row plus a `snapshots` table pointing at it.
/// - `rules(id, rule_set_id, position 1..N, uuid, name, action, enabled, scope,
///   user_recipient_filter)` and `rule_values(rule_id, list, position, value)`: every list value
///   as canonical text, `list` being the cmdlet parameter name ("AnyOfProtocols").
/// - `users(id = import order, upn, upn_key = case-folded UPN, sam_account_name, alias,
///   display_name, one column per attribute)`.
/// - `settings(key, value)`: admin_user, admin_address.
/// - `history(id, recorded_utc, source, cmdlet)`.
///
/// Version 2 (adds):
/// - `snapshots(id, rule_set_id, name, name_key = case-folded name, created_utc, note)`: each
///   snapshot owns one more `rule_sets` row (never row 1) and its rules.
/// - `saved_tests(id, position 1..N, name, name_key, user_text, protocol, authentication_type,
///   address, port, middle_tier, expected_action, expected_rule)`: enum values by name, the
///   address as canonical text, `expected_rule` empty for "any rule".
class Schema
{
    Q_DECLARE_TR_FUNCTIONS(Schema)

public:
    /// PRAGMA application_id of every workspace: 'CARC'.
    static constexpr quint32 ApplicationId = 0x43415243;
    /// The rule set the workspace edits (rule_sets.id).
    static constexpr int WorkingRuleSetId = 1;

    /// The migrations of this build, oldest first; the last one's version is the current one.
    static QList<SchemaMigration> migrations();
    /// The newest schema version this build understands.
    static int currentVersion();
    /// The newest version in `steps` (0 for none).
    static int latestVersion(const QList<SchemaMigration> &steps);

    /// Brings the open database from its user_version (read under the write lock) to the last
    /// version of `steps`: every missing step in ONE transaction, then the application id and
    /// user_version, then COMMIT. Any error rolls everything back, so the file is as it was.
    /// Foreign keys are off while the steps run (tables may be rebuilt) and checked before the
    /// commit. Nothing to do is success.
    static StoreResult migrate(SqliteConnection &connection, const QList<SchemaMigration> &steps);

    /// The tables a database of `version` must have; used to tell our file from a foreign one.
    static QStringList requiredTables(int version);
};

} // namespace Car
