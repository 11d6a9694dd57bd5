#include "directory.h"
#include "recipientfilter.h"

#include "allocationcounter.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using Car::Attribute;
using Car::DirectoryUser;
using Car::FilterError;
using Car::RecipientFilter;

namespace {

// "City=Redmond" pairs -> a directory user with those attributes (the rest empty).
DirectoryUser makeUser(const QStringList &pairs)
{
    DirectoryUser user;
    user.userPrincipalName = u"user@contoso.com"_s;
    for (const QString &pair : pairs) {
        const qsizetype equals = pair.indexOf(u'=');
        const std::optional<Attribute> attribute = Car::attributeFromName(pair.left(equals));
        Q_ASSERT(attribute);
        user.setAttribute(*attribute, pair.mid(equals + 1));
    }
    return user;
}

const QString c07Filter1 = u"\"City -eq 'Redmond'\""_s;
const QString c07Filter2 = u"\"CountryOrRegion -eq 'SG'\""_s;
const QString c07Filter3 = u"\"CustomAttribute1 -eq 'AllowOWA' -and CountryOrRegion -eq AU'\""_s;
const QString c07Filter4 =
    u"\"(CountryOrRegion -eq 'US' -and Department -eq 'Sales') -or Department -eq 'Research'\""_s;
const QString c08Filter = u"{City -eq \"Redmond\"}"_s;

} // namespace

class TestRecipientFilter : public QObject
{
    Q_OBJECT

private slots:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void matches_data();
    void matches();
    void noUserNeverMatches();
    void warnings_data();
    void warnings();
    void attributesInReadingOrder();
    void errorText();
    void matchesDoesNotAllocate();
    void longChainStaysFlat();
    void randomInputNeverCrashes();
};

void TestRecipientFilter::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("grouping");

    QTest::newRow("C07 filter 1 in outer double quotes") << c07Filter1 << u"City -eq 'Redmond'"_s;
    QTest::newRow("C07 filter 2") << c07Filter2 << u"CountryOrRegion -eq 'SG'"_s;
    QTest::newRow("C07 filter 4: parentheses group -and before -or")
        << c07Filter4
        << u"((CountryOrRegion -eq 'US') -and (Department -eq 'Sales')) -or (Department -eq "
           "'Research')"_s;
    QTest::newRow("C08: braces and a double-quoted value") << c08Filter << u"City -eq 'Redmond'"_s;
    QTest::newRow("no wrapper at all") << u"Office -ne 'HQ'"_s << u"Office -ne 'HQ'"_s;
    QTest::newRow("whole filter in single quotes with doubled inner quotes")
        << u"'City -eq ''Redmond'''"_s << u"City -eq 'Redmond'"_s;
    QTest::newRow("quotes around braces")
        << u"'{City -eq \"Redmond\"}'"_s << u"City -eq 'Redmond'"_s;
    QTest::newRow("doubled single quote inside a value")
        << u"StreetAddress -eq 'O''Reilly Way'"_s << u"StreetAddress -eq 'O''Reilly Way'"_s;
    QTest::newRow("doubled double quote inside a value")
        << u"Company -eq \"The \"\"Best\"\" Co\""_s << u"Company -eq 'The \"Best\" Co'"_s;
    QTest::newRow("single quote inside a double-quoted value")
        << u"Company -eq \"O'Reilly\""_s << u"Company -eq 'O''Reilly'"_s;
    QTest::newRow("typographic single quotes as PowerShell allows")
        << u"Department -eq \u2018Sales\u2019"_s << u"Department -eq 'Sales'"_s;
    QTest::newRow("typographic double quotes around the filter")
        << u"\u201CDepartment -eq 'Sales'\u201D"_s << u"Department -eq 'Sales'"_s;
    QTest::newRow("low-9 quotes") << u"City -eq \u201ARedmond\u201B"_s << u"City -eq 'Redmond'"_s;
    QTest::newRow("operators and attributes ignore case")
        << u"city -EQ 'a' -AND department -Like 'S*'"_s
        << u"(City -eq 'a') -and (Department -like 'S*')"_s;
    QTest::newRow("$null unquoted, any case") << u"{Office -eq $NULL}"_s << u"Office -eq $null"_s;
    QTest::newRow("quoted $null is text") << u"Office -eq '$null'"_s << u"Office -eq '$null'"_s;
    QTest::newRow("-not binds tighter than -and")
        << u"-not City -eq 'a' -and Office -eq 'b'"_s
        << u"(-not (City -eq 'a')) -and (Office -eq 'b')"_s;
    QTest::newRow("-not on a group") << u"-not (City -eq 'a' -or City -eq 'b')"_s
                                     << u"-not ((City -eq 'a') -or (City -eq 'b'))"_s;
    QTest::newRow("-and binds tighter than -or")
        << u"City -eq 'a' -or City -eq 'b' -and Office -eq 'x'"_s
        << u"(City -eq 'a') -or ((City -eq 'b') -and (Office -eq 'x'))"_s;
    QTest::newRow("same-operator chains are flattened")
        << u"City -eq 'a' -and Office -eq 'b' -and Company -eq 'c'"_s
        << u"(City -eq 'a') -and (Office -eq 'b') -and (Company -eq 'c')"_s;
    QTest::newRow("redundant parentheses") << u"((City -eq 'a'))"_s << u"City -eq 'a'"_s;
    QTest::newRow("no blanks around parentheses")
        << u"(City -eq 'a')-or(Office -eq 'b')"_s << u"(City -eq 'a') -or (Office -eq 'b')"_s;
    QTest::newRow("-notlike and -ne") << u"City -notlike '*x*' -and Office -ne ''"_s
                                      << u"(City -notlike '*x*') -and (Office -ne '')"_s;
    QTest::newRow("CustomAttribute15 is an attribute")
        << u"CustomAttribute15 -eq 'x'"_s << u"CustomAttribute15 -eq 'x'"_s;
}

