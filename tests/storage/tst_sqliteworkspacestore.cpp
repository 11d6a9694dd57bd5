#include <QDateTime>
#include <QDir>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "sqliteworkspacestore.h"
#include "storagetesthelpers.h"

using namespace Car;
using namespace StorageTest;

class TestSqliteWorkspaceStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void roundTrip_data();
    void roundTrip();
    void orderSurvivesMovesAndRewrites();
    void historyIsAppendedWithTheRuleSet();
    void failingHistoryRollsBackTheRules();
    void saveDirectoryReplacesEveryUser();
    void saveUser_data();
    void saveUser();
    void removeUser();
    void saveAdminOverwrites();
    void twoStoresSeeEachOthersCommits();
    void readOnlyModeNeverWrites();
    void damagedValueFailsLoad_data();
    void damagedValueFailsLoad();
    void createsMissingFolders();
    void connectionsAreUniqueAndRemoved();
    void defaultPathIsInAppData();

private:
    QString newPath(const QString &name = QStringLiteral("workspace.carws"))
    {
        return m_dir->filePath(name);
    }
    std::unique_ptr<SqliteWorkspaceStore>
    openStore(const QString &path,
              SqliteWorkspaceStore::OpenMode mode = SqliteWorkspaceStore::OpenMode::ReadWrite)
    {
        SqliteWorkspaceStore::OpenResult opened = SqliteWorkspaceStore::open(path, mode);
        if (!opened)
            qWarning("open failed: %s", qPrintable(opened.error));
        return std::move(opened.store);
    }
    WorkspaceData loaded(RuleStore &store)
    {
        WorkspaceData data;
        const StoreResult result = store.load(data);
        if (!result)
            qWarning("load failed: %s", qPrintable(result.error));
        return data;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSqliteWorkspaceStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

enum class Sample { Empty, Full, ExchangeServer, TwentyRules, UsersOutOfOrder };

void TestSqliteWorkspaceStore::roundTrip_data()
{
    QTest::addColumn<Sample>("sample");
    QTest::newRow("new workspace: defaults survive an empty save") << Sample::Empty;
    QTest::newRow("every field and list, unicode, quotes and SQL-like text verbatim")
        << Sample::Full;
    QTest::newRow("ExchangeServer environment with its NetBIOS domain") << Sample::ExchangeServer;
    QTest::newRow("twenty rules, the maximum, in order") << Sample::TwentyRules;
    QTest::newRow("users keep import order; empty fields are not NULLs") << Sample::UsersOutOfOrder;
}

void TestSqliteWorkspaceStore::roundTrip()
{
    QFETCH(Sample, sample);
    WorkspaceData data;
    switch (sample) {
    case Sample::Empty:
        break;
    case Sample::Full:
        data = fullWorkspace();
        QCOMPARE(data.ruleSet.size(), 3);
        break;
    case Sample::ExchangeServer: {
        data.ruleSet.setEnvironment(Environment::ExchangeServer);
        data.ruleSet.setNetbiosDomain(QStringLiteral("FABRIKAM"));
        Rule rule;
        rule.name = QStringLiteral("Block remote PowerShell");
        rule.anyOfProtocols = {Protocol::RemotePowerShell};
        rule.anyOfAuthenticationTypes = {AuthenticationType::NonBasicAuthentication};
        rule.usernameMatchesAnyOfPatterns = {pattern(QStringLiteral("FABRIKAM\\svc-*"))};
        QVERIFY(add(data.ruleSet, rule));
        break;
    }
    case Sample::TwentyRules:
        for (int i = 0; i < RuleSet::MaxRules; ++i) {
            Rule rule;
            rule.name = QStringLiteral("Rule %1").arg(RuleSet::MaxRules - i);
            rule.enabled = i % 2 == 0;
            rule.anyOfSourceTcpPortNumbers = {port(QByteArray::number(1000 + i).constData())};
            QVERIFY(add(data.ruleSet, rule));
        }
        break;
    case Sample::UsersOutOfOrder:
        for (int n : {42, 7, 1000, 3, 99})
            QVERIFY(data.directory.addUser(user(n)));
        {
            DirectoryUser bare; // every other field a null QString, as a sparse CSV gives
            bare.userPrincipalName = QStringLiteral("bare@contoso.com");
            QVERIFY(data.directory.addUser(bare));
        }
        break;
    }

    const QString path = newPath();
    {
        auto store = openStore(path);
        QVERIFY(store);
        CAR_VERIFY_STORE(store->saveRuleSet(data.ruleSet, {}, QStringLiteral("test")));
        CAR_VERIFY_STORE(store->saveDirectory(data.directory));
        CAR_VERIFY_STORE(store->saveAdmin(data.admin));
    }
    QCOMPARE(sideFiles(path), QStringList()); // closed cleanly: WAL checkpointed and removed

    auto reopened = openStore(path);
    QVERIFY(reopened);
    const WorkspaceData back = loaded(*reopened);
    QCOMPARE(toString(back.ruleSet.environment()), toString(data.ruleSet.environment()));
    QCOMPARE(back.ruleSet.netbiosDomain(), data.ruleSet.netbiosDomain());
    QCOMPARE(back.ruleSet.size(), data.ruleSet.size());
    for (int i = 0; i < data.ruleSet.size(); ++i)
        QVERIFY2(back.ruleSet.at(i) == data.ruleSet.at(i), qPrintable(data.ruleSet.at(i).name));
    QVERIFY(back.ruleSet == data.ruleSet);
    QCOMPARE(ruleIds(back.ruleSet), ruleIds(data.ruleSet));
    QCOMPARE(patternTexts(back.ruleSet), patternTexts(data.ruleSet));
    QCOMPARE(back.directory.size(), data.directory.size());
    QVERIFY(back.directory == data.directory);
    QCOMPARE(back.admin, data.admin);
}

void TestSqliteWorkspaceStore::orderSurvivesMovesAndRewrites()
{
    WorkspaceData data = fullWorkspace();
    const QString path = newPath();
    auto store = openStore(path);
    QVERIFY(store);
    CAR_VERIFY_STORE(store->saveRuleSet(data.ruleSet, {}, QString()));
    data.ruleSet.moveRule(2, 0);
    data.ruleSet.removeRule(1);
    CAR_VERIFY_STORE(store->saveRuleSet(data.ruleSet, {}, QString()));

    const WorkspaceData back = loaded(*store);
    QCOMPARE(back.ruleSet.size(), 2);
    QCOMPARE(back.ruleSet.at(0).name, QStringLiteral("Disabled catch-all"));
    QCOMPARE(ruleIds(back.ruleSet), ruleIds(data.ruleSet));
}

void TestSqliteWorkspaceStore::historyIsAppendedWithTheRuleSet()
{
    auto store = openStore(newPath());
    QVERIFY(store);
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    const QStringList first {QStringLiteral("New-ClientAccessRule -Name 'A' -Action DenyAccess"),
                             QStringLiteral("Set-ClientAccessRule -Identity 'A' -Enabled $false")};
    CAR_VERIFY_STORE(store->saveRuleSet(RuleSet(), first, QStringLiteral("cli")));
    const QStringList second {QStringLiteral("Remove-ClientAccessRule -Identity 'O''Brien'")};
    CAR_VERIFY_STORE(store->saveRuleSet(RuleSet(), second, QStringLiteral("console")));
    CAR_VERIFY_STORE(store->saveRuleSet(RuleSet(), {}, QStringLiteral("console")));
    const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);

    QList<HistoryEntry> history;
    CAR_VERIFY_STORE(store->history(history));
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.at(0).cmdlet, first.at(0));
    QCOMPARE(history.at(1).cmdlet, first.at(1));
    QCOMPARE(history.at(2).cmdlet, second.at(0));
    QCOMPARE(history.at(0).source, QStringLiteral("cli"));
    QCOMPARE(history.at(2).source, QStringLiteral("console"));
    for (const HistoryEntry &entry : history) {
        QCOMPARE(entry.when.timeSpec(), Qt::UTC);
        QVERIFY(entry.when >= before && entry.when <= after);
    }
}

