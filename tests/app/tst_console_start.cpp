// The real carconsole binary at start-up (issue 6), as automation runs it: with --screenshot it
// never shows a dialog, so a workspace that cannot be opened ends the run with exit code 1 and
// the message on standard error, and the file stays byte-for-byte as it was. A read-only
// workspace opens read-only and is still pictured; --demo and the first run still seed the demo.
// (The interactive problem dialog is tests/ui/tst_workspacestart.cpp.)

#include "filebytes.h"
#include "sqliteworkspacestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Car;

namespace {

using CarTest::bytesOf;
using CarTest::writeBytes;

struct Run
{
    int code = -1;
    QString err;
};

enum class Damage { ZeroLength, Truncated, RandomBytes, NewerSchema, ForeignApplicationId };

bool makeWorkspace(const QString &path, int users = 0)
{
    auto opened = SqliteWorkspaceStore::open(path);
    if (!opened)
        return false;
    WorkspaceData data;
    Rule rule;
    rule.name = QStringLiteral("Keep");
    rule.action = Action::DenyAccess;
    rule.anyOfProtocols = {Protocol::ExchangeActiveSync};
    if (!data.ruleSet.insertRule(rule).ok)
        return false;
    for (int n = 0; n < users; ++n) {
        DirectoryUser user;
        user.userPrincipalName = QStringLiteral("user%1@contoso.com").arg(n);
        data.directory.addUser(user);
    }
    return opened.store->saveRuleSet(data.ruleSet, {}, QStringLiteral("test")).ok
        && opened.store->saveDirectory(data.directory).ok;
}

} // namespace

class TestConsoleStart : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void badWorkspaceFailsHeadless_data();
    void badWorkspaceFailsHeadless();
    void readOnlyWorkspaceIsPictured();
    void demoAndFirstRunStillSeed();

private:
    Run console(const QStringList &arguments);

    QString m_console;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConsoleStart::init()
{
    // carconsole is built next to carconsole-cli (app/).
    m_console =
        QFileInfo(QStringLiteral(CAR_CLI_PATH)).dir().filePath(QStringLiteral("carconsole"));
    if (!QFileInfo(m_console).isExecutable())
        QSKIP("carconsole is not built (CAR_BUILD_GUI=OFF, or build the carconsole target)");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("files"))));
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("xdg/runtime"))));
    QFile::setPermissions(m_dir->filePath(QStringLiteral("xdg/runtime")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void TestConsoleStart::cleanup()
{
    if (!m_dir)
        return;
    const QDir files(m_dir->filePath(QStringLiteral("files")));
    for (const QString &name : files.entryList(QDir::Files))
        QFile::setPermissions(files.filePath(name), QFile::ReadOwner | QFile::WriteOwner);
    m_dir.reset();
}

Run TestConsoleStart::console(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString xdg = m_dir->filePath(QStringLiteral("xdg"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), xdg + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), xdg + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), xdg + QStringLiteral("/runtime"));
    env.insert(QStringLiteral("HOME"), xdg);
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(m_dir->path());
    process.start(m_console, arguments);
    Run run;
    // A dialog waiting for a click would never end: that is a failure, not a hang.
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("did not finish (waiting on a dialog?)");
        return run;
    }
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void TestConsoleStart::badWorkspaceFailsHeadless_data()
{
    QTest::addColumn<Damage>("damage");
    QTest::addColumn<QString>("cause");
    QTest::newRow("zero-length: SQLite would quietly make it a new database")
        << Damage::ZeroLength << QStringLiteral("empty");
    QTest::newRow("truncated copy (interrupted copy)")
        << Damage::Truncated << QStringLiteral("truncated");
    QTest::newRow("random bytes") << Damage::RandomBytes
                                  << QStringLiteral("not an SQLite database");
    QTest::newRow("newer schema: never migrate down")
        << Damage::NewerSchema << QStringLiteral("newer version");
    QTest::newRow("another program's application id")
        << Damage::ForeignApplicationId << QStringLiteral("another program");
}

