// A directory of 100,000 users: one transaction to save, one SELECT to load, both fast.
// Measured on the 2-core build machine while others compiled: Release about 0.7-1.3 s to save
// and 0.5-1.0 s to load (a third of which is Directory's own indexing); Debug about 2 s each.
// The limits are generous multiples so that a shared machine does not make the test flaky,
// while a transaction or a query per row (tens of seconds and more) still fails it.

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
#ifdef QT_NO_DEBUG
    constexpr qint64 SaveLimitMs = 4000;
    constexpr qint64 LoadLimitMs = 3000;
#else // Debug or sanitizer builds
    constexpr qint64 SaveLimitMs = 12000;
    constexpr qint64 LoadLimitMs = 10000;
#endif
    QVERIFY2(saveMs < SaveLimitMs, qPrintable(QStringLiteral("save took %1 ms").arg(saveMs)));
    QVERIFY2(resaveMs < SaveLimitMs,
             qPrintable(QStringLiteral("replace took %1 ms").arg(resaveMs)));
    QVERIFY2(loadMs < LoadLimitMs, qPrintable(QStringLiteral("load took %1 ms").arg(loadMs)));
}

QTEST_GUILESS_MAIN(TestDirectoryScale)

#include "tst_directoryscale.moc"
