#pragma once

#include "directoryindex.h"

#include <QByteArrayView>

namespace Car {

class Directory;
struct DirectoryUser;

/// Replay's lookup of ASCII user texts in the directory's own index (Directory::index()): the
/// same answers as Directory::resolve() (domain §0: UserPrincipalName, then Alias, then
/// SamAccountName, ignoring case, the first imported user winning a shared alias or account
/// name, and DOMAIN\sam), without allocating: an ASCII text's key is the text in lower case.
/// Builds nothing (the directory keeps its index up to date); the directory must not change
/// while this is used. Read-only, so threads may share it.
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
    /// As resolve(), answering the user's number in the directory, or -1.
    int find(QByteArrayView text, quint32 hash, bool *textIsUpn = nullptr) const;

    /// The hash of `text`'s key (ASCII, at most MaxKey bytes).
    static quint32 hashOf(QByteArrayView text);
    /// Hints that resolve() will soon be asked for the text with this hash: loads its slot.
    void prefetchSlot(quint32 hash) const { m_index.prefetchSlot(hash); }
    /// Hints further (after prefetchSlot()): loads the entries a text of `length` bytes with
    /// this hash may match.
    void prefetchEntry(quint32 hash, qsizetype length) const
    {
        m_index.prefetchEntry(hash, length);
    }

    static constexpr qsizetype MaxKey = 255;

    /// Bytes held by the directory's index (for the benchmarks).
    qsizetype memoryBytes() const { return m_index.memoryBytes(); }

private:
    const Directory &m_directory;
    const DirectoryIndex &m_index;
};

} // namespace Car
