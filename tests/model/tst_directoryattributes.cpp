// The directory's compact user storage: sparse attributes (UserAttributes) behave exactly like
// one string per attribute, and bulk loads share repeated values (StringInterner).

#include "directory.h"
#include "directorycsv.h"
#include "stringinterner.h"
#include "userattributes.h"

#include <QBuffer>
#include <QRandomGenerator>
#include <QTest>

#include <array>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

using Reference = std::array<QString, AttributeCount>;

// Applies "Attribute=value" steps (an empty value clears) to both the sparse storage and a plain
// array, the way the directory stored attributes before.
void apply(const QStringList &steps, UserAttributes &attributes, Reference &reference)
{
    for (const QString &step : steps) {
        const qsizetype equals = step.indexOf(QLatin1Char('='));
        const std::optional<Attribute> attribute = attributeFromName(step.left(equals));
        QVERIFY2(attribute, qPrintable(step));
        attributes.setValue(*attribute, step.mid(equals + 1));
        reference[std::size_t(*attribute)] = step.mid(equals + 1);
    }
}

void compare(const UserAttributes &attributes, const Reference &reference)
{
    int count = 0;
    for (int a = 0; a < AttributeCount; ++a) {
        QCOMPARE(attributes.value(Attribute(a)), reference[std::size_t(a)]);
        QCOMPARE(attributes.contains(Attribute(a)), !reference[std::size_t(a)].isEmpty());
        count += reference[std::size_t(a)].isEmpty() ? 0 : 1;
    }
    QCOMPARE(attributes.count(), count);
    QCOMPARE(attributes.isEmpty(), count == 0);
}

DirectoryUser userWith(const QStringList &steps)
{
    DirectoryUser user;
    user.userPrincipalName = QStringLiteral("u@contoso.com");
    UserAttributes attributes;
    Reference reference;
    apply(steps, attributes, reference);
    user.attributes = attributes;
    return user;
}

} // namespace

class TestDirectoryAttributes : public QObject
{
    Q_OBJECT

private slots:
    void behavesLikeOneSlotPerAttribute_data();
    void behavesLikeOneSlotPerAttribute();
    void randomStepsMatchTheArray();
    void equality_data();
    void equality();
    void copiesAreIndependent();
    void internerSharesEqualValues();
    void internerIsBounded();
    void csvImportSharesRepeatedValues();
};

void TestDirectoryAttributes::behavesLikeOneSlotPerAttribute_data()
{
    QTest::addColumn<QStringList>("steps");

    QTest::newRow("no attribute: every value empty") << QStringList();
    QTest::newRow("one attribute") << QStringList {u"City=Oslo"_s};
    QTest::newRow("overwrite keeps one slot") << QStringList {u"City=Oslo"_s, u"City=Bergen"_s};
    QTest::newRow("clearing with an empty value removes it")
        << QStringList {u"City=Oslo"_s, u"Department=IT"_s, u"City="_s};
    QTest::newRow("clearing an absent attribute changes nothing")
        << QStringList {u"Department=IT"_s, u"City="_s};
    QTest::newRow("set out of order: values stay in attribute order")
        << QStringList {u"StreetAddress=1 Main St"_s, u"City=Oslo"_s, u"Company=Contoso"_s,
                        u"CustomAttribute15=last"_s, u"CustomAttribute1=first"_s};
    QTest::newRow("first and last attribute (bit 0 and bit 22)")
        << QStringList {u"City=A"_s, u"StreetAddress=Z"_s};
    QTest::newRow("insert between existing values")
        << QStringList {u"City=A"_s, u"Office=C"_s, u"Department=B"_s};
    QTest::newRow("remove the middle value")
        << QStringList {u"City=A"_s, u"Department=B"_s, u"Office=C"_s, u"Department="_s};
    QTest::newRow("whitespace is a value, not empty") << QStringList {u"City= "_s};
    QStringList all;
    for (const Attribute a : allAttributes())
        all << toString(a) + u"=v"_s + toString(a);
    QTest::newRow("every attribute") << all;
    QStringList clearedAgain = all;
    for (const Attribute a : allAttributes())
        clearedAgain << toString(a) + u"="_s;
    QTest::newRow("every attribute, then all cleared") << clearedAgain;
}

void TestDirectoryAttributes::behavesLikeOneSlotPerAttribute()
{
    QFETCH(QStringList, steps);
    UserAttributes attributes;
    Reference reference;
    apply(steps, attributes, reference);
    compare(attributes, reference);
    if (attributes.isEmpty())
        QCOMPARE(attributes, UserAttributes());
}

