#pragma once

// An in-memory Car::RuleStore for UI and document tests. It keeps exactly what a real store would
// keep (the workspace and the history) and can be told to fail the next write, so error paths can
// be tested without a database. Header-only; tests include it as "fakerulestore.h".
//
// Two programs on one workspace: openAnother() gives a second store over the same stored state,
// as a second connection (another console, carconsole-cli) would be. Its writes are what the
// first one's checked writes (saveRuleSetOver) must not overwrite, and they move the first one's
// changeStamp() exactly as SQLite's PRAGMA data_version does (never for a store's own writes).

#include "rulestore.h"
#include "workspace.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <utility>

namespace Car {

/// What a fake workspace "file" holds; shared by every FakeRuleStore opened on it.
struct FakeWorkspaceState
{
    WorkspaceData data;
    QList<HistoryEntry> history;
    QList<std::pair<SnapshotInfo, RuleSet>> snapshots;
    QList<SavedTest> savedTests;
    quint64 commits = 0; ///< every successful write by any store on this state
};

class FakeRuleStore : public RuleStore
{
public:
    FakeRuleStore()
        : m_state(std::make_shared<FakeWorkspaceState>())
    { }
    explicit FakeRuleStore(WorkspaceData initial)
        : FakeRuleStore()
    {
        m_state->data = std::move(initial);
    }
    explicit FakeRuleStore(std::shared_ptr<FakeWorkspaceState> state)
        : m_state(std::move(state))
    { }

    /// Another store on the same workspace, as a second program would open it.
    std::unique_ptr<FakeRuleStore> openAnother() const
    {
        return std::make_unique<FakeRuleStore>(m_state);
    }

    /// What the store holds now (what reopening the workspace would load). Changing it directly
    /// is not seen by changeStamp(); see noteExternalCommit().
    const WorkspaceData &data() const { return m_state->data; }
    WorkspaceData &data() { return m_state->data; }
    const QList<HistoryEntry> &historyEntries() const { return m_state->history; }
    /// Counts a commit by "another program" (after changing data() directly).
    void noteExternalCommit() { ++m_state->commits; }

    /// The next write (any save/remove) fails with `message` and changes nothing.
    void failNextWrite(const QString &message = QStringLiteral("disk I/O error (fake)"))
    {
        m_failNext = true;
        m_failMessage = message;
    }
    /// Every write fails until cleared (e.g. a read-only file).
    void setFailAllWrites(bool fail, const QString &message = QStringLiteral("read-only (fake)"))
    {
        m_failAll = fail;
        m_failMessage = message;
    }
    /// The next load fails with `message`.
    void failNextLoad(const QString &message = QStringLiteral("not a database (fake)"))
    {
        m_failLoad = true;
        m_loadMessage = message;
    }

    /// How many writes succeeded, and how many were attempted (for "one write per edit" checks).
    int successfulWrites() const { return m_successfulWrites; }
    int attemptedWrites() const { return m_attemptedWrites; }

    StoreResult load(WorkspaceData &out) override
    {
        if (m_failLoad) {
            m_failLoad = false;
            return StoreResult::failure(m_loadMessage);
        }
        out = m_state->data;
        return StoreResult::success();
    }

    StoreResult saveRuleSet(const RuleSet &rules, const QStringList &history,
                            const QString &source) override
    {
        if (auto failure = beginWrite())
            return *failure;
        m_state->data.ruleSet = rules;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const QString &line : history)
            m_state->history.append(HistoryEntry {now, source, line});
        return committed();
    }

    StoreResult saveDirectory(const Directory &directory) override
    {
        if (auto failure = beginWrite())
            return *failure;
        m_state->data.directory = directory;
        return committed();
    }

    StoreResult saveRuleSetOver(const RuleSet &base, const RuleSet &rules,
                                const QStringList &history, const QString &source) override
    {
        if (m_state->data.ruleSet != base) {
            ++m_attemptedWrites;
            return StoreResult::changedMeanwhile(
                QStringLiteral("another program changed the rule set (fake). Try again."));
        }
        return saveRuleSet(rules, history, source);
    }

    StoreResult saveDirectoryOver(const Directory &base, const Directory &directory) override
    {
        if (!(m_state->data.directory == base)) {
            ++m_attemptedWrites;
            return StoreResult::changedMeanwhile(
                QStringLiteral("another program changed the directory (fake). Try again."));
        }
        return saveDirectory(directory);
    }

    StoreResult changeStamp(quint64 &out) override
    {
        out = m_state->commits - m_ownCommits;
        return StoreResult::success();
    }

    StoreResult saveUser(const DirectoryUser &user, const QString &previousUpn) override
    {
        if (auto failure = beginWrite())
            return *failure;
        Directory copy = m_state->data.directory;
        const int index = previousUpn.isEmpty() ? -1 : copy.indexOfUpn(previousUpn);
        QString error;
        const bool ok =
            index >= 0 ? copy.replaceUser(index, user, &error) : copy.addUser(user, &error);
        if (!ok)
            return StoreResult::failure(error);
        m_state->data.directory = std::move(copy);
        return committed();
    }