void TestRecipientFilter::parseValid()
{
    QFETCH(QString, text);
    QFETCH(QString, grouping);

    FilterError error;
    const std::optional<RecipientFilter> filter = RecipientFilter::parse(text, &error);
    QVERIFY2(filter, qPrintable(error.toString()));
    QCOMPARE(filter->text(), text);
    QCOMPARE(filter->explicitGrouping(), grouping);
    // The explicit grouping is itself a valid filter with the same grouping.
    const std::optional<RecipientFilter> again = RecipientFilter::parse(grouping, &error);
    QVERIFY2(again, qPrintable(error.toString()));
    QCOMPARE(again->explicitGrouping(), grouping);
    QVERIFY(again->warnings().isEmpty());
}

void TestRecipientFilter::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("C07 filter 3: the doc typo -eq AU' is rejected")
        << c07Filter3 << 59 << u"text values must be quoted: write 'AU'"_s;
    QTest::newRow("bare value") << u"City -eq Redmond"_s << 10 << u"text values must be quoted"_s;
    QTest::newRow("bare number") << u"PostalCode -eq 98052"_s << 16 << u"must be quoted"_s;
    QTest::newRow("unterminated string")
        << u"City -eq 'Redmond"_s << 10 << u"unterminated string: missing closing quote"_s;
    QTest::newRow("unterminated outer quote")
        << u"\"City -eq 'Redmond'"_s << 1 << u"unterminated string"_s;
    QTest::newRow("unknown attribute") << u"Foo -eq 'x'"_s << 1 << u"unknown attribute 'Foo'"_s;
    QTest::newRow("unknown attribute lists the valid ones")
        << u"Title -eq 'x'"_s << 1 << u"City, Company, CountryOrRegion"_s;
    QTest::newRow("undocumented schema attribute is unknown")
        << u"WindowsLiveID -eq 'x'"_s << 1 << u"unknown attribute 'WindowsLiveID'"_s;
    QTest::newRow("column counts the outer quote")
        << u"\"City -eq 'a' -and Foo -eq 'b'\""_s << 20 << u"unknown attribute 'Foo'"_s;
    QTest::newRow("column counts the brace and blanks")
        << u"{ City -eq 'a' -or  Bar -eq 'b' }"_s << 21 << u"unknown attribute 'Bar'"_s;
    QTest::newRow("missing operator")
        << u"City 'Redmond'"_s << 6 << u"expected an operator such as -eq after 'City'"_s;
    QTest::newRow("attribute at the end")
        << u"City"_s << 5 << u"expected an operator such as -eq after 'City'"_s;
    QTest::newRow("logical operator in place of a comparison")
        << u"City -and 'x'"_s << 6 << u"expected an operator such as -eq after 'City'"_s;
    QTest::newRow("unsupported OPATH operator")
        << u"PostalCode -lt '5'"_s << 12 << u"-lt is not supported"_s;
    QTest::newRow("unknown operator")
        << u"City -equals 'x'"_s << 6 << u"unknown operator '-equals'"_s;
    QTest::newRow("missing value")
        << u"City -eq"_s << 9 << u"expected a quoted value or $null after -eq"_s;
    QTest::newRow("value missing before -and")
        << u"City -eq -and Office -eq 'b'"_s << 10 << u"expected a quoted value or $null"_s;
    QTest::newRow("variable other than $null")
        << u"City -eq $true"_s << 10 << u"'$true' is not supported"_s;
    QTest::newRow("dangling -and")
        << u"City -eq 'a' -and"_s << 18 << u"expected a condition such as City -eq 'Redmond'"_s;
    QTest::newRow("dangling -not") << u"-not"_s << 5 << u"expected a condition"_s;
    QTest::newRow("missing connector")
        << u"City -eq 'a' Office -eq 'b'"_s << 14 << u"expected -and or -or before 'Office'"_s;
    QTest::newRow("missing closing parenthesis") << u"(City -eq 'a' -or Office -eq 'b'"_s << 33
                                                 << u"expected ')' to close the '(' at column 1"_s;
    QTest::newRow("extra closing parenthesis")
        << u"City -eq 'a')"_s << 13 << u"unexpected ')' without a matching '('"_s;
    QTest::newRow("empty parentheses") << u"()"_s << 2 << u"expected a condition"_s;
    QTest::newRow("value where an attribute belongs")
        << u"'City' -eq 'a'"_s << 1 << u"expected a condition"_s;
    QTest::newRow("unexpected character")
        << u"City -eq 'a' & Office -eq 'b'"_s << 14 << u"unexpected character '&'"_s;
    QTest::newRow("lone dash") << u"City - 'a'"_s << 6 << u"unexpected '-'"_s;
    QTest::newRow("empty filter") << QString() << 1 << u"the filter is empty"_s;
    QTest::newRow("empty braces") << u"{ }"_s << 3 << u"the filter is empty"_s;
    QTest::newRow("empty quotes") << u"\"\""_s << 2 << u"the filter is empty"_s;
    QTest::newRow("nesting too deep")
        << QString(200, u'(') + u"City -eq 'a'"_s << 102 << u"too deeply"_s;
}

