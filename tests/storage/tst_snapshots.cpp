// Snapshots in the workspace: the RuleStore contract, run against the SQLite store and the
// in-memory fake the UI tests use (so the fake cannot drift from the real thing), and the
// SQLite specifics: rows cleaned up on delete, read-only files, damaged snapshot rows.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "fakerulestore.h"
#include "sqliteworkspacestore.h"
#include "storagetesthelpers.h"

#include <memory>

using namespace Car;
using namespace StorageTest;

namespace {

enum class StoreKind { Sqlite, Fake };

RuleSet exchangeServerSet()
{
    RuleSet set;
    set.setEnvironment(Environment::ExchangeServer);
    set.setNetbiosDomain(QStringLiteral("FABRIKAM"));
    Rule rule;
    rule.name = QStringLiteral("Block remote PowerShell");
    rule.anyOfProtocols = {Protocol::RemotePowerShell};
    rule.usernameMatchesAnyOfPatterns = {pattern(QStringLiteral("FABRIKAM\\svc-*"))};
    add(set, rule);
    return set;
}

} // namespace

class TestSnapshots : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void roundTrip_data();
    void roundTrip();
    void snapshotIsFrozen_data();
    void snapshotIsFrozen();
    void duplicateNameIsRefused_data();
    void duplicateNameIsRefused();
    void invalidNameIsRefused_data();
    void invalidNameIsRefused();
    void deleteRemovesOnlyThatSnapshot_data();
    void deleteRemovesOnlyThatSnapshot();
    void restoreEqualsTheSavedSet_data();
    void restoreEqualsTheSavedSet();

    void deleteLeavesNoRowsBehind();
    void survivesReopenAndReadsReadOnly();
    void damagedSnapshotNamesTheSnapshot();
    void readsVersion2Fixture();

private:
    void addStoreColumn();
    std::unique_ptr<RuleStore> makeStore(StoreKind kind);
    QString path() const { return m_dir->filePath(QStringLiteral("snapshots.carws")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSnapshots::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSnapshots::addStoreColumn()
{
    QTest::addColumn<StoreKind>("kind");
}

std::unique_ptr<RuleStore> TestSnapshots::makeStore(StoreKind kind)
{
    if (kind == StoreKind::Fake)
        return std::make_unique<FakeRuleStore>();
    auto opened = SqliteWorkspaceStore::open(path());
    if (!opened)
        qWarning("%s", qPrintable(opened.error));
    return std::move(opened.store);
}

void TestSnapshots::roundTrip_data()
{
    addStoreColumn();
    QTest::addColumn<int>("sample");
    for (const auto &[kind, label] :
         {std::pair {StoreKind::Sqlite, "sqlite"}, std::pair {StoreKind::Fake, "fake"}}) {
        QTest::addRow("%s: every field, unicode and SQL-like text verbatim", label) << kind << 0;
        QTest::addRow("%s: ExchangeServer with its NetBIOS domain", label) << kind << 1;
        QTest::addRow("%s: an empty rule set is a snapshot too", label) << kind << 2;
    }
}

void TestSnapshots::roundTrip()
{
    QFETCH(StoreKind, kind);
    QFETCH(int, sample);
    const RuleSet set = sample == 0 ? fullWorkspace().ruleSet
        : sample == 1               ? exchangeServerSet()
                                    : RuleSet();
    auto store = makeStore(kind);
    QVERIFY(store);
    const QString note = QStringLiteral("applied to Exchange 2026-11-27 — \"ok\" ';--");
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    CAR_VERIFY_STORE(store->saveSnapshot(QStringLiteral("Go-live"), note, set));
    const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);

    QList<SnapshotInfo> list;
    CAR_VERIFY_STORE(store->snapshots(list));
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).name, QStringLiteral("Go-live"));
    QCOMPARE(list.at(0).note, note);
    QCOMPARE(list.at(0).ruleCount, set.size());
    QCOMPARE(list.at(0).created.timeSpec(), Qt::UTC);
    QVERIFY2(list.at(0).created >= before && list.at(0).created <= after,
             qPrintable(list.at(0).created.toString(Qt::ISODateWithMs)));

    RuleSet back;
    CAR_VERIFY_STORE(store->loadSnapshot(QStringLiteral("GO-LIVE"), back)); // ignoring case
    QVERIFY(back == set);
    QCOMPARE(toString(back.environment()), toString(set.environment()));
    QCOMPARE(back.netbiosDomain(), set.netbiosDomain());
    QCOMPARE(ruleIds(back), ruleIds(set));
    QCOMPARE(patternTexts(back), patternTexts(set));

    // Saving a snapshot leaves the working set alone.
    WorkspaceData data;
    CAR_VERIFY_STORE(store->load(data));
    QCOMPARE(data.ruleSet.size(), 0);
}

