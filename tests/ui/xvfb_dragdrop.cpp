// A real mouse drag of a rule row, under Xvfb with the xcb platform (offscreen cancels every
// QDrag). The final move and the release are queued before the move that starts the drag,
// because QDrag::exec runs its own event loop (see qt-notes.md). Checks the new order on screen
// and in the database, and that the dragged row was not deleted.

#include "demoworkspace.h"
#include "lockoutguarddialog.h"
#include "mainwindow.h"
#include "rulelistmodel.h"
#include "rulelistview.h"
#include "sqliteworkspacestore.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

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

} // namespace

class TestDragDropXvfb : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dragRowToTheTop();

private:
    QTemporaryDir m_dir;
};

void TestDragDropXvfb::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("CarConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("xvfb_dragdrop"));
    setLockoutAsker([](const LockoutQuestion &, QWidget *) { return LockoutAnswer::Cancel; });
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs a real X server: run under xvfb-run with QT_QPA_PLATFORM=xcb");
}

void TestDragDropXvfb::dragRowToTheTop()
{
    const QString path = m_dir.filePath(QStringLiteral("drag.carws"));
    QString error;
    {
        std::unique_ptr<RuleStore> store = openStore(path, &error);
        QVERIFY2(store, qPrintable(error));
        const WorkspaceData demo = makeDemoWorkspace();
        QVERIFY(store->saveRuleSet(demo.ruleSet, {}, u"test"_qs));
        QVERIFY(store->saveDirectory(demo.directory));
        QVERIFY(store->saveAdmin(demo.admin));
    }
    const QStringList before = namesInDatabase(path);
    QCOMPARE(before.size(), 3);

    MainWindow window(openStore);
    QVERIFY2(window.openWorkspace(path, &error), qPrintable(error));
    window.resize(1200, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window)); // no window manager: never "active"

    RuleListView *view = window.ruleListView();
    QWidget *viewport = view->viewport();
    QAbstractItemModel *model = view->model();
    const QRect source = view->visualRect(model->index(2, RuleListModel::NameColumn));
    const QRect top = view->visualRect(model->index(0, RuleListModel::NameColumn));
    const QPoint start = source.center();
    const QPoint drop(top.center().x(), top.top() + 3); // upper edge of row 1: above it

    QTest::mousePress(viewport, Qt::LeftButton, {}, start);
    // Queued first: once a move starts the drag, QDrag::exec runs its own loop until the
    // release, and only events queued before get there.
    bool released = false;
    QTimer::singleShot(300, viewport, [&] { QTest::mouseMove(viewport, drop + QPoint(0, 4)); });
    QTimer::singleShot(500, viewport, [&] { QTest::mouseMove(viewport, drop); });
    QTimer::singleShot(700, viewport, [&] {
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, drop);
        released = true;
    });
    // These moves pass the drag distance: startDrag -> QDrag::exec, which returns on release.
    QTest::mouseMove(viewport, start - QPoint(0, 3));
    QTest::mouseMove(viewport, start - QPoint(0, QApplication::startDragDistance() + 8));
    QTRY_VERIFY(released);

    const QStringList expected {before.at(2), before.at(0), before.at(1)};
    QTRY_COMPARE(model->rowCount(), 3); // the dragged row was moved, not deleted
    QStringList onScreen;
    for (int row = 0; row < model->rowCount(); ++row)
        onScreen << model->index(row, RuleListModel::NameColumn).data().toString();
    QCOMPARE(onScreen, expected);
    // Row 1 is painted at the top of the list.
    QVERIFY(view->visualRect(model->index(0, RuleListModel::NameColumn)).top()
            < view->visualRect(model->index(1, RuleListModel::NameColumn)).top());
    QCOMPARE(model->index(0, RuleListModel::PriorityColumn).data().toInt(), 1);
    QCOMPARE(namesInDatabase(path), expected);
    QCOMPARE(window.document()->undoStack()->count(), 1);
    QCOMPARE(view->currentRuleId(), window.document()->ruleSet().at(0).id);
}

QTEST_MAIN(TestDragDropXvfb)
#include "xvfb_dragdrop.moc"
