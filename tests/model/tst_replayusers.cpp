// Replay's user resolution against the directory's: the ASCII index and the shared cache must
// name the same user, form the same username string and give the same facts as
// Directory::resolve(), usernameString() and Evaluator::userFacts() for every text, alone and
// with several threads at once.
#include "directory.h"
#include "evaluator.h"
#include "randomruleset.h"
#include "replaydirectoryindex.h"
#include "replayfields.h"
#include "replayusers.h"
#include "ruleset.h"

#include <QRandomGenerator>
#include <QTest>

#include <thread>

using namespace Car;

namespace {

// Users that share aliases and account names (the first imported wins), differ only in case,
// carry blanks, non-ASCII letters, or a Kelvin sign that case-folds to an ASCII 'k'.
Directory trickyDirectory(quint32 seed, int count)
{
    QRandomGenerator rng(seed);
    const QStringList names {QStringLiteral("kim"),      QStringLiteral("KIM"),
                             QStringLiteral("\u212Aim"), QStringLiteral("josé"),
                             QStringLiteral("bob"),      QStringLiteral(" ann "),
                             QStringLiteral("o'brien"),  QStringLiteral("Zoë")};
    Directory directory;
    for (int i = 0; directory.size() < count; ++i) {
        DirectoryUser user;
        const QString name = names.at(int(rng.bounded(int(names.size()))));
        const QString n = QString::number(rng.bounded(count));
        user.userPrincipalName =
            name + n + (rng.bounded(2) ? QStringLiteral("@contoso.com") : QStringLiteral("@X.org"));
        if (rng.bounded(3))
            user.alias = name + QString::number(rng.bounded(count / 2 + 1));
        if (rng.bounded(3))
            user.samAccountName = rng.bounded(2) ? name : name.toUpper() + n;
        directory.addUser(user);
    }
    return directory;
}

QStringList lookupTexts(const Directory &directory, quint32 seed, int count)
{
    QRandomGenerator rng(seed);
    QStringList texts;
    for (int i = 0; i < count; ++i) {
        const DirectoryUser &u = directory.user(int(rng.bounded(directory.size())));
        QString text;
        switch (rng.bounded(8)) {
        case 0:
            text = u.alias;
            break;
        case 1:
            text = u.samAccountName;
            break;
        case 2:
            text = QStringLiteral("CONTOSO\\") + u.samAccountName;
            break;
        case 3:
            text = u.userPrincipalName.toUpper();
            break;
        case 4:
            text = QStringLiteral("nobody%1@contoso.com").arg(rng.bounded(50));
            break;
        case 5:
            text = QStringLiteral("\\") + u.samAccountName;
            break;
        default:
            text = u.userPrincipalName;
            break;
        }
        text = text.trimmed();
        if (!text.isEmpty())
            texts << text;
    }
    return texts;
}

} // namespace

class TestReplayUsers : public QObject
{
    Q_OBJECT

private slots:
    void indexResolvesAsTheDirectory_data();
    void indexResolvesAsTheDirectory();
    void cacheResolvesAsMakeConnection_data();
    void cacheResolvesAsMakeConnection();
    void locateGivesTheFactsOfTheRulesAsked();
    void setupThreadsComputeTheSameFacts();
    void threadsShareTheCache();
};

void TestReplayUsers::indexResolvesAsTheDirectory_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed = 1; seed <= 5; ++seed)
        QTest::addRow("seed %u", seed) << seed;
}

void TestReplayUsers::indexResolvesAsTheDirectory()
{
    QFETCH(quint32, seed);
    const Directory directory = trickyDirectory(seed, 400);
    const ReplayDirectoryIndex index(directory);
    int found = 0;
    int checked = 0;
    for (const QString &text : lookupTexts(directory, seed + 100, 3000)) {
        const QByteArray bytes = text.toUtf8();
        if (bytes.size() != text.size()) // the index is for ASCII texts only
            continue;
        const DirectoryUser *expected = directory.resolve(text);
        const DirectoryUser *actual = index.resolve(bytes);
        if (actual != expected)
            QFAIL(qPrintable(
                QStringLiteral("'%1': the index finds %2, the directory %3")
                    .arg(text, actual ? actual->userPrincipalName : QStringLiteral("no one"),
                         expected ? expected->userPrincipalName : QStringLiteral("no one"))));
        found += expected != nullptr;
        ++checked;
    }
    QVERIFY(checked > 1500);
    QVERIFY(found > checked / 2);
}

void TestReplayUsers::cacheResolvesAsMakeConnection_data()
{
    QTest::addColumn<Environment>("environment");
    QTest::addColumn<QString>("netbios");
    QTest::addColumn<bool>("withIndex");
    QTest::newRow("Exchange Online, directory lookups")
        << Environment::ExchangeOnline << QString() << false;
    QTest::newRow("Exchange Online, index") << Environment::ExchangeOnline << QString() << true;
    QTest::newRow("Exchange Server with a NetBIOS name, index")
        << Environment::ExchangeServer << QStringLiteral("CONTOSO") << true;
    QTest::newRow("Exchange Server without one")
        << Environment::ExchangeServer << QString() << false;
    QTest::newRow("Exchange Server without one, index")
        << Environment::ExchangeServer << QString() << true;
}

