// Damaged and foreign workspaces given to the real carconsole-cli (issue 6): each gives a clear
// message that names the file and the problem, the exit code 1, and leaves the file (and its
// folder) exactly as it was. And a full disk (a 64 KiB tmpfs, root only; skipped otherwise): a
// write that does not fit fails clearly and leaves the workspace as it was and still usable; a
// workspace that cannot even be created leaves no half-made file.
// (The store-level view of the same files is tests/storage/tst_workspacefiles.cpp.)

#include "smalldisk.h"
#include "storagetesthelpers.h"

#include "sqliteworkspacestore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Car;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

#define VERIFY_RUN(run, expected)                                                                  \
    QVERIFY2((run).code == (expected),                                                             \
             qPrintable(QStringLiteral("exit %1, stderr: %2")                                      \
                            .arg((run).code)                                                       \
                            .arg(QString::fromUtf8((run).err))))

enum class Damage {
    ZeroLength,
    Truncated,
    RandomBytes,
    MagicThenGarbage,
    NewerSchema,
    ForeignDatabase,
};

/// Name, size and content hash of every file under `root`: what "not modified" compares.
QStringList fingerprint(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        files << QStringLiteral("%1 %2 %3")
                     .arg(QDir(root).relativeFilePath(path))
                     .arg(file.size())
                     .arg(QString::fromLatin1(
                         QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                             .toHex()));
    }
    files.sort();
    return files;
}

const QByteArray OneRule = "New-ClientAccessRule -Name 'Keep' -Action DenyAccess "
                           "-AnyOfProtocols ExchangeActiveSync\n";

} // namespace

class TestHostile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void damagedWorkspaceIsReportedAndUntouched_data();
    void damagedWorkspaceIsReportedAndUntouched();
    void consoleReportsDamagedWorkspace_data();
    void consoleReportsDamagedWorkspace();
    void readOnlyFileStillReads();
    void fullDiskRefusesTheWriteAndKeepsTheWorkspace();
    void fullDiskLeavesNoHalfMadeWorkspace();

private:
    Run cli(const QString &db, const QStringList &arguments, const QByteArray &input = {}) const;
    /// A real workspace with one rule, made by the CLI.
    QByteArray realWorkspace();
    bool writeDamaged(Damage damage, const QString &db);
    /// Mounts a tmpfs of `size` (e.g. "64k") on a new folder; empty when that is not possible.
    QString mountSmallDisk(const char *size);

    std::unique_ptr<QTemporaryDir> m_dir;
    CarTest::SmallDisk m_disk;
};

void TestHostile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("files"))));
}

