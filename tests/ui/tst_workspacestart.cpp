// Start-up on a workspace that cannot be opened (issue 6): the console still starts. The problem
// dialog names the file and the cause and says the file was not changed; "Open Another" with a
// good workspace ends in the window showing its rules, "Quit" ends start-up with no workspace, and
// a second bad choice shows the dialog again. The workspace files are real (SqliteWorkspaceStore,
// as carconsole uses it); only the dialog's modal loop and file dialogs are answered by seams.

#include "filebytes.h"
#include "sqliteopener.h"
#include "smalldisk.h"
#include "mainwindow.h"
#include "readonlynotice.h"
#include "rulefilterproxymodel.h"
#include "rulelistmodel.h"
#include "rulesetdocument.h"
#include "sqliteworkspacestore.h"
#include "workspaceproblemdialog.h"
#include "workspacestarter.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace Car;

namespace {

using CarTest::bytesOf;
using CarTest::writeBytes;

enum class Damage {
    ZeroLength,
    Truncated,
    RandomBytes,
    ForeignDatabase,
    NewerSchema,
    ReadOnlyOldSchema,
    FullDiskExisting,
    FullDiskFirstRun,
};

/// A real workspace holding one rule called `ruleName` (and `users` directory users).
bool makeWorkspace(const QString &path, const QString &ruleName, int users = 0)
{
    auto opened = SqliteWorkspaceStore::open(path);
    if (!opened)
        return false;
    WorkspaceData data;
    Rule rule;
    rule.name = ruleName;
    rule.action = Action::DenyAccess;
    rule.anyOfProtocols = {Protocol::ExchangeActiveSync};
    if (!data.ruleSet.insertRule(rule).ok)
        return false;
    for (int n = 0; n < users; ++n) {
        DirectoryUser user;
        user.userPrincipalName = QStringLiteral("user%1@contoso.com").arg(n);
        user.displayName = QStringLiteral("User number %1").arg(n);
        data.directory.addUser(user);
    }
    return opened.store->saveRuleSet(data.ruleSet, {}, QStringLiteral("test")).ok
        && opened.store->saveDirectory(data.directory).ok;
}

QStringList shownRuleNames(const MainWindow &window)
{
    QStringList names;
    const QAbstractItemModel *model = window.filterModel();
    for (int row = 0; model && row < model->rowCount(); ++row)
        names << model->index(row, RuleListModel::NameColumn).data().toString();
    return names;
}

QString labelText(const QDialog &dialog, const char *name)
{
    const auto *label = dialog.findChild<QLabel *>(QLatin1String(name));
    return label && !label->isHidden() ? label->text() : QString();
}

/// What the dialog showed, for checks after start() returned.
struct Shown
{
    QString path;
    QString headline;
    QString pathLabel;
    QString cause;
    QString hint;
    QString fileState;
    QByteArray bytesWhileShown;
};

} // namespace

class TestWorkspaceStart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void damagedWorkspaceGivesDialogThenOpenAnother_data();
    void damagedWorkspaceGivesDialogThenOpenAnother();
    void quitEndsStartUpWithoutWorkspace();
    void anotherBadFileShowsTheDialogAgain();
    void cancelledFileDialogKeepsTheDialogOpen();
    void createNewWorkspace();
    void openTheDemoWorkspace();
    void readOnlyWorkspaceOpensReadOnlyWithNotice();
    void demoThatDoesNotFitLeavesNoFile_data();
    void demoThatDoesNotFitLeavesNoFile();
    void headlessFailsWithoutDialog();
    void realModalDialogIsShownAndAnswered();
    void goodWorkspaceOpensWithoutDialog();
    void screenshots();

private:
    /// Makes the damaged file (or the situation) for `damage`; returns the path start-up tries.
    QString prepare(Damage damage, WorkspaceStarter::Request *request);
    /// Mounts a tmpfs of `size` on a new folder; empty when that is not possible (not root).
    QString mountSmallDisk(const char *size);
    /// A prompt that records what the dialog shows, then clicks `button` (answering a file
    /// dialog with `answer`).
    WorkspaceStarter::Prompt answerWith(const char *button, const QString &answer = QString());
    WorkspaceStarter makeStarter();

    std::unique_ptr<QTemporaryDir> m_dir;
    CarTest::SmallDisk m_disk;
    QString m_good;
    QList<Shown> m_shown;
    QStringList m_fileDialogs;
};

