#include "checklisteditor.h"

#include "semanticcolor.h"

#include <QStyle>

namespace Car {

namespace {
constexpr int ReasonRole = Qt::UserRole + 1;
constexpr int BaseToolTipRole = Qt::UserRole + 2;
} // namespace

CheckListEditor::CheckListEditor(QWidget *parent)
    : QListWidget(parent)
{
    setFlow(QListView::TopToBottom);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    connect(this, &QListWidget::itemChanged, this, &CheckListEditor::onItemChanged);
}

void CheckListEditor::addValue(int value, const QString &text, const QString &toolTip)
{
    m_updating = true;
    auto *item = new QListWidgetItem(text, this);
    item->setData(Qt::UserRole, value);
    item->setData(BaseToolTipRole, toolTip);
    item->setToolTip(toolTip);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Unchecked);
    m_updating = false;
    // Columns as wide as the widest entry, so no name is cut.
    const int indicator = style()->pixelMetric(QStyle::PM_IndicatorWidth) + 14;
    int widest = 0;
    for (int row = 0; row < count(); ++row)
        widest = qMax(widest, fontMetrics().horizontalAdvance(this->item(row)->text()));
    setGridSize(QSize(widest + indicator + 12, fontMetrics().height() + 6));
}

QListWidgetItem *CheckListEditor::itemForValue(int value) const
{
    for (int row = 0; row < count(); ++row) {
        if (item(row)->data(Qt::UserRole).toInt() == value)
            return item(row);
    }
    return nullptr;
}

QList<int> CheckListEditor::checkedValues() const
{
    QList<int> values;
    for (int row = 0; row < count(); ++row) {
        if (item(row)->checkState() == Qt::Checked)
            values << item(row)->data(Qt::UserRole).toInt();
    }
    return values;
}

void CheckListEditor::setCheckedValues(const QList<int> &values)
{
    m_updating = true;
    for (int row = 0; row < count(); ++row) {
        QListWidgetItem *it = item(row);
        it->setCheckState(values.contains(it->data(Qt::UserRole).toInt()) ? Qt::Checked
                                                                          : Qt::Unchecked);
    }
    m_updating = false;
}

void CheckListEditor::setValueAvailable(int value, bool available, const QString &reason)
{
    QListWidgetItem *it = itemForValue(value);
    if (!it)
        return;
    m_updating = true;
    it->setData(ReasonRole, available ? QString() : reason);
    const bool checked = it->checkState() == Qt::Checked;
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
    if (available || checked)
        flags |= Qt::ItemIsEnabled;
    it->setFlags(flags);
    const QString base = it->data(BaseToolTipRole).toString();
    it->setToolTip(available ? base : reason);
    it->setIcon(!available && checked ? consoleIcon("warning") : QIcon());
    m_updating = false;
}

bool CheckListEditor::isValueAvailable(int value) const
{
    QListWidgetItem *it = itemForValue(value);
    return it && it->data(ReasonRole).toString().isEmpty();
}

QSize CheckListEditor::sizeHint() const
{
    // Room for every entry in two columns; wider panes use more columns and leave space.
    const int rows = (count() + 1) / 2;
    return {2 * gridSize().width() + 2 * frameWidth(),
            rows * gridSize().height() + 2 * frameWidth() + 4};
}

void CheckListEditor::onItemChanged(QListWidgetItem *item)
{
    Q_UNUSED(item)
    if (!m_updating)
        emit edited();
}

} // namespace Car
