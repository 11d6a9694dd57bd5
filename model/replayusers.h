#pragma once

#include "enums.h"
#include "evaluator.h"

#include <QByteArrayView>
#include <QString>

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace Car {

class Directory;
struct DirectoryUser;
class ReplayDirectoryIndex;

/// Replay's user resolution: which directory user a text names (Directory::resolve(), domain §0)
/// and what that user contributes to each rule (Evaluator::userFacts(): the recipient filters and
/// username patterns, §9/§10), so that a row's decision needs neither the user's record nor its
/// username string. The facts of every directory user are computed once, when this is made (one
/// replay run); texts the directory index does not answer (not ASCII) are resolved once per
/// distinct text and remembered. One instance is shared by all replay workers: the cache is split
/// into shards, each with its own lock (no locking at all when used by one thread). Memory is
/// bounded: a shard that grows past its limit starts over.
///
/// Lookups can be prefetched a few rows ahead (prefetchSlot(), then prefetchEntry(), then
/// locate(), then prefetchFacts(), then factsOf()) so that the cache misses of a large directory
/// overlap instead of adding up.
class ReplayUsers
{
public:
    /// `index` (optional, shared, outliving this) resolves ASCII texts faster than the directory.
    /// `evaluator` (outliving this) computes the facts, and its rule set's environment and NetBIOS
    /// domain form the username strings. `concurrent`: threads will share this. `setupThreads`:
    /// how many threads (the calling one and setupThreads - 1 more, for the time this takes)
    /// compute the directory users' facts.
    ReplayUsers(const Evaluator &evaluator, const Directory &directory,
                const ReplayDirectoryIndex *index, bool concurrent, int setupThreads = 1);
    ~ReplayUsers();

    static quint32 hashOf(QByteArrayView text);

    /// Whether locate() answers `text` (`ascii`: it has no byte above 0x7f) from the directory
    /// index, which is read-only: no cache, no lock. Other texts go through the cache.
    bool indexed(QByteArrayView text, bool ascii) const;
    /// The hash locate() and the prefetches want for `text`.
    quint32 hashFor(QByteArrayView text, bool ascii) const;

    /// Where a text leads: a directory user (whose facts factsOf() gives) or the text's facts.
    struct Location
    {
        int number = -1; ///< the user's position in the directory, -1: not in the directory
        UserFacts facts; ///< when not in the directory: the facts of the text's username string
    };

    /// The directory user `text` names (UTF-8, trimmed as QString::trimmed() trims, not empty;
    /// `hash` from hashFor()), or the facts of a text that names none. Those facts are of the
    /// rules in `rules` (Evaluator::candidates(); the other bits may be 0) for an indexed text,
    /// which is rarely seen twice, and of all rules for a cached one. `scratch` holds the
    /// username string while it is needed. Allocates nothing for an indexed text or one seen
    /// before, once `scratch` is large enough.
    Location locate(QByteArrayView text, quint32 hash, bool ascii, quint32 rules,
                    std::vector<char16_t> &scratch);
    /// The facts of the directory user at `number` (from locate()).
    const UserFacts &factsOf(int number) const { return m_facts[std::size_t(number)]; }
    /// Hints that factsOf(number) will soon be asked for.
    void prefetchFacts(int number) const { __builtin_prefetch(m_facts.data() + number); }

    /// What find() answers.
    struct Found
    {
        const DirectoryUser *user = nullptr; ///< nullptr: not in the directory
        UserFacts facts; ///< of every rule
    };
    /// locate() and factsOf() in one, with the user and its username string (usernameString()
    /// of the user, or of the text) in `username`: for one-off lookups and the tests.
    Found find(QByteArrayView text, quint32 hash, bool ascii, std::vector<char16_t> &username);

    /// Hints that locate() will soon be asked for `text`: loads its table slot. Takes no lock.
    void prefetchSlot(quint32 hash, bool indexed) const;
    /// Hints that locate() will soon be asked for `text`: loads its entry (after prefetchSlot()).
    void prefetchEntry(QByteArrayView text, quint32 hash, bool indexed);

    /// Number of distinct texts cached now (for tests and statistics).
    qsizetype cachedTexts() const;

    static constexpr int ShardCount = 16;
    static constexpr qsizetype MaxEntriesPerShard = 1 << 14;

private:
    struct Shard
    {
        std::mutex mutex;
        std::vector<quint64> table; ///< (hash << 32) | (offset into arena + 1); 0: empty
        std::vector<char> arena; ///< entries: a header (the Location), then the text
        qsizetype count = 0;
        /// The table's address and mask, readable without the lock (for prefetching only).
        std::atomic<const quint64 *> tableAddress {nullptr};
        std::atomic<std::size_t> tableMask {0};
    };

    /// The facts of directory users [begin, end).
    void computeFacts(int begin, int end);
    Location locateCached(QByteArrayView text, quint32 hash);
    Shard &shardFor(quint32 hash) const { return *m_shards[hash % ShardCount]; }
    /// The entry for `text` (its address in the shard's arena), or nullptr.
    const char *lookup(const Shard &shard, QByteArrayView text, quint32 hash) const;
    void insert(Shard &shard, QByteArrayView text, quint32 hash, const Location &location);

    const Evaluator &m_evaluator;
    const Directory &m_directory;
    /// Per directory user (by number), its facts.
    std::vector<UserFacts> m_facts;
    const ReplayDirectoryIndex *m_index;
    Environment m_environment;
    QString m_netbios;
    bool m_concurrent;
    std::array<std::unique_ptr<Shard>, ShardCount> m_shards;
};

} // namespace Car
