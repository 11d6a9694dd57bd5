#include "sqliteworkspacestore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include "directoryrows.h"
#include "diskspace.h"
#include "rulesetrows.h"
#include "savedtestrows.h"
#include "snapshotrows.h"
#include "workspaceinspector.h"
#include "workspacesidefiles.h"

namespace Car {

namespace {

const QString AdminUserKey = QStringLiteral("admin_user");
const QString AdminAddressKey = QStringLiteral("admin_address");

/// Removes a workspace this call created and could not finish, so that the next attempt does
/// not find a half-made file.
void removeCreatedFile(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        QFile::remove(path + suffix);
    }
}

/// Creates a new workspace at `path` (which does not exist) atomically: the schema is made in a
/// temporary file beside it, which is renamed into place only when complete. A crash, a kill
/// or a full disk while creating never leaves an empty or half-made file under the real name
/// (SQLite itself would leave a zero-length file that no later open accepts). When another
/// program created `path` meanwhile, its file is kept and this one discarded; `placed` says
/// whether the file at `path` is the one made here.
StoreResult createWorkspaceFile(const QString &path, const QList<SchemaMigration> &migrations,
                                bool *placed)
{
    const QString temporary =
        QStringLiteral("%1.creating-%2-%3")
            .arg(path)
            .arg(QCoreApplication::applicationPid())
            .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const auto realName = [&](QString message) {
        return message.replace(QDir::toNativeSeparators(temporary), QDir::toNativeSeparators(path));
    };
    {
        SqliteConnection connection;
        StoreResult step = connection.open(temporary, SqliteConnection::Access::ReadWrite);
        if (step)
            step = connection.exec(QStringLiteral("PRAGMA synchronous = FULL"),
                                   SqliteWorkspaceStore::tr("setting synchronous writes"));
        if (step)
            step = Schema::migrate(connection, migrations);
        QVariant journalMode;
        if (step) {
            step = connection.queryValue(QStringLiteral("PRAGMA journal_mode = WAL"),
                                         SqliteWorkspaceStore::tr("switching to write-ahead "
                                                                  "logging"),
                                         &journalMode);
        }
        connection.close(); // the last connection: checkpoints and removes the -wal file
        if (!step) {
            removeCreatedFile(temporary);
            return StoreResult::failure(realName(step.error));
        }
    }
    if (QFile::exists(temporary + QStringLiteral("-wal"))) {
        removeCreatedFile(temporary);
        return StoreResult::failure(
            SqliteWorkspaceStore::tr("Could not create the workspace '%1': SQLite did not "
                                     "finish writing it.")
                .arg(QDir::toNativeSeparators(path)));
    }
    // rename() never replaces an existing file: a workspace created meanwhile wins.
    QFile file(temporary);
    *placed = file.rename(path);
    if (!*placed) {
        const QString reason = file.errorString();
        removeCreatedFile(temporary);
        if (QFileInfo::exists(path))
            return StoreResult::success();
        return StoreResult::failure(
            SqliteWorkspaceStore::tr("Could not create the workspace '%1': %2")
                .arg(QDir::toNativeSeparators(path), reason));
    }
    return StoreResult::success();
}

/// Opens the existing, inspected workspace at `path` for reading and writing on `connection`:
/// synchronous commits, the migration when `migrate`, write-ahead logging, foreign keys. On
/// failure, says which step failed and SQLite's reason; the caller closes the connection.
StoreResult openForWriting(SqliteConnection &connection, const QString &path, bool migrate,
                           const QList<SchemaMigration> &migrations)
{
    StoreResult step = connection.open(path, SqliteConnection::Access::ReadWrite);
    // Every edit must survive a crash: FULL syncs the WAL on each commit.
    if (step)
        step = connection.exec(QStringLiteral("PRAGMA synchronous = FULL"),
                               SqliteWorkspaceStore::tr("setting synchronous writes"));
    // A current file skips the migration's write lock; the runner itself re-reads the version
    // under the lock, so a file upgraded by someone else meanwhile is not upgraded twice.
    if (step && migrate)
        step = Schema::migrate(connection, migrations);
    // After the migration, so that a failed one leaves an old file in its old journal mode.
    QVariant journalMode;
    if (step) {
        step = connection.queryValue(QStringLiteral("PRAGMA journal_mode = WAL"),
                                     SqliteWorkspaceStore::tr("switching to write-ahead logging"),
                                     &journalMode);
    }
    if (step && journalMode.toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        step = StoreResult::failure(
            SqliteWorkspaceStore::tr(
                "switching to write-ahead logging: SQLite kept the journal mode '%1'")
                .arg(journalMode.toString()));
    }
    if (step)
        step = connection.exec(QStringLiteral("PRAGMA foreign_keys = ON"),
                               SqliteWorkspaceStore::tr("turning foreign keys on"));
    return step;
}

/// The message for a workspace at `path` that could not be created because of `reason`; says
/// so when the disk is full.
QString creationFailure(const QString &path, const QString &reason)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QString full = DiskSpace::isDiskError(reason) ? DiskSpace::fullReason(path) : QString();
    if (!full.isEmpty()) {
        // SQLite's part of a message that names the file already, e.g. "Could not create the
        // workspace '<path>'. starting the upgrade: ...".
        const QString quoted = QLatin1Char('\'') + shown + QLatin1Char('\'');
        QString detail = reason;
        if (const qsizetype at = detail.indexOf(quoted); at >= 0)
            detail = detail.mid(at + quoted.size()).remove(0, 1).trimmed();
        return SqliteWorkspaceStore::tr("Cannot create the workspace '%1': %2. Free some space "
                                        "and try again; nothing was created. (%3)")
            .arg(shown, full, detail);
    }
    return reason.contains(shown)
        ? reason
        : SqliteWorkspaceStore::tr("Cannot create the workspace '%1': %2").arg(shown, reason);
}

} // namespace

