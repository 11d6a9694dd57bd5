// A full disk under SqliteWorkspaceStore (issue 6), on a small tmpfs (root only; skipped
// otherwise). Opening an existing workspace for writing says the disk is full, how much is free
// and where, leaves the file byte-for-byte as it was and leaves no -wal/-shm beside it; creating a
// workspace is all or nothing, even when the disk has room for the file but not for its -shm.
// And the empty side files that such a failure used to leave are not mistaken for damage.
// (The CLI's view of the same is tests/app/tst_cli_fulldisk.cpp.)

#include "smalldisk.h"
#include "sqliteworkspacestore.h"
#include "storagetesthelpers.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Car;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

RuleSet oneRule(const QString &name)
{
    Rule rule;
    rule.name = name;
    rule.action = Action::DenyAccess;
    rule.anyOfProtocols = {Protocol::ExchangeActiveSync};
    RuleSet rules;
    rules.insertRule(rule);
    return rules;
}

/// A closed workspace holding the rule `name`.
bool makeWorkspace(const QString &path, const QString &name)
{
    auto opened = SqliteWorkspaceStore::open(path);
    return opened && opened.store->saveRuleSet(oneRule(name), {}, QStringLiteral("test")).ok;
}

QStringList ruleNames(const RuleSet &rules)
{
    QStringList names;
    for (const Rule &rule : rules.rules())
        names << rule.name;
    return names;
}

QStringList filesIn(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestFullDisk : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void existingWorkspaceOnFullDisk_data();
    void existingWorkspaceOnFullDisk();
    void newWorkspaceIsAllOrNothing_data();
    void newWorkspaceIsAllOrNothing();
    void emptySideFilesAreNotDamage();

private:
    /// Mounts a tmpfs of `size` (e.g. "1m"); empty when that is not possible (not root).
    QString mountSmallDisk(const char *size);

    std::unique_ptr<QTemporaryDir> m_dir;
    CarTest::SmallDisk m_disk;
};

void TestFullDisk::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestFullDisk::cleanup()
{
    m_disk.unmount();
    m_dir.reset();
}

QString TestFullDisk::mountSmallDisk(const char *size)
{
    return m_disk.mount(m_dir->filePath(QStringLiteral("small-disk")), size);
}

void TestFullDisk::existingWorkspaceOnFullDisk_data()
{
    QTest::addColumn<bool>("leftovers");
    QTest::newRow("no room for the -shm file: 'disk is full', nothing left beside the file")
        << false;
    QTest::newRow("an empty -wal and a 3-byte -shm from an earlier failed open: not damage")
        << true;
}

void TestFullDisk::existingWorkspaceOnFullDisk()
{
    QFETCH(bool, leftovers);
    const QString disk = mountSmallDisk("1m");
    if (disk.isEmpty())
        QSKIP("cannot mount a small tmpfs here (needs root)");
    const QString path = disk + QStringLiteral("/work.carws");
    QVERIFY(makeWorkspace(path, QStringLiteral("Keep")));
    if (leftovers) {
        QVERIFY(writeFile(path + QStringLiteral("-wal"), QByteArray()));
        QVERIFY(writeFile(path + QStringLiteral("-shm"), QByteArray(3, '\0')));
    }
    QVERIFY(CarTest::SmallDisk::fill(disk, 0));
    const QByteArray before = StorageTest::fileHash(path);
    const QStringList filesBefore = filesIn(disk);

    const auto writable = SqliteWorkspaceStore::open(path);
    QVERIFY(!writable);
    qInfo("%s", qPrintable(writable.error)); // the message a user would read
    for (const QString &part :
         {QDir::toNativeSeparators(path), QStringLiteral("for writing"),
          QStringLiteral("the disk is full ("), QStringLiteral(" free on %1)").arg(disk),
          QStringLiteral("not changed")}) {
        QVERIFY2(writable.error.contains(part), qPrintable(writable.error));
    }
    QVERIFY2(!writable.error.contains(QLatin1String("damaged")), qPrintable(writable.error));
    QCOMPARE(StorageTest::fileHash(path), before);
    QCOMPARE(filesIn(disk), filesBefore);

    // Reading needs no room: the next open is not told the file is damaged.
    {
        auto readOnly = SqliteWorkspaceStore::open(path, SqliteWorkspaceStore::OpenMode::ReadOnly);
        QVERIFY2(readOnly, qPrintable(readOnly.error));
        WorkspaceData data;
        CAR_VERIFY_STORE(readOnly.store->load(data));
        QCOMPARE(ruleNames(data.ruleSet), QStringList {QStringLiteral("Keep")});
    }
    QCOMPARE(StorageTest::fileHash(path), before);
    QCOMPARE(filesIn(disk), filesBefore);

    // With room again, the same workspace takes writes, and closing it leaves no side files.
    QVERIFY(QFile::remove(disk + QStringLiteral("/filler")));
    {
        auto opened = SqliteWorkspaceStore::open(path);
        QVERIFY2(opened, qPrintable(opened.error));
        CAR_VERIFY_STORE(
            opened.store->saveRuleSet(oneRule(QStringLiteral("Changed")), {}, QStringLiteral("t")));
    }
    QCOMPARE(filesIn(disk), QStringList {QStringLiteral("work.carws")});
}

