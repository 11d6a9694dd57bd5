// Two writers on one workspace file, at the store level (issue 6): a read-modify-write that
// another store overtook must be refused with a "try again" message (saveRuleSetOver,
// saveDirectoryOver) instead of silently overwriting the other one's change; a write the other
// store holds the lock for fails after the busy timeout with a message that says what to do.

#include "storagetesthelpers.h"

#include "sqliteworkspacestore.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace Car;

namespace {

Rule namedRule(const QString &name)
{
    Rule rule;
    rule.name = name;
    rule.anyOfProtocols = {Protocol::ExchangeActiveSync};
    return rule;
}

} // namespace

class TestHostileWriters : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void overtakenRuleSetWriteIsRefused();
    void unchangedBaseWrites();
    void overtakenDirectoryWriteIsRefused();
    void heldLockGivesRetryMessage();

private:
    SqliteWorkspaceStore::OpenResult open() const { return SqliteWorkspaceStore::open(m_db); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestHostileWriters::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = m_dir->filePath(QStringLiteral("shared.carws"));
}

void TestHostileWriters::overtakenRuleSetWriteIsRefused()
{
    auto first = open();
    auto second = open();
    QVERIFY2(first && second, qPrintable(first.error + second.error));
    WorkspaceData readByFirst;
    CAR_VERIFY_STORE(first.store->load(readByFirst));

    // The second writer commits in between.
    RuleSet secondRules = readByFirst.ruleSet;
    QVERIFY(secondRules.insertRule(namedRule(QStringLiteral("Second"))).ok);
    CAR_VERIFY_STORE(second.store->saveRuleSetOver(
        readByFirst.ruleSet, secondRules, {QStringLiteral("New second")}, QStringLiteral("test")));

    // The first one computed its change from what it read: refused, with a clear message.
    RuleSet firstRules = readByFirst.ruleSet;
    QVERIFY(firstRules.insertRule(namedRule(QStringLiteral("First"))).ok);
    const StoreResult refused = first.store->saveRuleSetOver(
        readByFirst.ruleSet, firstRules, {QStringLiteral("New first")}, QStringLiteral("test"));
    QVERIFY(!refused.ok);
    QVERIFY2(refused.error.contains(QLatin1String("another program")), qPrintable(refused.error));
    QVERIFY2(refused.error.contains(QLatin1String("Try again")), qPrintable(refused.error));
    QVERIFY2(refused.error.contains(QLatin1String("nothing was changed")),
             qPrintable(refused.error));

    WorkspaceData now;
    CAR_VERIFY_STORE(first.store->load(now));
    QCOMPARE(now.ruleSet, secondRules);
    QList<HistoryEntry> history;
    CAR_VERIFY_STORE(first.store->history(history));
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().cmdlet, QStringLiteral("New second"));
}

void TestHostileWriters::unchangedBaseWrites()
{
    auto store = open();
    QVERIFY2(store, qPrintable(store.error));
    WorkspaceData data;
    CAR_VERIFY_STORE(store.store->load(data));
    for (int i = 0; i < 3; ++i) {
        RuleSet next = data.ruleSet;
        QVERIFY(next.insertRule(namedRule(QStringLiteral("Rule %1").arg(i))).ok);
        CAR_VERIFY_STORE(
            store.store->saveRuleSetOver(data.ruleSet, next, {}, QStringLiteral("test")));
        CAR_VERIFY_STORE(store.store->load(data));
        QCOMPARE(data.ruleSet, next);
    }
}

void TestHostileWriters::overtakenDirectoryWriteIsRefused()
{
    auto first = open();
    auto second = open();
    QVERIFY2(first && second, qPrintable(first.error + second.error));
    WorkspaceData base;
    CAR_VERIFY_STORE(first.store->load(base));
    DirectoryUser alice;
    alice.userPrincipalName = QStringLiteral("alice@contoso.com");
    CAR_VERIFY_STORE(second.store->saveUser(alice, QString()));

    Directory replacement;
    DirectoryUser bob;
    bob.userPrincipalName = QStringLiteral("bob@contoso.com");
    QVERIFY(replacement.addUser(bob));
    const StoreResult refused = first.store->saveDirectoryOver(base.directory, replacement);
    QVERIFY(!refused.ok);
    QVERIFY2(refused.error.contains(QLatin1String("Try again")), qPrintable(refused.error));
    WorkspaceData now;
    CAR_VERIFY_STORE(first.store->load(now));
    QCOMPARE(now.directory.size(), 1);
    QCOMPARE(now.directory.user(0).userPrincipalName, alice.userPrincipalName);
}

void TestHostileWriters::heldLockGivesRetryMessage()
{
    {
        auto create = open();
        QVERIFY2(create, qPrintable(create.error));
    }
    const QString connection = QStringLiteral("lock-holder");
    {
        QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        holder.setDatabaseName(m_db);
        QVERIFY(holder.open());
        QVERIFY(QSqlQuery(holder).exec(QStringLiteral("BEGIN IMMEDIATE")));

        auto store = open();
        QVERIFY2(store, qPrintable(store.error));
        RuleSet rules;
        QVERIFY(rules.insertRule(namedRule(QStringLiteral("Blocked"))).ok);
        QElapsedTimer timer;
        timer.start();
        const StoreResult result = store.store->saveRuleSet(rules, {}, QStringLiteral("test"));
        QVERIFY(!result.ok);
        QVERIFY2(timer.elapsed() >= 4000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(result.error.contains(QLatin1String("another program")), qPrintable(result.error));
        QVERIFY2(result.error.contains(QLatin1String("Try again")), qPrintable(result.error));
        QVERIFY2(result.error.contains(QLatin1String("nothing was changed")),
                 qPrintable(result.error));
        QVERIFY(QSqlQuery(holder).exec(QStringLiteral("ROLLBACK")));
        holder.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

QTEST_GUILESS_MAIN(TestHostileWriters)
#include "tst_hostile_writers.moc"