SqliteWorkspaceStore::SqliteWorkspaceStore(const QString &path, OpenMode mode)
    : m_path(path)
    , m_mode(mode)
{ }

SqliteWorkspaceStore::~SqliteWorkspaceStore() = default;

QString SqliteWorkspaceStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/workspace.carws");
}

SqliteWorkspaceStore::OpenResult SqliteWorkspaceStore::open(const QString &path, OpenMode mode)
{
    return open(path, mode, Schema::migrations());
}

SqliteWorkspaceStore::OpenResult
SqliteWorkspaceStore::open(const QString &path, OpenMode mode,
                           const QList<SchemaMigration> &migrations)
{
    OpenResult result;
    if (path.trimmed().isEmpty()) {
        result.error = tr("No workspace file was given.");
        return result;
    }
    const QString shown = QDir::toNativeSeparators(path);
    const int latest = Schema::latestVersion(migrations);
    const WorkspaceInspector::Verdict verdict =
        WorkspaceInspector::inspect(path, latest, mode == OpenMode::ReadWrite);
    if (!verdict.ok()) {
        result.error = verdict.error;
        return result;
    }

    std::unique_ptr<SqliteWorkspaceStore> store(new SqliteWorkspaceStore(path, mode));
    SqliteConnection &connection = store->m_connection;

    if (mode == OpenMode::ReadOnly) {
        if (!verdict.exists) {
            result.error = tr("The workspace '%1' does not exist.").arg(shown);
            return result;
        }
        if (verdict.version < latest) {
            result.error = tr("The workspace '%1' uses schema %2 and needs an upgrade to %3, "
                              "which a read-only open cannot do. Open it once for writing.")
                               .arg(shown)
                               .arg(verdict.version)
                               .arg(latest);
            return result;
        }
        const StoreResult opened =
            connection.open(path,
                            verdict.walPresent ? SqliteConnection::Access::ReadOnly
                                               : SqliteConnection::Access::Inspect);
        if (!opened) {
            result.error = opened.error;
            return result;
        }
        connection.exec(QStringLiteral("PRAGMA query_only = ON"), QString());
        result.store = std::move(store);
        return result;
    }

    if (!verdict.exists) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder)) {
            result.error = tr("Cannot create the workspace '%1': the folder '%2' cannot be "
                              "created.")
                               .arg(shown, QDir::toNativeSeparators(folder));
            return result;
        }
        if (!WorkspaceInspector::isWritable(folder)) {
            result.error = tr("Cannot create the workspace '%1': the folder '%2' is read-only.")
                               .arg(shown, QDir::toNativeSeparators(folder));
            return result;
        }
        bool placed = false;
        const StoreResult created = createWorkspaceFile(path, migrations, &placed);
        if (!created) {
            result.error = creationFailure(path, created.error);
            return result;
        }
        if (!placed)
            return open(path, mode, migrations); // another program's new workspace: inspect it
        // All or nothing: a disk with room for the file but not for its -shm file must not keep
        // a workspace that cannot be opened.
        const StoreResult opened = openForWriting(connection, path, false, migrations);
        if (!opened) {
            connection.close();
            const bool removed = WorkspaceSideFiles::removeCreatedWorkspace(path);
            result.error = creationFailure(path, opened.error);
            if (!removed) {
                result.error += QLatin1Char(' ')
                    + tr("Another program opened the new file meanwhile; it was left in place.");
            }
            return result;
        }
        result.store = std::move(store);
        return result;
    }

    // What a failed open leaves beside the file (an empty -wal and -shm) is removed again.
    const WorkspaceSideFiles sideFiles = WorkspaceSideFiles::of(path);
    const StoreResult opened =
        openForWriting(connection, path, verdict.version < latest, migrations);
    if (!opened) {
        connection.close();
        sideFiles.removeNewEmptyOnes();
        const QString full =
            DiskSpace::isDiskError(opened.error) ? DiskSpace::fullReason(path) : QString();
        if (!full.isEmpty()) {
            result.error = tr("Cannot open the workspace '%1' for writing: %2. Free some space, "
                              "then open it again; the file was not changed. (%3)")
                               .arg(shown, full, opened.error);
        } else {
            result.error = opened.error.contains(shown)
                ? opened.error
                : tr("Cannot open the workspace '%1': %2").arg(shown, opened.error);
        }
        return result;
    }
    result.store = std::move(store);
    return result;
}