void TestSnapshots::snapshotIsFrozen_data()
{
    addStoreColumn();
    QTest::newRow("sqlite") << StoreKind::Sqlite;
    QTest::newRow("fake") << StoreKind::Fake;
}

void TestSnapshots::snapshotIsFrozen()
{
    QFETCH(StoreKind, kind);
    auto store = makeStore(kind);
    QVERIFY(store);
    const RuleSet original = fullWorkspace().ruleSet;
    CAR_VERIFY_STORE(store->saveRuleSet(original, {}, QStringLiteral("test")));
    CAR_VERIFY_STORE(store->saveSnapshot(QStringLiteral("before"), QString(), original));

    // Edits of the working set (same rule ids!) do not reach the snapshot, and vice versa.
    RuleSet edited = original;
    edited.removeRule(0);
    edited.moveRule(1, 0);
    CAR_VERIFY_STORE(store->saveRuleSet(edited, {}, QStringLiteral("test")));
    CAR_VERIFY_STORE(store->saveSnapshot(QStringLiteral("after"), QString(), edited));

    RuleSet before, after;
    CAR_VERIFY_STORE(store->loadSnapshot(QStringLiteral("before"), before));
    CAR_VERIFY_STORE(store->loadSnapshot(QStringLiteral("after"), after));
    QVERIFY(before == original);
    QVERIFY(after == edited);
    WorkspaceData data;
    CAR_VERIFY_STORE(store->load(data));
    QVERIFY(data.ruleSet == edited);

    QList<SnapshotInfo> list;
    CAR_VERIFY_STORE(store->snapshots(list));
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).name, QStringLiteral("before")); // oldest first
    QCOMPARE(list.at(1).name, QStringLiteral("after"));
    QCOMPARE(list.at(0).ruleCount, original.size());
    QCOMPARE(list.at(1).ruleCount, edited.size());
}

void TestSnapshots::duplicateNameIsRefused_data()
{
    addStoreColumn();
    QTest::addColumn<QString>("second");
    for (const auto &[kind, label] :
         {std::pair {StoreKind::Sqlite, "sqlite"}, std::pair {StoreKind::Fake, "fake"}}) {
        QTest::addRow("%s: the same name", label) << kind << QStringLiteral("Ärger 2026");
        QTest::addRow("%s: ASCII case differs", label) << kind << QStringLiteral("äRGER 2026");
        QTest::addRow("%s: non-ASCII case differs (SQLite NOCASE would miss it)", label)
            << kind << QStringLiteral("ÄRGER 2026");
    }
}

void TestSnapshots::duplicateNameIsRefused()
{
    QFETCH(StoreKind, kind);
    QFETCH(QString, second);
    auto store = makeStore(kind);
    QVERIFY(store);
    CAR_VERIFY_STORE(
        store->saveSnapshot(QStringLiteral("Ärger 2026"), QStringLiteral("first"), RuleSet()));
    const StoreResult result =
        store->saveSnapshot(second, QStringLiteral("second"), fullWorkspace().ruleSet);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QStringLiteral("exists")), qPrintable(result.error));
    QList<SnapshotInfo> list;
    CAR_VERIFY_STORE(store->snapshots(list));
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).note, QStringLiteral("first"));
    QCOMPARE(list.at(0).ruleCount, 0);
}

