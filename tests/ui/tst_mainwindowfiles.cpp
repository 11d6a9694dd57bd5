// The window's file habits: Import and Export (PowerShell script and JSON) driven through the
// File menu with the file dialog answered by a seam, the rule list's column widths kept in
// QSettings, Open Recent not offering files that no longer exist, and File > Open and Open Recent
// opening a workspace that cannot be written read-only with the read-only notice, as start-up does
// (real workspace files, opened through WorkspaceStarter as carconsole does).

#include "filebytes.h"
#include "sqliteopener.h"
#include "demoworkspace.h"
#include "fakerulestore.h"
#include "lockoutguarddialog.h"
#include "mainwindow.h"
#include "readonlynotice.h"
#include "rulelistmodel.h"
#include "rulelistview.h"
#include "rulesetdocument.h"
#include "sqliteworkspacestore.h"
#include "workspacestarter.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

using CarTest::bytesOf;
using CarTest::writeBytes;

QStringList ruleNames(const RuleSet &rules)
{
    QStringList names;
    for (const Rule &rule : rules.rules())
        names << rule.name;
    return names;
}

/// The rules without their ids (ids are workspace-internal and not exported).
QList<Rule> withoutIds(const RuleSet &rules)
{
    QList<Rule> list = rules.rules();
    for (Rule &rule : list)
        rule.id = QUuid();
    return list;
}

/// A real workspace file holding one rule called `name`.
bool makeWorkspace(const QString &path, const QString &name)
{
    auto opened = SqliteWorkspaceStore::open(path);
    if (!opened)
        return false;
    Rule rule;
    rule.name = name;
    rule.action = Action::DenyAccess;
    rule.anyOfProtocols = {Protocol::ExchangeActiveSync};
    RuleSet rules;
    return rules.insertRule(rule).ok
        && opened.store->saveRuleSet(rules, {}, QStringLiteral("test")).ok;
}

bool makeReadOnly(const QString &path)
{
    // The permission bits decide, for root too (see ReadOnlyNotice::canWrite()).
    return QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
}

} // namespace

class TestMainWindowFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void exportAndImport_data();
    void exportAndImport();
    void exportAddsTheChosenExtension_data();
    void exportAddsTheChosenExtension();
    void importErrorSaysWhere();
    void cancelledDialogChangesNothing();
    void columnWidthsKeptInSettings();
    void openRecentHidesMissingFiles();
    void openFromMenuLikeStartUp_data();
    void openFromMenuLikeStartUp();
    void readOnlyAndTooOldSaysWhy();

private:
    /// A window started by WorkspaceStarter (as carconsole starts) on a new writable workspace.
    void startOnRealWorkspace(const QString &folder);
    void open(const WorkspaceData &data);
    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QLatin1String(name));
    }
    /// Answers the next file dialog with `path` (and `filter` as the chosen filter).
    void answerDialog(const QString &path, const QString &filter = QString());

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    QStringList m_captions;
    /// Closes any message box the window shows and keeps its text, so that a workspace that
    /// fails to open fails the test instead of waiting for a click.
    QTimer m_boxCloser;
    QStringList m_messageBoxes;
};

void TestMainWindowFiles::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(u"CarConsoleTests"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindowfiles"_s);
    setLockoutAsker([](const LockoutQuestion &, QWidget *) { return LockoutAnswer::ApplyAnyway; });
    m_boxCloser.setInterval(10);
    connect(&m_boxCloser, &QTimer::timeout, this, [this] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            m_messageBoxes << box->text();
            box->reject();
        }
    });
}

void TestMainWindowFiles::init()
{
    QSettings().clear();
    m_captions.clear();
    m_messageBoxes.clear();
    open(makeDemoWorkspace());
}

void TestMainWindowFiles::cleanup()
{
    m_boxCloser.stop();
    m_window.reset();
}

