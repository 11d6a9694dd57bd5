#pragma once

#include "savedtest.h"

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTreeView;

namespace Car {

class RuleSetDocument;
class SavedTestModel;

/// The Tests view (issue 5): every saved test with pass or fail, re-run after each edit; failing
/// ones highlighted and counted in the summary line. Open a test in the Test connection panel,
/// or remove it.
class SavedTestsView : public QWidget
{
    Q_OBJECT

public:
    explicit SavedTestsView(RuleSetDocument *document, QWidget *parent = nullptr);

    SavedTestModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QString summary() const;

    /// Seam for tests: how removal is confirmed (default: a question box).
    void setConfirm(std::function<bool(const QString &question)> confirm)
    {
        m_confirm = std::move(confirm);
    }

public slots:
    void openCurrent();
    void removeCurrent();

signals:
    void testConnectionRequested(const Car::SavedTest &test);

private:
    void updateSummary();
    void updateButtons();
    int currentRow() const;

    RuleSetDocument *m_document;
    SavedTestModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_remove = nullptr;
    std::function<bool(const QString &)> m_confirm;
};

} // namespace Car