void TestConsoleStart::badWorkspaceFailsHeadless()
{
    QFETCH(Damage, damage);
    QFETCH(QString, cause);
    const QString path = m_dir->filePath(QStringLiteral("files/bad.carws"));
    switch (damage) {
    case Damage::ZeroLength:
        QVERIFY(writeBytes(path, QByteArray()));
        break;
    case Damage::Truncated: {
        const QString real = m_dir->filePath(QStringLiteral("real.carws"));
        QVERIFY(makeWorkspace(real, 1000));
        const QByteArray bytes = bytesOf(real);
        QVERIFY(writeBytes(path, bytes.left(bytes.size() / 2)));
        break;
    }
    case Damage::RandomBytes: {
        QByteArray bytes(8192, Qt::Uninitialized);
        QRandomGenerator random(7);
        for (char &byte : bytes)
            byte = char(random.bounded(256));
        QVERIFY(writeBytes(path, bytes));
        break;
    }
    case Damage::NewerSchema:
    case Damage::ForeignApplicationId: {
        QVERIFY(makeWorkspace(path));
        QByteArray bytes = bytesOf(path);
        // user_version at offset 60, application_id at 68 (big-endian).
        bytes.replace(damage == Damage::NewerSchema ? 60 : 68, 4, QByteArray("\0\0\0\x63", 4));
        QVERIFY(writeBytes(path, bytes));
        break;
    }
    }
    const QByteArray before = bytesOf(path);
    const QString shot = m_dir->filePath(QStringLiteral("shot.png"));

    const Run run = console({QStringLiteral("--screenshot"), shot, path});
    QVERIFY2(run.code == 1, qPrintable(QStringLiteral("exit %1: %2").arg(run.code).arg(run.err)));
    QVERIFY2(
        run.err.startsWith(QStringLiteral("carconsole: Cannot open the workspace %1:\n").arg(path)),
        qPrintable(run.err));
    QVERIFY2(run.err.contains(cause, Qt::CaseInsensitive), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(shot));
    QCOMPARE(bytesOf(path), before);
    QCOMPARE(QDir(m_dir->filePath(QStringLiteral("files"))).entryList(QDir::Files),
             QStringList {QStringLiteral("bad.carws")});
}

void TestConsoleStart::readOnlyWorkspaceIsPictured()
{
    const QString path = m_dir->filePath(QStringLiteral("files/shared.carws"));
    QVERIFY(makeWorkspace(path));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    const QByteArray before = bytesOf(path);
    const QString shot = m_dir->filePath(QStringLiteral("shot.png"));

    const Run run = console({QStringLiteral("--screenshot"), shot, path});
    QVERIFY2(run.code == 0, qPrintable(QStringLiteral("exit %1: %2").arg(run.code).arg(run.err)));
    QVERIFY(QFileInfo(shot).size() > 0);
    QCOMPARE(bytesOf(path), before);
    QCOMPARE(QDir(m_dir->filePath(QStringLiteral("files"))).entryList(QDir::Files),
             QStringList {QStringLiteral("shared.carws")});
}

void TestConsoleStart::demoAndFirstRunStillSeed()
{
    const QString data = m_dir->filePath(QStringLiteral("xdg/data/CarConsole/carconsole"));
    const QString shot = m_dir->filePath(QStringLiteral("shot.png"));

    Run run = console({QStringLiteral("--screenshot"), shot});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    auto opened = SqliteWorkspaceStore::open(data + QStringLiteral("/workspace.carws"),
                                             SqliteWorkspaceStore::OpenMode::ReadOnly);
    QVERIFY2(opened, qPrintable(opened.error));
    WorkspaceData first;
    QVERIFY(opened.store->load(first).ok);
    QVERIFY(first.ruleSet.size() > 1);
    opened.store.reset();

    const QString given = m_dir->filePath(QStringLiteral("files/mine.carws"));
    QVERIFY(makeWorkspace(given));
    run = console({QStringLiteral("--demo"), QStringLiteral("--screenshot"), shot, given});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    opened = SqliteWorkspaceStore::open(given, SqliteWorkspaceStore::OpenMode::ReadOnly);
    QVERIFY2(opened, qPrintable(opened.error));
    WorkspaceData demo;
    QVERIFY(opened.store->load(demo).ok);
    QCOMPARE(demo.ruleSet.size(), first.ruleSet.size());
    for (int i = 0; i < demo.ruleSet.size(); ++i)
        QCOMPARE(demo.ruleSet.at(i).name, first.ruleSet.at(i).name);
}

QTEST_GUILESS_MAIN(TestConsoleStart)

#include "tst_console_start.moc"
