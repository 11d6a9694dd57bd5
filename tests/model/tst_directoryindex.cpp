// The directory's compact key index (DirectoryIndex, behind Directory::resolve() and
// indexOfUpn()) against a reference with one QHash<QString, int> per kind of key, as the
// directory kept them before: same user for every text, through adds, replacements, removals
// and copies.
#include "directory.h"
#include "directoryindex.h"

#include <QHash>
#include <QRandomGenerator>
#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

/// Domain §0 with plain hashes of case-folded keys (the directory's former implementation).
class Reference
{
public:
    explicit Reference(const Directory &directory)
    {
        for (int i = 0; i < directory.size(); ++i) {
            const DirectoryUser &user = directory.user(i);
            m_byUpn.insert(key(user.userPrincipalName), i);
            if (const QString k = key(user.alias); !k.isEmpty() && !m_byAlias.contains(k))
                m_byAlias.insert(k, i);
            if (const QString k = key(user.samAccountName); !k.isEmpty() && !m_bySam.contains(k))
                m_bySam.insert(k, i);
        }
    }

    int resolve(const QString &text) const
    {
        const QString k = key(text);
        if (k.isEmpty())
            return -1;
        int index = m_byUpn.value(k, -1);
        if (index < 0)
            index = m_byAlias.value(k, -1);
        if (index < 0)
            index = m_bySam.value(k, -1);
        if (index < 0) {
            const qsizetype slash = k.lastIndexOf(QLatin1Char('\\'));
            if (slash > 0 && slash < k.size() - 1)
                index = m_bySam.value(k.mid(slash + 1), -1);
        }
        return index;
    }
    int indexOfUpn(const QString &upn) const { return m_byUpn.value(key(upn), -1); }

private:
    static QString key(const QString &text) { return text.trimmed().toCaseFolded(); }

    QHash<QString, int> m_byUpn;
    QHash<QString, int> m_byAlias;
    QHash<QString, int> m_bySam;
};

// Names that differ only in case or blanks, fold across scripts (Kelvin sign, sharp s, Greek
// final sigma), use surrogate pairs, or hold a lone surrogate (which must not collide with
// U+FFFD or with another lone surrogate).
const QStringList &names()
{
    static const QStringList list {u"kim"_s,
                                   u"KIM"_s,
                                   u"\u212Aim"_s,
                                   u"josé"_s,
                                   u"JOSÉ"_s,
                                   u" ann "_s,
                                   u"stra\u00DFe"_s,
                                   u"\u03C3\u03C2"_s,
                                   u"\u03A3\u03A3"_s,
                                   u"\U0001F600x"_s,
                                   QString(QChar(0xD800)) + u"a"_s,
                                   QString(QChar(0xDC00)) + u"a"_s,
                                   u"\uFFFDa"_s,
                                   u"o'brien"_s,
                                   u"back\\slash"_s};
    return list;
}

QString randomName(QRandomGenerator &rng, int spread)
{
    return names().at(int(rng.bounded(int(names().size())))) + QString::number(rng.bounded(spread));
}

DirectoryUser randomUser(QRandomGenerator &rng, int spread)
{
    DirectoryUser user;
    user.userPrincipalName =
        randomName(rng, spread) + (rng.bounded(2) ? u"@contoso.com"_s : u"@X.org"_s);
    if (rng.bounded(3))
        user.alias = randomName(rng, spread / 2 + 1);
    if (rng.bounded(3))
        user.samAccountName = randomName(rng, spread / 2 + 1);
    return user;
}

QStringList lookupTexts(const Directory &directory, QRandomGenerator &rng, int count)
{
    QStringList texts {QString(), u"   "_s, u"\\"_s, u"x\\"_s};
    for (int i = 0; i < count && !directory.isEmpty(); ++i) {
        const DirectoryUser &u = directory.user(int(rng.bounded(directory.size())));
        switch (rng.bounded(7)) {
        case 0:
            texts << u.alias.toUpper();
            break;
        case 1:
            texts << u" "_s + u.samAccountName;
            break;
        case 2:
            texts << u"CONTOSO\\"_s + u.samAccountName;
            break;
        case 3:
            texts << u.userPrincipalName.toUpper();
            break;
        case 4:
            texts << randomName(rng, 1000);
            break;
        default:
            texts << u.userPrincipalName;
            break;
        }
    }
    return texts;
}

void compareWithReference(const Directory &directory, QRandomGenerator &rng)
{
    const Reference reference(directory);
    int resolved = 0;
    const QStringList texts = lookupTexts(directory, rng, 600);
    for (const QString &text : texts) {
        const DirectoryUser *found = directory.resolve(text);
        const int expected = reference.resolve(text);
        const int actual = found ? int(found - &directory.user(0)) : -1;
        if (actual != expected)
            QFAIL(qPrintable(
                u"'%1': the index finds user %2, the reference %3"_s.arg(text).arg(actual).arg(
                    expected)));
        if (directory.indexOfUpn(text) != reference.indexOfUpn(text))
            QFAIL(qPrintable(u"indexOfUpn('%1') differs"_s.arg(text)));
        resolved += expected >= 0;
    }
    QVERIFY2(resolved > texts.size() / 2, "most texts name a user: the comparison means something");
}

} // namespace

class TestDirectoryIndex : public QObject
{
    Q_OBJECT

private slots:
    void keysAreCaseFoldedAndDistinct_data();
    void keysAreCaseFoldedAndDistinct();
    void resolvesAsTheReference_data();
    void resolvesAsTheReference();
    void copiesKeepTheirIndex();
    void firstAddedKeepsASharedKey();
};