void TestRecipientFilter::parseInvalid()
{
    QFETCH(QString, text);
    QFETCH(int, column);
    QFETCH(QString, message);

    FilterError error;
    QVERIFY(!RecipientFilter::parse(text, &error));
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QCOMPARE(error.column, column);
}

void TestRecipientFilter::matches_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("user");
    QTest::addColumn<bool>("expected");

    QTest::newRow("C07 filter 1: City 'redmond' matches (case-insensitive)")
        << c07Filter1 << QStringList {u"City=redmond"_s} << true;
    QTest::newRow("C07 filter 1: another city")
        << c07Filter1 << QStringList {u"City=Seattle"_s} << false;
    QTest::newRow("C07 filter 4: {US, Sales} matches")
        << c07Filter4 << QStringList {u"CountryOrRegion=US"_s, u"Department=Sales"_s} << true;
    QTest::newRow("C07 filter 4: {DE, Research} matches")
        << c07Filter4 << QStringList {u"CountryOrRegion=DE"_s, u"Department=Research"_s} << true;
    QTest::newRow("C07 filter 4: {US, Marketing} does not match")
        << c07Filter4 << QStringList {u"CountryOrRegion=US"_s, u"Department=Marketing"_s} << false;
    QTest::newRow("C07 filter 4: {DE, Sales} does not match")
        << c07Filter4 << QStringList {u"CountryOrRegion=DE"_s, u"Department=Sales"_s} << false;
    QTest::newRow("C08: braces form matches Redmond")
        << c08Filter << QStringList {u"City=REDMOND"_s} << true;
    const QString h14 = u"\"Department -eq 'Sales'\""_s;
    QTest::newRow("H14: Department sales matches Sales")
        << h14 << QStringList {u"Department=sales"_s} << true;
    QTest::newRow("H14: Department HR does not match")
        << h14 << QStringList {u"Department=HR"_s} << false;
    QTest::newRow("H15: -ne on an empty attribute is true")
        << u"\"Department -ne 'Sales'\""_s << QStringList() << true;
    QTest::newRow("-ne on an equal value is false")
        << u"Department -ne 'Sales'"_s << QStringList {u"Department=SALES"_s} << false;
    QTest::newRow("-eq on an empty attribute is false")
        << u"Department -eq 'Sales'"_s << QStringList() << false;
    QTest::newRow("-eq has no wildcards")
        << u"Department -eq 'Sa*'"_s << QStringList {u"Department=Sales"_s} << false;
    QTest::newRow("-eq compares a star literally")
        << u"Department -eq 'Sa*'"_s << QStringList {u"Department=sa*"_s} << true;
    QTest::newRow("-eq is not a prefix match")
        << u"Department -eq 'Sales'"_s << QStringList {u"Department=Sales EMEA"_s} << false;
    QTest::newRow("-like with stars anywhere")
        << u"Department -like '*al*s'"_s << QStringList {u"Department=SALES"_s} << true;
    QTest::newRow("-like is anchored")
        << u"Department -like 'al*'"_s << QStringList {u"Department=Sales"_s} << false;
    QTest::newRow("-like without a star acts like -eq")
        << u"Department -like 'sales'"_s << QStringList {u"Department=Sales"_s} << true;
    QTest::newRow("-like needs backtracking")
        << u"City -like '*ab*abc'"_s << QStringList {u"City=xabyababc"_s} << true;
    QTest::newRow("-like '*' matches an empty attribute")
        << u"City -like '*'"_s << QStringList() << true;
    QTest::newRow("-like ? is literal")
        << u"City -like 'R?dmond'"_s << QStringList {u"City=Redmond"_s} << false;
    QTest::newRow("-notlike negates")
        << u"City -notlike 'Red*'"_s << QStringList {u"City=Redmond"_s} << false;
    QTest::newRow("-notlike on another value")
        << u"City -notlike 'Red*'"_s << QStringList {u"City=Seattle"_s} << true;
    QTest::newRow("$null matches an empty attribute")
        << u"Office -eq $null"_s << QStringList() << true;
    QTest::newRow("$null does not match a value")
        << u"Office -eq $null"_s << QStringList {u"Office=HQ"_s} << false;
    QTest::newRow("-ne $null matches a value")
        << u"Office -ne $null"_s << QStringList {u"Office=HQ"_s} << true;
    QTest::newRow("precedence: -and before -or")
        << u"City -eq 'a' -or City -eq 'b' -and Office -eq 'x'"_s
        << QStringList {u"City=a"_s, u"Office=y"_s} << true;
    QTest::newRow("precedence: -and group fails as a whole")
        << u"City -eq 'a' -or City -eq 'b' -and Office -eq 'x'"_s
        << QStringList {u"City=b"_s, u"Office=y"_s} << false;
    QTest::newRow("precedence: -not binds tightest")
        << u"-not City -eq 'a' -and Office -eq 'x'"_s << QStringList {u"City=b"_s, u"Office=x"_s}
        << true;
    QTest::newRow("-not over a group") << u"-not (City -eq 'a' -and Office -eq 'x')"_s
                                       << QStringList {u"City=a"_s, u"Office=y"_s} << true;
    QTest::newRow("double -not") << u"-not -not City -eq 'a'"_s << QStringList {u"City=A"_s}
                                 << true;
    QTest::newRow("value with a doubled quote")
        << u"StreetAddress -eq 'O''Reilly Way'"_s << QStringList {u"StreetAddress=o'reilly way"_s}
        << true;
    QTest::newRow("typographic quotes hold the value")
        << u"Department -eq \u2018Sales\u2019"_s << QStringList {u"Department=sales"_s} << true;
    QTest::newRow("non-ASCII letters ignore case")
        << u"City -eq 'MÜNCHEN'"_s << QStringList {u"City=münchen"_s} << true;
}

