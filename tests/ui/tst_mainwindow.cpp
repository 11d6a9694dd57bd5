// The assembled window over a real SQLite workspace: reordering through the model's drop path
// with undo and redo from the Edit menu (the database follows every step), the keyboard moves,
// and reopening the file shows exactly what was on screen.

#include "cmdletwriter.h"
#include "demoworkspace.h"
#include "lockoutguarddialog.h"
#include "mainwindow.h"
#include "rulelistmodel.h"
#include "rulelistview.h"
#include "rulesetdocument.h"
#include "sqliteworkspacestore.h"

#include <QAction>
#include <QLabel>
#include <QMimeData>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Car;

namespace {

std::unique_ptr<RuleStore> openStore(const QString &path, QString *error)
{
    SqliteWorkspaceStore::OpenResult opened = SqliteWorkspaceStore::open(path);
    if (!opened) {
        *error = opened.error;
        return nullptr;
    }
    return std::move(opened.store);
}

QStringList namesInDatabase(const QString &path)
{
    QString error;
    std::unique_ptr<RuleStore> store = openStore(path, &error);
    WorkspaceData data;
    if (!store || !store->load(data))
        return {u"<cannot read: "_qs + error + u'>'};
    QStringList names;
    for (const Rule &rule : data.ruleSet.rules())
        names << rule.name;
    return names;
}

QStringList namesOnScreen(const QAbstractItemModel *model)
{
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, RuleListModel::NameColumn).data().toString();
    return names;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void dropReordersWithUndoAndRedo();
    void keyboardMovesAndStatusBar();
    void reopeningShowsWhatWasOnScreen();

private:
    QAction *action(const char *name)
    {
        return m_window->findChild<QAction *>(QLatin1String(name));
    }
    void open();

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_dir.path()));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("CarConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    setLockoutAsker([](const LockoutQuestion &, QWidget *) { return LockoutAnswer::Cancel; });
}

void TestMainWindow::init()
{
    static int counter = 0;
    m_path = m_dir.filePath(u"workspace%1.carws"_qs.arg(++counter));
    QString error;
    std::unique_ptr<RuleStore> store = openStore(m_path, &error);
    QVERIFY2(store, qPrintable(error));
    const WorkspaceData demo = makeDemoWorkspace();
    QVERIFY(store->saveRuleSet(demo.ruleSet, {}, u"test"_qs));
    QVERIFY(store->saveDirectory(demo.directory));
    QVERIFY(store->saveAdmin(demo.admin));
    store.reset();
    open();
}

void TestMainWindow::open()
{
    m_window = std::make_unique<MainWindow>(openStore);
    QString error;
    QVERIFY2(m_window->openWorkspace(m_path, &error), qPrintable(error));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
}

void TestMainWindow::dropReordersWithUndoAndRedo()
{
    const QStringList original = namesInDatabase(m_path);
    QCOMPARE(namesOnScreen(m_window->ruleListView()->model()), original);
    QAbstractItemModel *model = m_window->ruleListView()->model(); // the filter proxy
    std::unique_ptr<QMimeData> payload(model->mimeData({model->index(2, 0)}));
    QVERIFY(model->dropMimeData(payload.get(), Qt::MoveAction, 0, 0, {}));

    const QStringList moved {original.at(2), original.at(0), original.at(1)};
    QCOMPARE(namesOnScreen(model), moved);
    QCOMPARE(namesInDatabase(m_path), moved);
    QCOMPARE(action("actionUndo")->text(), u"&Undo Move '%1' to priority 1"_qs.arg(original.at(2)));

    action("actionUndo")->trigger();
    QCOMPARE(namesOnScreen(model), original);
    QCOMPARE(namesInDatabase(m_path), original);
    QVERIFY(action("actionRedo")->isEnabled());

    action("actionRedo")->trigger();
    QCOMPARE(namesOnScreen(model), moved);
    QCOMPARE(namesInDatabase(m_path), moved);

    // Each step is in the history as the cmdlet that does it.
    QList<HistoryEntry> history;
    QVERIFY(m_window->document()->store()->history(history));
    QCOMPARE(history.last().cmdlet, setPriorityLine(original.at(2), 1));
    QCOMPARE(history.at(history.size() - 2).cmdlet, setPriorityLine(original.at(2), 3));
}

