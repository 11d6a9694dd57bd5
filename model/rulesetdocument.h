#pragma once

#include "evaluator.h"
#include "rulestore.h"
#include "workspace.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <memory>

namespace Car {

/// The open workspace as the console edits it. Owns the undo stack; every command's redo and undo
/// write through to the RuleStore in one transaction, so there is no unsaved state. Keeps one
/// compiled Evaluator current for the Test connection panel (recompiled after each change).
/// Widgets observe it through signals and never write to the store themselves.
class RuleSetDocument : public QObject
{
    Q_OBJECT

public:
    /// Takes a store that is already open; call load() before use.
    explicit RuleSetDocument(std::unique_ptr<RuleStore> store, QObject *parent = nullptr);
    ~RuleSetDocument() override;

    StoreResult load();

    RuleStore *store() const { return m_store.get(); }
    QUndoStack *undoStack() const { return m_undoStack; }

    const WorkspaceData &workspace() const { return m_workspace; }
    const RuleSet &ruleSet() const { return m_workspace.ruleSet; }
    const Directory &directory() const { return m_workspace.directory; }
    const AdminSettings &admin() const { return m_workspace.admin; }
    const Evaluator &evaluator() const { return m_evaluator; }

    // Edits. Each pushes one undo command (or fails with a message and changes nothing).
    // `text` is the undo text ("Add rule 'Block EAS'"); the command also records the equivalent
    // cmdlet line in the store's history.
    RuleSet::Outcome addRule(const Rule &rule, std::optional<int> priority = std::nullopt);
    RuleSet::Outcome updateRule(int index, const Rule &rule);
    void moveRule(int from, int to);
    void removeRule(int index);
    RuleSet::Outcome duplicateRule(int index);
    void setRuleEnabled(int index, bool enabled);

    void setEnvironment(Environment environment, const QString &netbiosDomain);
    StoreResult setAdmin(const AdminSettings &admin);

    // Directory edits (not on the undo stack: the directory is test data, not rules).
    StoreResult replaceDirectory(const Directory &directory);
    StoreResult saveUser(const DirectoryUser &user, int index); ///< index -1 appends
    StoreResult removeUser(int index);

    /// Called by undo commands only: replaces the rule set and writes it through in one
    /// transaction, with `history` lines. Emits the signals below.
    StoreResult applyRuleSet(const RuleSet &rules, const QStringList &history);

    /// The last store error (a write that failed); empty when all is well.
    const QString &lastError() const { return m_lastError; }

signals:
    void ruleSetReset();                 ///< anything about the rules changed (after recompile)
    void ruleMoved(int from, int to);    ///< emitted before ruleSetReset for a pure move
    void directoryChanged();
    void adminChanged();
    void storeError(const QString &message);

private:
    std::unique_ptr<RuleStore> m_store;
    QUndoStack *m_undoStack = nullptr;
    WorkspaceData m_workspace;
    Evaluator m_evaluator;
    QString m_lastError;
};

} // namespace Car
