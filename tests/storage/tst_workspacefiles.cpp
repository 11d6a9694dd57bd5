// Opening files that are not (or not quite) workspaces: each gives a clear message naming the
// file, and the file is left byte-for-byte as it was, without -wal/-shm files beside it.

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include "sqliteworkspacestore.h"
#include "storagetesthelpers.h"

using namespace Car;
using namespace StorageTest;

namespace {

enum class BadFile {
    Empty,
    RandomBytes,
    TextFile,
    MagicThenGarbage,
    TruncatedCopy,
    ScrambledPages,
    NewerVersion,
    ForeignDatabase,
    OurIdWithoutTables,
    ReadOnlyFile,
    ReadOnlyFolder,
    Folder,
};

QByteArray randomBytes(int size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(generator.bounded(256));
    return bytes;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// A real workspace of several pages, closed (no -wal left).
bool makeRealWorkspace(const QString &path)
{
    auto opened = SqliteWorkspaceStore::open(path);
    if (!opened)
        return false;
    WorkspaceData data = fullWorkspace();
    for (int n = 100; n < 1100; ++n)
        data.directory.addUser(user(n));
    return opened.store->saveRuleSet(data.ruleSet, {QStringLiteral("x")}, QStringLiteral("cli")).ok
        && opened.store->saveDirectory(data.directory).ok;
}

/// Restores a folder's permissions when a test made it read-only, so the temporary dir can go.
class PermissionGuard
{
public:
    PermissionGuard() = default;
    ~PermissionGuard()
    {
        for (const auto &[path, permissions] : m_saved)
            QFile::setPermissions(path, permissions);
    }
    void makeReadOnly(const QString &path)
    {
        m_saved.append({path, QFile::permissions(path)});
        QFile::setPermissions(path,
                              QFileDevice::ReadOwner | QFileDevice::ExeOwner
                                  | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                  | QFileDevice::ReadOther | QFileDevice::ExeOther);
    }

private:
    QList<std::pair<QString, QFileDevice::Permissions>> m_saved;
};

} // namespace

class TestWorkspaceFiles : public QObject
{
    Q_OBJECT

private slots:
    void rejectsBadFile_data();
    void rejectsBadFile();
    void readOnlyFileOpensInReadOnlyMode();
    void newWorkspaceInReadOnlyFolderFails();
    void createsAndReopensWithoutLeftovers();
    void readsVersion1Fixture();
};

void TestWorkspaceFiles::rejectsBadFile_data()
{
    QTest::addColumn<BadFile>("kind");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("zero-length file: SQLite would silently make it a new database")
        << BadFile::Empty << QStringList {QStringLiteral("empty file")};
    QTest::newRow("random bytes") << BadFile::RandomBytes
                                  << QStringList {QStringLiteral("not an SQLite database")};
    QTest::newRow("a text file (a CSV given the wrong name)")
        << BadFile::TextFile << QStringList {QStringLiteral("not an SQLite database")};
    QTest::newRow("the SQLite magic followed by garbage")
        << BadFile::MagicThenGarbage << QStringList {QStringLiteral("damaged")};
    QTest::newRow("a truncated copy of a real workspace (interrupted copy)")
        << BadFile::TruncatedCopy
        << QStringList {QStringLiteral("damaged"), QStringLiteral("truncated")};
    QTest::newRow("a real workspace with scrambled pages (quick_check fails)")
        << BadFile::ScrambledPages << QStringList {QStringLiteral("damaged")};
    QTest::newRow("written by a newer build: never migrate down or overwrite")
        << BadFile::NewerVersion
        << QStringList {QStringLiteral("written by a newer version of CAR Console (schema 7, "
                                       "this build understands up to 2)")};
    QTest::newRow("another program's SQLite database")
        << BadFile::ForeignDatabase
        << QStringList {QStringLiteral("another program"), QStringLiteral("0x00000000")};
    QTest::newRow("our application id but none of our tables")
        << BadFile::OurIdWithoutTables
        << QStringList {QStringLiteral("damaged"), QStringLiteral("rule_sets")};
    QTest::newRow("a read-only file: opening it for writing would fail on the first edit")
        << BadFile::ReadOnlyFile << QStringList {QStringLiteral("is read-only")};
    QTest::newRow("a read-only folder: the WAL needs to create files beside the workspace")
        << BadFile::ReadOnlyFolder << QStringList {QStringLiteral("folder")};
    QTest::newRow("a folder where the file should be")
        << BadFile::Folder << QStringList {QStringLiteral("is a folder")};
}

void TestWorkspaceFiles::rejectsBadFile()
{
    QFETCH(BadFile, kind);
    QFETCH(QStringList, expected);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("sub folder"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/bad 'file'.carws");
    PermissionGuard guard;

    switch (kind) {
    case BadFile::Empty:
        QVERIFY(writeFile(path, QByteArray()));
        break;
    case BadFile::RandomBytes:
        QVERIFY(writeFile(path, randomBytes(8192, 7)));
        break;
    case BadFile::TextFile:
        QVERIFY(writeFile(path,
                          "UserPrincipalName,Alias,Department\r\n"
                          "a@contoso.com,a,IT\r\nb@contoso.com,b,HR\r\n"));
        break;
    case BadFile::MagicThenGarbage:
        QVERIFY(writeFile(path, QByteArray("SQLite format 3", 16) + randomBytes(8176, 11)));
        break;
    case BadFile::TruncatedCopy: {
        const QString real = dir.filePath(QStringLiteral("real.carws"));
        QVERIFY(makeRealWorkspace(real));
        const QByteArray bytes = readFile(real);
        QVERIFY(bytes.size() > 16384);
        QVERIFY(writeFile(path, bytes.left(bytes.size() / 2 + 100)));
        break;
    }
    case BadFile::ScrambledPages: {
        QVERIFY(makeRealWorkspace(path));
        QByteArray bytes = readFile(path);
        const int pageSize = 4096;
        QVERIFY(bytes.size() > 8 * pageSize);
        bytes.replace(pageSize, bytes.size() - 2 * pageSize,
                      randomBytes(int(bytes.size()) - 2 * pageSize, 13));
        QVERIFY(writeFile(path, bytes));
        break;
    }
    case BadFile::NewerVersion: {
        QVERIFY(makeRealWorkspace(path));
        RawDatabase raw(path);
        QCOMPARE(raw.exec(QStringLiteral("PRAGMA user_version = 7")), QString());
        break;
    }
    case BadFile::ForeignDatabase: {
        RawDatabase raw(path);
        QCOMPARE(raw.exec(QStringLiteral("CREATE TABLE songs (title TEXT, artist TEXT)")),
                 QString());
        QCOMPARE(raw.exec(QStringLiteral("INSERT INTO songs VALUES ('x', 'y')")), QString());
        break;
    }
    case BadFile::OurIdWithoutTables: {
        RawDatabase raw(path);
        QCOMPARE(raw.exec(QStringLiteral("CREATE TABLE other (x)")), QString());
        QCOMPARE(raw.exec(QStringLiteral("PRAGMA application_id = 1128354371")), QString());
        QCOMPARE(raw.exec(QStringLiteral("PRAGMA user_version = 1")), QString());
        break;
    }
    case BadFile::ReadOnlyFile:
        QVERIFY(makeRealWorkspace(path));
        QVERIFY(QFile::setPermissions(
            path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        break;
    case BadFile::ReadOnlyFolder:
        QVERIFY(makeRealWorkspace(path));
        guard.makeReadOnly(folder);
        break;
    case BadFile::Folder:
        QVERIFY(QDir().mkpath(path));
        break;
    }
    QCOMPARE(sideFiles(path), QStringList());
    const QByteArray before = fileHash(path);

    const SqliteWorkspaceStore::OpenResult opened = SqliteWorkspaceStore::open(path);
    QVERIFY(!opened);
    QVERIFY(!opened.store);
    qInfo("%s", qPrintable(opened.error)); // the message a user would read
    QVERIFY2(opened.error.contains(QDir::toNativeSeparators(path)), qPrintable(opened.error));
    for (const QString &part : expected)
        QVERIFY2(opened.error.contains(part), qPrintable(opened.error));

    QCOMPARE(fileHash(path), before);
    QCOMPARE(sideFiles(path), QStringList());
}

void TestWorkspaceFiles::readOnlyFileOpensInReadOnlyMode()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shared.carws"));
    QVERIFY(makeRealWorkspace(path));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner));
    PermissionGuard guard;
    guard.makeReadOnly(dir.path());
    const QByteArray before = fileHash(path);

    auto opened = SqliteWorkspaceStore::open(path, SqliteWorkspaceStore::OpenMode::ReadOnly);
    QVERIFY2(opened, qPrintable(opened.error));
    WorkspaceData data;
    CAR_VERIFY_STORE(opened.store->load(data));
    QCOMPARE(data.directory.size(), fullWorkspace().directory.size() + 1000);
    QVERIFY(data.ruleSet == fullWorkspace().ruleSet);
    opened.store.reset();
    QCOMPARE(fileHash(path), before);
    QCOMPARE(sideFiles(path), QStringList());
}

void TestWorkspaceFiles::newWorkspaceInReadOnlyFolderFails()
{
    QTemporaryDir dir;
    PermissionGuard guard;
    guard.makeReadOnly(dir.path());
    const QString path = dir.filePath(QStringLiteral("new.carws"));
    const auto opened = SqliteWorkspaceStore::open(path);
    QVERIFY(!opened);
    QVERIFY2(opened.error.contains(QStringLiteral("read-only")), qPrintable(opened.error));
    QVERIFY2(opened.error.contains(QDir::toNativeSeparators(path)), qPrintable(opened.error));
    QVERIFY(!QFileInfo::exists(path));
}

void TestWorkspaceFiles::createsAndReopensWithoutLeftovers()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fresh.carws"));
    {
        auto opened = SqliteWorkspaceStore::open(path);
        QVERIFY2(opened, qPrintable(opened.error));
    }
    QCOMPARE(sideFiles(path), QStringList());
    const QByteArray header = readFile(path).left(100);
    QCOMPARE(header.left(16), QByteArray("SQLite format 3", 16));
    QCOMPARE(int(header.at(18)), 2); // journal_mode=WAL is recorded in the file
    QCOMPARE(int(header.at(19)), 2);
    QCOMPARE(header.mid(68, 4), QByteArray("CARC")); // application_id
    QCOMPARE(header.mid(60, 4), QByteArray("\0\0\0\2", 4)); // user_version
    const QByteArray first = fileHash(path);
    {
        auto opened = SqliteWorkspaceStore::open(path);
        QVERIFY2(opened, qPrintable(opened.error));
    }
    QCOMPARE(fileHash(path), first); // opening a current workspace writes nothing
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList {QStringLiteral("fresh.carws")});
}