void TestSqliteWorkspaceStore::failingHistoryRollsBackTheRules()
{
    const QString path = newPath();
    auto store = openStore(path);
    QVERIFY(store);
    const WorkspaceData data = fullWorkspace();
    CAR_VERIFY_STORE(
        store->saveRuleSet(data.ruleSet, {QStringLiteral("first")}, QStringLiteral("cli")));
    {
        RawDatabase raw(path);
        QCOMPARE(raw.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON history "
                                         "BEGIN SELECT RAISE(ABORT, 'history refuses'); END")),
                 QString());
    }
    const StoreResult result = store->saveRuleSet(
        RuleSet(), {QStringLiteral("Remove-ClientAccessRule x")}, QStringLiteral("cli"));
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QStringLiteral("history refuses")), qPrintable(result.error));
    QVERIFY2(result.error.contains(QStringLiteral("Remove-ClientAccessRule x")),
             qPrintable(result.error));
    QVERIFY2(result.error.contains(QDir::toNativeSeparators(path)), qPrintable(result.error));
    // The rules were deleted before the history insert failed: the rollback must restore them.
    QVERIFY(loaded(*store).ruleSet == data.ruleSet);
    QList<HistoryEntry> history;
    CAR_VERIFY_STORE(store->history(history));
    QCOMPARE(history.size(), 1);
}

