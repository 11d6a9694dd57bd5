// Saved tests in the workspace: the RuleStore contract against the SQLite store and the
// in-memory fake, and the SQLite specifics (order on disk, damaged rows, read-only files).

#include <QDir>
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

SavedTest sample(const QString &name, int flavour = 0)
{
    SavedTest test;
    test.name = name;
    test.user = flavour == 0 ? QStringLiteral("julia@contoso.com")
                             : QStringLiteral("CONTOSO\\o'brien \"x\"; --");
    test.protocol = flavour == 0 ? Protocol::ExchangeActiveSync : Protocol::RemotePowerShell;
    test.authenticationType = flavour == 0 ? AuthenticationType::BasicAuthentication
                                           : AuthenticationType::NonBasicAuthentication;
    test.address = *IpAddress::parse(flavour == 0 ? u"203.0.113.9" : u"2001:DB8::1");
    test.port = flavour == 0 ? 443 : 65535;
    test.middleTier = flavour != 0;
    test.expectedAction = flavour == 0 ? Action::DenyAccess : Action::AllowAccess;
    test.expectedRule = flavour == 0 ? QStringLiteral("Block EAS — 'outside'") : QString();
    return test;
}

QStringList names(const QList<SavedTest> &tests)
{
    QStringList result;
    for (const SavedTest &test : tests)
        result.append(test.name);
    return result;
}

} // namespace

class TestSnapshotsSavedTests : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void roundTripKeepsEveryField_data();
    void roundTripKeepsEveryField();
    void replaceKeepsPlaceAndRenames_data();
    void replaceKeepsPlaceAndRenames();
    void refusedWritesChangeNothing_data();
    void refusedWritesChangeNothing();
    void removeClosesTheGap_data();
    void removeClosesTheGap();

    void orderSurvivesReopen();
    void readOnlyStoreReadsButNeverWrites();
    void damagedRowNamesTheTest_data();
    void damagedRowNamesTheTest();