void TestWorkspaceFiles::readsVersion1Fixture()
{
    const QString fixture = QStringLiteral(CAR_TEST_DATA_DIR "/storage/workspace-v1.carws");
    QVERIFY(QFileInfo::exists(fixture));
    const QByteArray fixtureHash = fileHash(fixture);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.carws"));
    QVERIFY(QFile::copy(fixture, path));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));

    auto opened = SqliteWorkspaceStore::open(path);
    QVERIFY2(opened, qPrintable(opened.error));
    WorkspaceData data;
    const StoreResult loaded = opened.store->load(data);
    QVERIFY2(loaded.ok, qPrintable(loaded.error));

    QCOMPARE(toString(data.ruleSet.environment()), toString(Environment::ExchangeOnline));
    QCOMPARE(data.ruleSet.netbiosDomain(), QStringLiteral("CONTOSO"));
    QCOMPARE(data.ruleSet.size(), 2);
    const Rule &first = data.ruleSet.at(0);
    QCOMPARE(first.id, QUuid::fromString(u"6f1c2b1e-0d7a-4a53-9b0e-0a1b2c3d4e5f"));
    QCOMPARE(first.name, QStringLiteral("Always Allow Remote PowerShell"));
    QCOMPARE(toString(first.action), toString(Action::AllowAccess));
    QVERIFY(first.anyOfProtocols == QList<Protocol> {Protocol::RemotePowerShell});
    const Rule &second = data.ruleSet.at(1);
    QCOMPARE(second.enabled, false);
    QCOMPARE(toString(second.scope), toString(Scope::Users));
    QCOMPARE(second.userRecipientFilter, QStringLiteral("Department -ne 'IT'"));
    QVERIFY(second.anyOfProtocols
            == (QList<Protocol> {Protocol::ExchangeAdminCenter, Protocol::OutlookWebApp}));
    QVERIFY(second.anyOfAuthenticationTypes
            == (QList<AuthenticationType> {AuthenticationType::BasicAuthentication,
                                           AuthenticationType::AdfsAuthentication}));
    QVERIFY(
        second.exceptAnyOfClientIPAddressesOrRanges
        == (QList<IpRange> {ip("192.168.10.0/24"), ip("2001:db8::/48"), ip("10.0.0.1-10.0.0.20")}));
    QVERIFY(second.anyOfSourceTcpPortNumbers
            == (QList<PortRange> {port("443"), port("1024-65535")}));
    QCOMPARE(second.exceptUsernameMatchesAnyOfPatterns.size(), 2);
    QCOMPARE(second.exceptUsernameMatchesAnyOfPatterns.at(1).text(),
             QStringLiteral("contoso.com\\o'brien"));

    QCOMPARE(data.directory.size(), 3);
    QCOMPARE(data.directory.user(2).displayName, QStringLiteral("Ünïcode O'User"));
    QCOMPARE(data.directory.user(2).attribute(Attribute::Company),
             QStringLiteral("Contoso \"GmbH\""));
    QCOMPARE(data.directory.user(0).attribute(Attribute::CustomAttribute15),
             QStringLiteral("last"));
    QCOMPARE(data.directory.user(1).attribute(Attribute::StreetAddress),
             QStringLiteral("1 Main St."));
    QCOMPARE(data.directory.indexOfUpn(QStringLiteral("ünïcode.user@contoso.com")), 2);
    QCOMPARE(data.admin.address, QStringLiteral("203.0.113.25"));

    QList<HistoryEntry> history;
    CAR_VERIFY_STORE(opened.store->history(history));
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(1).when, QDateTime(QDate(2024, 3, 1), QTime(9, 16, 30, 250), Qt::UTC));
    QCOMPARE(history.at(1).source, QStringLiteral("cli"));

    // Opening migrated it to version 2: its snapshots and saved tests start empty.
    QList<SnapshotInfo> snapshots;
    CAR_VERIFY_STORE(opened.store->snapshots(snapshots));
    QVERIFY(snapshots.isEmpty());
    QList<SavedTest> tests;
    CAR_VERIFY_STORE(opened.store->savedTests(tests));
    QVERIFY(tests.isEmpty());

    // The old file takes new writes; the committed fixture itself was never touched.
    CAR_VERIFY_STORE(opened.store->removeUser(QStringLiteral("MEGAN.BOWEN@contoso.com")));
    CAR_VERIFY_STORE(
        opened.store->saveSnapshot(QStringLiteral("from v1"), QString(), data.ruleSet));
    RuleSet snapshot;
    CAR_VERIFY_STORE(opened.store->loadSnapshot(QStringLiteral("FROM V1"), snapshot));
    QVERIFY(snapshot == data.ruleSet);
    opened.store.reset();
    {
        RawDatabase raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 2);
    }
    QCOMPARE(fileHash(fixture), fixtureHash);
}

QTEST_GUILESS_MAIN(TestWorkspaceFiles)

#include "tst_workspacefiles.moc"