void TestWorkspaceStart::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestWorkspaceStart::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir->path());
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("files"))));
    m_good = m_dir->filePath(QStringLiteral("good.carws"));
    QVERIFY(makeWorkspace(m_good, QStringLiteral("Good rule")));
    m_shown.clear();
    m_fileDialogs.clear();
}

void TestWorkspaceStart::cleanup()
{
    m_disk.unmount();
    const QDir files(m_dir->filePath(QStringLiteral("files")));
    for (const QString &name : files.entryList(QDir::Files))
        QFile::setPermissions(files.filePath(name), QFile::ReadOwner | QFile::WriteOwner);
    m_dir.reset();
}

WorkspaceStarter TestWorkspaceStart::makeStarter()
{
    return WorkspaceStarter(CarTest::openSqliteStore, &WorkspaceStarter::seedDemo,
                            {m_dir->filePath(QStringLiteral("data/workspace.carws")),
                             m_dir->filePath(QStringLiteral("data/demo.carws"))});
}

WorkspaceStarter::Prompt TestWorkspaceStart::answerWith(const char *button, const QString &answer)
{
    return [this, button, answer](WorkspaceProblemDialog &dialog) {
        Shown shown;
        shown.path = dialog.problem().path;
        shown.headline = labelText(dialog, "problemHeadline");
        shown.pathLabel = labelText(dialog, "problemPath");
        shown.cause = labelText(dialog, "problemCause");
        shown.hint = labelText(dialog, "problemHint");
        shown.fileState = labelText(dialog, "problemFileState");
        shown.bytesWhileShown = bytesOf(dialog.problem().path);
        m_shown << shown;
        dialog.setFileDialog([this, answer](QWidget *, const QString &caption, const QString &,
                                            const QString &, bool, QString *) {
            m_fileDialogs << caption;
            return answer;
        });
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *push = dialog.findChild<QPushButton *>(QLatin1String(button));
        QVERIFY2(push, button);
        QTest::mouseClick(push, Qt::LeftButton);
    };
}

QString TestWorkspaceStart::mountSmallDisk(const char *size)
{
    return m_disk.mount(m_dir->filePath(QStringLiteral("files/small-disk")), size);
}

QString TestWorkspaceStart::prepare(Damage damage, WorkspaceStarter::Request *request)
{
    QString path = m_dir->filePath(QStringLiteral("files/bad 'file'.carws"));
    request->path = path;
    QRandomGenerator random(42);
    switch (damage) {
    case Damage::ZeroLength:
        writeBytes(path, QByteArray());
        break;
    case Damage::Truncated: {
        const QString real = m_dir->filePath(QStringLiteral("real.carws"));
        makeWorkspace(real, QStringLiteral("Real"), 1000);
        const QByteArray bytes = bytesOf(real);
        writeBytes(path, bytes.left(bytes.size() / 2 + 100));
        break;
    }
    case Damage::RandomBytes: {
        QByteArray bytes(8192, Qt::Uninitialized);
        for (char &byte : bytes)
            byte = char(random.bounded(256));
        writeBytes(path, bytes);
        break;
    }
    case Damage::ForeignDatabase: {
        const QString name = QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            db.open();
            QSqlQuery query(db);
            query.exec(QStringLiteral("CREATE TABLE songs (title TEXT, artist TEXT)"));
            query.exec(QStringLiteral("INSERT INTO songs VALUES ('x', 'y')"));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        break;
    }
    case Damage::NewerSchema: {
        makeWorkspace(path, QStringLiteral("From the future"));
        QByteArray bytes = bytesOf(path);
        bytes.replace(60, 4, QByteArray("\0\0\0\7", 4)); // PRAGMA user_version, big-endian
        writeBytes(path, bytes);
        break;
    }
    case Damage::ReadOnlyOldSchema:
        QFile::copy(QStringLiteral(CAR_TEST_DATA_DIR "/storage/workspace-v1.carws"), path);
        QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
        break;
    case Damage::FullDiskExisting: {
        const QString disk = mountSmallDisk("1m");
        if (disk.isEmpty())
            return QString();
        path = disk + QStringLiteral("/work.carws");
        request->path = path;
        makeWorkspace(path, QStringLiteral("On a full disk"));
        CarTest::SmallDisk::fill(disk);
        break;
    }
    case Damage::FullDiskFirstRun: {
        const QString disk = mountSmallDisk("64k");
        if (disk.isEmpty())
            return QString();
        CarTest::SmallDisk::fill(disk);
        // The first start: no file given, the default workspace does not exist yet.
        path = m_dir->filePath(QStringLiteral("data/workspace.carws"));
        QFile::link(disk, m_dir->filePath(QStringLiteral("data")));
        request->path.clear();
        break;
    }
    }
    return path;
}

