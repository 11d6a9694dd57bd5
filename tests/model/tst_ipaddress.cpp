#include "ipaddress.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using Car::IpAddress;
using Car::IpRange;

class TestIpAddress : public QObject
{
    Q_OBJECT

private slots:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void ordering();
    void rangeValid_data();
    void rangeValid();
    void rangeInvalid_data();
    void rangeInvalid();
    void contains_data();
    void contains();
    void randomInputNeverCrashes();
};

void TestIpAddress::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("v6");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("dotted IPv4") << u"192.168.1.1"_s << false << u"192.168.1.1"_s;
    QTest::newRow("blanks around are ignored") << u"  10.0.0.1\t"_s << false << u"10.0.0.1"_s;
    QTest::newRow("all zeros") << u"0.0.0.0"_s << false << u"0.0.0.0"_s;
    QTest::newRow("all ones") << u"255.255.255.255"_s << false << u"255.255.255.255"_s;
    QTest::newRow("doc IPv6 in upper case becomes lower case")
        << u"2001:DB8::2AA:FF:C0A8:640A"_s << true << u"2001:db8::2aa:ff:c0a8:640a"_s;
    QTest::newRow("full form with leading zeros is compressed")
        << u"2001:0db8:0000:0000:0000:0000:0000:0001"_s << true << u"2001:db8::1"_s;
    QTest::newRow("unspecified address ::") << u"::"_s << true << u"::"_s;
    QTest::newRow("loopback ::1") << u"::1"_s << true << u"::1"_s;
    QTest::newRow("trailing ::") << u"fe80::"_s << true << u"fe80::"_s;
    QTest::newRow("longest zero run is compressed, not the first")
        << u"2001:db8:0:0:1:0:0:0"_s << true << u"2001:db8:0:0:1::"_s;
    QTest::newRow("first run wins a tie (RFC 5952 4.2.3)")
        << u"2001:db8:0:0:1:0:0:1"_s << true << u"2001:db8::1:0:0:1"_s;
    QTest::newRow("a single zero group is not compressed")
        << u"2001:db8:0:1:1:1:1:1"_s << true << u"2001:db8:0:1:1:1:1:1"_s;
    QTest::newRow("IPv4-mapped stays IPv6") << u"::ffff:1.2.3.4"_s << true << u"::ffff:1.2.3.4"_s;
    QTest::newRow("IPv4-mapped written in hex")
        << u"::FFFF:0102:0304"_s << true << u"::ffff:1.2.3.4"_s;
    QTest::newRow("embedded IPv4 without ::")
        << u"0:0:0:0:0:ffff:192.0.2.1"_s << true << u"::ffff:192.0.2.1"_s;
    QTest::newRow("embedded IPv4 in a non-mapped address")
        << u"64:ff9b::192.0.2.33"_s << true << u"64:ff9b::c000:221"_s;
    QTest::newRow("eight groups, no zeros") << u"1:2:3:4:5:6:7:8"_s << true << u"1:2:3:4:5:6:7:8"_s;
    QTest::newRow(":: standing for one group")
        << u"1:2:3:4:5:6::8"_s << true << u"1:2:3:4:5:6:0:8"_s;
}

void TestIpAddress::parseValid()
{
    QFETCH(QString, text);
    QFETCH(bool, v6);
    QFETCH(QString, canonical);

    QString error;
    const std::optional<IpAddress> address = IpAddress::parse(text, &error);
    QVERIFY2(address, qPrintable(error));
    QCOMPARE(address->v6, v6);
    QCOMPARE(address->toString(), canonical);
    // The canonical text parses back to the same address.
    const std::optional<IpAddress> again = IpAddress::parse(canonical);
    QVERIFY(again);
    QCOMPARE(*again, *address);
}