void TestRecipientFilter::matches()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, user);
    QFETCH(bool, expected);

    FilterError error;
    const std::optional<RecipientFilter> parsed = RecipientFilter::parse(filter, &error);
    QVERIFY2(parsed, qPrintable(error.toString()));
    const DirectoryUser directoryUser = makeUser(user);
    QCOMPARE(parsed->matches(&directoryUser), expected);
}

void TestRecipientFilter::noUserNeverMatches()
{
    // Domain §0: a user who is not in the directory makes the filter false, even for -ne.
    const std::optional<RecipientFilter> filter = RecipientFilter::parse(u"City -ne 'x'");
    QVERIFY(filter);
    QVERIFY(!filter->matches(nullptr));
    const DirectoryUser user;
    QVERIFY(filter->matches(&user));
    QVERIFY(!RecipientFilter().matches(&user));
}

void TestRecipientFilter::warnings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("warning"); // empty: no warning expected

    QTest::newRow("mixed chain warns at the -or")
        << u"City -eq 'a' -and Office -eq 'b' -or Company -eq 'c'"_s
        << u"column 34: -and binds tighter than -or, so this reads as ((City -eq 'a') -and "
           "(Office -eq 'b')) -or (Company -eq 'c')"_s;
    QTest::newRow("mixed chain with -and on the right warns")
        << u"City -eq 'a' -or Office -eq 'b' -and Company -eq 'c'"_s << u"column 14:"_s;
    QTest::newRow("mixed chain inside parentheses warns")
        << u"(City -eq 'a' -and Office -eq 'b' -or Company -eq 'c')"_s << u"column 35:"_s;
    QTest::newRow("C07 filter 4 is parenthesised: no warning") << c07Filter4 << QString();
    QTest::newRow("only -and: no warning") << u"City -eq 'a' -and Office -eq 'b'"_s << QString();
    QTest::newRow("only -or: no warning") << u"City -eq 'a' -or Office -eq 'b'"_s << QString();
    QTest::newRow("-not with -or: no warning")
        << u"-not City -eq 'a' -or Office -eq 'b'"_s << QString();
}