void TestHostile::cleanup()
{
    m_disk.unmount();
    const QString files = m_dir->filePath(QStringLiteral("files"));
    QDirIterator it(files, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        QFile(it.next()).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
}

Run TestHostile::cli(const QString &db, const QStringList &arguments, const QByteArray &input) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString xdg = m_dir->filePath(QStringLiteral("xdg"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), xdg);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), xdg);
    env.insert(QStringLiteral("HOME"), xdg);
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(m_dir->path());
    process.start(QStringLiteral(CAR_CLI_PATH),
                  QStringList {QStringLiteral("--db"), db} + arguments);
    Run run;
    process.waitForStarted();
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QByteArray TestHostile::realWorkspace()
{
    const QString db = m_dir->filePath(QStringLiteral("real.carws"));
    const Run run = cli(db, {QStringLiteral("exec"), QStringLiteral("-")}, OneRule);
    if (run.code != 0)
        qFatal("cannot make a workspace: %s", run.err.constData());
    QFile file(db);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

void TestHostile::damagedWorkspaceIsReportedAndUntouched_data()
{
    QTest::addColumn<Damage>("damage");
    QTest::addColumn<QString>("reason"); ///< what the message must say
    QTest::newRow("zero-length: SQLite would quietly make it a new database")
        << Damage::ZeroLength << QStringLiteral("empty");
    QTest::newRow("truncated copy of a real workspace (interrupted copy)")
        << Damage::Truncated << QStringLiteral("damaged");
    QTest::newRow("random bytes") << Damage::RandomBytes << QStringLiteral("not");
    QTest::newRow("SQLite magic, then garbage")
        << Damage::MagicThenGarbage << QStringLiteral("damaged");
    QTest::newRow("newer schema: never migrate down or overwrite")
        << Damage::NewerSchema << QStringLiteral("newer version");
    QTest::newRow("another program's SQLite database")
        << Damage::ForeignDatabase << QStringLiteral("another program");
}

bool TestHostile::writeDamaged(Damage damage, const QString &db)
{
    QByteArray content;
    QRandomGenerator random(42);
    switch (damage) {
    case Damage::ZeroLength:
        break;
    case Damage::Truncated:
        content = realWorkspace();
        content.truncate(content.size() / 3);
        break;
    case Damage::RandomBytes:
        content.resize(8192);
        for (char &c : content)
            c = char(random.bounded(256));
        break;
    case Damage::MagicThenGarbage:
        content = QByteArray("SQLite format 3\0", 16) + QByteArray(4080, '\x5a');
        break;
    case Damage::NewerSchema:
    case Damage::ForeignDatabase: {
        content = realWorkspace();
        // user_version sits at offset 60, application_id at 68 (big-endian).
        const int offset = damage == Damage::NewerSchema ? 60 : 68;
        content[offset] = 0;
        content[offset + 1] = 0;
        content[offset + 2] = 0;
        content[offset + 3] = char(99);
        break;
    }
    }
    QFile file(db);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

void TestHostile::damagedWorkspaceIsReportedAndUntouched()
{
    QFETCH(Damage, damage);
    QFETCH(QString, reason);
    const QString db = m_dir->filePath(QStringLiteral("files/bad.carws"));
    QVERIFY(writeDamaged(damage, db));
    const QStringList before = fingerprint(m_dir->filePath(QStringLiteral("files")));
    const QString input = m_dir->filePath(QStringLiteral("in.ps1"));
    {
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(OneRule);
    }

    // Read commands, write commands and imports: all refuse, none touches the file.
    const QList<QStringList> commands {
        {QStringLiteral("get")},
        {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")},
        {QStringLiteral("exec"), input},
        {QStringLiteral("import"), input},
        {QStringLiteral("snapshot"), QStringLiteral("save"), QStringLiteral("s")},
        {QStringLiteral("directory"), QStringLiteral("list")},
    };
    for (const QStringList &command : commands) {
        const Run run = cli(db, command);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(run.code == 1,
                 qPrintable(command.join(u' ')
                            + QStringLiteral(": exit %1: %2").arg(run.code).arg(err)));
        QVERIFY2(err.startsWith(QLatin1String("carconsole-cli: error: ")), qPrintable(err));
        QVERIFY2(err.contains(QDir::toNativeSeparators(db)), qPrintable(err));
        QVERIFY2(err.contains(reason, Qt::CaseInsensitive), qPrintable(err));
        QVERIFY2(err.count(u'\n') <= 2, qPrintable(err)); // a message, not a dump
        QCOMPARE(fingerprint(m_dir->filePath(QStringLiteral("files"))), before);
    }
}

void TestHostile::consoleReportsDamagedWorkspace_data()
{
    damagedWorkspaceIsReportedAndUntouched_data();
}

void TestHostile::consoleReportsDamagedWorkspace()
{
    // The console is built beside the CLI (app/); --screenshot keeps it from showing a modal box.
    const QString console =
        QFileInfo(QStringLiteral(CAR_CLI_PATH)).dir().filePath(QStringLiteral("carconsole"));
    if (!QFileInfo(console).isExecutable())
        QSKIP("carconsole is not built (CAR_BUILD_GUI=OFF or not built yet)");
    QFETCH(Damage, damage);
    QFETCH(QString, reason);
    const QString db = m_dir->filePath(QStringLiteral("files/bad.carws"));
    QVERIFY(writeDamaged(damage, db));
    const QStringList before = fingerprint(m_dir->filePath(QStringLiteral("files")));

    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("xdg")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("xdg")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir->filePath(QStringLiteral("xdg")));
    env.insert(QStringLiteral("HOME"), m_dir->filePath(QStringLiteral("xdg")));
    process.setProcessEnvironment(env);
    const QString shot = m_dir->filePath(QStringLiteral("shot.png"));
    process.start(console, {QStringLiteral("--screenshot"), shot, db});
    QVERIFY(process.waitForFinished(60000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 1, qPrintable(err));
    QVERIFY2(err.contains(QDir::toNativeSeparators(db)), qPrintable(err));
    QVERIFY2(err.contains(reason, Qt::CaseInsensitive), qPrintable(err));
    QVERIFY(!QFile::exists(shot));
    QCOMPARE(fingerprint(m_dir->filePath(QStringLiteral("files"))), before);
}

void TestHostile::readOnlyFileStillReads()
{
    const QString db = m_dir->filePath(QStringLiteral("files/ro.carws"));
    QVERIFY(cli(db, {QStringLiteral("exec"), QStringLiteral("-")}, OneRule).code == 0);
    QVERIFY(QFile(db).setPermissions(QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    const QStringList before = fingerprint(m_dir->filePath(QStringLiteral("files")));

    const Run get = cli(db, {QStringLiteral("get")});
    VERIFY_RUN(get, 0);
    QVERIFY(get.out.contains("Keep"));
    const Run write = cli(db, {QStringLiteral("exec"), QStringLiteral("-")},
                          "Remove-ClientAccessRule -Identity 'Keep'\n");
    VERIFY_RUN(write, 1);
    QVERIFY2(write.err.contains("read-only") && write.err.contains(db.toUtf8()),
             write.err.constData());
    QCOMPARE(fingerprint(m_dir->filePath(QStringLiteral("files"))), before);
}

QString TestHostile::mountSmallDisk(const char *size)
{
    return m_disk.mount(m_dir->filePath(QStringLiteral("files/small-disk")), size);
}

void TestHostile::fullDiskRefusesTheWriteAndKeepsTheWorkspace()
{
    // A workspace does not fit in 64 KiB; a bigger disk is filled up to the last 48 KiB.
    const QString disk = mountSmallDisk("1m");
    if (disk.isEmpty())
        QSKIP("cannot mount a small tmpfs here (needs root)");
    const QString db = disk + QStringLiteral("/work.carws");
    VERIFY_RUN(cli(db, {QStringLiteral("exec"), QStringLiteral("-")}, OneRule), 0);
    const QByteArray rules = cli(db, {QStringLiteral("export")}).out;
    QVERIFY(rules.contains("Keep"));
    QVERIFY(CarTest::SmallDisk::fill(disk, 48 * 1024));

    // A directory far bigger than what is left.
    QByteArray csv = "UserPrincipalName,DisplayName,City,Department\n";
    for (int i = 0; i < 4000; ++i)
        csv += QStringLiteral("user%1@contoso.com,User number %1,Redmond,Engineering\n")
                   .arg(i)
                   .toUtf8();
    const QString input = m_dir->filePath(QStringLiteral("users.csv"));
    {
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(csv);
    }
    const Run run = cli(db, {QStringLiteral("directory"), QStringLiteral("import"), input});
    VERIFY_RUN(run, 1);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.contains(QDir::toNativeSeparators(db)), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("disk is full"), Qt::CaseInsensitive), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("nothing was changed"), Qt::CaseInsensitive),
             qPrintable(err));

    // The workspace is as it was.
    QCOMPARE(cli(db, {QStringLiteral("export")}).out, rules);
    const Run users = cli(db, {QStringLiteral("directory"), QStringLiteral("list")});
    VERIFY_RUN(users, 0);
    QVERIFY(!users.out.contains("user1@"));
    // Once space is freed, the same workspace takes writes again.
    QVERIFY(QFile::remove(disk + QStringLiteral("/filler")));
    VERIFY_RUN(cli(db, {QStringLiteral("exec"), QStringLiteral("-")},
                   "Set-ClientAccessRule -Identity 'Keep' -Enabled $false\n"),
               0);
    VERIFY_RUN(cli(db, {QStringLiteral("directory"), QStringLiteral("import"), input}), 0);
    auto opened = SqliteWorkspaceStore::open(db);
    QVERIFY2(opened, qPrintable(opened.error));
}

void TestHostile::fullDiskLeavesNoHalfMadeWorkspace()
{
    const QString disk = mountSmallDisk("64k");
    if (disk.isEmpty())
        QSKIP("cannot mount a small tmpfs here (needs root)");
    QVERIFY(CarTest::SmallDisk::fill(disk, 0));
    const QString db = disk + QStringLiteral("/new.carws");
    const Run run = cli(db, {QStringLiteral("exec"), QStringLiteral("-")}, OneRule);
    VERIFY_RUN(run, 1);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.contains(QDir::toNativeSeparators(db)), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("disk is full"), Qt::CaseInsensitive), qPrintable(err));
    QCOMPARE(QDir(disk).entryList(QDir::Files | QDir::Hidden),
             QStringList {QStringLiteral("filler")});
}

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