private:
    std::unique_ptr<RuleStore> makeStore(StoreKind kind);
    static void addStoreRows();
    QString path() const { return m_dir->filePath(QStringLiteral("tests.carws")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSnapshotsSavedTests::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

std::unique_ptr<RuleStore> TestSnapshotsSavedTests::makeStore(StoreKind kind)
{
    if (kind == StoreKind::Fake)
        return std::make_unique<FakeRuleStore>();
    auto opened = SqliteWorkspaceStore::open(path());
    if (!opened)
        qWarning("%s", qPrintable(opened.error));
    return std::move(opened.store);
}

void TestSnapshotsSavedTests::addStoreRows()
{
    QTest::addColumn<StoreKind>("kind");
    QTest::newRow("sqlite") << StoreKind::Sqlite;
    QTest::newRow("fake") << StoreKind::Fake;
}

void TestSnapshotsSavedTests::roundTripKeepsEveryField_data()
{
    addStoreRows();
}

void TestSnapshotsSavedTests::roundTripKeepsEveryField()
{
    QFETCH(StoreKind, kind);
    auto store = makeStore(kind);
    QVERIFY(store);
    const SavedTest first = sample(QStringLiteral("EAS from home is denied"), 0);
    const SavedTest second = sample(QStringLiteral("Admin PowerShell over IPv6 (middle tier)"), 1);
    CAR_VERIFY_STORE(store->saveSavedTest(first, QString()));
    CAR_VERIFY_STORE(store->saveSavedTest(second, QString()));
    QList<SavedTest> back;
    CAR_VERIFY_STORE(store->savedTests(back));
    QCOMPARE(back.size(), 2);
    QVERIFY(back.at(0) == first);
    QVERIFY(back.at(1) == second);
    QCOMPARE(back.at(1).address.toString(), QStringLiteral("2001:db8::1"));
    QCOMPARE(back.at(0).expectedRule, first.expectedRule);
    QVERIFY(back.at(1).expectedRule.isEmpty());
}

void TestSnapshotsSavedTests::replaceKeepsPlaceAndRenames_data()
{
    addStoreRows();
}

void TestSnapshotsSavedTests::replaceKeepsPlaceAndRenames()
{
    QFETCH(StoreKind, kind);
    auto store = makeStore(kind);
    QVERIFY(store);
    for (const char *name : {"one", "two", "three"})
        CAR_VERIFY_STORE(store->saveSavedTest(sample(QString::fromUtf8(name)), QString()));

    // Edit in place under the same name (the previous name given in another case).
    SavedTest edited = sample(QStringLiteral("two"), 1);
    CAR_VERIFY_STORE(store->saveSavedTest(edited, QStringLiteral("TWO")));
    // A rename keeps the place too; a rename that only changes case is not a clash.
    SavedTest renamed = sample(QStringLiteral("Three"));
    CAR_VERIFY_STORE(store->saveSavedTest(renamed, QStringLiteral("three")));
    SavedTest moved = sample(QStringLiteral("uno"));
    CAR_VERIFY_STORE(store->saveSavedTest(moved, QStringLiteral("one")));

    QList<SavedTest> back;
    CAR_VERIFY_STORE(store->savedTests(back));
    QCOMPARE(names(back),
             (QStringList {QStringLiteral("uno"), QStringLiteral("two"), QStringLiteral("Three")}));
    QVERIFY(back.at(1) == edited);
}

void TestSnapshotsSavedTests::refusedWritesChangeNothing_data()
{
    QTest::addColumn<StoreKind>("kind");
    QTest::addColumn<int>("mistake");
    QTest::addColumn<QString>("expected");
    for (const auto &[kind, label] :
         {std::pair {StoreKind::Sqlite, "sqlite"}, std::pair {StoreKind::Fake, "fake"}}) {
        QTest::addRow("%s: a new test with a taken name, other case", label)
            << kind << 0 << QStringLiteral("exists");
        QTest::addRow("%s: renaming onto another test's name", label)
            << kind << 1 << QStringLiteral("exists");
        QTest::addRow("%s: replacing a test that does not exist", label)
            << kind << 2 << QStringLiteral("'ghost'");
        QTest::addRow("%s: an empty name", label) << kind << 3 << QStringLiteral("empty");
        QTest::addRow("%s: no user", label) << kind << 4 << QStringLiteral("no user");
        QTest::addRow("%s: port 0", label) << kind << 5 << QStringLiteral("1 to 65535");
        QTest::addRow("%s: a line break in the name", label)
            << kind << 6 << QStringLiteral("control character");
        QTest::addRow("%s: removing a test that does not exist", label)
            << kind << 7 << QStringLiteral("'ghost'");
    }
}

void TestSnapshotsSavedTests::refusedWritesChangeNothing()
{
    QFETCH(StoreKind, kind);
    QFETCH(int, mistake);
    QFETCH(QString, expected);
    auto store = makeStore(kind);
    QVERIFY(store);
    CAR_VERIFY_STORE(store->saveSavedTest(sample(QStringLiteral("Alpha")), QString()));
    CAR_VERIFY_STORE(store->saveSavedTest(sample(QStringLiteral("Beta"), 1), QString()));
    QList<SavedTest> before;
    CAR_VERIFY_STORE(store->savedTests(before));

    SavedTest test = sample(QStringLiteral("Gamma"));
    QString previous;
    switch (mistake) {
    case 0:
        test.name = QStringLiteral("ALPHA");
        break;
    case 1:
        test.name = QStringLiteral("beta");
        previous = QStringLiteral("Alpha");
        break;
    case 2:
        previous = QStringLiteral("ghost");
        break;
    case 3:
        test.name = QString();
        break;
    case 4:
        test.user = QStringLiteral("  ");
        break;
    case 5:
        test.port = 0;
        break;
    case 6:
        test.name = QStringLiteral("a\nb");
        break;
    }
    const StoreResult result = mistake == 7 ? store->removeSavedTest(QStringLiteral("ghost"))
                                            : store->saveSavedTest(test, previous);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(expected), qPrintable(result.error));
    QList<SavedTest> after;
    CAR_VERIFY_STORE(store->savedTests(after));
    QVERIFY(after == before);
}

void TestSnapshotsSavedTests::removeClosesTheGap_data()
{
    addStoreRows();
}

void TestSnapshotsSavedTests::removeClosesTheGap()
{
    QFETCH(StoreKind, kind);
    auto store = makeStore(kind);
    QVERIFY(store);
    for (const char *name : {"a", "b", "c", "d"})
        CAR_VERIFY_STORE(store->saveSavedTest(sample(QString::fromUtf8(name)), QString()));
    CAR_VERIFY_STORE(store->removeSavedTest(QStringLiteral("B")));
    CAR_VERIFY_STORE(store->saveSavedTest(sample(QStringLiteral("e")), QString()));
    CAR_VERIFY_STORE(store->removeSavedTest(QStringLiteral("a")));
    QList<SavedTest> back;
    CAR_VERIFY_STORE(store->savedTests(back));
    QCOMPARE(names(back),
             (QStringList {QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e")}));
    // The name of a removed test can be used again.
    CAR_VERIFY_STORE(store->saveSavedTest(sample(QStringLiteral("b")), QString()));
}

void TestSnapshotsSavedTests::orderSurvivesReopen()
{
    {
        auto store = makeStore(StoreKind::Sqlite);
        QVERIFY(store);
        for (const char *name : {"z", "y", "x"})
            CAR_VERIFY_STORE(store->saveSavedTest(sample(QString::fromUtf8(name)), QString()));
        CAR_VERIFY_STORE(store->removeSavedTest(QStringLiteral("y")));
    }
    auto store = makeStore(StoreKind::Sqlite);
    QVERIFY(store);
    QList<SavedTest> back;
    CAR_VERIFY_STORE(store->savedTests(back));
    QCOMPARE(names(back), (QStringList {QStringLiteral("z"), QStringLiteral("x")}));
    RawDatabase raw(path());
    QCOMPARE(raw.value(QStringLiteral("SELECT group_concat(position) FROM "
                                      "(SELECT position FROM saved_tests ORDER BY position)"))
                 .toString(),
             QStringLiteral("1,2"));
}

void TestSnapshotsSavedTests::readOnlyStoreReadsButNeverWrites()
{
    {
        auto store = makeStore(StoreKind::Sqlite);
        QVERIFY(store);
        CAR_VERIFY_STORE(store->saveSavedTest(sample(QStringLiteral("kept")), QString()));
    }
    const QByteArray hash = fileHash(path());
    {
        auto opened = SqliteWorkspaceStore::open(path(), SqliteWorkspaceStore::OpenMode::ReadOnly);
        QVERIFY2(opened, qPrintable(opened.error));
        QList<SavedTest> back;
        CAR_VERIFY_STORE(opened.store->savedTests(back));
        QCOMPARE(back.size(), 1);
        QVERIFY(!opened.store->saveSavedTest(sample(QStringLiteral("new")), QString()).ok);
        QVERIFY(!opened.store->removeSavedTest(QStringLiteral("kept")).ok);
    }
    QCOMPARE(fileHash(path()), hash);
}

void TestSnapshotsSavedTests::damagedRowNamesTheTest_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a protocol name is exact, not a prefix")
        << QStringLiteral("UPDATE saved_tests SET protocol = 'Exchange'")
        << QStringLiteral("'Exchange'");
    QTest::newRow("an authentication type that does not exist")
        << QStringLiteral("UPDATE saved_tests SET authentication_type = 'Kerberos'")
        << QStringLiteral("'Kerberos'");
    QTest::newRow("an address that does not parse")
        << QStringLiteral("UPDATE saved_tests SET address = '300.1.1.1'")
        << QStringLiteral("'300.1.1.1'");
    QTest::newRow("an unknown action")
        << QStringLiteral("UPDATE saved_tests SET expected_action = 'Maybe'")
        << QStringLiteral("'Maybe'");
}

void TestSnapshotsSavedTests::damagedRowNamesTheTest()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);
    auto store = makeStore(StoreKind::Sqlite);
    QVERIFY(store);
    CAR_VERIFY_STORE(store->saveSavedTest(sample(QStringLiteral("damaged one")), QString()));
    {
        RawDatabase raw(path());
        QCOMPARE(raw.exec(sql), QString());
    }
    QList<SavedTest> out {sample(QStringLiteral("untouched"))};
    const StoreResult result = store->savedTests(out);
    QVERIFY(!result.ok);
    for (const QString &part :
         {expected, QStringLiteral("'damaged one'"), QDir::toNativeSeparators(path())}) {
        QVERIFY2(result.error.contains(part), qPrintable(result.error));
    }
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).name, QStringLiteral("untouched"));
}

QTEST_GUILESS_MAIN(TestSnapshotsSavedTests)

#include "tst_snapshots_savedtests.moc"