template<typename Body> StoreResult SqliteWorkspaceStore::write(const QString &what, Body body)
{
    const QString shown = QDir::toNativeSeparators(m_path);
    if (m_mode == OpenMode::ReadOnly) {
        return StoreResult::failure(
            tr("%1 in the workspace '%2' failed: it is open read-only.").arg(what, shown));
    }
    StoreResult result =
        m_connection.exec(QStringLiteral("BEGIN IMMEDIATE"), tr("starting the transaction"));
    if (result) {
        result = body(m_connection.database());
        if (result)
            result = m_connection.exec(QStringLiteral("COMMIT"), tr("committing"));
        if (!result)
            m_connection.exec(QStringLiteral("ROLLBACK"), QString());
    }
    if (!result) {
        StoreResult failed =
            StoreResult::failure(tr("%1 in the workspace '%2' failed; nothing was changed. %3")
                                     .arg(what, shown, result.error));
        failed.conflict = result.conflict;
        return failed;
    }
    return result;
}

StoreResult SqliteWorkspaceStore::load(WorkspaceData &out)
{
    const QString shown = QDir::toNativeSeparators(m_path);
    // One read transaction: the rules, users and settings come from the same commit.
    StoreResult result = m_connection.exec(QStringLiteral("BEGIN"), tr("starting to read"));
    WorkspaceData data;
    if (result)
        result =
            RuleSetRows::read(m_connection.database(), Schema::WorkingRuleSetId, &data.ruleSet);
    if (result)
        result = DirectoryRows::readAll(m_connection.database(), &data.directory);
    if (result) {
        QSqlQuery query(m_connection.database());
        query.setForwardOnly(true);
        if (query.exec(QStringLiteral("SELECT key, value FROM settings"))) {
            while (query.next()) {
                const QString key = query.value(0).toString();
                if (key == AdminUserKey)
                    data.admin.user = query.value(1).toString();
                else if (key == AdminAddressKey)
                    data.admin.address = query.value(1).toString();
            }
        } else {
            result =
                StoreResult::failure(SqliteConnection::failure(tr("reading the settings"), query));
        }
    }
    m_connection.exec(QStringLiteral("COMMIT"), QString());
    if (!result) {
        return StoreResult::failure(
            tr("Cannot load the workspace '%1' (damaged?): %2").arg(shown, result.error));
    }
    out = data;
    return result;
}

