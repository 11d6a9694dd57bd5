#include "csv.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QTest>

using namespace Car;

namespace {

QStringList S(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

struct ReadResult
{
    QList<QStringList> records;
    QList<qint64> lines;
    QList<CsvError> errors;
};

ReadResult readAll(const QByteArray &input)
{
    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    ReadResult result;
    for (;;) {
        const CsvReader::Status status = reader.next();
        if (status == CsvReader::Status::End)
            break;
        if (status == CsvReader::Status::Error) {
            result.errors << reader.error();
            continue;
        }
        result.records << reader.fields();
        result.lines << reader.recordLine();
    }
    return result;
}

QByteArray writeAll(const QList<QStringList> &records)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        CsvWriter writer(&buffer);
        for (const QStringList &record : records)
            writer.writeRecord(record);
        writer.flush();
    }
    return buffer.data();
}

} // namespace

class TestCsv : public QObject
{
    Q_OBJECT

private slots:
    void reads_data();
    void reads();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void recoversAfterBadLine();
    void fieldPositions();
    void quotedFieldAcrossChunkBoundary();
    void writerQuotesOnlyWhenNeeded_data();
    void writerQuotesOnlyWhenNeeded();
    void roundTrip();
    void readsFast();
};

void TestCsv::reads_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QStringList>>("records");
    QTest::addColumn<QList<qint64>>("lines");

    using L = QList<QStringList>;
    using N = QList<qint64>;
    const char *e = "";
    QTest::newRow("empty input has no records") << QByteArray() << L {} << N {};
    QTest::newRow("LF line ends") << QByteArray("a,b\nc,d\n") << L {S({"a", "b"}), S({"c", "d"})}
                                  << N {1, 2};
    QTest::newRow("CRLF line ends")
        << QByteArray("a,b\r\nc,d\r\n") << L {S({"a", "b"}), S({"c", "d"})} << N {1, 2};
    QTest::newRow("lone CR ends a line (old Mac files)")
        << QByteArray("a\rb\r") << L {S({"a"}), S({"b"})} << N {1, 2};
    QTest::newRow("no final line end") << QByteArray("a,b") << L {S({"a", "b"})} << N {1};
    QTest::newRow("empty fields keep their place")
        << QByteArray(",x,\n") << L {S({e, "x", e})} << N {1};
    QTest::newRow("trailing comma at end of input is an empty last field")
        << QByteArray("a,") << L {S({"a", e})} << N {1};
    QTest::newRow("blank lines are skipped but counted")
        << QByteArray("a\n\n\r\nb\n") << L {S({"a"}), S({"b"})} << N {1, 4};
    QTest::newRow("quoted comma") << QByteArray("\"a,b\",c\n") << L {S({"a,b", "c"})} << N {1};
    QTest::newRow("doubled quote is one quote")
        << QByteArray("\"say \"\"hi\"\"\"\n") << L {S({"say \"hi\""})} << N {1};
    QTest::newRow("empty quoted field") << QByteArray("\"\",x\n") << L {S({e, "x"})} << N {1};
    QTest::newRow("line break inside quotes stays in the field; next record line is physical")
        << QByteArray("\"a\nb\",c\nd\n") << L {S({"a\nb", "c"}), S({"d"})} << N {1, 3};
    QTest::newRow("CRLF inside quotes is kept as written")
        << QByteArray("\"a\r\nb\"\r\nz\r\n") << L {S({"a\r\nb"}), S({"z"})} << N {1, 3};
    QTest::newRow("spaces are data, not trimmed")
        << QByteArray(" a , b \n") << L {S({" a ", " b "})} << N {1};
    QTest::newRow("UTF-8 text") << QByteArray("Zoë,東京\n") << L {S({"Zoë", "東京"})} << N {1};
    QTest::newRow("UTF-8 byte order mark is dropped")
        << QByteArray("\xEF\xBB\xBFUser,Port\n") << L {S({"User", "Port"})} << N {1};
}

void TestCsv::reads()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QStringList>, records);
    QFETCH(QList<qint64>, lines);
    const ReadResult result = readAll(input);
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.records, records);
    QCOMPARE(result.lines, lines);
}

void TestCsv::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<qint64>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("stray quote inside an unquoted field")
        << QByteArray("ok\nab\"c,d\n") << qint64(2) << qint64(3) << QStringLiteral("quote inside");
    QTest::newRow("text after a closing quote") << QByteArray("\"a\"b,c\n") << qint64(1)
                                                << qint64(4) << QStringLiteral("after the closing");
    QTest::newRow("unclosed quote points at the opening quote")
        << QByteArray("a\nx,\"never\nclosed\n") << qint64(2) << qint64(3)
        << QStringLiteral("never closed");
    QTest::newRow("invalid UTF-8 byte")
        << QByteArray("a,b\xFF\n") << qint64(1) << qint64(4) << QStringLiteral("UTF-8");
    QTest::newRow("column counts characters, not bytes")
        << QByteArray("\xC3\xA9\xC3\xA9\"\n") << qint64(1) << qint64(3)
        << QStringLiteral("quote inside");
}

