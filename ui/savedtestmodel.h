#pragma once

#include "savedtestrunner.h"

#include <QAbstractTableModel>

namespace Car {

class RuleSetDocument;

/// The document's saved tests and their results, re-run with the document's one Evaluator
/// whenever the rules, the directory or the tests change (each run is a few microseconds per
/// test). Failing rows carry a deny tint and a bold font.
class SavedTestModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { StatusColumn, NameColumn, ConnectionColumn, ExpectedColumn, ActualColumn };
    static constexpr int ColumnCount = 5;
    enum Role { PassedRole = Qt::UserRole + 1 };

    explicit SavedTestModel(RuleSetDocument *document, QObject *parent = nullptr);

    const QList<SavedTestResult> &results() const { return m_results; }
    int failureCount() const { return SavedTestRunner::failureCount(m_results); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// "julia@contoso.com · ExchangeActiveSync · Basic · 203.0.113.10:443".
    static QString connectionText(const SavedTest &test);

public slots:
    void rerun();

signals:
    /// After every run.
    void resultsChanged();

private:
    RuleSetDocument *m_document;
    QList<SavedTestResult> m_results;
};

} // namespace Car