void TestDirectoryAttributes::randomStepsMatchTheArray()
{
    QRandomGenerator random(20261127);
    const QStringList values = {QString(), u"IT"_s, u"Sales"_s, u"Oslo"_s, u"São Paulo"_s};
    for (int round = 0; round < 200; ++round) {
        UserAttributes attributes;
        Reference reference;
        for (int step = 0; step < 40; ++step) {
            const Attribute a = Attribute(random.bounded(AttributeCount));
            const QString value = values[random.bounded(int(values.size()))];
            attributes.setValue(a, value);
            reference[std::size_t(a)] = value;
        }
        compare(attributes, reference);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestDirectoryAttributes::equality_data()
{
    QTest::addColumn<QStringList>("left");
    QTest::addColumn<QStringList>("right");
    QTest::addColumn<bool>("equal");

    QTest::newRow("same values set in another order")
        << QStringList {u"City=Oslo"_s, u"Department=IT"_s}
        << QStringList {u"Department=IT"_s, u"City=Oslo"_s} << true;
    QTest::newRow("an empty value equals no value")
        << QStringList {u"City="_s} << QStringList() << true;
    QTest::newRow("a cleared value equals one never set")
        << QStringList {u"City=Oslo"_s, u"Department=IT"_s, u"City="_s}
        << QStringList {u"Department=IT"_s} << true;
    QTest::newRow("overwritten back to the same value")
        << QStringList {u"City=Oslo"_s, u"City=Bergen"_s, u"City=Oslo"_s}
        << QStringList {u"City=Oslo"_s} << true;
    QTest::newRow("different value")
        << QStringList {u"City=Oslo"_s} << QStringList {u"City=Bergen"_s} << false;
    QTest::newRow("same value, different attribute")
        << QStringList {u"City=Oslo"_s} << QStringList {u"Office=Oslo"_s} << false;
    QTest::newRow("one more attribute")
        << QStringList {u"City=Oslo"_s} << QStringList {u"City=Oslo"_s, u"Office=HQ"_s} << false;
    QTest::newRow("values compare with case")
        << QStringList {u"City=Oslo"_s} << QStringList {u"City=OSLO"_s} << false;
}

void TestDirectoryAttributes::equality()
{
    QFETCH(QStringList, left);
    QFETCH(QStringList, right);
    QFETCH(bool, equal);
    const DirectoryUser a = userWith(left);
    const DirectoryUser b = userWith(right);
    QCOMPARE(a == b, equal);
    QCOMPARE(a != b, !equal);
    QCOMPARE(a.attributes == b.attributes, equal);
}

void TestDirectoryAttributes::copiesAreIndependent()
{
    DirectoryUser original = userWith({u"City=Oslo"_s, u"Department=IT"_s});
    DirectoryUser copy = original;
    copy.setAttribute(Attribute::City, u"Bergen"_s);
    copy.setAttribute(Attribute::Department, QString());
    copy.setAttribute(Attribute::Office, u"HQ"_s);
    QCOMPARE(original.attribute(Attribute::City), u"Oslo"_s);
    QCOMPARE(original.attribute(Attribute::Department), u"IT"_s);
    QVERIFY(original.attribute(Attribute::Office).isEmpty());
    QCOMPARE(copy.attribute(Attribute::City), u"Bergen"_s);
    QVERIFY(copy.attribute(Attribute::Department).isEmpty());
    QCOMPARE(copy.attributes.count(), 2);
}

void TestDirectoryAttributes::internerSharesEqualValues()
{
    StringInterner interner;
    const QString first = interner.intern(QString::fromUtf8("São Paulo"));
    // A separately built equal string comes back as the first one: the same characters in memory.
    const QString second = interner.intern(u"São"_s + u" Paulo"_s);
    QCOMPARE(second, first);
    QCOMPARE(second.constData(), first.constData());
    const QString other = interner.intern(u"Berlin"_s);
    QVERIFY(other.constData() != first.constData());
    QCOMPARE(interner.size(), 2);
    QVERIFY(interner.intern(QString()).isNull());
    QVERIFY(interner.intern(u""_s).isNull());
    QCOMPARE(interner.size(), 2);
    // Case matters: these are different values.
    QVERIFY(interner.intern(u"berlin"_s).constData() != other.constData());

    // An interned value set on a user stays shared.
    UserAttributes attributes;
    attributes.setValue(Attribute::City, interner.intern(u"Berlin"_s));
    QCOMPARE(attributes.value(Attribute::City).constData(), other.constData());
}

void TestDirectoryAttributes::internerIsBounded()
{
    StringInterner interner(2);
    const QString a = interner.intern(u"a"_s);
    interner.intern(u"b"_s);
    // Built at run time: two literals could share their characters anyway.
    const QString c1 = interner.intern(QString(QLatin1Char('c')));
    const QString c2 = interner.intern(QString(QLatin1Char('c')));
    QCOMPARE(interner.size(), 2); // "c" came when the table was full: not remembered...
    QCOMPARE(c2, c1); // ...but returned unchanged
    QVERIFY(c2.constData() != c1.constData());
    QCOMPARE(interner.intern(u"a"_s).constData(), a.constData()); // old values still shared
}

void TestDirectoryAttributes::csvImportSharesRepeatedValues()
{
    QBuffer buffer;
    buffer.setData("UserPrincipalName,City,Department,Office\n"
                   "a@x.org,Oslo,IT,\n"
                   "b@x.org, Oslo ,Sales,HQ\n"
                   "c@x.org,Oslo,IT,HQ\n");
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    Directory directory;
    const DirectoryCsv::Result result = DirectoryCsv::read(&buffer, directory);
    QVERIFY2(result.ok, qPrintable(result.error.message));
    const QString &oslo = directory.user(0).attribute(Attribute::City);
    QCOMPARE(oslo, u"Oslo"_s);
    QCOMPARE(directory.user(1).attribute(Attribute::City).constData(), oslo.constData());
    QCOMPARE(directory.user(2).attribute(Attribute::City).constData(), oslo.constData());
    QCOMPARE(directory.user(2).attribute(Attribute::Department).constData(),
             directory.user(0).attribute(Attribute::Department).constData());
    QCOMPARE(directory.user(1).attribute(Attribute::Department), u"Sales"_s);
    // The empty Office of the first user is no attribute at all.
    QVERIFY(!directory.user(0).attributes.contains(Attribute::Office));
    QCOMPARE(directory.user(0).attributes.count(), 2);
}

QTEST_GUILESS_MAIN(TestDirectoryAttributes)
#include "tst_directoryattributes.moc"