void TestMainWindowFiles::open(const WorkspaceData &data)
{
    m_window = std::make_unique<MainWindow>(StoreFactory());
    QVERIFY(m_window->setStore(std::make_unique<FakeRuleStore>(data), QString()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindowFiles::answerDialog(const QString &path, const QString &filter)
{
    m_window->setFileDialog([this, path, filter](QWidget *, const QString &caption, const QString &,
                                                 const QString &, bool, QString *selected) {
        m_captions << caption;
        if (selected && !filter.isEmpty())
            *selected = filter;
        return path;
    });
}

void TestMainWindowFiles::exportAndImport_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("PowerShell script: New-ClientAccessRule lines") << u"rules.ps1"_s;
    QTest::newRow("JSON export: the whole rule set") << u"rules.json"_s;
}

void TestMainWindowFiles::exportAndImport()
{
    QFETCH(QString, file);
    const QString path = m_dir.filePath(file);
    const RuleSet original = m_window->document()->ruleSet();

    answerDialog(path);
    action("actionExport")->trigger();
    QCOMPARE(m_captions, QStringList {u"Export Rules"_s});
    QFile exported(path);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(exported.readAll());
    for (const Rule &rule : original.rules())
        QVERIFY2(text.contains(rule.name), qPrintable(rule.name));
    if (file.endsWith(u".ps1"_s))
        QCOMPARE(text.count(u"New-ClientAccessRule"_s), original.size());

    // Into a workspace without rules: the import recreates them, as one undo step.
    WorkspaceData empty = makeDemoWorkspace();
    empty.ruleSet = RuleSet();
    empty.ruleSet.setEnvironment(original.environment());
    empty.ruleSet.setNetbiosDomain(original.netbiosDomain());
    open(empty);
    answerDialog(path);
    action("actionImport")->trigger();
    RuleSetDocument *document = m_window->document();
    QCOMPARE(ruleNames(document->ruleSet()), ruleNames(original));
    QVERIFY(withoutIds(document->ruleSet()) == withoutIds(original));
    QCOMPARE(m_window->ruleModel()->rowCount(), original.size());
    auto *store = static_cast<FakeRuleStore *>(document->store());
    QCOMPARE(ruleNames(store->data().ruleSet), ruleNames(original));
    QVERIFY(document->undoStack()->canUndo());
    QVERIFY(action("actionUndo")->text().contains(u"Import"_s));
    action("actionUndo")->trigger();
    QCOMPARE(document->ruleSet().size(), 0);
}

void TestMainWindowFiles::exportAddsTheChosenExtension_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("expected");
    QTest::newRow("script filter") << u"PowerShell script (*.ps1)"_s << u"out.ps1"_s;
    QTest::newRow("JSON filter") << u"JSON (*.json)"_s << u"out.json"_s;
}

void TestMainWindowFiles::exportAddsTheChosenExtension()
{
    QFETCH(QString, filter);
    QFETCH(QString, expected);
    answerDialog(m_dir.filePath(u"out"_s), filter);
    action("actionExport")->trigger();
    QVERIFY(QFile::exists(m_dir.filePath(expected)));
    QVERIFY(QFile::remove(m_dir.filePath(expected)));
}

void TestMainWindowFiles::importErrorSaysWhere()
{
    const QString path = m_dir.filePath(u"broken.ps1"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("New-ClientAccessRule -Name 'ok' -Action DenyAccess -AnyOfProtocols POP3\n"
               "New-ClientAccessRule -Name 'bad' -Action DenyAccess -AnyOfProtocols Telnet\n");
    file.close();
    const RuleSet before = m_window->document()->ruleSet();
    QString error;
    QVERIFY(!m_window->importFile(path, &error));
    QVERIFY2(error.contains(u"broken.ps1:2:"_s) && error.contains(u"Telnet"_s), qPrintable(error));
    QVERIFY(m_window->document()->ruleSet() == before);
    QVERIFY(!m_window->importFile(m_dir.filePath(u"missing.json"_s), &error));
    QVERIFY(error.contains(u"missing.json"_s));
}

void TestMainWindowFiles::cancelledDialogChangesNothing()
{
    answerDialog(QString());
    const RuleSet before = m_window->document()->ruleSet();
    action("actionImport")->trigger();
    action("actionExport")->trigger();
    QCOMPARE(m_captions, (QStringList {u"Import Rules"_s, u"Export Rules"_s}));
    QVERIFY(m_window->document()->ruleSet() == before);
    QVERIFY(!m_window->document()->undoStack()->canUndo());
}

void TestMainWindowFiles::columnWidthsKeptInSettings()
{
    QHeaderView *header = m_window->ruleListView()->horizontalHeader();
    header->resizeSection(RuleListModel::NameColumn, 321);
    m_window->close();
    open(makeDemoWorkspace());
    QCOMPARE(m_window->ruleListView()->horizontalHeader()->sectionSize(RuleListModel::NameColumn),
             321);
    // Also across workspaces opened in the same window.
    m_window->ruleListView()->horizontalHeader()->resizeSection(RuleListModel::NameColumn, 250);
    QVERIFY(m_window->setStore(std::make_unique<FakeRuleStore>(makeDemoWorkspace()), QString()));
    QCOMPARE(m_window->ruleListView()->horizontalHeader()->sectionSize(RuleListModel::NameColumn),
             250);
}

void TestMainWindowFiles::openRecentHidesMissingFiles()
{
    const QString present = m_dir.filePath(u"present.carws"_s);
    QFile file(present);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString missing = m_dir.filePath(u"moved-away.carws"_s);
    QSettings().setValue(u"workspace/recent"_s, QStringList {missing, present});
    auto *menu = m_window->findChild<QMenu *>(u"recentMenu"_s);
    QVERIFY(menu);
    QMetaObject::invokeMethod(menu, "aboutToShow");
    QStringList shown;
    for (const QAction *entry : menu->actions())
        shown << entry->text();
    QCOMPARE(shown, QStringList {u"present.carws"_s});

    QVERIFY(QFile::remove(present));
    QMetaObject::invokeMethod(menu, "aboutToShow");
    QCOMPARE(menu->actions().size(), 1);
    QVERIFY(!menu->actions().first()->isEnabled());
    QCOMPARE(menu->actions().first()->text(), u"No recent workspaces"_s);
}

void TestMainWindowFiles::startOnRealWorkspace(const QString &folder)
{
    const QString start = folder + u"/start.carws"_s;
    QVERIFY(makeWorkspace(start, u"Start rule"_s));
    WorkspaceStarter starter(CarTest::openSqliteStore, &WorkspaceStarter::seedDemo,
                             {start, folder + u"/demo.carws"_s});
    m_window = std::make_unique<MainWindow>(starter.storeFactory());
    WorkspaceStarter::Request request;
    request.path = start;
    QCOMPARE(starter.start(*m_window, request), WorkspaceStarter::Outcome::Opened);
    QVERIFY(!m_window->findChild<ReadOnlyNotice *>());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindowFiles::openFromMenuLikeStartUp_data()
{
    QTest::addColumn<bool>("viaRecent");
    QTest::addColumn<bool>("readOnly");
    QTest::newRow("File > Open, read-only file: opens read-only with the notice (was an error)")
        << false << true;
    QTest::newRow("Open Recent, read-only file: the same") << true << true;
    QTest::newRow("File > Open, writable file: no notice, edits are saved") << false << false;
    QTest::newRow("Open Recent, writable file: the same") << true << false;
}

void TestMainWindowFiles::openFromMenuLikeStartUp()
{
    QFETCH(bool, viaRecent);
    QFETCH(bool, readOnly);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    startOnRealWorkspace(dir.path());
    const QString shared = dir.filePath(u"shared.carws"_s);
    QVERIFY(makeWorkspace(shared, u"Shared rule"_s));
    if (readOnly)
        QVERIFY(makeReadOnly(shared));
    const QByteArray before = bytesOf(shared);
    m_boxCloser.start();

    if (viaRecent) {
        QSettings().setValue(u"workspace/recent"_s, QStringList {shared});
        auto *menu = m_window->findChild<QMenu *>(u"recentMenu"_s);
        QVERIFY(menu);
        QMetaObject::invokeMethod(menu, "aboutToShow");
        QCOMPARE(menu->actions().size(), 1);
        QCOMPARE(menu->actions().first()->text(), u"shared.carws"_s);
        menu->actions().first()->trigger();
    } else {
        answerDialog(shared);
        action("actionOpen")->trigger();
        QCOMPARE(m_captions, QStringList {u"Open Workspace"_s});
    }
    QVERIFY2(m_messageBoxes.isEmpty(), qPrintable(m_messageBoxes.join(u'\n')));

    QCOMPARE(m_window->workspacePath(), shared);
    QCOMPARE(ruleNames(m_window->document()->ruleSet()), QStringList {u"Shared rule"_s});
    auto *notice = m_window->findChild<ReadOnlyNotice *>(u"readOnlyNotice"_s);
    QCOMPARE(notice != nullptr, readOnly);
    AdminSettings admin;
    admin.user = u"admin@contoso.com"_s;
    const StoreResult edit = m_window->document()->setAdmin(admin);
    if (readOnly) {
        QTRY_VERIFY(notice->isVisible());
        const QString text = notice->findChild<QLabel *>(u"readOnlyNoticeText"_s)->text();
        QVERIFY2(text.contains(u"read-only"_s) && text.contains(shared), qPrintable(text));
        QVERIFY(!edit);
        QVERIFY2(edit.error.contains(u"read-only"_s), qPrintable(edit.error));
        QCOMPARE(bytesOf(shared), before);
    } else {
        QVERIFY2(edit, qPrintable(edit.error));
    }

    // Opening another workspace takes the notice away.
    answerDialog(dir.filePath(u"start.carws"_s));
    action("actionOpen")->trigger();
    QCOMPARE(ruleNames(m_window->document()->ruleSet()), QStringList {u"Start rule"_s});
    QTRY_VERIFY(!m_window->findChild<ReadOnlyNotice *>());
}

void TestMainWindowFiles::readOnlyAndTooOldSaysWhy()
{
    // Read-only and of an older schema: neither a writable open (read-only) nor a read-only one
    // (needs an upgrade) can show it; the message says both, and the window keeps its workspace.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    startOnRealWorkspace(dir.path());
    const QString old = dir.filePath(u"old.carws"_s);
    QVERIFY(QFile::copy(QStringLiteral(CAR_TEST_DATA_DIR "/storage/workspace-v1.carws"), old));
    QVERIFY(makeReadOnly(old));
    const QByteArray before = bytesOf(old);
    QString error;
    QVERIFY(!m_window->openWorkspace(old, &error));
    QVERIFY2(error.contains(old) && error.contains(u"read-only"_s) && error.contains(u"upgrade"_s),
             qPrintable(error));
    QCOMPARE(m_window->workspacePath(), dir.filePath(u"start.carws"_s));
    QVERIFY(!m_window->findChild<ReadOnlyNotice *>());
    QCOMPARE(bytesOf(old), before);
}

QTEST_MAIN(TestMainWindowFiles)
#include "tst_mainwindowfiles.moc"