void TestRecipientFilter::warnings()
{
    QFETCH(QString, text);
    QFETCH(QString, warning);

    const std::optional<RecipientFilter> filter = RecipientFilter::parse(text);
    QVERIFY(filter);
    if (warning.isEmpty()) {
        QVERIFY2(filter->warnings().isEmpty(), qPrintable(filter->warnings().join(u'\n')));
    } else {
        QCOMPARE(filter->warnings().size(), 1);
        QVERIFY2(filter->warnings().first().startsWith(warning),
                 qPrintable(filter->warnings().first()));
    }
}

void TestRecipientFilter::attributesInReadingOrder()
{
    const std::optional<RecipientFilter> filter = RecipientFilter::parse(c07Filter4);
    QVERIFY(filter);
    const QList<Attribute> expected {Attribute::CountryOrRegion, Attribute::Department};
    // QCOMPARE cannot print QList<Attribute> (Car::toString returns QString), so compare plainly.
    QVERIFY(filter->attributes() == expected);
}

void TestRecipientFilter::errorText()
{
    FilterError error;
    QVERIFY(!RecipientFilter::parse(u"City -eq 'Redmond", &error));
    QCOMPARE(error.toString(), u"column 10: unterminated string: missing closing quote"_s);
}

void TestRecipientFilter::matchesDoesNotAllocate()
{
    if (!CarTest::AllocationCounter::isAvailable())
        QSKIP("allocation counting needs glibc without sanitizers");
    const std::optional<RecipientFilter> filter = RecipientFilter::parse(
        u"(CountryOrRegion -eq 'US' -and Department -like '*ales*') -or -not (City -ne $null)"_s);
    QVERIFY(filter);
    const DirectoryUser user = makeUser({u"CountryOrRegion=us"_s, u"Department=Sales"_s});
    CarTest::AllocationCounter counter;
    counter.start();
    QString probe = u"x"_s.repeated(100); // proves the counter sees Qt allocations
    QVERIFY2(counter.stop() > 0, "the allocation counter does not see allocations");
    Q_UNUSED(probe);

    counter.start();
    bool matched = false;
    for (int i = 0; i < 100; ++i)
        matched = filter->matches(&user);
    const long allocations = counter.stop();
    QVERIFY(matched);
    QCOMPARE(allocations, 0L);
}