void TestIpAddress::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    QTest::newRow("octet above 255")
        << u"300.1.1.1"_s << u"'300.1.1.1': 300 is not an IPv4 octet (0-255)"_s;
    QTest::newRow("three parts") << u"1.2.3"_s << u"four numbers"_s;
    QTest::newRow("five parts") << u"1.2.3.4.5"_s << u"four numbers"_s;
    QTest::newRow("empty part") << u"1..2.3"_s << u"four numbers"_s;
    QTest::newRow("leading zero is ambiguous octal") << u"010.1.1.1"_s << u"leading zero"_s;
    QTest::newRow("letters in IPv4") << u"1.2.3.x"_s << u"'x' is not a decimal number"_s;
    QTest::newRow("sign in IPv4") << u"-1.2.3.4"_s << u"'-1' is not a decimal number"_s;
    QTest::newRow("empty") << QString() << u"must not be empty"_s;
    QTest::newRow("blank") << u"   "_s << u"must not be empty"_s;
    QTest::newRow("seven groups without ::") << u"1:2:3:4:5:6:7"_s << u"eight groups"_s;
    QTest::newRow("nine groups") << u"1:2:3:4:5:6:7:8:9"_s << u"eight groups"_s;
    QTest::newRow(":: with eight groups") << u"1:2:3:4:5:6:7::8"_s << u"at most seven"_s;
    QTest::newRow(":: twice") << u"1::2::3"_s << u"only once"_s;
    QTest::newRow("group of five digits") << u"12345::"_s << u"'12345' is not an IPv6 group"_s;
    QTest::newRow("non-hex digit") << u"g::1"_s << u"'g' is not an IPv6 group"_s;
    QTest::newRow("single leading colon") << u":1::"_s << u"empty group"_s;
    QTest::newRow("single trailing colon") << u"1::2:"_s << u"empty group"_s;
    QTest::newRow("zone id") << u"fe80::1%eth0"_s << u"zone ids"_s;
    QTest::newRow("bad embedded IPv4") << u"::ffff:1.2.3.256"_s << u"256 is not an IPv4 octet"_s;
    QTest::newRow("embedded IPv4 not at the end")
        << u"::1.2.3.4:5"_s << u"'1.2.3.4' is not an IPv6 group"_s;
}

