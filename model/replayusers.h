#pragma once

#include "enums.h"

#include <QByteArrayView>
#include <QString>

#include <array>
#include <memory>
#include <mutex>
#include <vector>

namespace Car {

class Directory;
struct DirectoryUser;
class RuleSet;

/// Replay's user resolution: remembers, per distinct user text, which directory user it names,
/// so that each text is looked up in the directory once (Directory::resolve, domain §0) however
/// many rows name it. One instance is shared by all replay workers: the cache is split into
/// shards, each with its own lock, and takes no lock at all when used by one thread only.
/// Memory is bounded: a shard that grows past its limit starts over.
class ReplayUsers
{
public:
    ReplayUsers(const RuleSet &rules, const Directory &directory, bool concurrent);
    ~ReplayUsers();

    /// The user named by `text` (ASCII, trimmed, not empty), or nullptr (not in the directory).
    const DirectoryUser *find(QByteArrayView text);

    /// The username string patterns see (usernameString(), domain §0/§9) for `user` as found for
    /// `text` (ASCII, trimmed), written to `out` without allocating once `out` is large enough.
    void username(const DirectoryUser *user, QByteArrayView text, std::vector<char16_t> &out) const;

    /// Number of distinct texts resolved so far (for tests and statistics).
    qsizetype cachedTexts() const;

    static constexpr int ShardCount = 16;
    static constexpr qsizetype MaxEntriesPerShard = 1 << 14;

private:
    struct Shard
    {
        std::mutex mutex;
        std::vector<quint64> table; ///< (hash << 32) | (offset into arena + 1); 0: empty
        std::vector<char> arena; ///< per entry: quint16 length, the text, the user pointer
        qsizetype count = 0;
    };

    const DirectoryUser *lookup(Shard &shard, QByteArrayView text, quint32 hash) const;
    void insert(Shard &shard, QByteArrayView text, quint32 hash, const DirectoryUser *user);

    const Directory &m_directory;
    Environment m_environment;
    QString m_netbios;
    bool m_concurrent;
    std::array<std::unique_ptr<Shard>, ShardCount> m_shards;
};

} // namespace Car