void TestSnapshots::invalidNameIsRefused_data()
{
    addStoreColumn();
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    for (const auto &[kind, label] :
         {std::pair {StoreKind::Sqlite, "sqlite"}, std::pair {StoreKind::Fake, "fake"}}) {
        QTest::addRow("%s: empty", label) << kind << QString() << QStringLiteral("empty");
        QTest::addRow("%s: blanks only", label)
            << kind << QStringLiteral("   ") << QStringLiteral("empty");
        QTest::addRow("%s: a trailing blank would make two names look alike", label)
            << kind << QStringLiteral("v1 ") << QStringLiteral("blank");
        QTest::addRow("%s: a line break would break listings", label)
            << kind << QStringLiteral("v1\nv2") << QStringLiteral("control character");
        QTest::addRow("%s: 'current' stands for the working set in diff", label)
            << kind << QStringLiteral("Current") << QStringLiteral("reserved");
        QTest::addRow("%s: too long", label)
            << kind << QString(SnapshotNames::MaxLength + 1, QLatin1Char('x'))
            << QStringLiteral("at most");
    }
}

void TestSnapshots::invalidNameIsRefused()
{
    QFETCH(StoreKind, kind);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    auto store = makeStore(kind);
    QVERIFY(store);
    const StoreResult result = store->saveSnapshot(name, QString(), fullWorkspace().ruleSet);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(expected), qPrintable(result.error));
    QList<SnapshotInfo> list;
    CAR_VERIFY_STORE(store->snapshots(list));
    QVERIFY(list.isEmpty());
    QCOMPARE(SnapshotNames::validate(QString(SnapshotNames::MaxLength, QLatin1Char('x'))),
             QString());
}

void TestSnapshots::deleteRemovesOnlyThatSnapshot_data()
{
    snapshotIsFrozen_data();
}

void TestSnapshots::deleteRemovesOnlyThatSnapshot()
{
    QFETCH(StoreKind, kind);
    auto store = makeStore(kind);
    QVERIFY(store);
    const RuleSet full = fullWorkspace().ruleSet;
    CAR_VERIFY_STORE(store->saveSnapshot(QStringLiteral("a"), QString(), full));
    CAR_VERIFY_STORE(store->saveSnapshot(QStringLiteral("b"), QString(), exchangeServerSet()));
    CAR_VERIFY_STORE(store->saveSnapshot(QStringLiteral("c"), QString(), full));

    CAR_VERIFY_STORE(store->deleteSnapshot(QStringLiteral("B")));
    QList<SnapshotInfo> list;
    CAR_VERIFY_STORE(store->snapshots(list));
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).name, QStringLiteral("a"));
    QCOMPARE(list.at(1).name, QStringLiteral("c"));
    RuleSet back;
    CAR_VERIFY_STORE(store->loadSnapshot(QStringLiteral("c"), back));
    QVERIFY(back == full);

    const StoreResult again = store->deleteSnapshot(QStringLiteral("b"));
    QVERIFY(!again.ok);
    QVERIFY2(again.error.contains(QStringLiteral("'b'")), qPrintable(again.error));
    const StoreResult missing = store->loadSnapshot(QStringLiteral("b"), back);
    QVERIFY(!missing.ok);
    QVERIFY(back == full); // a failed load leaves `out` alone

    // The name is free again.
    CAR_VERIFY_STORE(store->saveSnapshot(QStringLiteral("b"), QString(), RuleSet()));
}

void TestSnapshots::restoreEqualsTheSavedSet_data()
{
    snapshotIsFrozen_data();
}

void TestSnapshots::restoreEqualsTheSavedSet()
{
    QFETCH(StoreKind, kind);
    auto store = makeStore(kind);
    QVERIFY(store);
    const RuleSet saved = fullWorkspace().ruleSet;
    CAR_VERIFY_STORE(store->saveRuleSet(saved, {}, QStringLiteral("test")));
    CAR_VERIFY_STORE(store->saveSnapshot(QStringLiteral("good"), QString(), saved));
    CAR_VERIFY_STORE(store->saveRuleSet(exchangeServerSet(), {}, QStringLiteral("test")));

    RuleSet snapshot;
    CAR_VERIFY_STORE(store->loadSnapshot(QStringLiteral("good"), snapshot));
    CAR_VERIFY_STORE(
        store->saveRuleSet(snapshot, {QStringLiteral("# restored")}, QStringLiteral("test")));
    WorkspaceData data;
    CAR_VERIFY_STORE(store->load(data));
    QVERIFY(data.ruleSet == saved);
    QCOMPARE(ruleIds(data.ruleSet), ruleIds(saved));
    // The snapshot survives its restore.
    QList<SnapshotInfo> list;
    CAR_VERIFY_STORE(store->snapshots(list));
    QCOMPARE(list.size(), 1);
}