void TestDirectoryIndex::keysAreCaseFoldedAndDistinct_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("ASCII case") << u"Kim@X.org"_s << u"kim@x.org"_s << true;
    QTest::newRow("blanks around") << u"  kim "_s << u"kim"_s << true;
    QTest::newRow("Kelvin sign folds to k") << u"\u212Aim"_s << u"kim"_s << true;
    QTest::newRow("accented case") << u"JOSÉ"_s << u"josé"_s << true;
    QTest::newRow("Greek sigma forms") << u"\u03A3"_s << u"\u03C2"_s << true;
    QTest::newRow("different letters") << u"kim"_s << u"kin"_s << false;
    QTest::newRow("lone high vs lone low surrogate")
        << QString(QChar(0xD800)) << QString(QChar(0xDC00)) << false;
    QTest::newRow("lone surrogate vs replacement character")
        << QString(QChar(0xD800)) << u"\uFFFD"_s << false;
    QTest::newRow("surrogate pair vs its halves apart")
        << u"\U0001F600"_s << QString(QChar(0xD83D)) + u"x"_s + QString(QChar(0xDE00)) << false;
}

void TestDirectoryIndex::keysAreCaseFoldedAndDistinct()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(DirectoryIndex::keyOf(a) == DirectoryIndex::keyOf(b), same);
    // The reference's keys agree.
    QCOMPARE(a.trimmed().toCaseFolded() == b.trimmed().toCaseFolded(), same);
    // An ASCII key is the text in lower case (replay relies on it).
    const QString folded = a.trimmed().toCaseFolded();
    if (std::all_of(folded.cbegin(), folded.cend(), [](QChar c) { return c.unicode() < 0x80; }))
        QCOMPARE(DirectoryIndex::keyOf(a), folded.toLatin1());
}

void TestDirectoryIndex::resolvesAsTheReference_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("users");
    QTest::newRow("few users, many shared keys") << 1u << 30;
    QTest::newRow("some users") << 2u << 300;
    QTest::newRow("enough users to grow the table several times") << 3u << 3000;
}

void TestDirectoryIndex::resolvesAsTheReference()
{
    QFETCH(quint32, seed);
    QFETCH(int, users);
    QRandomGenerator rng(seed);
    Directory directory;
    for (int i = 0; directory.size() < users && i < users * 10; ++i)
        directory.addUser(randomUser(rng, users)); // a repeated UPN is refused: skipped
    QVERIFY(directory.size() > users / 2);
    compareWithReference(directory, rng);

    // Replacing and removing users rebuilds the index; the answers follow.
    for (int i = 0; i < 20; ++i) {
        const int at = int(rng.bounded(directory.size()));
        if (rng.bounded(2))
            directory.removeUser(at);
        else
            directory.replaceUser(at, randomUser(rng, users));
    }
    compareWithReference(directory, rng);

    // A bulk load reserves first.
    Directory bulk;
    bulk.reserve(directory.size());
    for (const DirectoryUser &user : directory.users())
        QVERIFY(bulk.addUser(user));
    compareWithReference(bulk, rng);
}

void TestDirectoryIndex::copiesKeepTheirIndex()
{
    Directory original;
    DirectoryUser kim;
    kim.userPrincipalName = u"kim@x.org"_s;
    kim.alias = u"kimmy"_s;
    QVERIFY(original.addUser(kim));
    Directory copy = original;
    DirectoryUser ann;
    ann.userPrincipalName = u"ann@x.org"_s;
    ann.alias = u"annie"_s;
    QVERIFY(copy.addUser(ann));
    copy.removeUser(0);
    QVERIFY(original.resolve(u"KIMMY"_s));
    QVERIFY(!original.resolve(u"annie"_s));
    QCOMPARE(original.indexOfUpn(u"kim@x.org"_s), 0);
    QVERIFY(!copy.resolve(u"kimmy"_s));
    QCOMPARE(copy.resolve(u"Annie"_s)->userPrincipalName, u"ann@x.org"_s);
    QCOMPARE(copy.indexOfUpn(u"ann@x.org"_s), 0);
    copy.clear();
    QVERIFY(!copy.resolve(u"annie"_s));
    QCOMPARE(original.index().size(), 2); // kim's UPN and alias
}

void TestDirectoryIndex::firstAddedKeepsASharedKey()
{
    Directory directory;
    DirectoryUser first;
    first.userPrincipalName = u"first@x.org"_s;
    first.alias = u"shared"_s;
    first.samAccountName = u"SAM"_s;
    DirectoryUser second;
    second.userPrincipalName = u"second@x.org"_s;
    second.alias = u"Shared"_s;
    second.samAccountName = u"sam"_s;
    DirectoryUser upnIsAlias; // a UPN beats an alias however late it comes
    upnIsAlias.userPrincipalName = u"shared"_s;
    QVERIFY(directory.addUser(first));
    QVERIFY(directory.addUser(second));
    QCOMPARE(directory.resolve(u"SHARED"_s), &directory.user(0));
    QCOMPARE(directory.resolve(u"contoso\\sam"_s), &directory.user(0));
    QVERIFY(directory.addUser(upnIsAlias));
    QCOMPARE(directory.resolve(u"shared"_s), &directory.user(2));
    QString error;
    QVERIFY(!directory.addUser(first, &error));
    QVERIFY(error.contains(u"already"_s));
    directory.removeUser(0); // the second user now holds the alias and the account name
    QCOMPARE(directory.resolve(u"sam"_s)->userPrincipalName, u"second@x.org"_s);
}

QTEST_GUILESS_MAIN(TestDirectoryIndex)
#include "tst_directoryindex.moc"