void TestReplayUsers::cacheResolvesAsMakeConnection()
{
    QFETCH(Environment, environment);
    QFETCH(QString, netbios);
    QFETCH(bool, withIndex);
    // Rules with username patterns and recipient filters, so that the facts differ by user.
    CarTest::RandomRuleSets random(7);
    RuleSet rules = random.ruleSet(environment, RuleSet::MaxRules);
    rules.setNetbiosDomain(netbios);
    const Directory directory = trickyDirectory(9, 300);
    const ReplayDirectoryIndex index(directory);
    const Evaluator evaluator(rules);
    ReplayUsers users(evaluator, directory, withIndex ? &index : nullptr, false);
    std::vector<char16_t> username;
    const QStringList texts = lookupTexts(directory, 10, 2000);
    for (int round = 0; round < 2; ++round) { // the second round comes from the cache
        for (const QString &text : texts) {
            const QByteArray bytes = text.toUtf8();
            const bool ascii = bytes.size() == text.size();
            const ReplayUsers::Found found =
                users.find(bytes, users.hashFor(bytes, ascii), ascii, username);
            const Connection expected = makeConnection(rules, directory, text, Protocol::REST,
                                                       AuthenticationType::OAuthAuthentication, {});
            QCOMPARE(found.user, expected.user);
            QCOMPARE(QStringView(username.data(), qsizetype(username.size())),
                     QStringView(expected.username));
            QVERIFY(found.facts == evaluator.userFacts(expected.user, text));
        }
    }
    // Texts the index answers are not cached; the others (not ASCII, or without an index) are.
    QVERIFY(users.cachedTexts() > (withIndex ? 10 : 100));
}

void TestReplayUsers::locateGivesTheFactsOfTheRulesAsked()
{
    CarTest::RandomRuleSets random(11);
    const RuleSet rules = random.ruleSet(Environment::ExchangeOnline, RuleSet::MaxRules);
    const Evaluator evaluator(rules);
    const Directory directory = trickyDirectory(12, 300);
    const ReplayDirectoryIndex index(directory);
    ReplayUsers users(evaluator, directory, &index, false);
    std::vector<char16_t> scratch;
    int outside = 0;
    for (const QString &text : lookupTexts(directory, 13, 1000)) {
        const QByteArray bytes = text.toUtf8();
        const bool ascii = bytes.size() == text.size();
        const quint32 asked = random.rng().generate() & 0xfffff;
        const ReplayUsers::Location location =
            users.locate(bytes, users.hashFor(bytes, ascii), ascii, asked, scratch);
        const DirectoryUser *expected = directory.resolve(text);
        if (expected) {
            // A directory user: its number, whose facts are of every rule.
            QCOMPARE(location.number, int(expected - directory.users().constData()));
            QVERIFY(users.factsOf(location.number) == evaluator.userFacts(expected, text));
            continue;
        }
        QCOMPARE(location.number, -1);
        const QString username =
            usernameString(nullptr, text, rules.environment(), rules.netbiosDomain());
        if (users.indexed(bytes, ascii)) {
            // An indexed text not in the directory: the facts of the rules asked for only.
            QVERIFY(location.facts == evaluator.userFactsFor(nullptr, username, asked));
            ++outside;
        } else {
            QVERIFY(location.facts == evaluator.userFactsFor(nullptr, username));
        }
    }
    QVERIFY(outside > 50);
}

void TestReplayUsers::setupThreadsComputeTheSameFacts()
{
    CarTest::RandomRuleSets random(15);
    RuleSet rules = random.ruleSet(Environment::ExchangeServer, RuleSet::MaxRules);
    rules.setNetbiosDomain(QStringLiteral("CONTOSO"));
    const Evaluator evaluator(rules);
    const Directory directory = trickyDirectory(16, 5000);
    const ReplayUsers one(evaluator, directory, nullptr, false, 1);
    const ReplayUsers three(evaluator, directory, nullptr, true, 3);
    for (int i = 0; i < directory.size(); ++i) {
        const UserFacts expected = evaluator.userFacts(&directory.user(i), QString());
        if (one.factsOf(i) != expected || three.factsOf(i) != expected)
            QFAIL(qPrintable(QStringLiteral("user %1 (%2): the facts differ")
                                 .arg(i)
                                 .arg(directory.user(i).userPrincipalName)));
    }
}

void TestReplayUsers::threadsShareTheCache()
{
    CarTest::RandomRuleSets random(20);
    const RuleSet rules = random.ruleSet(Environment::ExchangeOnline, RuleSet::MaxRules);
    const Directory directory = trickyDirectory(21, 500);
    const ReplayDirectoryIndex index(directory);
    const Evaluator evaluator(rules);
    ReplayUsers users(evaluator, directory, &index, true);
    const QStringList texts = lookupTexts(directory, 22, 4000);
    std::atomic<int> mismatches {0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            std::vector<char16_t> username;
            for (int i = 0; i < texts.size(); ++i) {
                const QString &text = texts.at((i * 7 + t * 997) % texts.size());
                const QByteArray bytes = text.toUtf8();
                const bool ascii = bytes.size() == text.size();
                const quint32 hash = users.hashFor(bytes, ascii);
                const bool indexed = users.indexed(bytes, ascii);
                users.prefetchSlot(hash, indexed);
                users.prefetchEntry(bytes, hash, indexed);
                const ReplayUsers::Found found = users.find(bytes, hash, ascii, username);
                const Connection expected =
                    makeConnection(rules, directory, text, Protocol::REST,
                                   AuthenticationType::OAuthAuthentication, {});
                if (found.user != expected.user || found.facts != evaluator.userFacts(expected)
                    || QStringView(username.data(), qsizetype(username.size()))
                        != QStringView(expected.username))
                    ++mismatches;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(mismatches.load(), 0);
}

QTEST_GUILESS_MAIN(TestReplayUsers)
#include "tst_replayusers.moc"
