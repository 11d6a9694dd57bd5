#include "replayusers.h"

#include "directory.h"
#include "replayfields.h"
#include "replaydirectoryindex.h"
#include "ruleset.h"

#include <algorithm>
#include <cstring>

namespace Car {

namespace {

using Recipe = ReplayUsers::Recipe;

struct EntryHeader
{
    const DirectoryUser *user;
    UserFacts facts;
    quint16 textLength;
    quint16 usernameLength; ///< UTF-16 units, when stored
    Recipe recipe;
};

void widenInto(std::vector<char16_t> &out, const char *text, qsizetype length)
{
    // Only for ASCII text (the recipes are only chosen for it).
    for (qsizetype i = 0; i < length; ++i)
        out.push_back(char16_t(uchar(text[i])));
}

void applyRecipe(Recipe recipe, QByteArrayView text, std::vector<char16_t> &out)
{
    out.clear();
    if (recipe == Recipe::Text) {
        widenInto(out, text.data(), text.size());
        return;
    }
    const qsizetype at = ReplayFields::lastIndexOf(text, '@');
    widenInto(out, text.data() + at + 1, text.size() - at - 1);
    out.push_back(u'\\');
    widenInto(out, text.data(), at);
}

bool equalsWidened(const char16_t *wide, const char *text, qsizetype length)
{
    for (qsizetype i = 0; i < length; ++i) {
        if (wide[i] != char16_t(uchar(text[i])))
            return false;
    }
    return true;
}

/// The recipe that reproduces `username` from `text`, or Recipe::Stored.
Recipe recipeFor(QByteArrayView text, QStringView username)
{
    for (const char c : text) {
        if (uchar(c) >= 0x80)
            return Recipe::Stored;
    }
    const char16_t *name = username.utf16();
    if (username.size() == text.size() && equalsWidened(name, text.data(), text.size()))
        return Recipe::Text;
    const qsizetype at = ReplayFields::lastIndexOf(text, '@');
    const qsizetype domain = text.size() - at - 1;
    if (at >= 0 && username.size() == text.size()
        && equalsWidened(name, text.data() + at + 1, domain) && name[domain] == u'\\'
        && equalsWidened(name + domain + 1, text.data(), at))
        return Recipe::Swapped;
    return Recipe::Stored;
}

} // namespace

quint32 ReplayUsers::hashOf(QByteArrayView text)
{
    // Eight bytes at a time with a multiply-xorshift mix: short keys, no allocation.
    const char *p = text.data();
    qsizetype n = text.size();
    quint64 h = 0x9E3779B97F4A7C15ull ^ quint64(n);
    while (n >= 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    quint64 v = 0;
    std::memcpy(&v, p, std::size_t(n));
    h = (h ^ v) * 0x94D049BB133111EBull;
    h ^= h >> 29;
    return quint32(h ^ (h >> 32));
}

ReplayUsers::ReplayUsers(const Evaluator &evaluator, const Directory &directory,
                         const ReplayDirectoryIndex *index, bool concurrent)
    : m_evaluator(evaluator)
    , m_directory(directory)
    , m_index(index)
    , m_environment(evaluator.ruleSet().environment())
    , m_netbios(evaluator.ruleSet().netbiosDomain())
    , m_concurrent(concurrent)
{
    for (auto &shard : m_shards)
        shard = std::make_unique<Shard>();
    // Every directory user's facts, in directory order (the users' records and strings are
    // mostly laid out in that order, so this reads memory ahead of itself).
    m_facts.resize(std::size_t(directory.size()));
    std::vector<char16_t> username;
    for (int i = 0; i < directory.size(); ++i) {
        const DirectoryUser &user = directory.user(i);
        usernameOf(user, username);
        m_facts[std::size_t(i)] =
            evaluator.userFactsFor(&user, QStringView(username.data(), qsizetype(username.size())));
    }
}

UserFacts ReplayUsers::factsOf(const DirectoryUser *user, QStringView username) const
{
    if (!user)
        return m_evaluator.userFactsFor(nullptr, username);
    return m_facts[std::size_t(user - m_directory.users().constData())];
}

ReplayUsers::~ReplayUsers() = default;

const char *ReplayUsers::lookup(const Shard &shard, QByteArrayView text, quint32 hash) const
{
    if (shard.table.empty())
        return nullptr;
    const std::size_t mask = shard.table.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const quint64 slot = shard.table[i];
        if (slot == 0)
            return nullptr;
        if (quint32(slot >> 32) != hash)
            continue;
        const char *entry = shard.arena.data() + (quint32(slot) - 1);
        EntryHeader header;
        std::memcpy(&header, entry, sizeof header);
        if (header.textLength == text.size()
            && ReplayFields::equalBytes(entry + sizeof header, text.data(), text.size()))
            return entry;
    }
}

void ReplayUsers::insert(Shard &shard, QByteArrayView text, quint32 hash, const Found &found,
                         Recipe recipe, QStringView username)
{
    if (shard.count >= MaxEntriesPerShard) {
        shard.table.clear();
        shard.arena.clear();
        shard.count = 0;
    }
    if (shard.table.empty() || std::size_t(shard.count + 1) * 2 > shard.table.size()) {
        std::vector<quint64> old;
        old.swap(shard.table);
        shard.table.assign(std::max<std::size_t>(64, old.size() * 2), 0);
        const std::size_t mask = shard.table.size() - 1;
        for (const quint64 slot : old) {
            if (slot == 0)
                continue;
            std::size_t i = std::size_t(slot >> 32) & mask;
            while (shard.table[i] != 0)
                i = (i + 1) & mask;
            shard.table[i] = slot;
        }
        shard.tableAddress.store(shard.table.data(), std::memory_order_relaxed);
        shard.tableMask.store(mask, std::memory_order_relaxed);
    }
    const std::size_t offset = (shard.arena.size() + 7) & ~std::size_t(7);
    const EntryHeader header {found.user, found.facts, quint16(text.size()),
                              quint16(recipe == Recipe::Stored ? username.size() : 0), recipe};
    const std::size_t textBytes = std::size_t(text.size());
    const std::size_t nameBytes = std::size_t(header.usernameLength) * sizeof(char16_t);
    shard.arena.resize(offset + sizeof header + textBytes + nameBytes);
    char *entry = shard.arena.data() + offset;
    std::memcpy(entry, &header, sizeof header);
    std::memcpy(entry + sizeof header, text.data(), textBytes);
    std::memcpy(entry + sizeof header + textBytes, username.utf16(), nameBytes);
    const std::size_t mask = shard.table.size() - 1;
    std::size_t i = hash & mask;
    while (shard.table[i] != 0)
        i = (i + 1) & mask;
    shard.table[i] = (quint64(hash) << 32) | (quint64(offset) + 1);
    ++shard.count;
}

bool ReplayUsers::indexed(QByteArrayView text, bool ascii) const
{
    return m_index && ascii && text.size() <= ReplayDirectoryIndex::MaxKey;
}

quint32 ReplayUsers::hashFor(QByteArrayView text, bool ascii) const
{
    return indexed(text, ascii) ? ReplayDirectoryIndex::hashOf(text) : hashOf(text);
}

void ReplayUsers::prefetchSlot(quint32 hash, bool indexed) const
{
    if (indexed) {
        m_index->prefetchSlot(hash);
        return;
    }
    const Shard &shard = shardFor(hash);
    const quint64 *table = shard.tableAddress.load(std::memory_order_relaxed);
    if (table) // a stale address is harmless: a prefetch never faults
        __builtin_prefetch(table + (hash & shard.tableMask.load(std::memory_order_relaxed)));
}

void ReplayUsers::prefetchEntry(QByteArrayView text, quint32 hash, bool indexed)
{
    if (indexed) {
        m_index->prefetchEntry(hash, text.size());
        return;
    }
    Shard &shard = shardFor(hash);
    std::unique_lock<std::mutex> lock(shard.mutex, std::defer_lock);
    if (m_concurrent)
        lock.lock();
    if (shard.table.empty())
        return;
    const std::size_t mask = shard.table.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const quint64 slot = shard.table[i];
        if (slot == 0)
            return;
        if (quint32(slot >> 32) == hash) {
            const char *entry = shard.arena.data() + (quint32(slot) - 1);
            __builtin_prefetch(entry);
            if (text.size() > 40)
                __builtin_prefetch(entry + 64);
            return;
        }
    }
}

