#pragma once

#include <QByteArrayView>

#include <vector>

namespace Car {

class Directory;
struct DirectoryUser;

/// A compact lookup of a directory's users by their ASCII keys, for replay: the same answers as
/// Directory::resolve() (domain §0: UserPrincipalName, then Alias, then SamAccountName, ignoring
/// case, the first imported user winning a shared alias or account name, and DOMAIN\sam) for
/// user texts of ASCII characters, without allocating and with a stored hash per entry, so that
/// a miss costs a cache line rather than a string comparison per probe. Built once from the
/// directory (which must not change while the index is used); read-only, so threads may share
/// it. Keys that are not ASCII once case-folded can never equal an ASCII text and are left out.
class ReplayDirectoryIndex
{
public:
    explicit ReplayDirectoryIndex(const Directory &directory);

    /// The user `text` names, or nullptr. `text`: ASCII, trimmed, not empty, at most MaxKey bytes
    /// (callers ask Directory::resolve() for anything else). `textIsUpn` (optional) tells
    /// whether `text` is exactly the user's UserPrincipalName, so that its username string can
    /// be made from the text without reading the user.
    const DirectoryUser *resolve(QByteArrayView text, bool *textIsUpn = nullptr) const
    {
        return resolve(text, hashOf(text), textIsUpn);
    }
    /// As above, with `hash` from hashOf(text).
    const DirectoryUser *resolve(QByteArrayView text, quint32 hash, bool *textIsUpn) const;

    /// The hash of `text`'s key (ASCII, at most MaxKey bytes).
    static quint32 hashOf(QByteArrayView text);
    /// Hints that resolve() will soon be asked for the text with this hash: loads its slot.
    void prefetchSlot(quint32 hash) const
    {
        __builtin_prefetch(m_table.data() + (hash & (m_table.size() - 1)));
    }
    /// Hints further (after prefetchSlot()): loads the entries the text may match.
    void prefetchEntry(quint32 hash) const;

    static constexpr qsizetype MaxKey = 255;

    /// Bytes held (for the benchmarks).
    qsizetype memoryBytes() const;

private:
    enum class Kind : quint8 { Upn, Alias, Sam };

    /// The user whose key of `kind` equals `key`, or -1.
    int find(Kind kind, QByteArrayView key, quint32 hash) const;
    /// The user with the best kind (UPN before alias before account name) for `key`, or -1.
    /// Every kind of one key shares a hash, so this is one walk of one probe chain. `exact`:
    /// the match is a UPN that is exactly its key.
    int findBest(QByteArrayView key, quint32 hash, Kind worst, bool *exact) const;
    void insertIfAbsent(Kind kind, QByteArrayView key, int user, bool exact, quint32 hash);

    const Directory &m_directory;
    std::vector<quint64> m_table; ///< (hash << 32) | (offset into m_arena + 1); 0: empty
    /// Entries: quint32 user index, Kind (bit 7: the field is exactly its key), quint8 key
    /// length, the key (case-folded ASCII).
    std::vector<char> m_arena;
    qsizetype m_count = 0;
};

} // namespace Car
