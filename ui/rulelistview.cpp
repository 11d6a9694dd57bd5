#include "rulelistview.h"

#include "rulelistdelegate.h"
#include "rulelistmodel.h"

#include <QDrag>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMimeData>
#include <QPainter>

namespace Car {

RuleListView::RuleListView(QWidget *parent)
    : QTableView(parent)
{
    setObjectName(QStringLiteral("ruleListView"));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::InternalMove);
    setDefaultDropAction(Qt::MoveAction);
    setDragDropOverwriteMode(false);
    setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    setShowGrid(false);
    setWordWrap(false);
    setAlternatingRowColors(true);
    setTabKeyNavigation(false);
    setItemDelegate(new RuleListDelegate(this));
    verticalHeader()->setVisible(false);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionsMovable(false);
}

void RuleListView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    QHeaderView *header = horizontalHeader();
    const QList<int> order = RuleListModel::visualOrder();
    for (int visual = 0; visual < order.size(); ++visual)
        header->moveSection(header->visualIndex(order.at(visual)), visual);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    header->resizeSection(RuleListModel::PriorityColumn, digit * 4);
    header->resizeSection(RuleListModel::EnabledColumn, digit * 5);
    header->resizeSection(RuleListModel::ActionColumn, digit * 10);
    header->resizeSection(RuleListModel::NameColumn, digit * 30);
    header->setSectionResizeMode(RuleListModel::PriorityColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(RuleListModel::EnabledColumn, QHeaderView::Fixed);
    if (selectionModel()) {
        connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                &RuleListView::onCurrentChanged);
        connect(selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &RuleListView::onCurrentChanged);
    }
}

QUuid RuleListView::currentRuleId() const
{
    if (!selectionModel())
        return {};
    const QModelIndexList rows = selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(RuleListModel::RuleIdRole).toUuid();
}

void RuleListView::selectRule(const QUuid &id)
{
    if (!model())
        return;
    for (int row = 0; row < model()->rowCount(); ++row) {
        const QModelIndex index = model()->index(row, RuleListModel::NameColumn);
        if (index.data(RuleListModel::RuleIdRole).toUuid() == id) {
            selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            scrollTo(index);
            return;
        }
    }
}

void RuleListView::startDrag(Qt::DropActions supportedActions)
{
    Q_UNUSED(supportedActions)
    const QModelIndexList rows = selectionModel()->selectedRows();
    if (rows.size() != 1)
        return;
    QMimeData *data = model()->mimeData(rows);
    if (!data)
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(data);
    // The dragged row as the drag image.
    QRect rect;
    for (int column = 0; column < model()->columnCount(); ++column)
        rect |= visualRect(model()->index(rows.first().row(), column));
    rect &= viewport()->rect();
    if (!rect.isEmpty()) {
        QPixmap image = viewport()->grab(rect);
        QPainter painter(&image);
        painter.setPen(palette().color(QPalette::Highlight));
        painter.drawRect(image.rect().adjusted(0, 0, -1, -1));
        painter.end();
        drag->setPixmap(image);
        drag->setHotSpot(viewport()->mapFromGlobal(QCursor::pos()) - rect.topLeft());
    }
    // The model moved the rule in dropMimeData; nothing to remove here, whatever exec returns.
    drag->exec(Qt::MoveAction, Qt::MoveAction);
}

void RuleListView::onCurrentChanged()
{
    emit currentRuleChanged(currentRuleId());
}

} // namespace Car