void TestSnapshots::deleteLeavesNoRowsBehind()
{
    auto store = makeStore(StoreKind::Sqlite);
    QVERIFY(store);
    CAR_VERIFY_STORE(store->saveRuleSet(fullWorkspace().ruleSet, {}, QStringLiteral("test")));
    const auto count = [this](const char *sql) {
        RawDatabase raw(path());
        return raw.value(QString::fromUtf8(sql)).toInt();
    };
    const int rules = count("SELECT count(*) FROM rules");
    const int values = count("SELECT count(*) FROM rule_values");
    for (int i = 0; i < 3; ++i) {
        CAR_VERIFY_STORE(
            store->saveSnapshot(QStringLiteral("s%1").arg(i), QString(), fullWorkspace().ruleSet));
    }
    QCOMPARE(count("SELECT count(*) FROM rules"), 4 * rules);
    QCOMPARE(count("SELECT count(*) FROM rule_sets"), 4);
    for (int i = 0; i < 3; ++i)
        CAR_VERIFY_STORE(store->deleteSnapshot(QStringLiteral("s%1").arg(i)));
    QCOMPARE(count("SELECT count(*) FROM rules"), rules);
    QCOMPARE(count("SELECT count(*) FROM rule_values"), values);
    QCOMPARE(count("SELECT count(*) FROM rule_sets"), 1);
    QCOMPARE(count("SELECT count(*) FROM snapshots"), 0);
    WorkspaceData data;
    CAR_VERIFY_STORE(store->load(data));
    QVERIFY(data.ruleSet == fullWorkspace().ruleSet);
}

void TestSnapshots::survivesReopenAndReadsReadOnly()
{
    {
        auto store = makeStore(StoreKind::Sqlite);
        QVERIFY(store);
        CAR_VERIFY_STORE(store->saveSnapshot(QStringLiteral("kept"), QStringLiteral("n"),
                                             fullWorkspace().ruleSet));
    }
    const QByteArray hash = fileHash(path());
    {
        auto opened = SqliteWorkspaceStore::open(path(), SqliteWorkspaceStore::OpenMode::ReadOnly);
        QVERIFY2(opened, qPrintable(opened.error));
        QList<SnapshotInfo> list;
        CAR_VERIFY_STORE(opened.store->snapshots(list));
        QCOMPARE(list.size(), 1);
        RuleSet back;
        CAR_VERIFY_STORE(opened.store->loadSnapshot(QStringLiteral("kept"), back));
        QVERIFY(back == fullWorkspace().ruleSet);
        const StoreResult save = opened.store->saveSnapshot(QStringLiteral("x"), {}, back);
        QVERIFY(!save.ok);
        QVERIFY2(save.error.contains(QStringLiteral("read-only")), qPrintable(save.error));
        const StoreResult remove = opened.store->deleteSnapshot(QStringLiteral("kept"));
        QVERIFY(!remove.ok);
    }
    QCOMPARE(fileHash(path()), hash);
}

void TestSnapshots::damagedSnapshotNamesTheSnapshot()
{
    auto store = makeStore(StoreKind::Sqlite);
    QVERIFY(store);
    CAR_VERIFY_STORE(store->saveRuleSet(fullWorkspace().ruleSet, {}, QStringLiteral("test")));
    CAR_VERIFY_STORE(
        store->saveSnapshot(QStringLiteral("broken"), QString(), fullWorkspace().ruleSet));
    {
        RawDatabase raw(path());
        QCOMPARE(raw.exec(QStringLiteral(
                     "UPDATE rule_values SET value = '10.0.0.0/99' WHERE list = "
                     "'AnyOfClientIPAddressesOrRanges' AND rule_id IN (SELECT id FROM rules "
                     "WHERE rule_set_id <> 1)")),
                 QString());
    }
    RuleSet back;
    const StoreResult result = store->loadSnapshot(QStringLiteral("broken"), back);
    QVERIFY(!result.ok);
    for (const QString &part : {QStringLiteral("'broken'"), QStringLiteral("10.0.0.0/99"),
                                QDir::toNativeSeparators(path())}) {
        QVERIFY2(result.error.contains(part), qPrintable(result.error));
    }
    // The working set is not affected by its damaged copy.
    WorkspaceData data;
    CAR_VERIFY_STORE(store->load(data));
    QVERIFY(data.ruleSet == fullWorkspace().ruleSet);
}