StoreResult SqliteWorkspaceStore::saveRuleSet(const RuleSet &rules, const QStringList &history,
                                              const QString &source)
{
    return write(tr("Saving the rule set"), [&](QSqlDatabase &database) {
        return writeRuleSet(database, rules, history, source);
    });
}

StoreResult SqliteWorkspaceStore::writeRuleSet(QSqlDatabase &database, const RuleSet &rules,
                                               const QStringList &history, const QString &source)
{
    StoreResult result = RuleSetRows::write(database, Schema::WorkingRuleSetId, rules);
    if (!result || history.isEmpty())
        return result;
    QSqlQuery query(database);
    query.prepare(
        QStringLiteral("INSERT INTO history (recorded_utc, source, cmdlet) VALUES (?, ?, ?)"));
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    for (const QString &line : history) {
        query.addBindValue(now);
        query.addBindValue(SqliteConnection::text(source));
        query.addBindValue(SqliteConnection::text(line));
        if (!query.exec()) {
            return StoreResult::failure(
                SqliteConnection::failure(tr("recording the history line '%1'").arg(line), query));
        }
    }
    return result;
}

StoreResult SqliteWorkspaceStore::saveDirectory(const Directory &directory)
{
    return write(tr("Saving the directory"), [&](QSqlDatabase &database) {
        return DirectoryRows::writeAll(database, directory);
    });
}

namespace {

StoreResult changedMeanwhile(const QString &what)
{
    return StoreResult::changedMeanwhile(
        SqliteWorkspaceStore::tr("another program (the console or carconsole-cli) changed the "
                                 "%1 after this one read it. Try again: it will start from "
                                 "the other program's change.")
            .arg(what));
}

} // namespace

StoreResult SqliteWorkspaceStore::saveRuleSetOver(const RuleSet &base, const RuleSet &rules,
                                                  const QStringList &history, const QString &source)
{
    // The check runs inside the write transaction (BEGIN IMMEDIATE holds the write lock from
    // the check to the commit), so nobody can slip in between.
    return write(tr("Saving the rule set"), [&](QSqlDatabase &database) {
        RuleSet current;
        StoreResult result = RuleSetRows::read(database, Schema::WorkingRuleSetId, &current);
        if (result && current != base)
            result = changedMeanwhile(tr("rule set"));
        if (result)
            result = writeRuleSet(database, rules, history, source);
        return result;
    });
}

StoreResult SqliteWorkspaceStore::saveDirectoryOver(const Directory &base,
                                                    const Directory &directory)
{
    return write(tr("Saving the directory"), [&](QSqlDatabase &database) {
        Directory current;
        StoreResult result = DirectoryRows::readAll(database, &current);
        if (result && !(current == base))
            result = changedMeanwhile(tr("directory"));
        if (result)
            result = DirectoryRows::writeAll(database, directory);
        return result;
    });
}

StoreResult SqliteWorkspaceStore::changeStamp(quint64 &out)
{
    QVariant version;
    const StoreResult result =
        m_connection.queryValue(QStringLiteral("PRAGMA data_version"),
                                tr("checking for changes by other programs"), &version);
    if (!result) {
        return StoreResult::failure(tr("Cannot check the workspace '%1' for changes: %2")
                                        .arg(QDir::toNativeSeparators(m_path), result.error));
    }
    out = version.toULongLong();
    return result;
}

StoreResult SqliteWorkspaceStore::saveUser(const DirectoryUser &user, const QString &previousUpn)
{
    return write(tr("Saving the user '%1'").arg(user.userPrincipalName),
                 [&](QSqlDatabase &database) {
                     return DirectoryRows::writeOne(database, user, previousUpn);
                 });
}

StoreResult SqliteWorkspaceStore::removeUser(const QString &upn)
{
    return write(tr("Removing the user '%1'").arg(upn),
                 [&](QSqlDatabase &database) { return DirectoryRows::remove(database, upn); });
}