void TestFullDisk::newWorkspaceIsAllOrNothing_data()
{
    QTest::addColumn<int>("freeKiB");
    QTest::addColumn<bool>("fits");
    // An empty workspace is 64 KiB; opening it for writing needs 32 KiB more for its -shm.
    QTest::newRow("no room for the file") << 0 << false;
    QTest::newRow("room for the file, not its -shm: the file used to stay, unopenable")
        << 72 << false;
    QTest::newRow("room for both: the workspace is made") << 256 << true;
}

void TestFullDisk::newWorkspaceIsAllOrNothing()
{
    QFETCH(int, freeKiB);
    QFETCH(bool, fits);
    const QString disk = mountSmallDisk("1m");
    if (disk.isEmpty())
        QSKIP("cannot mount a small tmpfs here (needs root)");
    QVERIFY(CarTest::SmallDisk::fill(disk, freeKiB * 1024));
    const QString path = disk + QStringLiteral("/new.carws");

    auto opened = SqliteWorkspaceStore::open(path);
    if (fits) {
        QVERIFY2(opened, qPrintable(opened.error));
        opened.store.reset();
        QCOMPARE(filesIn(disk),
                 (QStringList {QStringLiteral("filler"), QStringLiteral("new.carws")}));
        return;
    }
    QVERIFY(!opened);
    qInfo("%s", qPrintable(opened.error));
    for (const QString &part :
         {QStringLiteral("Cannot create the workspace '%1'").arg(QDir::toNativeSeparators(path)),
          QStringLiteral("the disk is full ("), QStringLiteral(" free on %1)").arg(disk),
          QStringLiteral("nothing was created")}) {
        QVERIFY2(opened.error.contains(part), qPrintable(opened.error));
    }
    QCOMPARE(filesIn(disk), QStringList {QStringLiteral("filler")});
}

void TestFullDisk::emptySideFilesAreNotDamage()
{
    // Not only on a full disk: an empty -wal holds no changes, and a -shm is rebuilt.
    const QString path = m_dir->filePath(QStringLiteral("work.carws"));
    QVERIFY(makeWorkspace(path, QStringLiteral("Keep")));
    QVERIFY(writeFile(path + QStringLiteral("-wal"), QByteArray()));
    QVERIFY(writeFile(path + QStringLiteral("-shm"), QByteArray(3, '\0')));
    const QByteArray before = StorageTest::fileHash(path);
    for (const auto mode :
         {SqliteWorkspaceStore::OpenMode::ReadOnly, SqliteWorkspaceStore::OpenMode::ReadWrite}) {
        auto opened = SqliteWorkspaceStore::open(path, mode);
        QVERIFY2(opened, qPrintable(opened.error));
        WorkspaceData data;
        CAR_VERIFY_STORE(opened.store->load(data));
        QCOMPARE(ruleNames(data.ruleSet), QStringList {QStringLiteral("Keep")});
    }
    QCOMPARE(StorageTest::fileHash(path), before);
    // The writable open was the last to close: SQLite removed the side files.
    QCOMPARE(filesIn(m_dir->path()), QStringList {QStringLiteral("work.carws")});
}

QTEST_GUILESS_MAIN(TestFullDisk)
#include "tst_fulldisk.moc"
