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
/// Lookups can be prefetched a few rows ahead (prefetchSlot(), then prefetchEntry(), then find())
/// so that the cache misses of a large directory overlap instead of adding up.
class ReplayUsers
{
public:
    /// `index` (optional, shared, outliving this) resolves ASCII texts faster than the directory.
    /// `evaluator` (outliving this) computes the facts, and its rule set's environment and NetBIOS
    /// domain form the username strings.
    ReplayUsers(const Evaluator &evaluator, const Directory &directory,
                const ReplayDirectoryIndex *index, bool concurrent);
    ~ReplayUsers();

    static quint32 hashOf(QByteArrayView text);

    /// Whether find() answers `text` (`ascii`: it has no byte above 0x7f) from the directory
    /// index, which is read-only: no cache, no lock. Other texts go through the cache.
    bool indexed(QByteArrayView text, bool ascii) const;
    /// The hash find() and the prefetches want for `text`.
    quint32 hashFor(QByteArrayView text, bool ascii) const;

    /// What find() answers.
    struct Found
    {
        const DirectoryUser *user = nullptr; ///< nullptr: not in the directory
        UserFacts facts; ///< the evaluator's userFacts() of the user (or of the text)
    };

    /// The user named by `text` (UTF-8, trimmed as QString::trimmed() trims, not empty; `hash`
    /// from hashFor()) and its facts. With `wantUsername`, the username string is written to
    /// `username`; without, `username` is scratch space (replay's rows need only the facts).
    /// `rules`: the rules whose facts are wanted (Evaluator::candidates()); an ASCII text that
    /// is not in the directory gets the facts of these alone (the other bits are 0), the rest
    /// get all. Allocates nothing for an indexed text or one seen before, once `username` is
    /// large enough.
    Found find(QByteArrayView text, quint32 hash, bool ascii, std::vector<char16_t> &username,
               bool wantUsername = true, quint32 rules = ~quint32(0));

    /// Hints that find() will soon be asked for `text`: loads its table slot. Takes no lock.
    void prefetchSlot(quint32 hash, bool indexed) const;
    /// Hints that find() will soon be asked for `text`: loads its entry (after prefetchSlot()).
    void prefetchEntry(QByteArrayView text, quint32 hash, bool indexed);

    /// Number of distinct texts cached now (for tests and statistics).
    qsizetype cachedTexts() const;

    /// How an entry's username string is made from its text: most are the text itself, or its
    /// two halves around the last '@' swapped (user@domain -> domain\user); others are stored.
    enum class Recipe : quint8 { Stored, Text, Swapped };

    static constexpr int ShardCount = 16;
    static constexpr qsizetype MaxEntriesPerShard = 1 << 14;

private:
    struct Shard
    {
        std::mutex mutex;
        std::vector<quint64> table; ///< (hash << 32) | (offset into arena + 1); 0: empty
        std::vector<char> arena; ///< entries: a header, the text, the username if stored
        qsizetype count = 0;
        /// The table's address and mask, readable without the lock (for prefetching only).
        std::atomic<const quint64 *> tableAddress {nullptr};
        std::atomic<std::size_t> tableMask {0};
    };

    QString usernameFor(const DirectoryUser *user, const QString &text) const;
    /// usernameString() of a user in the directory, into `out`, without allocating.
    void usernameOf(const DirectoryUser &user, std::vector<char16_t> &out) const;
    Found findCached(QByteArrayView text, quint32 hash, std::vector<char16_t> &username,
                     bool wantUsername);
    /// The facts of `user` (in the directory, or nullptr) with `username`.
    UserFacts factsOf(const DirectoryUser *user, QStringView username) const;
    Shard &shardFor(quint32 hash) const { return *m_shards[hash % ShardCount]; }
    /// The entry for `text` (its address in the shard's arena), or nullptr.
    const char *lookup(const Shard &shard, QByteArrayView text, quint32 hash) const;
    void insert(Shard &shard, QByteArrayView text, quint32 hash, const Found &found, Recipe recipe,
                QStringView username);

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