    StoreResult removeUser(const QString &upn) override
    {
        if (auto failure = beginWrite())
            return *failure;
        const int index = m_state->data.directory.indexOfUpn(upn);
        if (index < 0)
            return StoreResult::failure(QStringLiteral("no user '%1'").arg(upn));
        m_state->data.directory.removeUser(index);
        return committed();
    }

    StoreResult saveAdmin(const AdminSettings &admin) override
    {
        if (auto failure = beginWrite())
            return *failure;
        m_state->data.admin = admin;
        return committed();
    }

    StoreResult history(QList<HistoryEntry> &out) override
    {
        out = m_state->history;
        return StoreResult::success();
    }

    /// The snapshots held, oldest first, with their rules.
    const QList<std::pair<SnapshotInfo, RuleSet>> &snapshotEntries() const
    {
        return m_state->snapshots;
    }
    const QList<SavedTest> &savedTestEntries() const { return m_state->savedTests; }

    StoreResult saveSnapshot(const QString &name, const QString &note,
                             const RuleSet &rules) override
    {
        if (auto failure = beginWrite())
            return *failure;
        const QString invalid = SnapshotNames::validate(name);
        if (!invalid.isEmpty())
            return StoreResult::failure(invalid);
        if (snapshotIndex(name) >= 0)
            return StoreResult::failure(QStringLiteral("a snapshot named '%1' exists").arg(name));
        SnapshotInfo info;
        info.name = name;
        info.note = note;
        info.created = QDateTime::currentDateTimeUtc();
        info.ruleCount = rules.size();
        m_state->snapshots.append({info, rules});
        return committed();
    }

    StoreResult snapshots(QList<SnapshotInfo> &out) override
    {
        out.clear();
        for (const auto &entry : std::as_const(m_state->snapshots))
            out.append(entry.first);
        return StoreResult::success();
    }

    StoreResult loadSnapshot(const QString &name, RuleSet &out) override
    {
        const int index = snapshotIndex(name);
        if (index < 0)
            return StoreResult::failure(QStringLiteral("no snapshot '%1'").arg(name));
        out = m_state->snapshots.at(index).second;
        return StoreResult::success();
    }

    StoreResult deleteSnapshot(const QString &name) override
    {
        if (auto failure = beginWrite())
            return *failure;
        const int index = snapshotIndex(name);
        if (index < 0)
            return StoreResult::failure(QStringLiteral("no snapshot '%1'").arg(name));
        m_state->snapshots.removeAt(index);
        return committed();
    }

    StoreResult savedTests(QList<SavedTest> &out) override
    {
        out = m_state->savedTests;
        return StoreResult::success();
    }

    StoreResult saveSavedTest(const SavedTest &test, const QString &previousName) override
    {
        if (auto failure = beginWrite())
            return *failure;
        const QString invalid = test.validate();
        if (!invalid.isEmpty())
            return StoreResult::failure(invalid);
        const int previous = previousName.isEmpty() ? -1 : savedTestIndex(previousName);
        if (!previousName.isEmpty() && previous < 0)
            return StoreResult::failure(QStringLiteral("no saved test '%1'").arg(previousName));
        const int clash = savedTestIndex(test.name);
        if (clash >= 0 && clash != previous)
            return StoreResult::failure(QStringLiteral("a test named '%1' exists").arg(test.name));
        if (previous >= 0)
            m_state->savedTests[previous] = test;
        else
            m_state->savedTests.append(test);
        return committed();
    }

    StoreResult removeSavedTest(const QString &name) override
    {
        if (auto failure = beginWrite())
            return *failure;
        const int index = savedTestIndex(name);
        if (index < 0)
            return StoreResult::failure(QStringLiteral("no saved test '%1'").arg(name));
        m_state->savedTests.removeAt(index);
        return committed();
    }

private:
    int snapshotIndex(const QString &name) const
    {
        for (int i = 0; i < m_state->snapshots.size(); ++i) {
            if (SnapshotNames::key(m_state->snapshots.at(i).first.name) == SnapshotNames::key(name))
                return i;
        }
        return -1;
    }
    int savedTestIndex(const QString &name) const
    {
        for (int i = 0; i < m_state->savedTests.size(); ++i) {
            if (SavedTest::key(m_state->savedTests.at(i).name) == SavedTest::key(name))
                return i;
        }
        return -1;
    }

    std::optional<StoreResult> beginWrite()
    {
        ++m_attemptedWrites;
        if (m_failAll)
            return StoreResult::failure(m_failMessage);
        if (m_failNext) {
            m_failNext = false;
            return StoreResult::failure(m_failMessage);
        }
        return std::nullopt;
    }
    StoreResult committed()
    {
        ++m_successfulWrites;
        ++m_ownCommits;
        ++m_state->commits;
        return StoreResult::success();
    }

    std::shared_ptr<FakeWorkspaceState> m_state;
    quint64 m_ownCommits = 0;
    bool m_failNext = false;
    bool m_failAll = false;
    bool m_failLoad = false;
    QString m_failMessage;
    QString m_loadMessage;
    int m_successfulWrites = 0;
    int m_attemptedWrites = 0;
};

} // namespace Car
