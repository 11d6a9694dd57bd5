#include "replayusers.h"

#include "shortbytes.h"

#include "directory.h"
#include "replaydirectoryindex.h"
#include "replayfields.h"
#include "ruleset.h"

#include <algorithm>
#include <cstring>
#include <thread>

namespace Car {

namespace {

/// A cached text's entry in a shard's arena: its Location, then the text.
struct EntryHeader
{
    qint32 number;
    UserFacts facts;
    quint32 textLength;
};

/// usernameString() of an ASCII text (trimmed, not empty) that is not in the directory: its
/// halves around the last '@' swapped (name@domain -> domain\name), or the text as written.
void asciiUsername(QByteArrayView text, std::vector<char16_t> &out)
{
    const auto widen = [&out](const char *p, qsizetype n) {
        for (qsizetype i = 0; i < n; ++i)
            out.push_back(char16_t(uchar(p[i])));
    };
    out.clear();
    const qsizetype at = ReplayFields::lastIndexOf(text, '@');
    if (at > 0 && at < text.size() - 1 && ReplayFields::lastIndexOf(text, '\\') < 0) {
        widen(text.data() + at + 1, text.size() - at - 1);
        out.push_back(u'\\');
        widen(text.data(), at);
    } else {
        widen(text.data(), text.size());
    }
}

QStringView viewOf(const std::vector<char16_t> &text)
{
    return QStringView(text.data(), qsizetype(text.size()));
}

} // namespace

quint32 ReplayUsers::hashOf(QByteArrayView text)
{
    return ShortBytes::hash(text);
}

ReplayUsers::ReplayUsers(const Evaluator &evaluator, const Directory &directory,
                         const ReplayDirectoryIndex *index, bool concurrent, int setupThreads)
    : m_evaluator(evaluator)
    , m_directory(directory)
    , m_index(index)
    , m_environment(evaluator.ruleSet().environment())
    , m_netbios(evaluator.ruleSet().netbiosDomain())
    , m_concurrent(concurrent)
{
    for (auto &shard : m_shards)
        shard = std::make_unique<Shard>();
    // Every directory user's facts, in slices of the directory, one per thread.
    m_facts.resize(std::size_t(directory.size()));
    const int users = directory.size();
    const int threads = std::clamp(setupThreads, 1, std::max(1, users / 1024));
    const auto sliceBegin = [users, threads](int t) {
        return int(qint64(users) * t / threads);
    };
    std::vector<std::thread> helpers;
    for (int t = 1; t < threads; ++t)
        helpers.emplace_back(
            [this, t, &sliceBegin] { computeFacts(sliceBegin(t), sliceBegin(t + 1)); });
    computeFacts(0, sliceBegin(1));
    for (std::thread &helper : helpers)
        helper.join();
}

ReplayUsers::~ReplayUsers() = default;

void ReplayUsers::computeFacts(int begin, int end)
{
    // In directory order: the users' records and strings are mostly laid out in that order, so
    // this reads memory ahead of itself.
    for (int i = begin; i < end; ++i) {
        const DirectoryUser &user = m_directory.user(i);
        const QString username = usernameString(&user, QString(), m_environment, m_netbios);
        m_facts[std::size_t(i)] = m_evaluator.userFactsFor(&user, username);
    }
}

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
        if (header.textLength == quint32(text.size())
            && ShortBytes::equal(entry + sizeof header, text.data(), text.size()))
            return entry;
    }
}

void ReplayUsers::insert(Shard &shard, QByteArrayView text, quint32 hash, const Location &location)
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
    const EntryHeader header {location.number, location.facts, quint32(text.size())};
    shard.arena.resize(offset + sizeof header + std::size_t(text.size()));
    char *entry = shard.arena.data() + offset;
    std::memcpy(entry, &header, sizeof header);
    std::memcpy(entry + sizeof header, text.data(), std::size_t(text.size()));
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

ReplayUsers::Location ReplayUsers::locate(QByteArrayView text, quint32 hash, bool ascii,
                                          quint32 rules, std::vector<char16_t> &scratch)
{
    if (!indexed(text, ascii))
        return locateCached(text, hash);
    const int number = m_index->find(text, hash);
    if (number >= 0)
        return {number, {}};
    // Not in the directory: such texts rarely repeat, so rather than remembered, their facts
    // are computed for the rules that can decide the row.
    asciiUsername(text, scratch);
    return {-1, m_evaluator.userFactsFor(nullptr, viewOf(scratch), rules)};
}

ReplayUsers::Location ReplayUsers::locateCached(QByteArrayView text, quint32 hash)
{
    const auto resolve = [&]() -> Location {
        const QString userText = QString::fromUtf8(text);
        if (const DirectoryUser *user = m_directory.resolve(userText))
            return {int(user - m_directory.users().constData()), {}};
        return {-1, m_evaluator.userFacts(nullptr, userText)};
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
        return {header.number, header.facts};
    }
    if (m_concurrent)
        lock.unlock(); // resolve without holding the shard: it is the slow part
    const Location location = resolve();
    if (m_concurrent)
        lock.lock();
    if (!lookup(shard, text, hash)) // another worker may have added it
        insert(shard, text, hash, location);
    return location;
}

ReplayUsers::Found ReplayUsers::find(QByteArrayView text, quint32 hash, bool ascii,
                                     std::vector<char16_t> &username)
{
    const Location location = locate(text, hash, ascii, ~quint32(0), username);
    if (location.number < 0) {
        const QString name =
            usernameString(nullptr, QString::fromUtf8(text), m_environment, m_netbios);
        username.assign(name.utf16(), name.utf16() + name.size());
        return {nullptr, location.facts};
    }
    const DirectoryUser &user = m_directory.user(location.number);
    const QString name = usernameString(&user, QString(), m_environment, m_netbios);
    username.assign(name.utf16(), name.utf16() + name.size());
    return {&user, factsOf(location.number)};
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
