#pragma once

#include "evaluator.h"
#include "rulestore.h"
#include "workspace.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QUndoStack>

#include <functional>
#include <memory>
#include <optional>

namespace Car {

class RuleSetCommand;

/// What one applied change did to the list of rules, so that item models can emit precise
/// begin/end signals. Computed by comparing rule ids before and after.
struct RuleSetChange
{
    enum class Kind : quint8 {
        Update, ///< same rules in the same order; contents (or settings) changed
        Insert, ///< one rule inserted at `first`, the others unchanged
        Remove, ///< the rule at `first` removed, the others unchanged
        Move, ///< the rule at `first` moved to `second` (0-based final position)
        Reset, ///< anything else
    };
    Kind kind = Kind::Reset;
    int first = -1;
    int second = -1;

    /// Classifies the change from `before` to `after`.
    static RuleSetChange between(const RuleSet &before, const RuleSet &after);
};

/// The answer of a change guard (the lockout guard of ui/lockoutguarddialog.h).
enum class GuardDecision { Apply, Cancel, ApplyProposed };

/// Called with the current and the proposed rule set before a rule edit is pushed. It may modify
/// `proposed` and answer ApplyProposed to apply the modified set as the same single undo step.
using ChangeGuard = std::function<GuardDecision(const RuleSet &current, RuleSet &proposed)>;

/// The open workspace as the console edits it. Owns the undo stack; every command's redo and undo
/// write through to the RuleStore in one transaction (the whole rule set plus the equivalent
/// cmdlet lines as history), so there is no unsaved state. Keeps one compiled Evaluator current
/// for the Test connection panel (recompiled after each change). Widgets observe it through
/// signals and never write to the store themselves.
class RuleSetDocument : public QObject
{
    Q_OBJECT

public:
    /// The history source recorded for edits made here.
    static QString historySource() { return QStringLiteral("console"); }

    /// Takes a store that is already open; call load() before use.
    explicit RuleSetDocument(std::unique_ptr<RuleStore> store, QObject *parent = nullptr);
    ~RuleSetDocument() override;

    /// Reads the whole workspace from the store, recompiles, clears the undo stack and emits
    /// ruleSetAboutToChange/ruleSetChanged (Reset), ruleSetReset, directoryChanged, adminChanged.
    /// On failure the document keeps what it had.
    StoreResult load();

    RuleStore *store() const { return m_store.get(); }
    QUndoStack *undoStack() const { return m_undoStack; }

    const WorkspaceData &workspace() const { return m_workspace; }
    const RuleSet &ruleSet() const { return m_workspace.ruleSet; }
    const Directory &directory() const { return m_workspace.directory; }
    const AdminSettings &admin() const { return m_workspace.admin; }
    const Evaluator &evaluator() const { return m_evaluator; }

    /// Installs the hook asked before every rule edit (an empty function removes it).
    void setChangeGuard(ChangeGuard guard);

    // Rule edits. Each validates, asks the change guard, writes through to the store and pushes
    // exactly one undo command named after the action ("Move 'Block EAS' to priority 1"). On
    // failure nothing changes and Outcome::error says why ("cancelled" when the guard said so; a
    // store error is also emitted as storeError). Outcome::index is the affected rule's position.
    RuleSet::Outcome addRule(const Rule &rule, std::optional<int> priority = std::nullopt);
    /// Replaces the rule at `index` (keeping its id). Consecutive edits of the same single field
    /// of the same rule merge into one undo step.
    RuleSet::Outcome updateRule(int index, const Rule &rule);
    /// Moves the rule at `from` to the 0-based position `to`.
    RuleSet::Outcome moveRule(int from, int to);
    RuleSet::Outcome removeRule(int index);
    /// Inserts a copy named "<name> (copy)" right below the rule.
    RuleSet::Outcome duplicateRule(int index);
    RuleSet::Outcome setRuleEnabled(int index, bool enabled);
    RuleSet::Outcome setEnvironment(Environment environment, const QString &netbiosDomain);
    /// Replaces every rule at once (script or JSON import) as one undo step named `text`;
    /// `history` lines are recorded (the generic difference is recorded when empty).
    RuleSet::Outcome replaceRuleSet(const RuleSet &rules, const QString &text,
                                    const QStringList &history = {});

    /// Stores the administrator settings (not on the undo stack) and emits adminChanged.
    StoreResult setAdmin(const AdminSettings &admin);

    // Directory edits (not on the undo stack: the directory is test data, not rules).
    StoreResult replaceDirectory(const Directory &directory);
    StoreResult saveUser(const DirectoryUser &user, int index); ///< index -1 appends
    StoreResult removeUser(int index);

    // Saved tests (issue 5): kept in the store, not on the undo stack (they are checks, not
    // rules). Loaded by load(); each write is one transaction and emits savedTestsChanged.
    const QList<SavedTest> &savedTests() const { return m_savedTests; }
    /// Inserts `test`, or replaces the one named `previousName` (ignoring case) in its place.
    StoreResult saveSavedTest(const SavedTest &test, const QString &previousName = QString());
    StoreResult removeSavedTest(const QString &name);

    // Snapshots (issue 4): named frozen copies of the rule set in the store. Saving and deleting
    // are not undoable (they change no rule); restoring is one undo step like an import.
    StoreResult snapshots(QList<SnapshotInfo> &out) const;
    /// Saves the current rule set as a snapshot named `name` with `note`.
    StoreResult saveSnapshot(const QString &name, const QString &note);
    StoreResult loadSnapshot(const QString &name, RuleSet &out) const;
    StoreResult deleteSnapshot(const QString &name);
    /// Replaces the rules with the snapshot's as one undo step "Restore snapshot 'name'"; the
    /// history records "# snapshot restore 'name'" and the equivalent cmdlets (as the CLI does).
    /// Asks the change guard like every rule edit.
    RuleSet::Outcome restoreSnapshot(const QString &name);

    /// Called by undo commands only: writes `rules` through in one transaction with `history`
    /// lines; on success adopts them (see adoptRuleSet). On failure nothing changes, lastError()
    /// is set and storeError emitted.
    StoreResult applyRuleSet(const RuleSet &rules, const QStringList &history);
    /// Called by undo commands only: takes `rules` as the document state without writing (the
    /// store already holds them), recompiles and emits the change signals.
    void adoptRuleSet(const RuleSet &rules);

    /// The last store error (a write that failed); empty when all is well.
    const QString &lastError() const { return m_lastError; }

signals:
    /// Before the rule list changes; `change` says how (item models begin their updates here).
    void ruleSetAboutToChange(const Car::RuleSetChange &change);
    /// After the rule list changed and the evaluator was recompiled.
    void ruleSetChanged(const Car::RuleSetChange &change);
    void ruleSetReset(); ///< anything about the rules changed (after recompile)
    void ruleMoved(int from, int to); ///< emitted before ruleSetReset for a pure move
    void directoryChanged();
    void adminChanged();
    void storeError(const QString &message);
    void savedTestsChanged();
    void snapshotsChanged();

private:
    /// Guard, write, push. `makeCommand` builds the command from the final proposed set.
    RuleSet::Outcome commit(RuleSet proposed, int index,
                            const std::function<RuleSetCommand *(const RuleSet &)> &make);
    StoreResult reportStoreResult(const StoreResult &result);

    std::unique_ptr<RuleStore> m_store;
    QUndoStack *m_undoStack = nullptr;
    WorkspaceData m_workspace;
    Evaluator m_evaluator;
    QString m_lastError;
    ChangeGuard m_guard;
    QList<SavedTest> m_savedTests;
};

} // namespace Car
