#include "portrange.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Car::PortRange;

class TestPortRange : public QObject
{
    Q_OBJECT

private slots:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void contains_data();
    void contains();
};

void TestPortRange::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("low");
    QTest::addColumn<int>("high");
    QTest::addColumn<QString>("stored");

    QTest::newRow("single port") << u"443"_s << 443 << 443 << u"443"_s;
    QTest::newRow("blanks around") << u"  25\t"_s << 25 << 25 << u"25"_s;
    QTest::newRow("lowest port") << u"1"_s << 1 << 1 << u"1"_s;
    QTest::newRow("highest port") << u"65535"_s << 65535 << 65535 << u"65535"_s;
    QTest::newRow("range") << u"1000-2000"_s << 1000 << 2000 << u"1000-2000"_s;
    QTest::newRow("range with blanks") << u"1000 - 2000"_s << 1000 << 2000 << u"1000-2000"_s;
    QTest::newRow("full range") << u"1-65535"_s << 1 << 65535 << u"1-65535"_s;
    QTest::newRow("range of one port is stored as the port") << u"80-80"_s << 80 << 80 << u"80"_s;
    QTest::newRow("leading zeros are read by value") << u"0080"_s << 80 << 80 << u"80"_s;
}

void TestPortRange::parseValid()
{
    QFETCH(QString, text);
    QFETCH(int, low);
    QFETCH(int, high);
    QFETCH(QString, stored);

    QString error;
    const std::optional<PortRange> range = PortRange::parse(text, &error);
    QVERIFY2(range, qPrintable(error));
    QCOMPARE(int(range->low), low);
    QCOMPARE(int(range->high), high);
    QCOMPARE(range->isRange(), low != high);
    QCOMPARE(range->toString(), stored);
    const std::optional<PortRange> again = PortRange::parse(stored);
    QVERIFY(again);
    QCOMPARE(*again, *range);
}

void TestPortRange::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    QTest::newRow("port 0 is below the range")
        << u"0"_s << u"'0': 0 is not a port number (1-65535)"_s;
    QTest::newRow("port 65536 is above the range") << u"65536"_s << u"65536 is not a port number"_s;
    QTest::newRow("huge number does not overflow")
        << u"99999999999999999999"_s << u"is not a port number"_s;
    QTest::newRow("not a number") << u"https"_s << u"'https' is not a port number"_s;
    QTest::newRow("plus sign") << u"+5"_s << u"'+5' is not a port number"_s;
    QTest::newRow("inner blank") << u"4 43"_s << u"'4 43' is not a port number"_s;
    QTest::newRow("negative number reads as a range without start")
        << u"-5"_s << u"a port number is missing"_s;
    QTest::newRow("range without end") << u"5-"_s << u"a port number is missing"_s;
    QTest::newRow("start after end") << u"10-5"_s << u"the start of the range is after its end"_s;
    QTest::newRow("two dashes") << u"1-2-3"_s << u"exactly one '-'"_s;
    QTest::newRow("range end out of range") << u"1000-70000"_s << u"70000 is not a port number"_s;
    QTest::newRow("empty") << QString() << u"must not be empty"_s;
    QTest::newRow("blank") << u"  "_s << u"must not be empty"_s;
}

void TestPortRange::parseInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);

    QString error;
    QVERIFY(!PortRange::parse(text, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    if (!text.trimmed().isEmpty()) // the message names the value
        QVERIFY2(error.startsWith(u'\'' + text.trimmed() + u"':"_s), qPrintable(error));
}

void TestPortRange::contains_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("expected");

    QTest::newRow("range start is inclusive") << u"1000-2000"_s << 1000 << true;
    QTest::newRow("range end is inclusive") << u"1000-2000"_s << 2000 << true;
    QTest::newRow("below the range") << u"1000-2000"_s << 999 << false;
    QTest::newRow("above the range") << u"1000-2000"_s << 2001 << false;
    QTest::newRow("single port matches itself") << u"443"_s << 443 << true;
    QTest::newRow("single port is exact") << u"443"_s << 444 << false;
}

void TestPortRange::contains()
{
    QFETCH(QString, entry);
    QFETCH(int, port);
    QFETCH(bool, expected);

    const std::optional<PortRange> range = PortRange::parse(entry);
    QVERIFY(range);
    QCOMPARE(range->contains(port), expected);
}

QTEST_APPLESS_MAIN(TestPortRange)
#include "tst_portrange.moc"
