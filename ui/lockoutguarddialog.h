#pragma once

#include "lockoutguard.h"
#include "rulesetdocument.h"

#include <QDialog>

#include <functional>

class QWidget;

namespace Car {

class RuleSetDocument;

/// What the administrator chose when a change would lock them out.
enum class LockoutAnswer : quint8 {
    AddAllowRule, ///< insert "Always Allow Remote PowerShell" at priority 1, then apply
    ApplyAnyway, ///< apply the change as it is
    Cancel, ///< change nothing
};

/// Everything the question shows: who, what the change would deny, and what the fix would do.
struct LockoutQuestion
{
    AdminSettings admin;
    QList<LockoutDenial> newDenials; ///< denied after the change, allowed before
    QString allowRuleName; ///< the name the safety rule would get
    bool canAddAllowRule = false; ///< false: the set is full, or RemotePowerShell is not denied
    QString cannotAddReason; ///< why not, when !canAddAllowRule
    QList<LockoutDenial> remainingWithAllowRule; ///< new denials left after adding the rule
};

/// How the question is asked. The default shows a LockoutGuardDialog; tests install their own.
using LockoutAsker = std::function<LockoutAnswer(const LockoutQuestion &question, QWidget *parent)>;

/// Test seam: replaces how the question is asked (an empty function restores the dialog).
void setLockoutAsker(LockoutAsker asker);

/// The decision for one proposed change (domain §12, Microsoft's lockout advice): when `proposed`
/// denies the administrator RemotePowerShell or ExchangeAdminCenter with a supported
/// authentication type that `current` allowed, asks; AddAllowRule inserts the safety rule at
/// priority 1 into `proposed` and answers ApplyProposed. Without a configured administrator, or
/// when nothing new is denied, answers Apply without asking.
GuardDecision decideLockout(const RuleSet &current, RuleSet &proposed, const Directory &directory,
                            const AdminSettings &admin, QWidget *dialogParent);

/// Sets the document's change guard to decideLockout() with the document's directory and admin.
void installLockoutGuard(RuleSetDocument *document, QWidget *dialogParent);

/// The question as a dialog: the denials, Microsoft's advice, and three buttons
/// ("addAllowRuleButton", "applyAnywayButton", "cancelButton").
class LockoutGuardDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LockoutGuardDialog(const LockoutQuestion &question, QWidget *parent = nullptr);

    LockoutAnswer answer() const { return m_answer; }

private:
    LockoutAnswer m_answer = LockoutAnswer::Cancel;
};

} // namespace Car
