// Two stores on one workspace file (issue 6): the change stamp a console polls moves when another
// connection (another store in this process, or the real carconsole-cli) commits anything, and
// never for the store's own writes; a checked write over a changed base is refused with the
// conflict flag set and changes nothing.

#include "storagetesthelpers.h"

#include "clirunner.h"
#include "sqliteworkspacestore.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Car;

namespace {

using Write = std::function<StoreResult(SqliteWorkspaceStore &store)>;

Rule namedRule(const QString &name)
{
    Rule rule;
    rule.name = name;
    rule.anyOfProtocols = {Protocol::ExchangeActiveSync};
    return rule;
}

StoreResult addRule(SqliteWorkspaceStore &store)
{
    WorkspaceData data;
    StoreResult result = store.load(data);
    RuleSet next = data.ruleSet;
    if (result && !next.insertRule(namedRule(QStringLiteral("Rule %1").arg(next.size()))).ok)
        result = StoreResult::failure(QStringLiteral("insertRule refused"));
    if (result)
        result = store.saveRuleSetOver(data.ruleSet, next, {}, QStringLiteral("test"));
    return result;
}

} // namespace

Q_DECLARE_METATYPE(Write)

class TestConcurrentStores : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void stampMovesOnlyForOtherWriters_data();
    void stampMovesOnlyForOtherWriters();
    void stampMovesWhenTheCliCommits();
    void stampStillWhenNothingIsCommitted();
    void checkedWriteOverChangedBaseIsAConflict_data();
    void checkedWriteOverChangedBaseIsAConflict();
    void otherFailuresAreNoConflict();

private:
    SqliteWorkspaceStore::OpenResult open() const { return SqliteWorkspaceStore::open(m_db); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestConcurrentStores::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = m_dir->filePath(QStringLiteral("shared.carws"));
}

void TestConcurrentStores::stampMovesOnlyForOtherWriters_data()
{
    QTest::addColumn<Write>("write");
    QTest::addColumn<bool>("byOther");

    const Write saveUser = [](SqliteWorkspaceStore &store) {
        return store.saveUser(StorageTest::user(1), QString());
    };
    const Write saveAdmin = [](SqliteWorkspaceStore &store) {
        return store.saveAdmin(
            AdminSettings {QStringLiteral("admin@contoso.com"), QStringLiteral("192.0.2.10")});
    };
    const Write saveSnapshot = [](SqliteWorkspaceStore &store) {
        return store.saveSnapshot(QStringLiteral("before"), QString(), RuleSet());
    };
    // The console reloads on every rule change another program makes: edits, imports, restores.
    QTest::newRow("rules changed by another program: reload") << Write(addRule) << true;
    // Our own writes are already shown: polling must not reload (and lose the undo history).
    QTest::newRow("rules changed by this store: no reload") << Write(addRule) << false;
    // The directory panel and the Test panel show users; an import elsewhere must appear.
    QTest::newRow("user added by another program: reload") << saveUser << true;
    QTest::newRow("user added by this store: no reload") << saveUser << false;
    QTest::newRow("admin settings by another program: reload") << saveAdmin << true;
    // Snapshots are listed in a dialog that re-reads them when told.
    QTest::newRow("snapshot by another program: reload") << saveSnapshot << true;
    QTest::newRow("snapshot by this store: no reload") << saveSnapshot << false;
}

void TestConcurrentStores::stampMovesOnlyForOtherWriters()
{
    QFETCH(Write, write);
    QFETCH(bool, byOther);
    auto mine = open();
    auto other = open();
    QVERIFY2(mine && other, qPrintable(mine.error + other.error));
    quint64 before = 0;
    CAR_VERIFY_STORE(mine.store->changeStamp(before));

    CAR_VERIFY_STORE(write(byOther ? *other.store : *mine.store));

    quint64 after = 0;
    CAR_VERIFY_STORE(mine.store->changeStamp(after));
    QCOMPARE(after != before, byOther);
    // Asking again without another commit gives the same value: one reload per change.
    quint64 again = 0;
    CAR_VERIFY_STORE(mine.store->changeStamp(again));
    QCOMPARE(again, after);
}

