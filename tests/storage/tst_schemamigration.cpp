// The migration runner: all missing steps in one transaction, version bumped last, and any
// failure leaves the file exactly as it was. Steps are injected through the open() test seam.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "schema.h"
#include "sqliteconnection.h"
#include "sqliteworkspacestore.h"
#include "storagetesthelpers.h"

using namespace Car;
using namespace StorageTest;

namespace {

enum class Failure {
    ReturnsError,
    BadSql,
    AfterCreatingTable,
    AfterChangingRows,
    BrokenForeignKey
};

/// The version a step injected after this build's last one gets.
int nextVersion()
{
    return Schema::currentVersion() + 1;
}

/// A step of `version` that does some work and then fails in the way `failure` says.
SchemaMigration failingStep(Failure failure, int version = nextVersion())
{
    return {
        version, QStringLiteral("test step"), [failure](SqliteConnection &connection) {
            const auto run = [&](const char *sql) {
                return connection.exec(QString::fromUtf8(sql), QStringLiteral("test"));
            };
            switch (failure) {
            case Failure::ReturnsError:
                return StoreResult::failure(QStringLiteral("injected failure"));
            case Failure::BadSql:
                return run("CREATE TABEL later_feature (id INTEGER)");
            case Failure::AfterCreatingTable: {
                const StoreResult created = run("CREATE TABLE later_feature (id INTEGER PRIMARY "
                                                "KEY, rule_set_id INTEGER)");
                return created ? StoreResult::failure(QStringLiteral("injected failure")) : created;
            }
            case Failure::AfterChangingRows: {
                StoreResult result = run("UPDATE rules SET name = 'renamed by v2'");
                if (result)
                    result = run("DELETE FROM users");
                if (result)
                    result = run("ALTER TABLE users ADD COLUMN manager TEXT");
                return result ? StoreResult::failure(QStringLiteral("injected failure")) : result;
            }
            case Failure::BrokenForeignKey:
                // Foreign keys are off during the steps; the check before COMMIT catches it.
                return run("INSERT INTO rules (rule_set_id, position, uuid, name, action, "
                           "enabled, scope) VALUES (99, 1, 'x', 'orphan', 'DenyAccess', 1, "
                           "'All')");
            }
            return StoreResult::success();
        }};
}

/// A later version's step that works: one more table.
SchemaMigration laterStep()
{
    return {nextVersion(), QStringLiteral("a later feature"), [](SqliteConnection &connection) {
                return connection.exec(
                    QStringLiteral("CREATE TABLE later_feature (id INTEGER PRIMARY KEY, "
                                   "rule_set_id INTEGER NOT NULL REFERENCES rule_sets(id), "
                                   "label TEXT NOT NULL)"),
                    QStringLiteral("creating later_feature"));
            }};
}

QList<SchemaMigration> withStep(const SchemaMigration &step)
{
    QList<SchemaMigration> steps = Schema::migrations();
    steps.append(step);
    return steps;
}

/// A closed workspace of the current version with rules, users and history.
bool makeWorkspace(const QString &path, WorkspaceData *data)
{
    auto opened = SqliteWorkspaceStore::open(path);
    if (!opened)
        return false;
    *data = fullWorkspace();
    return opened.store->saveRuleSet(data->ruleSet, {QStringLiteral("line")}, QStringLiteral("cli"))
               .ok
        && opened.store->saveDirectory(data->directory).ok
        && opened.store->saveAdmin(data->admin).ok;
}

int userVersion(const QString &path)
{
    RawDatabase raw(path);
    return raw.value(QStringLiteral("PRAGMA user_version")).toInt();
}

} // namespace

class TestSchemaMigration : public QObject
{
    Q_OBJECT

private slots:
    void currentVersionIsTwo();
    void version1FixtureMigratesToVersion2();
    void failingVersion2StepLeavesVersion1FileAsItWas_data();
    void failingVersion2StepLeavesVersion1FileAsItWas();
    void failingStepLeavesFileAsItWas_data();
    void failingStepLeavesFileAsItWas();
    void failingCreationLeavesNoFile();
    void laterStepUpgradesAndOlderBuildRefuses();
    void stepsOutOfOrderAreRejected();
};

void TestSchemaMigration::currentVersionIsTwo()
{
    QCOMPARE(Schema::currentVersion(), 2);
    QCOMPARE(Schema::latestVersion({}), 0);
    QCOMPARE(Schema::requiredTables(1).size(), 6);
    QCOMPARE(Schema::requiredTables(2).size(), 8);
    QVERIFY(Schema::requiredTables(2).contains(QStringLiteral("snapshots")));
    QVERIFY(Schema::requiredTables(2).contains(QStringLiteral("saved_tests")));
}

