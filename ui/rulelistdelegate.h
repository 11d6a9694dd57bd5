#pragma once

#include <QStyledItemDelegate>

namespace Car {

/// Paints the rule list: the allow/deny icon next to the action word, a warning or error badge
/// next to the name of a rule with a problem, disabled rules dimmed, and the rule that decided
/// the Test connection panel's connection tinted.
class RuleListDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Car