void TestWorkspaceStart::damagedWorkspaceGivesDialogThenOpenAnother_data()
{
    QTest::addColumn<Damage>("damage");
    QTest::addColumn<QStringList>("cause"); ///< what the dialog must say is wrong

    QTest::newRow("zero-length: SQLite would quietly make it a new database")
        << Damage::ZeroLength << QStringList {QStringLiteral("empty")};
    QTest::newRow("truncated copy of a real workspace (interrupted copy)")
        << Damage::Truncated
        << QStringList {QStringLiteral("damaged"), QStringLiteral("truncated")};
    QTest::newRow("random bytes") << Damage::RandomBytes
                                  << QStringList {QStringLiteral("not an SQLite database")};
    QTest::newRow("another program's SQLite database: never add our tables to it")
        << Damage::ForeignDatabase << QStringList {QStringLiteral("another program")};
    QTest::newRow("newer schema: never migrate down or overwrite")
        << Damage::NewerSchema
        << QStringList {QStringLiteral("newer version"), QStringLiteral("schema 7")};
    QTest::newRow("read-only and an old schema: cannot upgrade it, cannot open it read-only")
        << Damage::ReadOnlyOldSchema
        << QStringList {QStringLiteral("read-only"), QStringLiteral("upgrade")};
    QTest::newRow("full disk: the existing workspace cannot get its journal files")
        << Damage::FullDiskExisting
        << QStringList {QStringLiteral("disk is full"), QStringLiteral(" free on "),
                        QStringLiteral("not changed")};
    QTest::newRow("full disk on the first run: no half-made default workspace")
        << Damage::FullDiskFirstRun
        << QStringList {QStringLiteral("disk is full"), QStringLiteral(" free on ")};
}

void TestWorkspaceStart::damagedWorkspaceGivesDialogThenOpenAnother()
{
    QFETCH(Damage, damage);
    QFETCH(QStringList, cause);

    WorkspaceStarter::Request request;
    const QString path = prepare(damage, &request);
    if (path.isEmpty())
        QSKIP("cannot mount a small tmpfs here (needs root)");
    const QByteArray before = bytesOf(path);
    const QStringList filesBefore = QFileInfo(path).dir().entryList(QDir::Files | QDir::Hidden);

    WorkspaceStarter starter = makeStarter();
    starter.setPrompt(answerWith("openAnotherButton", m_good));
    MainWindow window(starter.storeFactory());
    QCOMPARE(starter.start(window, request), WorkspaceStarter::Outcome::Opened);

    QCOMPARE(m_shown.size(), 1);
    const Shown &shown = m_shown.first();
    qInfo("%s | %s | %s", qPrintable(shown.cause), qPrintable(shown.hint),
          qPrintable(shown.fileState));
    QCOMPARE(shown.path, path);
    QVERIFY2(shown.headline.contains(QFileInfo(path).fileName()), qPrintable(shown.headline));
    QCOMPARE(shown.pathLabel, QDir::toNativeSeparators(path));
    const QString said = shown.cause + u' ' + shown.hint;
    for (const QString &part : cause)
        QVERIFY2(said.contains(part, Qt::CaseInsensitive), qPrintable(said));
    QCOMPARE(shown.bytesWhileShown, before);
    QVERIFY2(shown.fileState.contains(before == "<absent>" ? QStringLiteral("Nothing was created")
                                                           : QStringLiteral("not changed")),
             qPrintable(shown.fileState));

    QCOMPARE(window.workspacePath(), m_good);
    QCOMPARE(shownRuleNames(window), QStringList {QStringLiteral("Good rule")});
    QVERIFY(!window.findChild<ReadOnlyNotice *>());
    QCOMPARE(bytesOf(path), before);
    // No new file beside it either: a full disk used to leave an empty -wal and a 3-byte -shm.
    QCOMPARE(QFileInfo(path).dir().entryList(QDir::Files | QDir::Hidden), filesBefore);
}

