#pragma once

#include <QTableView>
#include <QUuid>

namespace Car {

/// The rule list: single selection of whole rows, drag to reorder (InternalMove). The drop goes
/// through the model's dropMimeData (one MoveRule command); startDrag is our own so that the view
/// never removes the dragged row after a successful move (QAbstractItemView would).
class RuleListView : public QTableView
{
    Q_OBJECT

public:
    explicit RuleListView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

    /// The id of the selected rule (null if none).
    QUuid currentRuleId() const;
    /// Selects the rule with this id if it is shown.
    void selectRule(const QUuid &id);

signals:
    void currentRuleChanged(const QUuid &id);

protected:
    void startDrag(Qt::DropActions supportedActions) override;

private:
    void onCurrentChanged();
};

} // namespace Car