void TestRecipientFilter::longChainStaysFlat()
{
    // A pasted filter can be long: evaluation and rendering must not recurse once per operand.
    const int count = 100000;
    QStringList terms;
    for (int i = 0; i < count; ++i)
        terms.append(u"City -eq 'c%1'"_s.arg(i));
    FilterError error;
    const std::optional<RecipientFilter> filter =
        RecipientFilter::parse(terms.join(u" -or "_s), &error);
    QVERIFY2(filter, qPrintable(error.toString()));
    const DirectoryUser last = makeUser({u"City=C%1"_s.arg(count - 1)});
    const DirectoryUser none = makeUser({u"City=elsewhere"_s});
    QVERIFY(filter->matches(&last));
    QVERIFY(!filter->matches(&none));
    const QString grouping = filter->explicitGrouping();
    QVERIFY(grouping.startsWith(u"(City -eq 'c0') -or (City -eq 'c1') -or"_s));
    QVERIFY(grouping.endsWith(u"(City -eq 'c%1')"_s.arg(count - 1)));
}

void TestRecipientFilter::randomInputNeverCrashes()
{
    // Fragments of the grammar shuffled at random: every result is either a filter or an error
    // with a column inside the text (or just past its end).
    const QStringList pieces {u"City"_s,  u"Department"_s, u"Foo"_s,  u"-eq"_s, u"-like"_s,
                              u"-and"_s,  u"-or"_s,        u"-not"_s, u"("_s,   u")"_s,
                              u"'x'"_s,   u"'"_s,          u"\""_s,   u"{"_s,   u"}"_s,
                              u"$null"_s, u"$x"_s,         u"-"_s,    u"’"_s,   u"*"_s};
    QRandomGenerator random(20240531);
    const DirectoryUser user = makeUser({u"City=x"_s});
    int parsed = 0;
    for (int round = 0; round < 5000; ++round) {
        QString text;
        const int length = int(random.bounded(1, 12));
        for (int i = 0; i < length; ++i) {
            text += pieces.at(random.bounded(int(pieces.size())));
            if (random.bounded(3) != 0)
                text += u' ';
        }
        FilterError error;
        const std::optional<RecipientFilter> filter = RecipientFilter::parse(text, &error);
        if (filter) {
            ++parsed;
            filter->matches(&user);
            QVERIFY2(RecipientFilter::parse(filter->explicitGrouping()), qPrintable(text));
        } else {
            QVERIFY2(error.column >= 1 && error.column <= text.size() + 1, qPrintable(text));
            QVERIFY2(!error.message.isEmpty(), qPrintable(text));
        }
    }
    QVERIFY(parsed > 0);
}

QTEST_APPLESS_MAIN(TestRecipientFilter)
#include "tst_recipientfilter.moc"