void TestWorkspaceStart::quitEndsStartUpWithoutWorkspace()
{
    WorkspaceStarter::Request request;
    const QString path = prepare(Damage::RandomBytes, &request);
    const QByteArray before = bytesOf(path);
    WorkspaceStarter starter = makeStarter();
    starter.setPrompt(answerWith("quitButton"));
    MainWindow window(starter.storeFactory());
    QCOMPARE(starter.start(window, request), WorkspaceStarter::Outcome::Quit);
    QCOMPARE(m_shown.size(), 1);
    QVERIFY(!window.document());
    QVERIFY(window.workspacePath().isEmpty());
    QVERIFY(!window.isVisible());
    QCOMPARE(bytesOf(path), before);
}

void TestWorkspaceStart::anotherBadFileShowsTheDialogAgain()
{
    WorkspaceStarter::Request request;
    const QString first = prepare(Damage::ZeroLength, &request);
    const QString second = m_dir->filePath(QStringLiteral("files/second.carws"));
    QVERIFY(writeBytes(second, "UserPrincipalName,Alias\r\na@contoso.com,a\r\n"));
    const QByteArray secondBefore = bytesOf(second);

    WorkspaceStarter starter = makeStarter();
    int asked = 0;
    const auto pickSecond = answerWith("openAnotherButton", second);
    const auto pickGood = answerWith("openAnotherButton", m_good);
    starter.setPrompt(
        [&](WorkspaceProblemDialog &dialog) { (++asked == 1 ? pickSecond : pickGood)(dialog); });
    MainWindow window(starter.storeFactory());
    QCOMPARE(starter.start(window, request), WorkspaceStarter::Outcome::Opened);

    QCOMPARE(asked, 2);
    QCOMPARE(m_shown.at(0).path, first);
    QVERIFY2(m_shown.at(0).cause.contains(QLatin1String("empty")), qPrintable(m_shown.at(0).cause));
    QCOMPARE(m_shown.at(1).path, second);
    QVERIFY2(m_shown.at(1).cause.contains(QLatin1String("not an SQLite database")),
             qPrintable(m_shown.at(1).cause));
    QCOMPARE(window.workspacePath(), m_good);
    QCOMPARE(bytesOf(second), secondBefore);
    QCOMPARE(bytesOf(first), QByteArray());
}

void TestWorkspaceStart::cancelledFileDialogKeepsTheDialogOpen()
{
    WorkspaceStarter::Request request;
    prepare(Damage::RandomBytes, &request);
    WorkspaceStarter starter = makeStarter();
    bool stayedOpen = false;
    starter.setPrompt([&](WorkspaceProblemDialog &dialog) {
        dialog.setFileDialog([](QWidget *, const QString &, const QString &, const QString &, bool,
                                QString *) { return QString(); });
        dialog.show();
        for (const char *button : {"openAnotherButton", "createNewButton"})
            QTest::mouseClick(dialog.findChild<QPushButton *>(QLatin1String(button)),
                              Qt::LeftButton);
        stayedOpen = dialog.isVisible() && dialog.result() == 0;
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("quitButton")),
                          Qt::LeftButton);
    });
    MainWindow window(starter.storeFactory());
    QCOMPARE(starter.start(window, request), WorkspaceStarter::Outcome::Quit);
    QVERIFY(stayedOpen);
}

void TestWorkspaceStart::createNewWorkspace()
{
    WorkspaceStarter::Request request;
    const QString bad = prepare(Damage::NewerSchema, &request);
    const QByteArray before = bytesOf(bad);
    WorkspaceStarter starter = makeStarter();
    // No extension typed: .carws is added.
    starter.setPrompt(answerWith("createNewButton", m_dir->filePath(QStringLiteral("fresh"))));
    MainWindow window(starter.storeFactory());
    QCOMPARE(starter.start(window, request), WorkspaceStarter::Outcome::Opened);
    QCOMPARE(m_fileDialogs, QStringList {QStringLiteral("New Workspace")});
    QCOMPARE(window.workspacePath(), m_dir->filePath(QStringLiteral("fresh.carws")));
    QCOMPARE(window.document()->ruleSet().size(), 0);
    QVERIFY(QFileInfo::exists(window.workspacePath()));
    QCOMPARE(bytesOf(bad), before);
}