ReplayUsers::Found ReplayUsers::find(QByteArrayView text, quint32 hash, bool ascii,
                                     std::vector<char16_t> &username, bool wantUsername,
                                     quint32 rules)
{
    if (!indexed(text, ascii))
        return findCached(text, hash, username, wantUsername);
    bool textIsUpn = false;
    const int number = m_index->find(text, hash, wantUsername ? &textIsUpn : nullptr);
    if (number >= 0) {
        const DirectoryUser *user = &m_directory.user(number);
        if (wantUsername) {
            if (textIsUpn && m_environment == Environment::ExchangeOnline
                && ReplayFields::lastIndexOf(text, '@') >= 0)
                applyRecipe(Recipe::Swapped, text, username); // the UPN itself: <suffix>\<prefix>
            else
                usernameOf(*user, username);
        }
        return {user, m_facts[std::size_t(number)]};
    }
    // usernameString() of a text not in the directory: its facts are its username patterns'.
    // Such texts rarely repeat: rather than remembered, their facts are computed for the rules
    // that can decide the row.
    const qsizetype at = ReplayFields::lastIndexOf(text, '@');
    const bool swap = at > 0 && at < text.size() - 1 && ReplayFields::lastIndexOf(text, '\\') < 0;
    applyRecipe(swap ? Recipe::Swapped : Recipe::Text, text, username);
    return {nullptr,
            m_evaluator.userFactsFor(
                nullptr, QStringView(username.data(), qsizetype(username.size())), rules)};
}