void TestIpAddress::parseInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);

    QString error;
    QVERIFY(!IpAddress::parse(text, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    if (!text.trimmed().isEmpty()) // the message names the value
        QVERIFY2(error.contains(u'\'' + text.trimmed() + u'\''), qPrintable(error));
}

void TestIpAddress::ordering()
{
    const IpAddress v4 = *IpAddress::parse(u"255.255.255.255");
    const IpAddress v6 = *IpAddress::parse(u"::");
    const IpAddress mapped = *IpAddress::parse(u"::ffff:255.255.255.255");
    QVERIFY(v4 < v6);
    QVERIFY(!(v6 < v4));
    QVERIFY(v4 != mapped); // domain §0: a mapped address is an IPv6 address
    QVERIFY(*IpAddress::parse(u"10.0.0.9") < *IpAddress::parse(u"10.0.0.10"));
    QVERIFY(*IpAddress::parse(u"::ffff:0:1") < *IpAddress::parse(u"1::"));
}

void TestIpAddress::rangeValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<IpRange::Kind>("kind");
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("low");
    QTest::addColumn<QString>("high");
    QTest::addColumn<int>("prefix");

    using K = IpRange::Kind;
    QTest::newRow("single IPv4") << u"192.168.1.1"_s << K::Single << u"192.168.1.1"_s
                                 << u"192.168.1.1"_s << u"192.168.1.1"_s << -1;
    QTest::newRow("single IPv6 is canonicalised")
        << u"2001:DB8::2AA:FF:C0A8:640A"_s << K::Single << u"2001:db8::2aa:ff:c0a8:640a"_s
        << u"2001:db8::2aa:ff:c0a8:640a"_s << u"2001:db8::2aa:ff:c0a8:640a"_s << -1;
    QTest::newRow("doc range") << u"192.168.0.1-192.168.0.254"_s << K::Range
                               << u"192.168.0.1-192.168.0.254"_s << u"192.168.0.1"_s
                               << u"192.168.0.254"_s << -1;
    QTest::newRow("range with blanks")
        << u" 10.0.0.1 - 10.0.0.9 "_s << K::Range << u"10.0.0.1-10.0.0.9"_s << u"10.0.0.1"_s
        << u"10.0.0.9"_s << -1;
    QTest::newRow("range of one address")
        << u"10.0.0.1-10.0.0.1"_s << K::Range << u"10.0.0.1-10.0.0.1"_s << u"10.0.0.1"_s
        << u"10.0.0.1"_s << -1;
    QTest::newRow("IPv6 range") << u"2001:db8::1-2001:db8::ff"_s << K::Range
                                << u"2001:db8::1-2001:db8::ff"_s << u"2001:db8::1"_s
                                << u"2001:db8::ff"_s << -1;
    QTest::newRow("C02: CIDR host bits cleared")
        << u"192.168.10.1/24"_s << K::Cidr << u"192.168.10.0/24"_s << u"192.168.10.0"_s
        << u"192.168.10.255"_s << 24;
    QTest::newRow("C03: /16 host bits cleared")
        << u"172.17.17.27/16"_s << K::Cidr << u"172.17.0.0/16"_s << u"172.17.0.0"_s
        << u"172.17.255.255"_s << 16;
    QTest::newRow("/32 stays CIDR")
        << u"10.1.2.3/32"_s << K::Cidr << u"10.1.2.3/32"_s << u"10.1.2.3"_s << u"10.1.2.3"_s << 32;
    QTest::newRow("/0 covers all IPv4")
        << u"1.2.3.4/0"_s << K::Cidr << u"0.0.0.0/0"_s << u"0.0.0.0"_s << u"255.255.255.255"_s << 0;
    QTest::newRow("odd prefix") << u"10.0.0.255/25"_s << K::Cidr << u"10.0.0.128/25"_s
                                << u"10.0.0.128"_s << u"10.0.0.255"_s << 25;
    QTest::newRow("CIDR with blanks") << u"10.9.9.9 / 8"_s << K::Cidr << u"10.0.0.0/8"_s
                                      << u"10.0.0.0"_s << u"10.255.255.255"_s << 8;
    QTest::newRow("doc IPv6 /64") << u"2001:DB8::2AA:FF:C0A8:640A/64"_s << K::Cidr
                                  << u"2001:db8::/64"_s << u"2001:db8::"_s
                                  << u"2001:db8::ffff:ffff:ffff:ffff"_s << 64;
    QTest::newRow("IPv6 /72 crosses the 64-bit halves")
        << u"2001:db8::ffff:ffff:ffff:ffff/72"_s << K::Cidr << u"2001:db8:0:0:ff00::/72"_s
        << u"2001:db8:0:0:ff00::"_s << u"2001:db8::ffff:ffff:ffff:ffff"_s << 72;
    QTest::newRow("IPv6 /128") << u"::1/128"_s << K::Cidr << u"::1/128"_s << u"::1"_s << u"::1"_s
                               << 128;
    QTest::newRow("IPv6 /0") << u"2001:db8::1/0"_s << K::Cidr << u"::/0"_s << u"::"_s
                             << u"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_s << 0;
    QTest::newRow("netmask form becomes CIDR")
        << u"192.168.1.7(255.255.255.0)"_s << K::Cidr << u"192.168.1.0/24"_s << u"192.168.1.0"_s
        << u"192.168.1.255"_s << 24;
    QTest::newRow("netmask form with blanks")
        << u"10.1.2.3 ( 255.0.0.0 )"_s << K::Cidr << u"10.0.0.0/8"_s << u"10.0.0.0"_s
        << u"10.255.255.255"_s << 8;
    QTest::newRow("netmask of all zeros") << u"10.1.2.3(0.0.0.0)"_s << K::Cidr << u"0.0.0.0/0"_s
                                          << u"0.0.0.0"_s << u"255.255.255.255"_s << 0;
    QTest::newRow("netmask of all ones")
        << u"10.1.2.3(255.255.255.255)"_s << K::Cidr << u"10.1.2.3/32"_s << u"10.1.2.3"_s
        << u"10.1.2.3"_s << 32;
}

