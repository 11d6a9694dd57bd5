#pragma once

#include "rule.h"
#include "ruleset.h"

#include <QStringList>
#include <QUndoCommand>
#include <QUuid>

#include <optional>

namespace Car {

class RuleSetDocument;

/// Every undo command id of the console, in one place. Commands of the same id may merge.
enum class CommandId : int {
    AddRule = 1,
    RemoveRule,
    MoveRule,
    EditRule,
    SetRuleEnabled,
    DuplicateRule,
    SetEnvironment,
    ReplaceRuleSet,
};

/// Common base: a command holds the whole rule set before and after the edit (at most 20 small
/// rules), so redo and undo are exact and every write is the whole resulting set in one store
/// transaction, together with the equivalent cmdlet lines as history. The document has already
/// written the first application before pushing, so the first redo() only adopts it.
/// A write that fails on a later undo/redo marks the command obsolete: the stack drops it and the
/// document keeps what the store holds. Later undo/redo writes are checked writes over the
/// document's rules (RuleSetDocument::applyRuleSet): one that would overwrite another program's
/// change is refused, never applied silently.
class RuleSetCommand : public QUndoCommand
{
public:
    RuleSetCommand(RuleSetDocument *document, const RuleSet &before, const RuleSet &after,
                   const QString &text);

    void redo() override;
    void undo() override;

    const RuleSet &before() const { return m_before; }
    const RuleSet &after() const { return m_after; }
    /// The cmdlet lines recorded when the command is (re)done.
    const QStringList &redoHistory() const { return m_redoHistory; }
    /// Replaces the recorded redo history (imports record their script lines).
    void setRedoHistory(const QStringList &lines) { m_redoHistory = lines; }

protected:
    /// Takes a later `after` (merging), recomputing the history lines.
    void setAfter(const RuleSet &after);

private:
    RuleSetDocument *m_document;
    RuleSet m_before;
    RuleSet m_after;
    QStringList m_redoHistory;
    QStringList m_undoHistory;
    bool m_firstRedo = true;
};

/// New rule.
class AddRuleCommand : public RuleSetCommand
{
public:
    AddRuleCommand(RuleSetDocument *document, const RuleSet &before, const RuleSet &after,
                   const QString &name);
    int id() const override { return int(CommandId::AddRule); }
};

/// Delete rule.
class RemoveRuleCommand : public RuleSetCommand
{
public:
    RemoveRuleCommand(RuleSetDocument *document, const RuleSet &before, const RuleSet &after,
                      const QString &name);
    int id() const override { return int(CommandId::RemoveRule); }
};

/// Drag and drop, Move up/down/to top/to bottom: one step, one transaction.
class MoveRuleCommand : public RuleSetCommand
{
public:
    MoveRuleCommand(RuleSetDocument *document, const RuleSet &before, const RuleSet &after,
                    const QString &name, int toPriority);
    int id() const override { return int(CommandId::MoveRule); }
};

/// A field edit of one rule. Consecutive edits of the same single field of the same rule merge
/// (typing a name is one step); a merge that returns to the starting value makes it obsolete.
class EditRuleCommand : public RuleSetCommand
{
public:
    /// `field` is the one parameter that changed, or nullopt when several did (no merging).
    EditRuleCommand(RuleSetDocument *document, const RuleSet &before, const RuleSet &after,
                    const QUuid &ruleId, std::optional<RuleParameter> field);
    int id() const override { return int(CommandId::EditRule); }
    bool mergeWith(const QUndoCommand *other) override;

    /// The single parameter that differs between two versions of a rule; nullopt when none or
    /// several do.
    static std::optional<RuleParameter> changedField(const Rule &before, const Rule &after);

private:
    void updateText();

    QUuid m_ruleId;
    std::optional<RuleParameter> m_field;
};

/// Enable or disable a rule (the check box in the list, Edit menu).
class SetRuleEnabledCommand : public RuleSetCommand
{
public:
    SetRuleEnabledCommand(RuleSetDocument *document, const RuleSet &before, const RuleSet &after,
                          const QString &name, bool enabled);
    int id() const override { return int(CommandId::SetRuleEnabled); }
};

/// A copy of a rule inserted below it (one command: the copy is a single insert).
class DuplicateRuleCommand : public RuleSetCommand
{
public:
    DuplicateRuleCommand(RuleSetDocument *document, const RuleSet &before, const RuleSet &after,
                         const QString &name);
    int id() const override { return int(CommandId::DuplicateRule); }
};

/// Environment and NetBIOS domain (Preferences).
class SetEnvironmentCommand : public RuleSetCommand
{
public:
    SetEnvironmentCommand(RuleSetDocument *document, const RuleSet &before, const RuleSet &after);
    int id() const override { return int(CommandId::SetEnvironment); }
};

/// A whole new rule set at once (script or JSON import).
class ReplaceRuleSetCommand : public RuleSetCommand
{
public:
    ReplaceRuleSetCommand(RuleSetDocument *document, const RuleSet &before, const RuleSet &after,
                          const QString &text);
    int id() const override { return int(CommandId::ReplaceRuleSet); }
};

} // namespace Car
