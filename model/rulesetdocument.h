#pragma once

#include "evaluator.h"
#include "rulestore.h"
#include "workspace.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUndoStack>
#include <QUuid>

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

/// What another program (a second console, carconsole-cli) changed in the workspace, found when
/// the document reloaded it (RuleSetDocument::externalChangeLoaded).
struct ExternalChange
{
    QList<QUuid> addedRules; ///< ids of rules that are new
    QList<QUuid> removedRules; ///< ids of rules that are gone
    QList<QUuid> changedRules; ///< ids of rules whose contents changed
    bool orderChanged = false; ///< the remaining rules are in another order
    bool settingsChanged = false; ///< environment or NetBIOS domain
    bool directoryChanged = false;
    bool adminChanged = false;
    bool savedTestsChanged = false;
    /// The undo history was cleared (the rules changed; see RuleSetDocument).
    bool undoCleared = false;
    /// The text of the local action refused because of the change ("Rename 'A' to 'B'",
    /// "Undo New rule 'X'"); empty when the reload came from polling.
    QString refusedAction;

    /// How many rules were added, removed or changed.
    int ruleCount() const
    {
        return int(addedRules.size() + removedRules.size() + changedRules.size());
    }
    /// Whether the rule set differs at all.
    bool rulesChanged() const { return ruleCount() > 0 || orderChanged || settingsChanged; }
    /// Whether anything the document shows differs.
    bool any() const
    {
        return rulesChanged() || directoryChanged || adminChanged || savedTestsChanged
            || !refusedAction.isEmpty();
    }
    /// Compares two states of the workspace by rule id.
    static ExternalChange between(const WorkspaceData &before, const WorkspaceData &after);
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
///
/// Other programs on the same workspace (issue 6): every rule-set write (edits, undo, redo,
/// imports, snapshot restores) is a checked write (RuleStore::saveRuleSetOver) over the rules
/// the document shows, and so is replaceDirectory(). When another program committed a change
/// in between, the write is refused and nothing is applied; the document reloads the workspace,
/// emits storeError with a message saying the action was not applied and why, and
/// externalChangeLoaded() with the refused action's text. checkForExternalChange() (the window
/// polls it) reloads as soon as the store's change stamp moves.
///
/// Undo after another program's change: when a reload finds the rules changed, the undo history
/// is cleared (ExternalChange::undoCleared says so). The commands on it were recorded against
/// rules that no longer exist: undoing one would revert the other program's change or fail.
/// A careful administrator expects Ctrl+Z to undo their own last step or nothing, never to
/// rewrite someone else's. Changes to the directory, saved tests or snapshots alone keep the
/// history (undo only touches rules). Between the other program's commit and the reload, an undo
/// or redo is itself a checked write: it is refused, reported, and the history cleared.
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

    /// Called by undo commands only: writes `rules` through in one checked transaction over the
    /// document's current rules with `history` lines; on success adopts them (see
    /// adoptRuleSet). On failure nothing changes, lastError() is set and storeError emitted; when
    /// another program changed the rules, the workspace is reloaded and the undo history
    /// cleared (once the stack has finished the command). `action` names the step ("Undo ...").
    StoreResult applyRuleSet(const RuleSet &rules, const QStringList &history,
                             const QString &action = QString());
    /// Called by undo commands only: takes `rules` as the document state without writing (the
    /// store already holds them), recompiles and emits the change signals.
    void adoptRuleSet(const RuleSet &rules);

    /// The last store error (a write that failed); empty when all is well.
    const QString &lastError() const { return m_lastError; }

    /// Whether another program committed to the workspace since the document last read it (the
    /// store's change stamp moved; cheap, reads no table). False when the store cannot tell.
    bool hasExternalChange();
    /// When hasExternalChange(), reloads the workspace: emits externalChangeAboutToLoad, adopts
    /// the stored rules with precise change signals (a rule edited elsewhere is an Update, not a
    /// Reset, so views keep their place), the directory, settings and saved tests that differ,
    /// clears the undo history when the rules changed, and emits externalChangeLoaded when
    /// anything differed. Does nothing while a write is in progress. Returns whether it reloaded.
    bool checkForExternalChange();

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
    /// Before a reload caused by another program's change (views note their place).
    void externalChangeAboutToLoad();
    /// After such a reload; `change` says what differed and which local action was refused.
    void externalChangeLoaded(const Car::ExternalChange &change);

private:
    /// Guard, write, push. `makeCommand` builds the command from the final proposed set.
    RuleSet::Outcome commit(RuleSet proposed, int index,
                            const std::function<RuleSetCommand *(const RuleSet &)> &make);
    StoreResult reportStoreResult(const StoreResult &result);
    /// A write refused because another program changed the workspace: reloads it and reports
    /// that `action` was not applied. `insideCommand`: called from an undo command's
    /// redo()/undo(), so the undo history is cleared after the stack has finished with it.
    StoreResult refusedByExternalChange(const QString &action, bool insideCommand);
    /// Reloads the workspace after another program's change (see checkForExternalChange).
    bool reloadExternal(const QString &refusedAction, bool insideCommand);
    /// Reads the store's change stamp into m_stamp (false: the store cannot tell).
    bool readStamp(quint64 &out);

    std::unique_ptr<RuleStore> m_store;
    QUndoStack *m_undoStack = nullptr;
    WorkspaceData m_workspace;
    Evaluator m_evaluator;
    QString m_lastError;
    ChangeGuard m_guard;
    QList<SavedTest> m_savedTests;
    quint64 m_stamp = 0; ///< the store's change stamp when the document last read it
    bool m_stampKnown = false;
    int m_writing = 0; ///< >0 while a write (or the change guard before it) is in progress
};

} // namespace Car