void TestWorkspaceStart::openTheDemoWorkspace()
{
    WorkspaceStarter::Request request;
    const QString bad = prepare(Damage::Truncated, &request);
    const QByteArray before = bytesOf(bad);
    // A stale demo from an earlier run is replaced by a fresh one.
    const QString demo = m_dir->filePath(QStringLiteral("data/demo.carws"));
    QVERIFY(QDir().mkpath(QFileInfo(demo).path()));
    QVERIFY(makeWorkspace(demo, QStringLiteral("Stale demo edit")));
    WorkspaceStarter starter = makeStarter();
    starter.setPrompt(answerWith("openDemoButton"));
    MainWindow window(starter.storeFactory());
    QCOMPARE(starter.start(window, request), WorkspaceStarter::Outcome::Opened);
    QCOMPARE(window.workspacePath(), demo);
    const QStringList names = shownRuleNames(window);
    QVERIFY(names.size() > 1);
    QVERIFY(!names.contains(QStringLiteral("Stale demo edit")));
    QVERIFY(window.document()->directory().size() > 0);
    QVERIFY(m_fileDialogs.isEmpty());
    QCOMPARE(bytesOf(bad), before);
}

void TestWorkspaceStart::readOnlyWorkspaceOpensReadOnlyWithNotice()
{
    const QString path = m_dir->filePath(QStringLiteral("files/shared.carws"));
    QVERIFY(makeWorkspace(path, QStringLiteral("Shared rule")));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    const QByteArray before = bytesOf(path);

    WorkspaceStarter starter = makeStarter();
    starter.setPrompt(answerWith("quitButton"));
    MainWindow window(starter.storeFactory());
    WorkspaceStarter::Request request;
    request.path = path;
    QCOMPARE(starter.start(window, request), WorkspaceStarter::Outcome::Opened);
    QVERIFY(m_shown.isEmpty());
    QCOMPARE(window.workspacePath(), path);
    QCOMPARE(shownRuleNames(window), QStringList {QStringLiteral("Shared rule")});
    auto *notice = window.findChild<ReadOnlyNotice *>(QStringLiteral("readOnlyNotice"));
    QVERIFY(notice);
    const QString text = notice->findChild<QLabel *>(QStringLiteral("readOnlyNoticeText"))->text();
    QVERIFY2(text.contains(QLatin1String("read-only")) && text.contains(path), qPrintable(text));

    // An edit is refused by the store and the file stays as it was.
    AdminSettings admin;
    admin.user = QStringLiteral("admin@contoso.com");
    const StoreResult edit = window.document()->setAdmin(admin);
    QVERIFY(!edit);
    QVERIFY2(edit.error.contains(QLatin1String("read-only")), qPrintable(edit.error));
    QCOMPARE(bytesOf(path), before);

    // Another workspace takes the notice away.
    QVERIFY(window.openWorkspace(m_good));
    QTRY_VERIFY(!window.findChild<ReadOnlyNotice *>());
}

void TestWorkspaceStart::demoThatDoesNotFitLeavesNoFile_data()
{
    QTest::addColumn<int>("freeKiB");
    // How much room is left decides which write fails (measured on a 1 MiB tmpfs).
    QTest::newRow("room for the file, not for its journal files") << 72;
    QTest::newRow("room for an empty workspace, not for the demo rules") << 96;
    QTest::newRow("room for the rules, not for the directory: no half-seeded demo") << 128;
}

void TestWorkspaceStart::demoThatDoesNotFitLeavesNoFile()
{
    QFETCH(int, freeKiB);
    const QString disk = mountSmallDisk("1m");
    if (disk.isEmpty())
        QSKIP("cannot mount a small tmpfs here (needs root)");
    QVERIFY(CarTest::SmallDisk::fill(disk, freeKiB * 1024));
    const QString demo = disk + QStringLiteral("/demo.carws");
    WorkspaceStarter starter(CarTest::openSqliteStore, &WorkspaceStarter::seedDemo, {m_good, demo});
    starter.setPrompt(answerWith("quitButton"));
    MainWindow window(starter.storeFactory());
    WorkspaceStarter::Request request;
    request.demo = true;
    QCOMPARE(starter.start(window, request), WorkspaceStarter::Outcome::Quit);
    QCOMPARE(m_shown.size(), 1);
    const QString said = m_shown.first().cause + u' ' + m_shown.first().hint;
    QVERIFY2(said.contains(QLatin1String("disk is full"), Qt::CaseInsensitive), qPrintable(said));
    QVERIFY2(m_shown.first().fileState.contains(QLatin1String("Nothing was created")),
             qPrintable(m_shown.first().fileState));
    QCOMPARE(QDir(disk).entryList(QDir::Files), QStringList {QStringLiteral("filler")});
}