void TestIpAddress::rangeValid()
{
    QFETCH(QString, text);
    QFETCH(IpRange::Kind, kind);
    QFETCH(QString, stored);
    QFETCH(QString, low);
    QFETCH(QString, high);
    QFETCH(int, prefix);

    QString error;
    const std::optional<IpRange> range = IpRange::parse(text, &error);
    QVERIFY2(range, qPrintable(error));
    QCOMPARE(range->kind, kind);
    QCOMPARE(range->toString(), stored);
    QCOMPARE(range->low.toString(), low);
    QCOMPARE(range->high.toString(), high);
    QCOMPARE(range->prefixLength, prefix);
    // Round trip: the stored text parses to the same range.
    const std::optional<IpRange> again = IpRange::parse(stored);
    QVERIFY(again);
    QCOMPARE(*again, *range);
}

void TestIpAddress::rangeInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    QTest::newRow("H8: start after end") << u"192.168.0.254-192.168.0.1"_s
                                         << u"'192.168.0.254-192.168.0.1': the start of the "
                                            "range is after its end"_s;
    QTest::newRow("IPv6 start after end") << u"2001:db8::2-2001:db8::1"_s << u"after its end"_s;
    QTest::newRow("mixed families") << u"10.0.0.1-::1"_s << u"mix IPv4 and IPv6"_s;
    QTest::newRow("IPv4-mapped end does not make a mixed range valid")
        << u"10.0.0.1-::ffff:10.0.0.9"_s << u"mix IPv4 and IPv6"_s;
    QTest::newRow("two dashes") << u"10.0.0.1-10.0.0.5-10.0.0.9"_s << u"exactly one '-'"_s;
    QTest::newRow("bad address in a range")
        << u"10.0.0.1-10.0.0.300"_s << u"300 is not an IPv4 octet"_s;
    QTest::newRow("missing end of range") << u"10.0.0.1-"_s << u"must not be empty"_s;
    QTest::newRow("IPv4 prefix 33") << u"10.0.0.0/33"_s << u"'33' is not a number from 0 to 32"_s;
    QTest::newRow("IPv6 prefix 129") << u"::/129"_s << u"'129' is not a number from 0 to 128"_s;
    QTest::newRow("negative prefix") << u"10.0.0.0/-1"_s << u"'-1' is not a number"_s;
    QTest::newRow("empty prefix") << u"10.0.0.0/"_s << u"prefix length"_s;
    QTest::newRow("prefix with letters") << u"10.0.0.0/2x"_s << u"'2x' is not a number"_s;
    QTest::newRow("bad address before prefix")
        << u"10.0.0.256/8"_s << u"256 is not an IPv4 octet"_s;
    QTest::newRow("non-contiguous netmask") << u"10.0.0.0(255.0.255.0)"_s << u"not contiguous"_s;
    QTest::newRow("netmask on IPv6") << u"2001:db8::(ffff::)"_s << u"IPv4 only"_s;
    QTest::newRow("netmask without ')'") << u"10.0.0.0(255.0.0.0"_s << u"address(netmask)"_s;
    QTest::newRow("bad netmask") << u"10.0.0.0(255.0.0)"_s << u"four numbers"_s;
    QTest::newRow("empty entry") << QString() << u"must not be empty"_s;
    QTest::newRow("host name") << u"mail.contoso.com"_s << u"'mail' is not a decimal number"_s;
}

