#pragma once

#include <QObject>

#include <functional>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace Car {

class CoverageMatrixView;
class ProblemsPanel;
class ReplayView;
class RuleListModel;
class RuleSetDocument;
class SaveTestDialog;
class SavedTestsView;
class SnapshotsDialog;
class TestConnectionPanel;
struct SavedTest;
struct Witness;

/// The analysis and replay features of the console window (issues 4 and 5), assembled over one
/// document: the Problems, Tests, Coverage and Replay docks (bottom area, tabbed), the Tools
/// menu (Snapshots, Replay, Save as Test), and the wiring that sends their connections to the
/// Test connection panel and the analysis findings to the rule list's badges. Created by
/// MainWindow for each document and deleted before it.
class FeatureDocks : public QObject
{
    Q_OBJECT

public:
    FeatureDocks(QMainWindow *window, RuleSetDocument *document, TestConnectionPanel *testPanel,
                 QDockWidget *testDock, RuleListModel *ruleModel, QMenu *viewMenu,
                 QMenu *toolsMenu);
    ~FeatureDocks() override;

    ProblemsPanel *problemsPanel() const { return m_problems; }
    SavedTestsView *savedTestsView() const { return m_tests; }
    CoverageMatrixView *coverageView() const { return m_coverage; }
    ReplayView *replayView() const { return m_replay; }
    QDockWidget *problemsDock() const { return m_problemsDock; }
    /// The Snapshots dialog (created on first use).
    SnapshotsDialog *snapshotsDialog();

    /// Seam for tests: runs the Save as Test dialog; true when it was accepted (default: exec()).
    void setSaveTestDialogRunner(std::function<bool(SaveTestDialog &)> runner)
    {
        m_runSaveTestDialog = std::move(runner);
    }

public slots:
    /// Asks for a name and expectation for the Test panel's connection and saves it.
    void saveCurrentTest();
    void showSnapshots();
    void testWitness(const Car::Witness &witness, const QString &note);
    void testSavedTest(const Car::SavedTest &test);

signals:
    /// Select this rule in the rule list.
    void ruleActivated(int ruleIndex);
    /// A message for the status bar.
    void message(const QString &text);

private:
    QDockWidget *addDock(QWidget *widget, const QString &title, const char *name);
    void showTestPanel();

    QMainWindow *m_window;
    RuleSetDocument *m_document;
    TestConnectionPanel *m_testPanel;
    QDockWidget *m_testDock;
    RuleListModel *m_ruleModel;
    ProblemsPanel *m_problems = nullptr;
    SavedTestsView *m_tests = nullptr;
    CoverageMatrixView *m_coverage = nullptr;
    ReplayView *m_replay = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    QDockWidget *m_testsDock = nullptr;
    QDockWidget *m_coverageDock = nullptr;
    QDockWidget *m_replayDock = nullptr;
    SnapshotsDialog *m_snapshots = nullptr;
    QList<QAction *> m_actions;
    std::function<bool(SaveTestDialog &)> m_runSaveTestDialog;
};

} // namespace Car
