#include "usernamepattern.h"

#include "allocationcounter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Car::UsernamePattern;

class TestUsernamePattern : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void parseInvalid_data();
    void parseInvalid();
    void textRoundTrips();
    void warning_data();
    void warning();
    void matchesDoesNotAllocate();
};

void TestUsernamePattern::matches_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("username");
    QTest::addColumn<bool>("expected");

    QTest::newRow("H11: jeff* never matches the domain\\user string")
        << u"jeff*"_s << u"contoso.com\\jeff"_s << false;
    QTest::newRow("H12: *jeff* matches the user") << u"*jeff*"_s << u"contoso.com\\jeff"_s << true;
    QTest::newRow("H12: *jeff* ignores case") << u"*jeff*"_s << u"contoso.com\\JEFFREY"_s << true;
    QTest::newRow("H13: an exact pattern is anchored at the end")
        << u"contoso.com\\jeff"_s << u"contoso.com\\jeff.b"_s << false;
    QTest::newRow("exact pattern matches itself")
        << u"contoso.com\\jeff"_s << u"contoso.com\\jeff"_s << true;
    QTest::newRow("exact pattern is anchored at the start")
        << u"contoso.com\\jeff"_s << u"xcontoso.com\\jeff"_s << false;
    QTest::newRow("E2: WILL@Your.Domain matches your.domain\\will (case-insensitive)")
        << u"your.domain\\will"_s << u"Your.Domain\\WILL"_s << true;
    QTest::newRow("E6: your.domain\\will does not match will.smith")
        << u"your.domain\\will"_s << u"your.domain\\will.smith"_s << false;
    QTest::newRow("C12: *tanyas* matches tanyas")
        << u"*tanyas*"_s << u"contoso.com\\tanyas"_s << true;
    QTest::newRow("C12: *tanyas* does not match julia")
        << u"*tanyas*"_s << u"contoso.com\\julia"_s << false;
    QTest::newRow("a lone star matches the empty string") << u"*"_s << QString() << true;
    QTest::newRow("repeated stars act as one") << u"a**b"_s << u"ab"_s << true;
    QTest::newRow("star matches an empty run in the middle") << u"a*b*c"_s << u"abc"_s << true;
    QTest::newRow("stars match runs in the middle") << u"a*b*c"_s << u"aXXbYYc"_s << true;
    QTest::newRow("segments keep their order") << u"a*b*c"_s << u"acb"_s << false;
    QTest::newRow("prefix and suffix may not overlap") << u"a*a"_s << u"a"_s << false;
    QTest::newRow("prefix and suffix side by side") << u"a*a"_s << u"aa"_s << true;
    QTest::newRow("prefix and suffix with shared letters") << u"ab*ba"_s << u"aba"_s << false;
    QTest::newRow("suffix found at the very end") << u"*aab"_s << u"aaab"_s << true;
    QTest::newRow("middle segment needs a later occurrence")
        << u"*ab*abc"_s << u"xabyababc"_s << true;
    QTest::newRow("question mark is literal") << u"contoso\\j?ff"_s << u"contoso\\jeff"_s << false;
    QTest::newRow("question mark matches itself")
        << u"contoso\\j?ff"_s << u"contoso\\j?ff"_s << true;
    QTest::newRow("brackets are literal") << u"*[ab]*"_s << u"x\\a"_s << false;
    QTest::newRow("dot is literal") << u"contoso.com\\*"_s << u"contosoXcom\\jeff"_s << false;
    QTest::newRow("non-ASCII letters ignore case") << u"*MÜLLER*"_s << u"contoso\\müller"_s << true;
    QTest::newRow("empty username against a literal") << u"a"_s << QString() << false;
    QTest::newRow("domain\\* matches every user of the domain")
        << u"CONTOSO\\*"_s << u"contoso\\JohnDoe"_s << true;
    QTest::newRow("domain\\* does not match another domain")
        << u"CONTOSO\\*"_s << u"fabrikam\\JohnDoe"_s << false;
}

void TestUsernamePattern::matches()
{
    QFETCH(QString, pattern);
    QFETCH(QString, username);
    QFETCH(bool, expected);

    QString error;
    const std::optional<UsernamePattern> compiled = UsernamePattern::parse(pattern, &error);
    QVERIFY2(compiled, qPrintable(error));
    QCOMPARE(compiled->matches(username), expected);
}

void TestUsernamePattern::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty pattern") << QString();
    QTest::newRow("blank pattern") << u"  \t"_s;
}

void TestUsernamePattern::parseInvalid()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!UsernamePattern::parse(text, &error));
    QVERIFY2(error.contains(u"must not be empty"_s), qPrintable(error));
}

void TestUsernamePattern::textRoundTrips()
{
    // Exchange keeps the pattern as entered; comparison ignores case.
    const std::optional<UsernamePattern> pattern = UsernamePattern::parse(u"Contoso.com\\Jeff*");
    QVERIFY(pattern);
    QCOMPARE(pattern->text(), u"Contoso.com\\Jeff*"_s);
    QVERIFY(*pattern == *UsernamePattern::parse(u"contoso.com\\jeff*"));
    QVERIFY(*pattern != *UsernamePattern::parse(u"contoso.com\\jeff"));
}

void TestUsernamePattern::warning_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("warns");

    QTest::newRow("H11: jeff* warns (can only match a domain)") << u"jeff*"_s << true;
    QTest::newRow("a bare name warns") << u"jeff"_s << true;
    QTest::newRow("a leading star is fine") << u"*jeff*"_s << false;
    QTest::newRow("a domain and backslash is fine") << u"contoso.com\\jeff"_s << false;
    QTest::newRow("domain wildcard is fine") << u"contoso\\*"_s << false;
    QTest::newRow("a backslash later in the pattern is fine") << u"con*\\jeff"_s << false;
}

void TestUsernamePattern::warning()
{
    QFETCH(QString, pattern);
    QFETCH(bool, warns);

    const std::optional<UsernamePattern> compiled = UsernamePattern::parse(pattern);
    QVERIFY(compiled);
    const QString text = compiled->warning();
    QCOMPARE(!text.isEmpty(), warns);
    if (warns) {
        QVERIFY2(text.contains(u'\'' + pattern + u'\''), qPrintable(text));
        QVERIFY2(text.contains(u"domain\\user"_s), qPrintable(text));
    }
}

void TestUsernamePattern::matchesDoesNotAllocate()
{
    if (!CarTest::AllocationCounter::isAvailable())
        QSKIP("allocation counting needs glibc without sanitizers");
    const UsernamePattern pattern = *UsernamePattern::parse(u"*Contoso*\\*JEFF*b");
    const QString username = u"contoso.com\\jeffrey.b"_s;
    CarTest::AllocationCounter counter;
    counter.start();
    QString probe = u"x"_s.repeated(100); // proves the counter sees Qt allocations
    const long withProbe = counter.stop();
    QVERIFY2(withProbe > 0, "the allocation counter does not see allocations");
    Q_UNUSED(probe);

    counter.start();
    bool matched = false;
    for (int i = 0; i < 100; ++i)
        matched = pattern.matches(username);
    const long allocations = counter.stop();
    QVERIFY(matched);
    QCOMPARE(allocations, 0L);
}

QTEST_APPLESS_MAIN(TestUsernamePattern)
#include "tst_usernamepattern.moc"