void TestSchemaMigration::version1FixtureMigratesToVersion2()
{
    const QString fixture = QStringLiteral(CAR_TEST_DATA_DIR "/storage/workspace-v1.carws");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.carws"));
    QVERIFY(QFile::copy(fixture, path));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QCOMPARE(userVersion(path), 1);
    WorkspaceData before;
    {
        // The fixture as a version-1-only build reads it.
        auto old = SqliteWorkspaceStore::open(path, SqliteWorkspaceStore::OpenMode::ReadWrite,
                                              {Schema::migrations().first()});
        QVERIFY2(old, qPrintable(old.error));
        CAR_VERIFY_STORE(old.store->load(before));
    }
    QCOMPARE(before.ruleSet.size(), 2);
    QCOMPARE(userVersion(path), 1);
    {
        auto opened = SqliteWorkspaceStore::open(path);
        QVERIFY2(opened, qPrintable(opened.error));
        WorkspaceData after;
        CAR_VERIFY_STORE(opened.store->load(after));
        QVERIFY(after.ruleSet == before.ruleSet);
        QVERIFY(after.directory == before.directory);
        QVERIFY(after.admin == before.admin);
        QList<HistoryEntry> history;
        CAR_VERIFY_STORE(opened.store->history(history));
        QCOMPARE(history.size(), 2);
        QList<SnapshotInfo> snapshots;
        CAR_VERIFY_STORE(opened.store->snapshots(snapshots));
        QVERIFY(snapshots.isEmpty());
        QList<SavedTest> tests;
        CAR_VERIFY_STORE(opened.store->savedTests(tests));
        QVERIFY(tests.isEmpty());
        // The new tables take rows at once.
        CAR_VERIFY_STORE(
            opened.store->saveSnapshot(QStringLiteral("first"), QString(), after.ruleSet));
    }
    QCOMPARE(userVersion(path), 2);
    RawDatabase raw(path);
    QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM snapshots")).toInt(), 1);
    QCOMPARE(raw.value(QStringLiteral("PRAGMA foreign_key_check")), QVariant());
}

void TestSchemaMigration::failingVersion2StepLeavesVersion1FileAsItWas_data()
{
    QTest::addColumn<Failure>("failure");
    QTest::newRow("the version 2 step reports an error") << Failure::ReturnsError;
    QTest::newRow("the version 2 step changed rows and the users table first")
        << Failure::AfterChangingRows;
    QTest::newRow("the version 2 step left a dangling reference") << Failure::BrokenForeignKey;
}

void TestSchemaMigration::failingVersion2StepLeavesVersion1FileAsItWas()
{
    QFETCH(Failure, failure);
    const QString fixture = QStringLiteral(CAR_TEST_DATA_DIR "/storage/workspace-v1.carws");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.carws"));
    QVERIFY(QFile::copy(fixture, path));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const QByteArray before = fileHash(path);

    // The real version 1 step (already applied), then a failing version 2 in place of ours.
    const QList<SchemaMigration> steps = {Schema::migrations().first(), failingStep(failure, 2)};
    const auto opened =
        SqliteWorkspaceStore::open(path, SqliteWorkspaceStore::OpenMode::ReadWrite, steps);
    QVERIFY(!opened);
    QVERIFY2(opened.error.contains(QStringLiteral("from schema 1 to 2")), qPrintable(opened.error));
    QVERIFY2(opened.error.contains(QStringLiteral("left unchanged")), qPrintable(opened.error));
    QCOMPARE(fileHash(path), before);
    QCOMPARE(sideFiles(path), QStringList());

    // The real version 2 step still upgrades it afterwards.
    auto again = SqliteWorkspaceStore::open(path);
    QVERIFY2(again, qPrintable(again.error));
    again.store.reset();
    QCOMPARE(userVersion(path), 2);
}

void TestSchemaMigration::failingStepLeavesFileAsItWas_data()
{
    QTest::addColumn<Failure>("failure");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a step that reports an error")
        << Failure::ReturnsError << QStringLiteral("injected failure");
    QTest::newRow("a step whose SQL does not parse: SQLite's reason is passed on")
        << Failure::BadSql << QStringLiteral("syntax error");
    QTest::newRow("a failure after a table was created: the table must vanish")
        << Failure::AfterCreatingTable << QStringLiteral("injected failure");
    QTest::newRow("a failure after rows changed and a column was added")
        << Failure::AfterChangingRows << QStringLiteral("injected failure");
    QTest::newRow("a step that leaves a dangling reference (checked before COMMIT)")
        << Failure::BrokenForeignKey << QStringLiteral("refers to a missing row");
}