void TestSqliteWorkspaceStore::saveDirectoryReplacesEveryUser()
{
    auto store = openStore(newPath());
    QVERIFY(store);
    Directory first;
    for (int n = 0; n < 10; ++n)
        QVERIFY(first.addUser(user(n)));
    CAR_VERIFY_STORE(store->saveDirectory(first));
    Directory second;
    for (int n = 20; n > 15; --n)
        QVERIFY(second.addUser(user(n)));
    QVERIFY(second.addUser(user(3))); // also in the first: must not keep its old place
    CAR_VERIFY_STORE(store->saveDirectory(second));
    QVERIFY(loaded(*store).directory == second);
}

void TestSqliteWorkspaceStore::saveUser_data()
{
    QTest::addColumn<QString>("upn");
    QTest::addColumn<QString>("previousUpn");
    QTest::addColumn<int>("expectedIndex"); // -1: the save fails
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("a new user is appended at the end")
        << QStringLiteral("new@contoso.com") << QString() << 3 << QString();
    QTest::newRow("editing a user keeps its place in the import order")
        << QStringLiteral("user1@contoso.com") << QString() << 1 << QString();
    QTest::newRow("renaming a user keeps its place")
        << QStringLiteral("renamed@contoso.com") << QStringLiteral("user1@contoso.com") << 1
        << QString();
    QTest::newRow("the previous UPN matches ignoring case")
        << QStringLiteral("renamed@contoso.com") << QStringLiteral("USER2@Contoso.COM") << 2
        << QString();
    QTest::newRow("an unknown previous UPN appends rather than loses the user")
        << QStringLiteral("other@contoso.com") << QStringLiteral("ghost@contoso.com") << 3
        << QString();
    QTest::newRow("renaming onto another user's UPN (any case) fails")
        << QStringLiteral("USER0@contoso.com") << QStringLiteral("user1@contoso.com") << -1
        << QStringLiteral("already is a user");
    QTest::newRow("an empty UPN fails")
        << QString() << QString() << -1 << QStringLiteral("needs a UserPrincipalName");
}

void TestSqliteWorkspaceStore::saveUser()
{
    QFETCH(QString, upn);
    QFETCH(QString, previousUpn);
    QFETCH(int, expectedIndex);
    QFETCH(QString, expectedError);

    auto store = openStore(newPath());
    QVERIFY(store);
    Directory directory;
    for (int n = 0; n < 3; ++n)
        QVERIFY(directory.addUser(user(n)));
    CAR_VERIFY_STORE(store->saveDirectory(directory));

    DirectoryUser edited = user(7, QStringLiteral("'; DROP TABLE users; --"));
    edited.userPrincipalName = upn;
    const StoreResult result = store->saveUser(edited, previousUpn);
    const Directory back = loaded(*store).directory;
    if (expectedIndex < 0) {
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(expectedError), qPrintable(result.error));
        QVERIFY(back == directory);
        return;
    }
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(back.indexOfUpn(upn), expectedIndex);
    QVERIFY(back.user(expectedIndex) == edited);
    QCOMPARE(back.size(), expectedIndex == 3 ? 4 : 3);
}

