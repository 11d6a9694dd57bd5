#pragma once

#include "rulestore.h"
#include "schema.h"
#include "sqliteconnection.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <memory>

namespace Car {

/// A workspace in one SQLite file (extension .carws): the rule set, the directory, the admin
/// settings, the change history, the snapshots and the saved tests. Every write is one transaction.
/// Opening a file checks it before anything is written to it: a file that is not a workspace of a
/// version this build understands is reported and left byte-for-byte as it was.
///
/// Not thread-safe: use a store from the thread that opened it.
class SqliteWorkspaceStore final : public RuleStore
{
    Q_DECLARE_TR_FUNCTIONS(SqliteWorkspaceStore)

public:
    enum class OpenMode : quint8 {
        /// Opens the workspace for reading and writing; creates it (and its folder) when the path
        /// does not exist; upgrades an older schema. A read-only file is an error.
        ReadWrite,
        /// Opens an existing, current workspace without ever writing to it or leaving -wal/-shm
        /// files behind (works on read-only files and media). Every save fails. Meant for short
        /// reads: writes by others after load() may not be seen.
        ReadOnly,
    };

    /// The store, or why there is none.
    struct OpenResult
    {
        std::unique_ptr<SqliteWorkspaceStore> store;
        QString error;
        explicit operator bool() const { return store != nullptr; }
    };

    ~SqliteWorkspaceStore() override;

    /// Opens (or creates) the workspace at `path`. Errors name the file and say what is wrong:
    /// empty, not SQLite, damaged or truncated, written by a newer version, another program's
    /// database, read-only, the disk is full (with the free space and the mount point).
    /// A failed open changes nothing: an existing workspace stays byte-for-byte as it was and
    /// gets no new side files (an empty -wal or -shm that the attempt made is removed again), and
    /// creating is all or nothing: a new workspace that cannot be opened (a disk with room for
    /// the file but not for its -shm) is removed again, with its side files.
    static OpenResult open(const QString &path, OpenMode mode = OpenMode::ReadWrite);

    /// As above with a custom migration list instead of Schema::migrations(). A test seam: lets
    /// tests inject a later or a failing step.
    static OpenResult open(const QString &path, OpenMode mode,
                           const QList<SchemaMigration> &migrations);

    /// Where the console and the CLI keep their workspace by default: the application data
    /// folder + "/workspace.carws". Set the application name ("carconsole") before calling.
    static QString defaultPath();

    const QString &path() const { return m_path; }
    OpenMode mode() const { return m_mode; }

    StoreResult load(WorkspaceData &out) override;
    StoreResult saveRuleSet(const RuleSet &rules, const QStringList &history,
                            const QString &source) override;
    StoreResult saveDirectory(const Directory &directory) override;

    /// Checked writes (see RuleStore): the comparison with `base` runs inside the write
    /// transaction (BEGIN IMMEDIATE holds the write lock from the check to the commit).
    StoreResult saveRuleSetOver(const RuleSet &base, const RuleSet &rules,
                                const QStringList &history, const QString &source) override;
    StoreResult saveDirectoryOver(const Directory &base, const Directory &directory) override;
    /// `PRAGMA data_version` of this store's connection: SQLite changes it exactly when another
    /// connection (in this or another process) committed since the last time this connection
    /// looked, never for this connection's own commits. It reads only the WAL index in shared
    /// memory, so polling it every second costs next to nothing.
    StoreResult changeStamp(quint64 &out) override;
    StoreResult saveUser(const DirectoryUser &user, const QString &previousUpn) override;
    StoreResult removeUser(const QString &upn) override;
    StoreResult saveAdmin(const AdminSettings &admin) override;
    StoreResult history(QList<HistoryEntry> &out) override;

    StoreResult saveSnapshot(const QString &name, const QString &note,
                             const RuleSet &rules) override;
    StoreResult snapshots(QList<SnapshotInfo> &out) override;
    StoreResult loadSnapshot(const QString &name, RuleSet &out) override;
    StoreResult deleteSnapshot(const QString &name) override;

    StoreResult savedTests(QList<SavedTest> &out) override;
    StoreResult saveSavedTest(const SavedTest &test, const QString &previousName) override;
    StoreResult removeSavedTest(const QString &name) override;

private:
    SqliteWorkspaceStore(const QString &path, OpenMode mode);

    /// Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back when it fails. `what` ("saving
    /// the rule set") starts the error message.
    template<typename Body> StoreResult write(const QString &what, Body body);
    /// The rule set rows and the history lines, inside the caller's transaction.
    static StoreResult writeRuleSet(QSqlDatabase &database, const RuleSet &rules,
                                    const QStringList &history, const QString &source);
    /// Runs `body` inside one read transaction; `what` ("reading the snapshots") starts the
    /// error message.
    template<typename Body> StoreResult read(const QString &what, Body body);

    QString m_path;
    OpenMode m_mode;
    SqliteConnection m_connection;
};

} // namespace Car