void TestSchemaMigration::failingStepLeavesFileAsItWas()
{
    QFETCH(Failure, failure);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.carws"));
    WorkspaceData data;
    QVERIFY(makeWorkspace(path, &data));
    const QByteArray before = fileHash(path);

    const auto opened = SqliteWorkspaceStore::open(path, SqliteWorkspaceStore::OpenMode::ReadWrite,
                                                   withStep(failingStep(failure)));
    QVERIFY(!opened);
    QVERIFY2(opened.error.contains(expected), qPrintable(opened.error));
    QVERIFY2(opened.error.contains(QDir::toNativeSeparators(path)), qPrintable(opened.error));
    QVERIFY2(opened.error.contains(QStringLiteral("from schema 2 to 3")), qPrintable(opened.error));
    QVERIFY2(opened.error.contains(QStringLiteral("left unchanged")), qPrintable(opened.error));
    QCOMPARE(fileHash(path), before);
    QCOMPARE(sideFiles(path), QStringList());

    // This build still opens it, with every row in place.
    auto again = SqliteWorkspaceStore::open(path);
    QVERIFY2(again, qPrintable(again.error));
    WorkspaceData back;
    CAR_VERIFY_STORE(again.store->load(back));
    QVERIFY(back.ruleSet == data.ruleSet);
    QVERIFY(back.directory == data.directory);
    again.store.reset();
    QCOMPARE(userVersion(path), 2);
}

void TestSchemaMigration::failingCreationLeavesNoFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("never/made.carws"));
    const auto opened = SqliteWorkspaceStore::open(path, SqliteWorkspaceStore::OpenMode::ReadWrite,
                                                   withStep(failingStep(Failure::ReturnsError)));
    QVERIFY(!opened);
    QVERIFY2(opened.error.contains(QStringLiteral("Could not create")), qPrintable(opened.error));
    QVERIFY(!QFileInfo::exists(path));
    QCOMPARE(sideFiles(path), QStringList());
    // The next attempt is not blocked by a half-made (e.g. zero-length) file.
    auto next = SqliteWorkspaceStore::open(path);
    QVERIFY2(next, qPrintable(next.error));
}

void TestSchemaMigration::laterStepUpgradesAndOlderBuildRefuses()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("upgrade.carws"));
    WorkspaceData data;
    QVERIFY(makeWorkspace(path, &data));
    {
        auto upgraded = SqliteWorkspaceStore::open(path, SqliteWorkspaceStore::OpenMode::ReadWrite,
                                                   withStep(laterStep()));
        QVERIFY2(upgraded, qPrintable(upgraded.error));
        WorkspaceData back;
        CAR_VERIFY_STORE(upgraded.store->load(back));
        QVERIFY(back.ruleSet == data.ruleSet);
    }
    QCOMPARE(userVersion(path), 3);
    {
        RawDatabase raw(path);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM later_feature")).toInt(), 0);
    }

    // This build (version 2) now refuses the file and leaves it alone.
    const QByteArray before = fileHash(path);
    const auto old = SqliteWorkspaceStore::open(path);
    QVERIFY(!old);
    QVERIFY2(old.error.contains(QStringLiteral("(schema 3, this build understands up to 2)")),
             qPrintable(old.error));
    QCOMPARE(fileHash(path), before);

    // Opening again with the same steps migrates nothing.
    auto same = SqliteWorkspaceStore::open(path, SqliteWorkspaceStore::OpenMode::ReadWrite,
                                           withStep(laterStep()));
    QVERIFY2(same, qPrintable(same.error));
    same.store.reset();
    QCOMPARE(fileHash(path), before);
}

void TestSchemaMigration::stepsOutOfOrderAreRejected()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("order.carws"));
    WorkspaceData data;
    QVERIFY(makeWorkspace(path, &data));
    const QByteArray before = fileHash(path);
    QList<SchemaMigration> steps = withStep(laterStep());
    steps.append({nextVersion(), QStringLiteral("duplicate"), [](SqliteConnection &) {
                      return StoreResult::success();
                  }});
    const auto opened =
        SqliteWorkspaceStore::open(path, SqliteWorkspaceStore::OpenMode::ReadWrite, steps);
    QVERIFY(!opened);
    QVERIFY2(opened.error.contains(QStringLiteral("out of order")), qPrintable(opened.error));
    QCOMPARE(fileHash(path), before);
}

QTEST_GUILESS_MAIN(TestSchemaMigration)

#include "tst_schemamigration.moc"