void TestSqliteWorkspaceStore::removeUser()
{
    auto store = openStore(newPath());
    QVERIFY(store);
    Directory directory;
    for (int n = 0; n < 3; ++n)
        QVERIFY(directory.addUser(user(n)));
    CAR_VERIFY_STORE(store->saveDirectory(directory));

    CAR_VERIFY_STORE(store->removeUser(QStringLiteral("USER1@CONTOSO.COM")));
    const StoreResult again = store->removeUser(QStringLiteral("user1@contoso.com"));
    QVERIFY(!again.ok);
    QVERIFY2(again.error.contains(QStringLiteral("no user")), qPrintable(again.error));
    directory.removeUser(1);
    QVERIFY(loaded(*store).directory == directory);
    // A user added after a removal goes last, not into the gap.
    CAR_VERIFY_STORE(store->saveUser(user(9), QString()));
    QCOMPARE(loaded(*store).directory.indexOfUpn(user(9).userPrincipalName), 2);
}

void TestSqliteWorkspaceStore::saveAdminOverwrites()
{
    const QString path = newPath();
    auto store = openStore(path);
    QVERIFY(store);
    QCOMPARE(loaded(*store).admin, AdminSettings());
    CAR_VERIFY_STORE(
        store->saveAdmin({QStringLiteral("CONTOSO\\admin"), QStringLiteral("2001:db8::1")}));
    const AdminSettings last {QStringLiteral("ädmin@contoso.com"), QStringLiteral("198.51.100.7")};
    CAR_VERIFY_STORE(store->saveAdmin(last));
    store.reset();
    auto reopened = openStore(path);
    QVERIFY(reopened);
    QCOMPARE(loaded(*reopened).admin, last);
}

void TestSqliteWorkspaceStore::twoStoresSeeEachOthersCommits()
{
    const QString path = newPath();
    auto first = openStore(path);
    auto second = openStore(path);
    QVERIFY(first && second);
    const WorkspaceData data = fullWorkspace();
    CAR_VERIFY_STORE(
        first->saveRuleSet(data.ruleSet, {QStringLiteral("from first")}, QStringLiteral("cli")));
    CAR_VERIFY_STORE(second->saveDirectory(data.directory));

    const WorkspaceData seenBySecond = loaded(*second);
    QVERIFY(seenBySecond.ruleSet == data.ruleSet);
    const WorkspaceData seenByFirst = loaded(*first);
    QVERIFY(seenByFirst.directory == data.directory);
    QList<HistoryEntry> history;
    CAR_VERIFY_STORE(second->history(history));
    QCOMPARE(history.size(), 1);
}

void TestSqliteWorkspaceStore::readOnlyModeNeverWrites()
{
    const QString path = newPath();
    {
        auto store = openStore(path);
        QVERIFY(store);
        CAR_VERIFY_STORE(store->saveRuleSet(fullWorkspace().ruleSet, {}, QString()));
    }
    const QByteArray hash = fileHash(path);
    {
        auto store = openStore(path, SqliteWorkspaceStore::OpenMode::ReadOnly);
        QVERIFY(store);
        QVERIFY(loaded(*store).ruleSet == fullWorkspace().ruleSet);
        const StoreResult result = store->saveAdmin(AdminSettings());
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QStringLiteral("read-only")), qPrintable(result.error));
        QCOMPARE(sideFiles(path), QStringList());
    }
    QCOMPARE(fileHash(path), hash);
    QCOMPARE(sideFiles(path), QStringList());

    const auto missing = SqliteWorkspaceStore::open(newPath(QStringLiteral("absent.carws")),
                                                    SqliteWorkspaceStore::OpenMode::ReadOnly);
    QVERIFY(!missing);
    QVERIFY2(missing.error.contains(QStringLiteral("does not exist")), qPrintable(missing.error));
    QVERIFY(!QFileInfo::exists(newPath(QStringLiteral("absent.carws"))));
}