void TestConcurrentStores::stampMovesWhenTheCliCommits()
{
    auto mine = open();
    QVERIFY2(mine, qPrintable(mine.error));
    quint64 before = 0;
    CAR_VERIFY_STORE(mine.store->changeStamp(before));

    const CliTest::Run run = CliTest::runCli(
        m_dir->path(), {QStringLiteral("--db"), m_db, QStringLiteral("exec"), QStringLiteral("-")},
        "New-ClientAccessRule -Name 'From CLI' -Action DenyAccess -AnyOfProtocols POP3\n");
    CAR_VERIFY_RUN(run, 0);

    quint64 after = 0;
    CAR_VERIFY_STORE(mine.store->changeStamp(after));
    QVERIFY(after != before);
    WorkspaceData data;
    CAR_VERIFY_STORE(mine.store->load(data));
    QCOMPARE(data.ruleSet.size(), 1);
    QCOMPARE(data.ruleSet.at(0).name, QStringLiteral("From CLI"));
}

void TestConcurrentStores::stampStillWhenNothingIsCommitted()
{
    auto mine = open();
    auto other = open();
    QVERIFY2(mine && other, qPrintable(mine.error + other.error));
    quint64 before = 0;
    CAR_VERIFY_STORE(mine.store->changeStamp(before));
    // Reads by the other program (the CLI's get, test, check) are no change.
    WorkspaceData data;
    CAR_VERIFY_STORE(other.store->load(data));
    QList<HistoryEntry> history;
    CAR_VERIFY_STORE(other.store->history(history));
    quint64 after = 0;
    CAR_VERIFY_STORE(mine.store->changeStamp(after));
    QCOMPARE(after, before);
}

void TestConcurrentStores::checkedWriteOverChangedBaseIsAConflict_data()
{
    QTest::addColumn<bool>("directory");
    QTest::newRow("rule set: an edit computed from stale rules") << false;
    QTest::newRow("directory: a CSV import over a stale directory") << true;
}

void TestConcurrentStores::checkedWriteOverChangedBaseIsAConflict()
{
    QFETCH(bool, directory);
    auto mine = open();
    auto other = open();
    QVERIFY2(mine && other, qPrintable(mine.error + other.error));
    WorkspaceData base;
    CAR_VERIFY_STORE(mine.store->load(base));
    // The other program commits both a rule and a user.
    CAR_VERIFY_STORE(addRule(*other.store));
    CAR_VERIFY_STORE(other.store->saveUser(StorageTest::user(7), QString()));
    WorkspaceData theirs;
    CAR_VERIFY_STORE(other.store->load(theirs));
    quint64 stampBefore = 0;
    CAR_VERIFY_STORE(mine.store->changeStamp(stampBefore));

    StoreResult refused;
    if (directory) {
        Directory replacement;
        QVERIFY(replacement.addUser(StorageTest::user(9)));
        refused = mine.store->saveDirectoryOver(base.directory, replacement);
    } else {
        RuleSet next = base.ruleSet;
        QVERIFY(next.insertRule(namedRule(QStringLiteral("Mine"))).ok);
        refused = mine.store->saveRuleSetOver(base.ruleSet, next, {QStringLiteral("x")},
                                              QStringLiteral("test"));
    }
    QVERIFY(!refused.ok);
    QVERIFY(refused.conflict);
    QVERIFY2(refused.error.contains(QLatin1String("Try again")), qPrintable(refused.error));

    WorkspaceData now;
    CAR_VERIFY_STORE(mine.store->load(now));
    QCOMPARE(now.ruleSet, theirs.ruleSet);
    QCOMPARE(now.directory, theirs.directory);
    // A refused write commits nothing: the other program is not told to reload.
    quint64 theirStamp = 0;
    CAR_VERIFY_STORE(other.store->changeStamp(theirStamp));
    quint64 theirStampAgain = 0;
    CAR_VERIFY_STORE(other.store->changeStamp(theirStampAgain));
    QCOMPARE(theirStampAgain, theirStamp);
}

void TestConcurrentStores::otherFailuresAreNoConflict()
{
    {
        auto create = open();
        QVERIFY2(create, qPrintable(create.error));
    }
    auto readOnly = SqliteWorkspaceStore::open(m_db, SqliteWorkspaceStore::OpenMode::ReadOnly);
    QVERIFY2(readOnly, qPrintable(readOnly.error));
    WorkspaceData base;
    CAR_VERIFY_STORE(readOnly.store->load(base));
    RuleSet next = base.ruleSet;
    QVERIFY(next.insertRule(namedRule(QStringLiteral("Mine"))).ok);
    // A read-only workspace is not "someone else changed it": reloading would not help.
    const StoreResult refused =
        readOnly.store->saveRuleSetOver(base.ruleSet, next, {}, QStringLiteral("test"));
    QVERIFY(!refused.ok);
    QVERIFY(!refused.conflict);
    quint64 stamp = 0;
    CAR_VERIFY_STORE(readOnly.store->changeStamp(stamp));
}

QTEST_GUILESS_MAIN(TestConcurrentStores)
#include "tst_concurrentstores.moc"
