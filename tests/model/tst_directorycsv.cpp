#include "directorycsv.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

using namespace Car;

namespace {

DirectoryCsv::Result readText(const QByteArray &text, Directory &directory)
{
    QBuffer buffer;
    buffer.setData(text);
    buffer.open(QIODevice::ReadOnly);
    return DirectoryCsv::read(&buffer, directory);
}

} // namespace

class TestDirectoryCsv : public QObject
{
    Q_OBJECT

private slots:
    void readsExportCsvFixture();
    void columnNamesIgnoreCase();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void failedImportLeavesDirectoryAlone();
    void writeThenReadIsIdentity();
};

void TestDirectoryCsv::readsExportCsvFixture()
{
    QFile file(QStringLiteral(CAR_TEST_DATA_DIR "/cli/users.csv"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    Directory directory;
    const DirectoryCsv::Result result = DirectoryCsv::read(&file, directory);
    QVERIFY2(result.ok, qPrintable(result.error.message));
    QCOMPARE(result.userCount, 4);
    QCOMPARE(directory.size(), 4);
    // The unknown "Title" column is ignored, and named in a warning.
    QCOMPARE(result.warnings.size(), 1);
    QVERIFY(result.warnings.first().contains(QLatin1String("Title")));

    const DirectoryUser &julia = directory.user(0);
    QCOMPARE(julia.userPrincipalName, QStringLiteral("julia@contoso.com"));
    QCOMPARE(julia.samAccountName, QStringLiteral("julia"));
    QCOMPARE(julia.displayName, QStringLiteral("Julia Smith"));
    QCOMPARE(julia.attribute(Attribute::City), QStringLiteral("Redmond"));
    QCOMPARE(julia.attribute(Attribute::Department), QStringLiteral("Sales"));
    QCOMPARE(julia.attribute(Attribute::CustomAttribute1), QStringLiteral("AllowOWA"));
    QCOMPARE(directory.user(2).displayName, QStringLiteral("Jeff, Jr."));
    QCOMPARE(directory.user(3).displayName, QStringLiteral("John \"JD\" Doe"));
    QVERIFY(directory.resolve(QStringLiteral("jdoe")) == &directory.user(3));
}

void TestDirectoryCsv::columnNamesIgnoreCase()
{
    Directory directory;
    const DirectoryCsv::Result result =
        readText("userprincipalname,CITY,department\nbob@x.org, Oslo ,IT\n", directory);
    QVERIFY2(result.ok, qPrintable(result.error.message));
    QVERIFY(result.warnings.isEmpty());
    QCOMPARE(directory.user(0).attribute(Attribute::City), QStringLiteral("Oslo"));
    QCOMPARE(directory.user(0).attribute(Attribute::Department), QStringLiteral("IT"));
}

void TestDirectoryCsv::rejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<qint64>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty file has no header")
        << QByteArray() << qint64(1) << qint64(1) << QStringLiteral("empty");
    QTest::newRow("no UserPrincipalName column")
        << QByteArray("#TYPE X\nAlias,City\na,b\n") << qint64(2) << qint64(1)
        << QStringLiteral("no UserPrincipalName column");
    QTest::newRow("column named twice") << QByteArray("UserPrincipalName,City,city\n") << qint64(1)
                                        << qint64(24) << QStringLiteral("named twice");
    QTest::newRow("missing UserPrincipalName in a row")
        << QByteArray("City,UserPrincipalName\nOslo,a@x\nBergen,  \n") << qint64(3) << qint64(8)
        << QStringLiteral("missing");
    QTest::newRow("repeated UserPrincipalName, ignoring case")
        << QByteArray("UserPrincipalName\na@x\nb@x\nA@X\n") << qint64(4) << qint64(1)
        << QStringLiteral("repeated (first on line 2)");
    QTest::newRow("row with too few fields")
        << QByteArray("UserPrincipalName,City\na@x,Oslo\nb@x\n") << qint64(3) << qint64(1)
        << QStringLiteral("1 fields but the header has 2");
    QTest::newRow("malformed CSV is reported where it is")
        << QByteArray("UserPrincipalName,City\na@x,Os\"lo\n") << qint64(2) << qint64(7)
        << QStringLiteral("quote");
}

void TestDirectoryCsv::rejectsBadInput()
{
    QFETCH(QByteArray, input);
    QFETCH(qint64, line);
    QFETCH(qint64, column);
    QFETCH(QString, message);
    Directory directory;
    const DirectoryCsv::Result result = readText(input, directory);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.message.contains(message), qPrintable(result.error.message));
    QCOMPARE(result.error.line, line);
    QCOMPARE(result.error.column, column);
}

void TestDirectoryCsv::failedImportLeavesDirectoryAlone()
{
    Directory directory;
    QVERIFY(readText("UserPrincipalName\nkeep@x\n", directory).ok);
    const Directory before = directory;
    QVERIFY(!readText("UserPrincipalName\nnew@x\nnew@x\n", directory).ok);
    QVERIFY(directory == before);
}

void TestDirectoryCsv::writeThenReadIsIdentity()
{
    Directory directory;
    DirectoryUser user;
    user.userPrincipalName = QStringLiteral("o'reilly@contoso.com");
    user.displayName = QStringLiteral("O'Reilly, \"Pat\"\nsecond line");
    user.setAttribute(Attribute::StreetAddress, QStringLiteral("1 Main St, Suite 2"));
    user.setAttribute(Attribute::CustomAttribute15, QStringLiteral("last"));
    QVERIFY(directory.addUser(user));
    user = DirectoryUser();
    user.userPrincipalName = QStringLiteral("bare@contoso.com");
    QVERIFY(directory.addUser(user));

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(DirectoryCsv::write(directory, &buffer));
    Directory back;
    const DirectoryCsv::Result result = readText(buffer.data(), back);
    QVERIFY2(result.ok, qPrintable(result.error.message));
    QVERIFY(result.warnings.isEmpty());
    QVERIFY(back == directory);
}

QTEST_GUILESS_MAIN(TestDirectoryCsv)
#include "tst_directorycsv.moc"