void TestSqliteWorkspaceStore::damagedValueFailsLoad_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("an IP range that no longer parses is reported, not dropped")
        << QStringLiteral("UPDATE rule_values SET value = '10.0.0.0/99' "
                          "WHERE list = 'AnyOfClientIPAddressesOrRanges' AND position = 1")
        << QStringList {QStringLiteral("10.0.0.0/99"),
                        QStringLiteral("AnyOfClientIPAddressesOrRanges"), QStringLiteral("Müller")};
    QTest::newRow("a port out of range")
        << QStringLiteral("UPDATE rule_values SET value = '70000' "
                          "WHERE list = 'AnyOfSourceTcpPortNumbers' AND position = 2")
        << QStringList {QStringLiteral("70000"), QStringLiteral("priority 1")};
    QTest::newRow("a protocol name is exact, not a cmdlet-style prefix")
        << QStringLiteral("UPDATE rule_values SET value = 'Outlook' "
                          "WHERE list = 'ExceptAnyOfProtocols'")
        << QStringList {QStringLiteral("'Outlook'"), QStringLiteral("DROP TABLE rules")};
    QTest::newRow("an unknown list name")
        << QStringLiteral("UPDATE rule_values SET list = 'AnyOfMoods' "
                          "WHERE list = 'ExceptAnyOfProtocols' AND position = 1")
        << QStringList {QStringLiteral("AnyOfMoods")};
    QTest::newRow("an unknown action")
        << QStringLiteral("UPDATE rules SET action = 'Maybe' WHERE position = 3")
        << QStringList {QStringLiteral("Maybe"), QStringLiteral("Disabled catch-all")};
    QTest::newRow("a rule id that is not a GUID")
        << QStringLiteral("UPDATE rules SET uuid = 'not-a-guid' WHERE position = 2")
        << QStringList {QStringLiteral("not-a-guid")};
    QTest::newRow("an unknown environment")
        << QStringLiteral("UPDATE rule_sets SET environment = 'ExchangeMoon'")
        << QStringList {QStringLiteral("ExchangeMoon")};
    QTest::newRow("a rule the model rejects (auth type without protocol)")
        << QStringLiteral("DELETE FROM rule_values WHERE list = 'AnyOfProtocols'")
        << QStringList {QStringLiteral("not a valid rule"), QStringLiteral("Müller")};
}

void TestSqliteWorkspaceStore::damagedValueFailsLoad()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);
    const QString path = newPath();
    auto store = openStore(path);
    QVERIFY(store);
    CAR_VERIFY_STORE(store->saveRuleSet(fullWorkspace().ruleSet, {}, QString()));
    {
        RawDatabase raw(path);
        QCOMPARE(raw.exec(sql), QString());
    }
    WorkspaceData out;
    out.admin.user = QStringLiteral("untouched");
    const StoreResult result = store->load(out);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QDir::toNativeSeparators(path)), qPrintable(result.error));
    for (const QString &part : expected)
        QVERIFY2(result.error.contains(part), qPrintable(result.error));
    QCOMPARE(out.admin.user, QStringLiteral("untouched")); // a failed load leaves `out` alone
}

void TestSqliteWorkspaceStore::createsMissingFolders()
{
    const QString path = newPath(QStringLiteral("a/b c/ü/workspace.carws"));
    auto store = openStore(path);
    QVERIFY(store);
    QVERIFY(QFileInfo::exists(path));
    QCOMPARE(store->path(), path);
}

void TestSqliteWorkspaceStore::connectionsAreUniqueAndRemoved()
{
    const QStringList before = QSqlDatabase::connectionNames();
    {
        std::vector<std::unique_ptr<SqliteWorkspaceStore>> stores;
        for (int i = 0; i < 5; ++i) {
            stores.push_back(openStore(newPath(QStringLiteral("ws%1.carws").arg(i % 2))));
            QVERIFY(stores.back());
        }
        QCOMPARE(QSqlDatabase::connectionNames().size(), before.size() + 5);
        for (int i = 0; i < 5; ++i)
            CAR_VERIFY_STORE(stores[i]->saveAdmin({QString::number(i), QString()}));
        QCOMPARE(loaded(*stores[0]).admin.user, QStringLiteral("4"));
        QCOMPARE(loaded(*stores[1]).admin.user, QStringLiteral("3"));
    }
    QCOMPARE(QSqlDatabase::connectionNames(), before);
}

void TestSqliteWorkspaceStore::defaultPathIsInAppData()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString path = SqliteWorkspaceStore::defaultPath();
    QVERIFY2(path.endsWith(QStringLiteral("/carconsole/workspace.carws")), qPrintable(path));
    QCOMPARE(path,
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                 + QStringLiteral("/workspace.carws"));
    QStandardPaths::setTestModeEnabled(false);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("carconsole"));
    TestSqliteWorkspaceStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_sqliteworkspacestore.moc"
