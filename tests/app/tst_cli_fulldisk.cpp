// carconsole-cli on a full disk (issue 6), on a small tmpfs (root only; skipped otherwise): a new
// workspace that does not fit leaves nothing behind (not even when the file fits and its -shm
// does not), and an existing one that cannot be opened for writing is reported as a full disk,
// stays byte-for-byte as it was with no -wal/-shm beside it, can still be read, and takes writes
// again once there is room. (SqliteWorkspaceStore's side: tests/storage/tst_fulldisk.cpp.)

#include "smalldisk.h"
#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace CliTest;

namespace {

const QByteArray OneRule = "New-ClientAccessRule -Name 'Keep' -Action DenyAccess "
                           "-AnyOfProtocols ExchangeActiveSync\n";

QStringList filesIn(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestCliFullDisk : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void newWorkspaceThatDoesNotFitLeavesNothing_data();
    void newWorkspaceThatDoesNotFitLeavesNothing();
    void existingWorkspaceOnFullDisk();

private:
    /// Mounts a 1 MiB tmpfs and fills it (file "filler") up to the last `freeBytes`; empty when
    /// that is not possible (not root).
    QString smallFullDisk(qint64 freeBytes);

    Runner m_cli;
    CarTest::SmallDisk m_disk;
};

void TestCliFullDisk::init()
{
    QVERIFY(m_cli.reset());
}

void TestCliFullDisk::cleanup()
{
    m_disk.unmount();
}

QString TestCliFullDisk::smallFullDisk(qint64 freeBytes)
{
    const QString mount = m_disk.mount(m_cli.path(QStringLiteral("small-disk")), "1m");
    if (mount.isEmpty() || !CarTest::SmallDisk::fill(mount, freeBytes))
        return QString();
    return mount;
}

void TestCliFullDisk::newWorkspaceThatDoesNotFitLeavesNothing_data()
{
    QTest::addColumn<int>("freeKiB");
    QTest::newRow("no room for the file") << 0;
    QTest::newRow("room for the file, not its -shm: the file and its -wal/-shm used to stay") << 72;
}

void TestCliFullDisk::newWorkspaceThatDoesNotFitLeavesNothing()
{
    QFETCH(int, freeKiB);
    const QString disk = smallFullDisk(freeKiB * 1024);
    if (disk.isEmpty())
        QSKIP("cannot mount a small tmpfs here (needs root)");
    m_cli.setDb(disk + QStringLiteral("/new.carws"));

    const Run run = m_cli({QStringLiteral("exec"), QStringLiteral("-")}, OneRule);
    CAR_VERIFY_RUN(run, 1);
    const QString err = QString::fromUtf8(run.err);
    for (const QString &part :
         {QStringLiteral("carconsole-cli: error: Cannot create the workspace '%1'")
              .arg(QDir::toNativeSeparators(m_cli.db())),
          QStringLiteral("the disk is full ("), QStringLiteral(" free on %1)").arg(disk),
          QStringLiteral("nothing was created")}) {
        QVERIFY2(err.contains(part), qPrintable(err));
    }
    QCOMPARE(filesIn(disk), QStringList {QStringLiteral("filler")});
}

void TestCliFullDisk::existingWorkspaceOnFullDisk()
{
    const QString disk = smallFullDisk(1024 * 1024); // not full yet
    if (disk.isEmpty())
        QSKIP("cannot mount a small tmpfs here (needs root)");
    QVERIFY(QFile::remove(disk + QStringLiteral("/filler")));
    m_cli.setDb(disk + QStringLiteral("/work.carws"));
    CAR_VERIFY_RUN(m_cli({QStringLiteral("exec"), QStringLiteral("-")}, OneRule), 0);
    QCOMPARE(filesIn(disk), QStringList {QStringLiteral("work.carws")});
    {
        QFile filler(disk + QStringLiteral("/filler"));
        QVERIFY(filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        const QByteArray block(1024, 'x');
        while (filler.write(block) == block.size()) { }
    }
    const QByteArray before = fileHash(m_cli.db());
    const QStringList filesBefore = filesIn(disk);
    const QByteArray change = "Set-ClientAccessRule -Identity 'Keep' -Enabled $false\n";

    // Twice: the second attempt must meet the same full disk, not a "damaged" file.
    for (int attempt = 1; attempt <= 2; ++attempt) {
        const Run run = m_cli({QStringLiteral("exec"), QStringLiteral("-")}, change);
        CAR_VERIFY_RUN(run, 1);
        const QString err = QString::fromUtf8(run.err);
        for (const QString &part :
             {QStringLiteral("Cannot open the workspace '%1' for writing")
                  .arg(QDir::toNativeSeparators(m_cli.db())),
              QStringLiteral("the disk is full ("), QStringLiteral(" free on %1)").arg(disk),
              QStringLiteral("not changed")}) {
            QVERIFY2(err.contains(part), qPrintable(err));
        }
        QCOMPARE(fileHash(m_cli.db()), before);
        QCOMPARE(filesIn(disk), filesBefore);
    }

    const Run get = m_cli({QStringLiteral("get")});
    CAR_VERIFY_RUN(get, 0);
    QVERIFY2(get.out.contains("Keep") && get.out.contains("True"), get.out.constData());
    QCOMPARE(filesIn(disk), filesBefore);

    QVERIFY(QFile::remove(disk + QStringLiteral("/filler")));
    CAR_VERIFY_RUN(m_cli({QStringLiteral("exec"), QStringLiteral("-")}, change), 0);
    QVERIFY(m_cli({QStringLiteral("get")}).out.contains("False"));
    QCOMPARE(filesIn(disk), QStringList {QStringLiteral("work.carws")});
}

QTEST_GUILESS_MAIN(TestCliFullDisk)
#include "tst_cli_fulldisk.moc"