ReplayUsers::Found ReplayUsers::findCached(QByteArrayView text, quint32 hash,
                                           std::vector<char16_t> &username, bool wantUsername)
{
    QString name;
    const auto resolve = [&]() {
        const QString userText = QString::fromUtf8(text);
        const DirectoryUser *user = m_directory.resolve(userText);
        name = usernameFor(user, userText);
        username.assign(name.utf16(), name.utf16() + name.size());
        return Found {user, factsOf(user, name)};
    };
    if (text.size() > 0x7fff) // too long to be a real user name: never cached
        return resolve();
    Shard &shard = shardFor(hash);
    std::unique_lock<std::mutex> lock(shard.mutex, std::defer_lock);
    if (m_concurrent)
        lock.lock();
    if (const char *entry = lookup(shard, text, hash)) {
        EntryHeader header;
        std::memcpy(&header, entry, sizeof header);
        if (wantUsername && header.recipe == Recipe::Stored) {
            username.resize(header.usernameLength);
            std::memcpy(username.data(), entry + sizeof header + header.textLength,
                        std::size_t(header.usernameLength) * sizeof(char16_t));
        } else if (wantUsername) {
            applyRecipe(header.recipe, text, username);
        }
        return {header.user, header.facts};
    }
    if (m_concurrent)
        lock.unlock(); // resolve without holding the shard: it is the slow part
    const Found found = resolve();
    if (m_concurrent)
        lock.lock();
    if (name.size() <= 0xffff && !lookup(shard, text, hash)) // another worker may have added it
        insert(shard, text, hash, found, recipeFor(text, name), name);
    return found;
}

void ReplayUsers::usernameOf(const DirectoryUser &user, std::vector<char16_t> &out) const
{
    const QString &upn = user.userPrincipalName;
    qsizetype at = upn.size() - 1;
    while (at >= 0 && upn[at] != u'@')
        --at;
    const QStringView prefix = at >= 0 ? QStringView(upn).first(at) : QStringView(upn);
    const QStringView suffix = at >= 0 ? QStringView(upn).sliced(at + 1) : QStringView();
    QStringView domain = suffix;
    QStringView account = prefix;
    if (m_environment == Environment::ExchangeServer) {
        if (!m_netbios.isEmpty())
            domain = m_netbios;
        if (!user.samAccountName.isEmpty())
            account = user.samAccountName;
    }
    out.clear();
    out.insert(out.end(), domain.utf16(), domain.utf16() + domain.size());
    out.push_back(u'\\');
    out.insert(out.end(), account.utf16(), account.utf16() + account.size());
}

QString ReplayUsers::usernameFor(const DirectoryUser *user, const QString &text) const
{
    // usernameString() (domain §0/§9), whose QString::lastIndexOf() is slow in Qt 6.4; the
    // tests hold the two equal.
    const auto join = [](QStringView domain, QStringView account) {
        QString result;
        result.reserve(domain.size() + 1 + account.size());
        result.append(domain).append(u'\\').append(account);
        return result;
    };
    const auto lastAt = [](const QString &s) {
        for (qsizetype i = s.size() - 1; i >= 0; --i) {
            if (s[i] == u'@')
                return i;
        }
        return qsizetype(-1);
    };
    if (user) {
        const QString &upn = user->userPrincipalName;
        const qsizetype at = lastAt(upn);
        const QStringView prefix = at >= 0 ? QStringView(upn).first(at) : QStringView(upn);
        const QStringView suffix = at >= 0 ? QStringView(upn).sliced(at + 1) : QStringView();
        if (m_environment == Environment::ExchangeServer) {
            const QStringView account =
                user->samAccountName.isEmpty() ? prefix : QStringView(user->samAccountName);
            const QStringView domain = m_netbios.isEmpty() ? suffix : QStringView(m_netbios);
            return join(domain, account);
        }
        return join(suffix, prefix);
    }
    const QString trimmed = text.trimmed();
    const qsizetype at = lastAt(trimmed);
    if (at > 0 && at < trimmed.size() - 1 && !trimmed.contains(u'\\'))
        return join(QStringView(trimmed).sliced(at + 1), QStringView(trimmed).first(at));
    return trimmed;
}

qsizetype ReplayUsers::cachedTexts() const
{
    qsizetype total = 0;
    for (const auto &shard : m_shards) {
        std::unique_lock<std::mutex> lock(shard->mutex, std::defer_lock);
        if (m_concurrent)
            lock.lock();
        total += shard->count;
    }
    return total;
}

} // namespace Car
