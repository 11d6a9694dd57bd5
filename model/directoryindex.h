#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace Car {

/// The directory's lookup of users by key (domain §0): UserPrincipalName, Alias and
/// SamAccountName, each trimmed and case-folded, stored as bytes (WTF-8: UTF-8 that also encodes
/// lone surrogates, so that distinct keys stay distinct) in one packed arena, with one open
/// addressing table of (hash, offset) slots. Every kind of one key shares a hash, so "UPN, then
/// alias, then account name" is one walk of one probe chain, and a miss costs a cache line
/// rather than a string comparison per probe. ASCII keys are the lower-case text itself, so
/// replay looks its (ASCII) user texts up without converting them.
///
/// Users are numbers (their position in the directory). Read-only use is thread-safe.
class DirectoryIndex
{
public:
    enum class Kind : quint8 { Upn, Alias, Sam };

    /// The key of `text`: trimmed, case-folded, WTF-8. Empty for a blank text.
    static QByteArray keyOf(const QString &text);
    /// The hash every lookup of `key` wants.
    static quint32 hashOf(QByteArrayView key);

    /// Adds `user` under `key` as `kind` unless a user already has that key as that kind (the
    /// first one added wins); returns whether it was added. `exact`: the field is exactly its key
    /// (see findBest()). Keys up to 2^30 bytes.
    bool add(Kind kind, QByteArrayView key, int user, bool exact);
    /// Removes every key.
    void clear();
    /// Makes room for `users` users' keys (bulk loads).
    void reserve(qsizetype users);

    /// The user with `key` (hash `hash`) as `kind`, or -1.
    int find(Kind kind, QByteArrayView key, quint32 hash) const;
    /// The user with the best kind for `key` (UPN before alias before account name, kinds after
    /// `worst` ignored), or -1. `exact` (optional) tells whether the match is a UPN that is
    /// exactly its key.
    int findBest(QByteArrayView key, quint32 hash, Kind worst, bool *exact = nullptr) const;

    /// Hints that a lookup of the key with this hash will come soon: loads its table slot.
    void prefetchSlot(quint32 hash) const
    {
        if (!m_table.empty())
            __builtin_prefetch(m_table.data() + (hash & (m_table.size() - 1)));
    }
    /// Hints further (after prefetchSlot()): loads the entries a key of `keyLength` bytes with
    /// this hash may match.
    void prefetchEntry(quint32 hash, qsizetype keyLength) const;

    /// Number of keys.
    qsizetype size() const { return m_count; }
    /// Bytes held.
    qsizetype memoryBytes() const;

private:
    void grow();

    std::vector<quint64> m_table; ///< (hash << 32) | (offset into m_arena + 1); 0: empty
    /// Entries: quint32 user, quint32 key length, quint8 kind (bit 7: exact), the key.
    std::vector<char> m_arena;
    qsizetype m_count = 0;
};

} // namespace Car
