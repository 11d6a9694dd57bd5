#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace Car {

/// Narrows the rule list by name or content: every word of the filter text must occur in the
/// rule's name or one of its values (RuleListModel::SearchTextRole), ignoring case. Keeps the
/// source's priority order (never sorts).
class RuleFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit RuleFilterProxyModel(QObject *parent = nullptr);

    QString filterText() const { return m_words.join(u' '); }

public slots:
    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_words;
};

} // namespace Car
