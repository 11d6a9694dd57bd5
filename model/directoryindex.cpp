#include "directoryindex.h"

#include "shortbytes.h"

#include <QByteArray>
#include <QString>

#include <cstring>

namespace Car {

namespace {

constexpr std::size_t HeaderSize = 2 * sizeof(quint32) + 1;
constexpr char KindBits = 0x7f;
constexpr char ExactBit = char(0x80);

struct Entry
{
    quint32 user;
    quint32 length;
    DirectoryIndex::Kind kind;
    bool exact;
    const char *key;
};

Entry entryAt(const char *p)
{
    Entry e;
    std::memcpy(&e.user, p, sizeof e.user);
    std::memcpy(&e.length, p + 4, sizeof e.length);
    e.kind = DirectoryIndex::Kind(p[8] & KindBits);
    e.exact = (p[8] & ExactBit) != 0;
    e.key = p + HeaderSize;
    return e;
}

} // namespace

QByteArray DirectoryIndex::keyOf(const QString &text)
{
    const QString folded = text.trimmed().toCaseFolded();
    QByteArray key;
    key.reserve(folded.size());
    const auto *s = reinterpret_cast<const char16_t *>(folded.utf16());
    const qsizetype n = folded.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char32_t c = s[i];
        if (c < 0x80) {
            key.append(char(c));
        } else if (c < 0x800) {
            key.append(char(0xC0 | (c >> 6)));
            key.append(char(0x80 | (c & 0x3F)));
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(s[i + 1])) {
            const char32_t u = QChar::surrogateToUcs4(char16_t(c), s[++i]);
            key.append(char(0xF0 | (u >> 18)));
            key.append(char(0x80 | ((u >> 12) & 0x3F)));
            key.append(char(0x80 | ((u >> 6) & 0x3F)));
            key.append(char(0x80 | (u & 0x3F)));
        } else { // the rest of the BMP, and lone surrogates (WTF-8)
            key.append(char(0xE0 | (c >> 12)));
            key.append(char(0x80 | ((c >> 6) & 0x3F)));
            key.append(char(0x80 | (c & 0x3F)));
        }
    }
    return key;
}

quint32 DirectoryIndex::hashOf(QByteArrayView key)
{
    return ShortBytes::hash(key);
}

void DirectoryIndex::clear()
{
    m_table.clear();
    m_arena.clear();
    m_count = 0;
}

void DirectoryIndex::reserve(qsizetype users)
{
    // Three keys a user, about 40 bytes each with the header.
    m_arena.reserve(std::size_t(users) * 3 * 40);
    std::size_t size = 64;
    while (size * 3 < std::size_t(users) * 3 * 4) // a load of at most 3/4
        size *= 2;
    if (size > m_table.size()) {
        m_table.resize(size);
        grow(); // rehash into the new size
    }
}

void DirectoryIndex::grow()
{
    // Called with m_table resized (or empty): re-places every slot from the arena's hashes.
    std::size_t size = m_table.size();
    if (size == 0)
        size = 64;
    else if (std::size_t(m_count + 1) * 4 > size * 3)
        size *= 2;
    std::vector<quint64> old;
    old.swap(m_table);
    m_table.assign(size, 0);
    const std::size_t mask = size - 1;
    for (const quint64 slot : old) {
        if (slot == 0)
            continue;
        std::size_t i = std::size_t(slot >> 32) & mask;
        while (m_table[i] != 0)
            i = (i + 1) & mask;
        m_table[i] = slot;
    }
}

bool DirectoryIndex::add(Kind kind, QByteArrayView key, int user, bool exact)
{
    const quint32 hash = hashOf(key);
    if (find(kind, key, hash) >= 0)
        return false;
    if (m_table.empty() || std::size_t(m_count + 1) * 4 > m_table.size() * 3)
        grow();
    const std::size_t offset = m_arena.size();
    m_arena.resize(offset + HeaderSize + std::size_t(key.size()));
    char *entry = m_arena.data() + offset;
    const quint32 index = quint32(user);
    const quint32 length = quint32(key.size());
    std::memcpy(entry, &index, sizeof index);
    std::memcpy(entry + 4, &length, sizeof length);
    entry[8] = char(char(kind) | (exact ? ExactBit : 0));
    std::memcpy(entry + HeaderSize, key.data(), std::size_t(key.size()));
    const std::size_t mask = m_table.size() - 1;
    std::size_t i = hash & mask;
    while (m_table[i] != 0)
        i = (i + 1) & mask;
    m_table[i] = (quint64(hash) << 32) | (quint64(offset) + 1);
    ++m_count;
    return true;
}

int DirectoryIndex::find(Kind kind, QByteArrayView key, quint32 hash) const
{
    if (m_table.empty())
        return -1;
    const std::size_t mask = m_table.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const quint64 slot = m_table[i];
        if (slot == 0)
            return -1;
        if (quint32(slot >> 32) != hash)
            continue;
        const Entry e = entryAt(m_arena.data() + (quint32(slot) - 1));
        if (e.kind == kind && e.length == quint32(key.size())
            && ShortBytes::equal(e.key, key.data(), key.size()))
            return int(e.user);
    }
}

int DirectoryIndex::findBest(QByteArrayView key, quint32 hash, Kind worst, bool *exact) const
{
    if (m_table.empty())
        return -1;
    int best = -1;
    Kind bestKind = worst;
    const std::size_t mask = m_table.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const quint64 slot = m_table[i];
        if (slot == 0)
            return best;
        if (quint32(slot >> 32) != hash)
            continue;
        const Entry e = entryAt(m_arena.data() + (quint32(slot) - 1));
        if (e.kind <= bestKind && (best < 0 || e.kind < bestKind) && e.length == quint32(key.size())
            && ShortBytes::equal(e.key, key.data(), key.size())) {
            best = int(e.user);
            bestKind = e.kind;
            if (exact)
                *exact = e.kind == Kind::Upn && e.exact;
            if (e.kind == Kind::Upn)
                return best;
        }
    }
}

void DirectoryIndex::prefetchEntry(quint32 hash, qsizetype keyLength) const
{
    if (m_table.empty())
        return;
    const std::size_t mask = m_table.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const quint64 slot = m_table[i];
        if (slot == 0)
            return;
        if (quint32(slot >> 32) == hash) {
            // The entry's header, and the end of its key when that is on the next cache line
            // (entries are packed: about a third of them straddle two lines).
            const char *entry = m_arena.data() + (quint32(slot) - 1);
            const char *last = entry + HeaderSize + keyLength - 1;
            __builtin_prefetch(entry);
            if ((quintptr(entry) ^ quintptr(last)) >= 64)
                __builtin_prefetch(last);
        }
    }
}

qsizetype DirectoryIndex::memoryBytes() const
{
    return qsizetype(m_table.capacity() * sizeof(quint64) + m_arena.capacity());
}

} // namespace Car