void TestIpAddress::rangeInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);

    QString error;
    QVERIFY(!IpRange::parse(text, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    if (!text.isEmpty()) // the message names the whole entry
        QVERIFY2(error.startsWith(u'\'' + text.trimmed() + u"':"_s), qPrintable(error));
}

void TestIpAddress::contains_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("client");
    QTest::addColumn<bool>("expected");

    const QString h9 = u"192.168.0.1-192.168.0.254"_s;
    QTest::newRow("H9: range start is inclusive") << h9 << u"192.168.0.1"_s << true;
    QTest::newRow("H9: range end is inclusive") << h9 << u"192.168.0.254"_s << true;
    QTest::newRow("H9: past the end") << h9 << u"192.168.0.255"_s << false;
    QTest::newRow("before the start") << h9 << u"192.168.0.0"_s << false;
    const QString h10 = u"2001:DB8::2AA:FF:C0A8:640A/64"_s;
    QTest::newRow("H10: IPv6 client inside the /64") << h10 << u"2001:db8::1"_s << true;
    QTest::newRow("H10: IPv4 client never matches IPv6") << h10 << u"192.0.2.1"_s << false;
    QTest::newRow("outside the /64") << h10 << u"2001:db8:0:1::1"_s << false;
    const QString c02 = u"192.168.10.1/24"_s;
    QTest::newRow("D3: inside the cleared CIDR") << c02 << u"192.168.10.77"_s << true;
    QTest::newRow("D7: CIDR broadcast address is inside") << c02 << u"192.168.10.255"_s << true;
    QTest::newRow("network address is inside") << c02 << u"192.168.10.0"_s << true;
    QTest::newRow("D8: next network is outside") << c02 << u"192.168.11.1"_s << false;
    QTest::newRow("C26: IPv4-mapped client never matches IPv4")
        << c02 << u"::ffff:192.168.10.5"_s << false;
    QTest::newRow("IPv4 /0 does not cover IPv6") << u"0.0.0.0/0"_s << u"::"_s << false;
    QTest::newRow("IPv6 /0 does not cover IPv4") << u"::/0"_s << u"0.0.0.0"_s << false;
    QTest::newRow("IPv6 /0 covers a mapped client") << u"::/0"_s << u"::ffff:10.0.0.1"_s << true;
    QTest::newRow("single address matches itself") << u"10.1.1.13"_s << u"10.1.1.13"_s << true;
    QTest::newRow("single address is exact") << u"10.1.1.13"_s << u"10.1.1.14"_s << false;
    QTest::newRow("netmask entry covers its network")
        << u"172.16.5.1(255.255.255.0)"_s << u"172.16.5.200"_s << true;
}

void TestIpAddress::contains()
{
    QFETCH(QString, entry);
    QFETCH(QString, client);
    QFETCH(bool, expected);

    const std::optional<IpRange> range = IpRange::parse(entry);
    QVERIFY(range);
    const std::optional<IpAddress> address = IpAddress::parse(client);
    QVERIFY(address);
    QCOMPARE(range->contains(*address), expected);
}

void TestIpAddress::randomInputNeverCrashes()
{
    // Every random entry is either parsed (and then round-trips) or rejected with a message that
    // names it.
    const QString alphabet = u"0123456789abcdefABCDEF:::...//--() %g"_s;
    QRandomGenerator random(424242);
    int parsed = 0;
    for (int round = 0; round < 20000; ++round) {
        QString text;
        const int length = int(random.bounded(1, 24));
        for (int i = 0; i < length; ++i)
            text += alphabet.at(random.bounded(int(alphabet.size())));
        QString error;
        const std::optional<IpRange> range = IpRange::parse(text, &error);
        if (range) {
            ++parsed;
            QVERIFY2(range->low <= range->high, qPrintable(text));
            const std::optional<IpRange> again = IpRange::parse(range->toString());
            QVERIFY2(again && *again == *range, qPrintable(text));
        } else if (!text.trimmed().isEmpty()) {
            QVERIFY2(error.startsWith(u'\'' + text.trimmed() + u"':"_s), qPrintable(error));
        }
    }
    QVERIFY(parsed > 0);
}

QTEST_APPLESS_MAIN(TestIpAddress)
#include "tst_ipaddress.moc"