void TestSnapshots::readsVersion2Fixture()
{
    const QString fixture = QStringLiteral(CAR_TEST_DATA_DIR "/storage/workspace-v2.carws");
    QVERIFY(QFileInfo::exists(fixture));
    const QByteArray fixtureHash = fileHash(fixture);
    QVERIFY(QFile::copy(fixture, path()));
    QVERIFY(QFile::setPermissions(path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner));

    // A current file: a read-only open needs no upgrade.
    auto opened = SqliteWorkspaceStore::open(path(), SqliteWorkspaceStore::OpenMode::ReadOnly);
    QVERIFY2(opened, qPrintable(opened.error));
    WorkspaceData data;
    CAR_VERIFY_STORE(opened.store->load(data));
    QCOMPARE(data.ruleSet.size(), 2);
    QCOMPARE(data.directory.size(), 3);

    QList<SnapshotInfo> list;
    CAR_VERIFY_STORE(opened.store->snapshots(list));
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).name, QStringLiteral("Go-live"));
    QCOMPARE(list.at(0).created, QDateTime(QDate(2026, 11, 27), QTime(16, 0), Qt::UTC));
    QCOMPARE(list.at(0).note, QStringLiteral("applied to Exchange 2026-11-27"));
    QCOMPARE(list.at(0).ruleCount, 2);
    QCOMPARE(list.at(1).name, QStringLiteral("Ärger"));
    QCOMPARE(list.at(1).created, QDateTime(QDate(2026, 11, 28), QTime(8, 30, 15, 500), Qt::UTC));
    QCOMPARE(list.at(1).ruleCount, 0);

    RuleSet goLive;
    CAR_VERIFY_STORE(opened.store->loadSnapshot(QStringLiteral("GO-LIVE"), goLive));
    QCOMPARE(goLive.size(), 2);
    QVERIFY(goLive.at(0) == data.ruleSet.at(0)); // the same rule, id included
    QCOMPARE(goLive.at(1).name, QStringLiteral("Block EAS outside"));
    QCOMPARE(goLive.at(1).exceptAnyOfClientIPAddressesOrRanges.size(), 1);
    QCOMPARE(goLive.at(1).exceptAnyOfClientIPAddressesOrRanges.at(0).toString(),
             QStringLiteral("192.168.0.0/16"));
    RuleSet empty;
    CAR_VERIFY_STORE(opened.store->loadSnapshot(QStringLiteral("äRGER"), empty));
    QCOMPARE(toString(empty.environment()), toString(Environment::ExchangeServer));
    QCOMPARE(empty.netbiosDomain(), QStringLiteral("FABRIKAM"));
    QVERIFY(empty.isEmpty());

    QList<SavedTest> tests;
    CAR_VERIFY_STORE(opened.store->savedTests(tests));
    QCOMPARE(tests.size(), 2);
    QCOMPARE(tests.at(0).name, QStringLiteral("EAC from outside"));
    QCOMPARE(tests.at(0).expectedRule, QStringLiteral("Allow EAC access only for MGMT"));
    QCOMPARE(toString(tests.at(0).protocol), toString(Protocol::ExchangeAdminCenter));
    QCOMPARE(tests.at(1).address.toString(), QStringLiteral("2001:db8::7"));
    QCOMPARE(tests.at(1).port, 5986);
    QVERIFY(tests.at(1).middleTier);
    QCOMPARE(toString(tests.at(1).expectedAction), toString(Action::AllowAccess));
    opened.store.reset();

    // Writable: new snapshots take the next rule set id above the fixture's.
    auto writable = SqliteWorkspaceStore::open(path());
    QVERIFY2(writable, qPrintable(writable.error));
    CAR_VERIFY_STORE(writable.store->saveSnapshot(QStringLiteral("third"), QString(), goLive));
    CAR_VERIFY_STORE(writable.store->deleteSnapshot(QStringLiteral("Go-live")));
    RuleSet third;
    CAR_VERIFY_STORE(writable.store->loadSnapshot(QStringLiteral("third"), third));
    QVERIFY(third == goLive);
    QCOMPARE(fileHash(fixture), fixtureHash);
}

QTEST_GUILESS_MAIN(TestSnapshots)

#include "tst_snapshots.moc"