void TestMainWindow::keyboardMovesAndStatusBar()
{
    auto *count = m_window->findChild<QLabel *>(QStringLiteral("ruleCountLabel"));
    QCOMPARE(count->text(), u"3 of 20 rules \u00b7 Exchange Online"_qs);
    RuleListView *view = m_window->ruleListView();
    view->setFocus();
    view->selectRule(m_window->document()->ruleSet().at(0).id);
    const QString first = m_window->document()->ruleSet().at(0).name;
    QTest::keyClick(view, Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE(namesInDatabase(m_path).at(1), first);
    QCOMPARE(view->currentRuleId(), m_window->document()->ruleSet().at(1).id);
    action("actionMoveBottom")->trigger();
    QCOMPARE(namesInDatabase(m_path).at(2), first);
    QVERIFY(!action("actionMoveDown")->isEnabled());
    action("actionMoveTop")->trigger();
    QCOMPARE(namesInDatabase(m_path).at(0), first);

    action("actionDuplicate")->trigger();
    QCOMPARE(namesInDatabase(m_path).at(1), first + u" (copy)"_qs);
    QCOMPARE(count->text(), u"4 of 20 rules \u00b7 Exchange Online"_qs);
    action("actionDelete")->trigger();
    QCOMPARE(namesInDatabase(m_path).size(), 3);
}

void TestMainWindow::reopeningShowsWhatWasOnScreen()
{
    RuleListView *view = m_window->ruleListView();
    QAbstractItemModel *model = view->model();
    // A reorder, a toggle in the list and a rename in the list, each written at once.
    std::unique_ptr<QMimeData> payload(model->mimeData({model->index(0, 0)}));
    QVERIFY(model->dropMimeData(payload.get(), Qt::MoveAction, 3, 0, {}));
    // (Enabling the MGMT rule would deny the administrator the admin center: the guard asks.)
    QVERIFY(!model->setData(model->index(0, RuleListModel::EnabledColumn), Qt::Checked,
                            Qt::CheckStateRole));
    QVERIFY(model->setData(model->index(1, RuleListModel::EnabledColumn), Qt::Unchecked,
                           Qt::CheckStateRole));
    QVERIFY(model->setData(model->index(1, RuleListModel::NameColumn), u"EAC for IT only"_qs));

    QStringList shown = namesOnScreen(model);
    QList<bool> enabled;
    QStringList summaries;
    for (int row = 0; row < model->rowCount(); ++row) {
        enabled << (model->index(row, RuleListModel::EnabledColumn)
                        .data(Qt::CheckStateRole)
                        .value<Qt::CheckState>()
                    == Qt::Checked);
        summaries << model->index(row, RuleListModel::SummaryColumn).data().toString();
    }
    m_window.reset(); // quit

    open();
    model = m_window->ruleListView()->model();
    QCOMPARE(namesOnScreen(model), shown);
    for (int row = 0; row < model->rowCount(); ++row) {
        QCOMPARE(model->index(row, RuleListModel::EnabledColumn)
                         .data(Qt::CheckStateRole)
                         .value<Qt::CheckState>()
                     == Qt::Checked,
                 enabled.at(row));
        QCOMPARE(model->index(row, RuleListModel::SummaryColumn).data().toString(),
                 summaries.at(row));
    }
    QCOMPARE(m_window->document()->undoStack()->count(), 0); // a fresh session
    QCOMPARE(m_window->document()->directory().size(), makeDemoWorkspace().directory.size());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
