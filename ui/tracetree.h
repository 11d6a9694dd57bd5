#pragma once

#include <QTreeWidget>

namespace Car {

class Evaluator;
class RuleSet;
struct Connection;
struct Evaluation;

/// The "why" of a test: every rule in priority order with its outcome, and under it each present
/// condition and exception marked held or not, with the evaluator's own reason text. Rules after
/// the deciding one are greyed and marked "not evaluated (decided by rule N)".
class TraceTree : public QTreeWidget
{
    Q_OBJECT

public:
    enum Role : int {
        RuleIndexRole = Qt::UserRole + 1, ///< int, on rule items and their children
        HeldRole, ///< bool, on condition items
        OutcomeRole, ///< int(RuleOutcome), on rule items
        NotEvaluatedRole, ///< bool, on rule items after the decision
        ParameterRole, ///< QString on condition items: "AnyOfProtocols", "UserRecipientFilter"...
    };

    explicit TraceTree(QWidget *parent = nullptr);

    void showEvaluation(const Evaluator &evaluator, const RuleSet &rules,
                        const Evaluation &evaluation, const Connection &connection);
    void showNothing(const QString &why);

    /// The top-level item of the rule at `ruleIndex`, or nullptr.
    QTreeWidgetItem *ruleItem(int ruleIndex) const;

signals:
    void ruleActivated(int ruleIndex);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitRuleColumn();
};

} // namespace Car
