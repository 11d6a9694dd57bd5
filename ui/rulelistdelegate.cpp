#include "rulelistdelegate.h"

#include "enums.h"
#include "rulelistmodel.h"
#include "semanticcolor.h"

#include <QPainter>

namespace Car {

void RuleListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    if (index.data(RuleListModel::DecidingRole).toBool()) {
        const Action action = Action(index.data(RuleListModel::ActionRole).toInt());
        const Semantic semantic = action == Action::AllowAccess ? Semantic::Allow : Semantic::Deny;
        painter->fillRect(option.rect, semanticTint(semantic, option.palette));
        if (index.column() == RuleListModel::PriorityColumn) {
            // A stripe at the row's start says which rule decided, also in the selection.
            QRect stripe = option.rect;
            stripe.setWidth(3);
            painter->fillRect(stripe, semanticColor(semantic, option.palette));
        }
    }
    QStyledItemDelegate::paint(painter, option, index);
}

void RuleListDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const bool enabled = index.data(RuleListModel::EnabledRole).toBool();
    if (!enabled) {
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        if (index.column() == RuleListModel::NameColumn)
            option->font.setItalic(true);
    }
    if (index.data(RuleListModel::DecidingRole).toBool())
        option->font.setBold(true);

    switch (index.column()) {
    case RuleListModel::ActionColumn: {
        const Action action = Action(index.data(RuleListModel::ActionRole).toInt());
        option->icon = consoleIcon(action == Action::AllowAccess ? "allow" : "deny");
        option->features |= QStyleOptionViewItem::HasDecoration;
        if (enabled) {
            option->palette.setColor(
                QPalette::Text,
                semanticColor(action == Action::AllowAccess ? Semantic::Allow : Semantic::Deny,
                              option->palette));
        }
        break;
    }
    case RuleListModel::NameColumn: {
        const auto severity =
            RuleListModel::ProblemSeverity(index.data(RuleListModel::ProblemSeverityRole).toInt());
        if (severity != RuleListModel::ProblemSeverity::None) {
            option->icon = consoleIcon(
                severity == RuleListModel::ProblemSeverity::Error ? "error" : "warning");
            option->features |= QStyleOptionViewItem::HasDecoration;
            option->decorationPosition = QStyleOptionViewItem::Right;
        }
        break;
    }
    default:
        break;
    }
}

} // namespace Car
