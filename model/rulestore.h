#pragma once

#include "savedtest.h"
#include "snapshot.h"
#include "workspace.h"

#include <QString>
#include <QStringList>

namespace Car {

/// Errors come back as values; the caller decides how to show them.
struct StoreResult
{
    bool ok = true;
    QString error;
    /// The write was refused because another program (a second console, carconsole-cli)
    /// committed a change to what it would overwrite since the caller read it. Nothing was
    /// written; reading again and redoing the change on top of the other one is safe.
    bool conflict = false;

    static StoreResult success() { return {}; }
    static StoreResult failure(const QString &message) { return {false, message, false}; }
    /// A failure with `conflict` set (see saveRuleSetOver()).
    static StoreResult changedMeanwhile(const QString &message) { return {false, message, true}; }
    explicit operator bool() const { return ok; }
};

/// Where a workspace lives. Implemented by SqliteWorkspaceStore in storage/ and by an in-memory
/// fake in tests. Every write is one transaction: it all lands or nothing does.
class RuleStore
{
public:
    virtual ~RuleStore() = default;

    /// Reads the whole workspace.
    virtual StoreResult load(WorkspaceData &out) = 0;

    /// Replaces the rule set (rules, order, environment, NetBIOS domain) and appends `history`
    /// (one cmdlet line each, source `source`) in one transaction.
    virtual StoreResult saveRuleSet(const RuleSet &rules, const QStringList &history,
                                    const QString &source) = 0;

    /// Replaces the whole directory in one transaction (CSV import).
    virtual StoreResult saveDirectory(const Directory &directory) = 0;

    // Checked writes (issue 6): several programs may have one workspace open at once (two
    // consoles, a console and carconsole-cli). A program that read the workspace, computed a
    // change and writes it back must not overwrite what another program committed meanwhile.

    /// saveRuleSet(), but only when the stored rule set (rules, order, environment, domain)
    /// still equals `base`, the one the caller read and computed `rules` from. The comparison
    /// and the write are one transaction (no other writer can slip in between). When another
    /// program changed it, nothing is written and the result has `conflict` set and a message
    /// ending in "Try again ...".
    virtual StoreResult saveRuleSetOver(const RuleSet &base, const RuleSet &rules,
                                        const QStringList &history, const QString &source) = 0;

    /// saveDirectory(), but only when the stored directory still equals `base` (as above).
    virtual StoreResult saveDirectoryOver(const Directory &base, const Directory &directory) = 0;

    /// A cheap check (no table is read) for changes by other programs: `out` is a number that
    /// changes when another connection to the workspace committed anything (rules, directory,
    /// settings, history, snapshots, saved tests) since this store's previous commit or call,
    /// and stays the same for this store's own writes. Only equality is meaningful. The SQLite
    /// store answers with `PRAGMA data_version`; a poller compares successive values.
    virtual StoreResult changeStamp(quint64 &out) = 0;

    /// Inserts a user, or replaces the one whose UserPrincipalName was `previousUpn` (ignoring
    /// case), keeping its place in the import order. One transaction.
    virtual StoreResult saveUser(const DirectoryUser &user, const QString &previousUpn) = 0;

    /// Removes the user with this UserPrincipalName (ignoring case). One transaction.
    virtual StoreResult removeUser(const QString &upn) = 0;

    /// Stores the administrator settings.
    virtual StoreResult saveAdmin(const AdminSettings &admin) = 0;

    /// The change history, oldest first.
    virtual StoreResult history(QList<HistoryEntry> &out) = 0;

    // Snapshots (schema 2): named, frozen copies of the rule set, kept in the workspace.

    /// Stores `rules` as a new snapshot named `name` (SnapshotNames::validate) with `note`, the
    /// time of saving as its creation time. One transaction. Fails on a name another snapshot
    /// has (ignoring case) and leaves the workspace unchanged.
    virtual StoreResult saveSnapshot(const QString &name, const QString &note,
                                     const RuleSet &rules) = 0;

    /// Every snapshot, oldest first (name, creation time, note, rule count).
    virtual StoreResult snapshots(QList<SnapshotInfo> &out) = 0;

    /// Reads the rules of the snapshot named `name` (ignoring case) into `out`; fails when there
    /// is none. Restoring is the caller's saveRuleSet() of what this reads.
    virtual StoreResult loadSnapshot(const QString &name, RuleSet &out) = 0;

    /// Deletes the snapshot named `name` (ignoring case) and its rules. Fails when there is none.
    virtual StoreResult deleteSnapshot(const QString &name) = 0;

    // Saved tests (schema 2): named test connections with their expected decision.

    /// Every saved test, in the order they were added.
    virtual StoreResult savedTests(QList<SavedTest> &out) = 0;

    /// Inserts `test` (validated with SavedTest::validate), or replaces the test named
    /// `previousName` (ignoring case) in its place when that is not empty. Fails when another
    /// test already has the name (ignoring case), or `previousName` names none. One transaction.
    virtual StoreResult saveSavedTest(const SavedTest &test, const QString &previousName) = 0;

    /// Removes the saved test named `name` (ignoring case). Fails when there is none.
    virtual StoreResult removeSavedTest(const QString &name) = 0;
};

} // namespace Car
