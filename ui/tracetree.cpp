#include "tracetree.h"

#include "evaluator.h"
#include "rule.h"
#include "semanticcolor.h"

#include <QHeaderView>

#include <algorithm>

namespace Car {

namespace {

enum Column : int { RuleColumn, ResultColumn };

RuleParameter parameterFor(ConditionKind kind, bool exception)
{
    switch (kind) {
    case ConditionKind::Protocols:
        return exception ? RuleParameter::ExceptAnyOfProtocols : RuleParameter::AnyOfProtocols;
    case ConditionKind::AuthenticationTypes:
        return exception ? RuleParameter::ExceptAnyOfAuthenticationTypes
                         : RuleParameter::AnyOfAuthenticationTypes;
    case ConditionKind::ClientIPAddresses:
        return exception ? RuleParameter::ExceptAnyOfClientIPAddressesOrRanges
                         : RuleParameter::AnyOfClientIPAddressesOrRanges;
    case ConditionKind::SourceTcpPorts:
        return exception ? RuleParameter::ExceptAnyOfSourceTcpPortNumbers
                         : RuleParameter::AnyOfSourceTcpPortNumbers;
    case ConditionKind::UsernamePatterns:
        return exception ? RuleParameter::ExceptUsernameMatchesAnyOfPatterns
                         : RuleParameter::UsernameMatchesAnyOfPatterns;
    case ConditionKind::UserRecipientFilter:
        break;
    }
    return RuleParameter::UserRecipientFilter;
}

} // namespace

TraceTree::TraceTree(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("traceTree"));
    setColumnCount(2);
    setHeaderLabels({tr("Rule / condition"), tr("Result")});
    setUniformRowHeights(true);
    setRootIsDecorated(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setTextElideMode(Qt::ElideRight);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(RuleColumn, QHeaderView::Interactive);
    header()->resizeSection(RuleColumn, 260);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QVariant index = item->data(RuleColumn, RuleIndexRole);
        if (index.isValid())
            emit ruleActivated(index.toInt());
    });
}

void TraceTree::showNothing(const QString &why)
{
    clear();
    auto *item = new QTreeWidgetItem(this);
    item->setText(RuleColumn, why);
    item->setFirstColumnSpanned(true);
    item->setFlags(Qt::ItemIsEnabled);
}

void TraceTree::fitRuleColumn()
{
    // Wide enough for the rule names, but never so wide that the outcome disappears; the
    // condition rows span both columns and do not count.
    int width = 0;
    const QFontMetrics normal(font());
    QFont boldFont = font();
    boldFont.setBold(true);
    const QFontMetrics bold(boldFont);
    for (int i = 0; i < topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = topLevelItem(i);
        const QFontMetrics &metrics = item->font(RuleColumn).bold() ? bold : normal;
        width = std::max(width, metrics.horizontalAdvance(item->text(RuleColumn)));
    }
    width += indentation() + iconSize().width() + 3 * normal.averageCharWidth() + 16;
    const int available = std::max(viewport()->width(), 320);
    header()->resizeSection(RuleColumn, std::min(width, available * 62 / 100));
}

QTreeWidgetItem *TraceTree::ruleItem(int ruleIndex) const
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = topLevelItem(i);
        if (item->data(RuleColumn, RuleIndexRole).toInt() == ruleIndex
            && item->data(RuleColumn, RuleIndexRole).isValid())
            return item;
    }
    return nullptr;
}

void TraceTree::showEvaluation(const Evaluator &evaluator, const RuleSet &rules,
                               const Evaluation &evaluation, const Connection &connection)
{
    setUpdatesEnabled(false);
    clear();
    if (evaluation.trace.isEmpty())
        showNothing(tr("The rule set is empty: every connection is allowed."));

    const QColor dimmed = palette().color(QPalette::Disabled, QPalette::Text);
    for (const RuleTrace &trace : evaluation.trace) {
        if (trace.ruleIndex < 0 || trace.ruleIndex >= rules.size())
            continue;
        const Rule &rule = rules.at(trace.ruleIndex);
        auto *item = new QTreeWidgetItem(this);
        item->setData(RuleColumn, RuleIndexRole, trace.ruleIndex);
        item->setData(RuleColumn, OutcomeRole, int(trace.outcome));
        item->setData(RuleColumn, NotEvaluatedRole, trace.afterDecision);
        item->setText(RuleColumn, tr("%1  %2").arg(trace.ruleIndex + 1).arg(rule.name));
        item->setToolTip(RuleColumn,
                         tr("Priority %1: %2 (%3, %4)")
                             .arg(trace.ruleIndex + 1)
                             .arg(rule.name, toString(rule.action),
                                  rule.enabled ? tr("enabled") : tr("disabled")));
        item->setIcon(RuleColumn,
                      consoleIcon(!rule.enabled                            ? "disabled"
                                      : rule.action == Action::AllowAccess ? "allow"
                                                                           : "deny"));

        QString result;
        if (trace.afterDecision) {
            result = tr("not evaluated (decided by rule %1)").arg(evaluation.decidingRule + 1);
            if (trace.outcome == RuleOutcome::Matched)
                result += tr("; would match");
        } else {
            result = evaluator.describeOutcome(trace);
        }
        item->setText(ResultColumn, result);
        item->setToolTip(ResultColumn, result);

        if (trace.decided) {
            QFont bold = item->font(RuleColumn);
            bold.setBold(true);
            item->setFont(RuleColumn, bold);
            item->setFont(ResultColumn, bold);
            item->setForeground(
                ResultColumn,
                semanticColor(rule.action == Action::AllowAccess ? Semantic::Allow : Semantic::Deny,
                              palette()));
        } else if (trace.afterDecision || !rule.enabled) {
            item->setForeground(RuleColumn, dimmed);
            item->setForeground(ResultColumn, dimmed);
        }

        if (trace.conditions.isEmpty() && trace.outcome != RuleOutcome::ScopeSkipped) {
            auto *child = new QTreeWidgetItem(item);
            child->setData(RuleColumn, RuleIndexRole, trace.ruleIndex);
            child->setText(RuleColumn, tr("no conditions: the rule matches every connection"));
            child->setFirstColumnSpanned(true);
            child->setData(RuleColumn, HeldRole, true);
            child->setIcon(RuleColumn, consoleIcon("held"));
        }
        for (const ConditionTrace &condition : trace.conditions) {
            auto *child = new QTreeWidgetItem(item);
            const QString parameter =
                parameterName(parameterFor(condition.kind, condition.exception));
            const QString reason = evaluator.describe(trace, condition, connection);
            const QString state = condition.exception
                ? (condition.held ? tr("exception applies") : tr("exception does not apply"))
                : (condition.held ? tr("condition holds") : tr("condition does not hold"));
            child->setData(RuleColumn, RuleIndexRole, trace.ruleIndex);
            child->setData(RuleColumn, HeldRole, condition.held);
            child->setData(RuleColumn, ParameterRole, parameter);
            child->setText(RuleColumn, reason);
            child->setToolTip(RuleColumn, tr("-%1: %2\n%3").arg(parameter, state, reason));
            child->setIcon(RuleColumn, consoleIcon(condition.held ? "held" : "notheld"));
            child->setFirstColumnSpanned(true);
            if (trace.afterDecision)
                child->setForeground(RuleColumn, dimmed);
        }
        item->setExpanded(!trace.afterDecision);
    }
    fitRuleColumn();
    setUpdatesEnabled(true);
}

void TraceTree::resizeEvent(QResizeEvent *event)
{
    QTreeWidget::resizeEvent(event);
    fitRuleColumn();
}

} // namespace Car