void TestWorkspaceStart::headlessFailsWithoutDialog()
{
    WorkspaceStarter::Request request;
    const QString path = prepare(Damage::ForeignDatabase, &request);
    const QByteArray before = bytesOf(path);
    request.headless = true;
    WorkspaceStarter starter = makeStarter();
    starter.setPrompt(answerWith("openAnotherButton", m_good));
    MainWindow window(starter.storeFactory());
    QString error;
    QCOMPARE(starter.start(window, request, &error), WorkspaceStarter::Outcome::Failed);
    QVERIFY(m_shown.isEmpty());
    QVERIFY2(error.startsWith(QStringLiteral("Cannot open the workspace %1:\n").arg(path)),
             qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("another program")), qPrintable(error));
    QVERIFY(!window.document());
    QCOMPARE(bytesOf(path), before);
}

void TestWorkspaceStart::realModalDialogIsShownAndAnswered()
{
    // No prompt seam: the dialog runs its own modal loop, found and answered like a user would.
    WorkspaceStarter::Request request;
    const QString path = prepare(Damage::ZeroLength, &request);
    WorkspaceStarter starter = makeStarter();
    starter.setFileDialog([this](QWidget *, const QString &, const QString &, const QString &, bool,
                                 QString *) { return m_good; });
    QString seenPath;
    std::function<void()> answer = [&] {
        auto *dialog = qobject_cast<WorkspaceProblemDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            QTimer::singleShot(10, answer);
            return;
        }
        seenPath = labelText(*dialog, "problemPath");
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("openAnotherButton")),
                          Qt::LeftButton);
    };
    QTimer::singleShot(0, answer);
    MainWindow window(starter.storeFactory());
    QCOMPARE(starter.start(window, request), WorkspaceStarter::Outcome::Opened);
    QCOMPARE(seenPath, QDir::toNativeSeparators(path));
    QCOMPARE(window.workspacePath(), m_good);
}

void TestWorkspaceStart::goodWorkspaceOpensWithoutDialog()
{
    WorkspaceStarter starter = makeStarter();
    starter.setPrompt(answerWith("quitButton"));
    MainWindow window(starter.storeFactory());
    WorkspaceStarter::Request request;
    request.path = m_good;
    const QByteArray before = bytesOf(m_good);
    QCOMPARE(starter.start(window, request), WorkspaceStarter::Outcome::Opened);
    QVERIFY(m_shown.isEmpty());
    QCOMPARE(shownRuleNames(window), QStringList {QStringLiteral("Good rule")});
    QCOMPARE(bytesOf(m_good), before); // opening a current workspace writes nothing

    // First run: the default workspace is created and seeded with the demo.
    MainWindow first(starter.storeFactory());
    QCOMPARE(starter.start(first, {}), WorkspaceStarter::Outcome::Opened);
    QCOMPARE(first.workspacePath(), m_dir->filePath(QStringLiteral("data/workspace.carws")));
    QVERIFY(first.document()->ruleSet().size() > 1);
}

// Not a check: with CAR_SCREENSHOT_DIR set, saves workspace-problem.png (the dialog for a newer
// schema) and workspace-readonly.png (the window on a read-only workspace).
void TestWorkspaceStart::screenshots()
{
    const QString dir = qEnvironmentVariable("CAR_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set CAR_SCREENSHOT_DIR to save workspace-problem.png and workspace-readonly.png");
    WorkspaceStarter::Request request;
    prepare(Damage::NewerSchema, &request);
    WorkspaceStarter starter = makeStarter();
    starter.setPrompt([&](WorkspaceProblemDialog &dialog) {
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/workspace-problem.png")));
    });
    MainWindow window(starter.storeFactory());
    QCOMPARE(starter.start(window, request), WorkspaceStarter::Outcome::Quit);

    const QString path = m_dir->filePath(QStringLiteral("files/shared.carws"));
    QVERIFY(QFile::copy(m_good, path));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    request.path = path;
    QCOMPARE(starter.start(window, request), WorkspaceStarter::Outcome::Opened);
    window.resize(1200, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.grab().save(dir + QStringLiteral("/workspace-readonly.png")));
}

QTEST_MAIN(TestWorkspaceStart)

#include "tst_workspacestart.moc"
