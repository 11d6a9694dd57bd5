// A directory of 100,000 users saves, replaces and loads intact. Speed is not asserted here
// (timed tests are flaky on a shared machine); the benchmarks in tests/bench measure it.

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include "sqliteworkspacestore.h"
#include "storagetesthelpers.h"

using namespace Car;
using namespace StorageTest;

class TestDirectoryScale : public QObject
{
    Q_OBJECT

private slots:
    void hundredThousandUsers();
};

void TestDirectoryScale::hundredThousandUsers()
{
    constexpr int UserCount = 100000;
    Directory directory;
    for (int n = 0; n < UserCount; ++n) {
        DirectoryUser u;
        u.userPrincipalName = QStringLiteral("user%1@contoso.com").arg(UserCount - n);
        u.samAccountName = QStringLiteral("user%1").arg(n);
        u.alias = u.samAccountName;
        u.displayName = QStringLiteral("User Number %1").arg(n);
        u.setAttribute(Attribute::Department, QStringLiteral("Dept %1").arg(n % 40));
        u.setAttribute(Attribute::City, QStringLiteral("City %1").arg(n % 300));
        u.setAttribute(Attribute::CustomAttribute7, QStringLiteral("x%1").arg(n));
        QVERIFY(directory.addUser(u));
    }

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.carws"));
    auto opened = SqliteWorkspaceStore::open(path);
    QVERIFY2(opened, qPrintable(opened.error));

    QElapsedTimer timer;
    timer.start();
    CAR_VERIFY_STORE(opened.store->saveDirectory(directory));
    const qint64 saveMs = timer.elapsed();

    // Again over a full table: the replace deletes 100k rows in the same transaction.
    timer.restart();
    CAR_VERIFY_STORE(opened.store->saveDirectory(directory));
    const qint64 resaveMs = timer.elapsed();
    opened.store.reset();

    auto reopened = SqliteWorkspaceStore::open(path);
    QVERIFY2(reopened, qPrintable(reopened.error));
    WorkspaceData data;
    timer.restart();
    CAR_VERIFY_STORE(reopened.store->load(data));
    const qint64 loadMs = timer.elapsed();

    qInfo("100k users: save %lld ms, replace %lld ms, load %lld ms", saveMs, resaveMs, loadMs);
    QCOMPARE(data.directory.size(), UserCount);
    QVERIFY(data.directory == directory);
}

QTEST_GUILESS_MAIN(TestDirectoryScale)

#include "tst_directoryscale.moc"
