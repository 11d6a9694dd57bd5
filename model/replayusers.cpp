#include "replayusers.h"

#include "directory.h"
#include "ruleset.h"

#include <cstring>

namespace Car {

namespace {

quint32 hashOf(QByteArrayView text)
{
    // FNV-1a: short keys, no allocation.
    quint32 h = 2166136261u;
    for (const char c : text) {
        h ^= uchar(c);
        h *= 16777619u;
    }
    return h;
}

void appendLatin1(std::vector<char16_t> &out, QByteArrayView text)
{
    for (const char c : text)
        out.push_back(char16_t(uchar(c)));
}

void appendUtf16(std::vector<char16_t> &out, QStringView text)
{
    out.insert(out.end(), text.utf16(), text.utf16() + text.size());
}

} // namespace

ReplayUsers::ReplayUsers(const RuleSet &rules, const Directory &directory, bool concurrent)
    : m_directory(directory)
    , m_environment(rules.environment())
    , m_netbios(rules.netbiosDomain())
    , m_concurrent(concurrent)
{
    for (auto &shard : m_shards)
        shard = std::make_unique<Shard>();
}

ReplayUsers::~ReplayUsers() = default;

const DirectoryUser *ReplayUsers::lookup(Shard &shard, QByteArrayView text, quint32 hash) const
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
        quint16 length = 0;
        std::memcpy(&length, entry, sizeof length);
        if (length == text.size() && std::memcmp(entry + sizeof length, text.data(), length) == 0) {
            const DirectoryUser *user = nullptr;
            std::memcpy(&user, entry + sizeof length + length, sizeof user);
            // A found entry for "not in the directory" is stored as the address of the
            // directory itself, so that nullptr can mean "not cached".
            return user;
        }
    }
}

void ReplayUsers::insert(Shard &shard, QByteArrayView text, quint32 hash, const DirectoryUser *user)
{
    if (shard.count >= MaxEntriesPerShard || shard.arena.size() > (1u << 30)) {
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
    }
    const quint32 offset = quint32(shard.arena.size());
    const quint16 length = quint16(text.size());
    shard.arena.resize(shard.arena.size() + sizeof length + length + sizeof user);
    char *entry = shard.arena.data() + offset;
    std::memcpy(entry, &length, sizeof length);
    std::memcpy(entry + sizeof length, text.data(), length);
    std::memcpy(entry + sizeof length + length, &user, sizeof user);
    const std::size_t mask = shard.table.size() - 1;
    std::size_t i = hash & mask;
    while (shard.table[i] != 0)
        i = (i + 1) & mask;
    shard.table[i] = (quint64(hash) << 32) | (quint64(offset) + 1);
    ++shard.count;
}

const DirectoryUser *ReplayUsers::find(QByteArrayView text)
{
    if (text.size() > 0xffff) // never cached: too long to be a real user name
        return m_directory.resolve(QString::fromLatin1(text));
    const quint32 hash = hashOf(text);
    Shard &shard = *m_shards[hash % ShardCount];
    const auto notFound = reinterpret_cast<const DirectoryUser *>(&m_directory);
    std::unique_lock<std::mutex> lock(shard.mutex, std::defer_lock);
    if (m_concurrent)
        lock.lock();
    if (const DirectoryUser *user = lookup(shard, text, hash))
        return user == notFound ? nullptr : user;
    if (m_concurrent)
        lock.unlock(); // resolve without holding the shard: it is the slow part
    const DirectoryUser *user = m_directory.resolve(QString::fromLatin1(text));
    if (m_concurrent)
        lock.lock();
    if (!lookup(shard, text, hash)) // another worker may have added it meanwhile
        insert(shard, text, hash, user ? user : notFound);
    return user;
}

void ReplayUsers::username(const DirectoryUser *user, QByteArrayView text,
                           std::vector<char16_t> &out) const
{
    // The same string as usernameString(user, text, environment, netbios), without allocating.
    out.clear();
    if (user) {
        const QString &upn = user->userPrincipalName;
        const qsizetype at = upn.lastIndexOf(u'@');
        const QStringView prefix = at >= 0 ? QStringView(upn).left(at) : QStringView(upn);
        const QStringView suffix = at >= 0 ? QStringView(upn).mid(at + 1) : QStringView();
        if (m_environment == Environment::ExchangeServer) {
            appendUtf16(out, m_netbios.isEmpty() ? suffix : QStringView(m_netbios));
            out.push_back(u'\\');
            appendUtf16(out, user->samAccountName.isEmpty() ? prefix
                                                            : QStringView(user->samAccountName));
        } else {
            appendUtf16(out, suffix);
            out.push_back(u'\\');
            appendUtf16(out, prefix);
        }
        return;
    }
    const qsizetype at = text.lastIndexOf('@');
    if (at > 0 && at < text.size() - 1 && !text.contains('\\')) {
        appendLatin1(out, text.sliced(at + 1));
        out.push_back(u'\\');
        appendLatin1(out, text.first(at));
        return;
    }
    appendLatin1(out, text);
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
