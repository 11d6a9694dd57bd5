#include "featuredocks.h"

#include "analysisscheduler.h"
#include "coveragematrixview.h"
#include "problemspanel.h"
#include "replayview.h"
#include "rulelistmodel.h"
#include "rulesetdocument.h"
#include "savedtestsview.h"
#include "savetestdialog.h"
#include "snapshotsdialog.h"
#include "testconnectionpanel.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>

namespace Car {

FeatureDocks::FeatureDocks(QMainWindow *window, RuleSetDocument *document,
                           TestConnectionPanel *testPanel, QDockWidget *testDock,
                           RuleListModel *ruleModel, QMenu *viewMenu, QMenu *toolsMenu)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_testPanel(testPanel)
    , m_testDock(testDock)
    , m_ruleModel(ruleModel)
{
    m_problems = new ProblemsPanel(document, window);
    m_tests = new SavedTestsView(document, window);
    m_coverage = new CoverageMatrixView(document, window);
    m_replay = new ReplayView(document, window);
    m_problemsDock = addDock(m_problems, tr("Problems"), "problemsDock");
    m_testsDock = addDock(m_tests, tr("Tests"), "savedTestsDock");
    m_coverageDock = addDock(m_coverage, tr("Coverage"), "coverageDock");
    m_replayDock = addDock(m_replay, tr("Replay"), "replayDock");
    window->tabifyDockWidget(m_problemsDock, m_testsDock);
    window->tabifyDockWidget(m_testsDock, m_coverageDock);
    window->tabifyDockWidget(m_coverageDock, m_replayDock);
    m_problemsDock->raise();
    window->resizeDocks({m_problemsDock}, {260}, Qt::Vertical);

    const QList<QPair<QDockWidget *, QKeySequence>> toggles {
        {m_problemsDock, QKeySequence(Qt::CTRL | Qt::Key_1)},
        {m_testsDock, QKeySequence(Qt::CTRL | Qt::Key_2)},
        {m_coverageDock, QKeySequence(Qt::CTRL | Qt::Key_3)},
        {m_replayDock, QKeySequence(Qt::CTRL | Qt::Key_4)},
    };
    viewMenu->addSeparator();
    for (const auto &[dock, shortcut] : toggles) {
        QAction *toggle = dock->toggleViewAction();
        toggle->setShortcut(shortcut);
        viewMenu->addAction(toggle);
    }

    const auto make = [this, toolsMenu](const QString &text, const char *name,
                                        const QKeySequence &shortcut) {
        auto *action = new QAction(text, m_window);
        action->setObjectName(QLatin1String(name));
        action->setShortcut(shortcut);
        toolsMenu->addAction(action);
        m_window->addAction(action);
        m_actions << action;
        return action;
    };
    QAction *snapshots = make(tr("&Snapshots\u2026"), "actionSnapshots",
                              QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    QAction *saveTest = make(tr("Save Test Connection as &Test\u2026"), "actionSaveTest",
                             QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_T));
    QAction *replay = make(tr("&Replay Connections\u2026"), "actionReplay",
                           QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R));
    connect(snapshots, &QAction::triggered, this, &FeatureDocks::showSnapshots);
    connect(saveTest, &QAction::triggered, this, &FeatureDocks::saveCurrentTest);
    connect(replay, &QAction::triggered, this, [this] {
        m_replayDock->show();
        m_replayDock->raise();
        m_replay->openDialog();
    });

    connect(testPanel, &TestConnectionPanel::saveTestRequested, this,
            &FeatureDocks::saveCurrentTest);
    connect(m_problems, &ProblemsPanel::testWitnessRequested, this, &FeatureDocks::testWitness);
    connect(m_problems, &ProblemsPanel::ruleActivated, this, &FeatureDocks::ruleActivated);
    connect(m_problems->scheduler(), &AnalysisScheduler::finished, this, [this] {
        m_ruleModel->setAnalysis(m_problems->scheduler()->result().findings,
                                 m_problems->scheduler()->analysedRules());
    });
    connect(m_tests, &SavedTestsView::testConnectionRequested, this, &FeatureDocks::testSavedTest);
    connect(m_coverage, &CoverageMatrixView::testConnectionRequested, this,
            [this](const QString &user, Protocol protocol, AuthenticationType type,
                   const QString &address, int port, bool middleTier) {
                m_testPanel->setConnection(user, protocol, type, address, port, middleTier);
                showTestPanel();
            });
    connect(m_replay, &ReplayView::testConnectionRequested, this,
            [this](const QString &user, Protocol protocol, AuthenticationType type,
                   const QString &address, int port, bool middleTier) {
                m_testPanel->setConnection(user, protocol, type, address, port, middleTier);
                showTestPanel();
            });
}

FeatureDocks::~FeatureDocks()
{
    qDeleteAll(m_actions);
    delete m_snapshots;
    delete m_problemsDock;
    delete m_testsDock;
    delete m_coverageDock;
    delete m_replayDock;
}

QDockWidget *FeatureDocks::addDock(QWidget *widget, const QString &title, const char *name)
{
    auto *dock = new QDockWidget(title, m_window);
    dock->setObjectName(QLatin1String(name));
    dock->setWidget(widget);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    return dock;
}

void FeatureDocks::showTestPanel()
{
    m_testDock->show();
    m_testDock->raise();
}

void FeatureDocks::testWitness(const Witness &witness, const QString &note)
{
    m_testPanel->setConnection(witness.user, witness.protocol, witness.authenticationType,
                               witness.address.toString(), witness.port, witness.middleTier);
    m_testPanel->setNote(note);
    showTestPanel();
}

void FeatureDocks::testSavedTest(const SavedTest &test)
{
    m_testPanel->setConnection(test.user, test.protocol, test.authenticationType,
                               test.address.toString(), test.port, test.middleTier);
    m_testPanel->setNote(tr("Saved test '%1' expects %2.").arg(test.name, test.expectationText()));
    showTestPanel();
}

void FeatureDocks::saveCurrentTest()
{
    if (!m_testPanel->hasVerdict()) {
        emit message(tr("The Test connection panel has no verdict to save."));
        return;
    }
    QStringList names;
    for (const SavedTest &test : m_document->savedTests())
        names << test.name;
    SaveTestDialog dialog(m_testPanel->currentTest(), m_document->ruleSet(), names, m_window);
    const bool accepted =
        m_runSaveTestDialog ? m_runSaveTestDialog(dialog) : dialog.exec() == QDialog::Accepted;
    if (!accepted)
        return;
    const SavedTest test = dialog.test();
    const StoreResult result = m_document->saveSavedTest(test);
    if (!result) {
        QMessageBox::warning(m_window, tr("Save as Test"), result.error);
        return;
    }
    m_testsDock->show();
    m_testsDock->raise();
    emit message(tr("Saved test '%1'.").arg(test.name));
}

SnapshotsDialog *FeatureDocks::snapshotsDialog()
{
    if (!m_snapshots)
        m_snapshots = new SnapshotsDialog(m_document, m_window);
    return m_snapshots;
}

void FeatureDocks::showSnapshots()
{
    SnapshotsDialog *dialog = snapshotsDialog();
    dialog->refresh();
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

} // namespace Car