void TestCsv::rejectsMalformed()
{
    QFETCH(QByteArray, input);
    QFETCH(qint64, line);
    QFETCH(qint64, column);
    QFETCH(QString, message);
    const ReadResult result = readAll(input);
    QVERIFY(!result.errors.isEmpty());
    QCOMPARE(result.errors.first().line, line);
    QCOMPARE(result.errors.first().column, column);
    QVERIFY2(result.errors.first().message.contains(message),
             qPrintable(result.errors.first().message));
}

void TestCsv::recoversAfterBadLine()
{
    const ReadResult result = readAll("a,b\nx\"y,z\nc,d\n");
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().line, 2);
    QCOMPARE(result.records, (QList<QStringList> {S({"a", "b"}), S({"c", "d"})}));
    QCOMPARE(result.lines, (QList<qint64> {1, 3}));
}

void TestCsv::fieldPositions()
{
    QBuffer buffer;
    buffer.setData("x\n\"multi\nline\",second,third\n");
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    QCOMPARE(reader.next(), CsvReader::Status::Record);
    QCOMPARE(reader.next(), CsvReader::Status::Record);
    QCOMPARE(reader.fieldCount(), 3);
    QCOMPARE(reader.fieldLine(0), 2);
    QCOMPARE(reader.fieldColumn(0), 1);
    QCOMPARE(reader.fieldLine(1), 3);
    QCOMPARE(reader.fieldColumn(1), 7);
    QCOMPARE(reader.fieldColumn(2), 14);
    QCOMPARE(reader.field(2), QStringView(u"third"));
    QCOMPARE(reader.next(), CsvReader::Status::End);
}

void TestCsv::quotedFieldAcrossChunkBoundary()
{
    // The reader decodes 64 KiB at a time: put a quoted field with a doubled quote, a line break
    // and a multi-byte character right across that boundary.
    QByteArray input = QByteArray(65530, 'p') + ",\"ab\"\"c\nd\xC3\xA9\",end\nlast\n";
    const ReadResult result = readAll(input);
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.records.size(), 2);
    QCOMPARE(result.records[0].size(), 3);
    QCOMPARE(result.records[0][1], QString::fromUtf8("ab\"c\nd\xC3\xA9"));
    QCOMPARE(result.records[0][2], QStringLiteral("end"));
    QCOMPARE(result.lines, (QList<qint64> {1, 3}));
}

void TestCsv::writerQuotesOnlyWhenNeeded_data()
{
    QTest::addColumn<QStringList>("record");
    QTest::addColumn<QByteArray>("output");

    QTest::newRow("plain fields are not quoted") << S({"a", "b c"}) << QByteArray("a,b c\r\n");
    QTest::newRow("comma forces quotes") << S({"a,b"}) << QByteArray("\"a,b\"\r\n");
    QTest::newRow("quote is doubled") << S({"say \"hi\""}) << QByteArray("\"say \"\"hi\"\"\"\r\n");
    QTest::newRow("line break forces quotes") << S({"a\nb", "c"}) << QByteArray("\"a\nb\",c\r\n");
    QTest::newRow("empty fields stay empty") << S({"", "x", ""}) << QByteArray(",x,\r\n");
    QTest::newRow("a lone empty field is quoted so the line is not blank")
        << S({""}) << QByteArray("\"\"\r\n");
    QTest::newRow("UTF-8 output") << S({"東京"}) << QByteArray("\xE6\x9D\xB1\xE4\xBA\xAC\r\n");
}

void TestCsv::writerQuotesOnlyWhenNeeded()
{
    QFETCH(QStringList, record);
    QFETCH(QByteArray, output);
    QCOMPARE(writeAll({record}), output);
}

void TestCsv::roundTrip()
{
    const QList<QStringList> records = {
        S({"User", "Protocol", "Note"}),
        S({"julia@contoso.com", "OutlookWebApp", "a \"quoted\", comma\r\nand line"}),
        S({""}),
        S({"", "", ""}),
        S({"zoë@contoso.com", "x", "y"}),
    };
    QCOMPARE(readAll(writeAll(records)).records, records);
}

void TestCsv::readsFast()
{
    QByteArray input("User,Protocol,AuthenticationType,RemoteAddress,RemotePort\n");
    for (int i = 0; i < 200000; ++i)
        input += "julia@contoso.com,OutlookWebApp,BasicAuthentication,203.0.113.9,443\n";
    QBuffer buffer(&input);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    QElapsedTimer timer;
    timer.start();
    int rows = 0;
    qsizetype chars = 0;
    while (reader.next() == CsvReader::Status::Record) {
        ++rows;
        chars += reader.field(3).size();
    }
    QCOMPARE(rows, 200001);
    QVERIFY(chars > 0);
    qInfo("read %d rows in %lld ms", rows, qint64(timer.elapsed()));
}

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