StoreResult SqliteWorkspaceStore::saveAdmin(const AdminSettings &admin)
{
    return write(tr("Saving the administrator settings"), [&](QSqlDatabase &database) {
        QSqlQuery query(database);
        query.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
        const std::pair<QString, QString> rows[] = {{AdminUserKey, admin.user},
                                                    {AdminAddressKey, admin.address}};
        for (const auto &[key, value] : rows) {
            query.addBindValue(SqliteConnection::text(key));
            query.addBindValue(SqliteConnection::text(value));
            if (!query.exec()) {
                return StoreResult::failure(
                    SqliteConnection::failure(tr("saving the setting '%1'").arg(key), query));
            }
        }
        return StoreResult::success();
    });
}

StoreResult SqliteWorkspaceStore::history(QList<HistoryEntry> &out)
{
    QSqlQuery query(m_connection.database());
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("SELECT recorded_utc, source, cmdlet FROM history ORDER BY id"))) {
        return StoreResult::failure(tr("Cannot read the history of the workspace '%1': %2")
                                        .arg(QDir::toNativeSeparators(m_path),
                                             SqliteConnection::failure(tr("reading"), query)));
    }
    QList<HistoryEntry> entries;
    while (query.next()) {
        HistoryEntry entry;
        const QString when = query.value(0).toString();
        entry.when = QDateTime::fromString(when, Qt::ISODateWithMs);
        if (!entry.when.isValid()) {
            return StoreResult::failure(
                tr("Cannot read the history of the workspace '%1': the time '%2' of entry %3 "
                   "is not a valid UTC time.")
                    .arg(QDir::toNativeSeparators(m_path), when)
                    .arg(entries.size() + 1));
        }
        entry.when = entry.when.toUTC();
        entry.source = query.value(1).toString();
        entry.cmdlet = query.value(2).toString();
        entries.append(entry);
    }
    out = entries;
    return StoreResult::success();
}

template<typename Body> StoreResult SqliteWorkspaceStore::read(const QString &what, Body body)
{
    StoreResult result = m_connection.exec(QStringLiteral("BEGIN"), tr("starting to read"));
    if (result)
        result = body(m_connection.database());
    m_connection.exec(QStringLiteral("COMMIT"), QString());
    if (!result) {
        return StoreResult::failure(tr("%1 in the workspace '%2' failed: %3")
                                        .arg(what, QDir::toNativeSeparators(m_path), result.error));
    }
    return result;
}

StoreResult SqliteWorkspaceStore::saveSnapshot(const QString &name, const QString &note,
                                               const RuleSet &rules)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return write(tr("Saving the snapshot '%1'").arg(name), [&](QSqlDatabase &database) {
        return SnapshotRows::insert(database, name, note, now, rules);
    });
}

StoreResult SqliteWorkspaceStore::snapshots(QList<SnapshotInfo> &out)
{
    return read(tr("Listing the snapshots"),
                [&](QSqlDatabase &database) { return SnapshotRows::list(database, &out); });
}

StoreResult SqliteWorkspaceStore::loadSnapshot(const QString &name, RuleSet &out)
{
    return read(tr("Reading the snapshot '%1'").arg(name),
                [&](QSqlDatabase &database) { return SnapshotRows::read(database, name, &out); });
}

StoreResult SqliteWorkspaceStore::deleteSnapshot(const QString &name)
{
    return write(tr("Deleting the snapshot '%1'").arg(name),
                 [&](QSqlDatabase &database) { return SnapshotRows::remove(database, name); });
}

StoreResult SqliteWorkspaceStore::savedTests(QList<SavedTest> &out)
{
    return read(tr("Reading the saved tests"),
                [&](QSqlDatabase &database) { return SavedTestRows::readAll(database, &out); });
}

StoreResult SqliteWorkspaceStore::saveSavedTest(const SavedTest &test, const QString &previousName)
{
    return write(tr("Saving the test '%1'").arg(test.name), [&](QSqlDatabase &database) {
        return SavedTestRows::write(database, test, previousName);
    });
}

StoreResult SqliteWorkspaceStore::removeSavedTest(const QString &name)
{
    return write(tr("Removing the saved test '%1'").arg(name),
                 [&](QSqlDatabase &database) { return SavedTestRows::remove(database, name); });
}

} // namespace Car
