#include "replaydirectoryindex.h"

#include "directory.h"
#include "replayfields.h"
#include "replayusers.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace Car {

namespace {

constexpr std::size_t HeaderSize = sizeof(quint32) + 2;

// Directory's key: trimmed and case-folded. Puts it into `out` as bytes when it is ASCII.
bool asciiKey(const QString &text, std::vector<char> &out)
{
    out.clear();
    if (text.isEmpty() || text.size() > ReplayDirectoryIndex::MaxKey)
        return false;
    // Most names are ASCII already in lower case without blanks around them: they are their key.
    const QChar *chars = text.constData();
    const qsizetype n = text.size();
    const auto blank = [](char16_t c) {
        return c == u' ' || (c >= u'\t' && c <= u'\r');
    };
    bool plain = !blank(chars[0].unicode()) && !blank(chars[n - 1].unicode());
    for (qsizetype i = 0; plain && i < n; ++i) {
        const char16_t c = chars[i].unicode();
        plain = c < 0x80 && !(c >= u'A' && c <= u'Z');
    }
    if (plain) {
        out.resize(std::size_t(n));
        for (qsizetype i = 0; i < n; ++i)
            out[std::size_t(i)] = char(chars[i].unicode());
        return true;
    }
    const QString key = text.trimmed().toCaseFolded();
    if (key.isEmpty() || key.size() > ReplayDirectoryIndex::MaxKey)
        return false;
    for (const QChar c : key) {
        if (c.unicode() >= 0x80)
            return false;
        out.push_back(char(c.unicode()));
    }
    return true;
}

} // namespace

ReplayDirectoryIndex::ReplayDirectoryIndex(const Directory &directory)
    : m_directory(directory)
{
    std::size_t size = 64;
    while (size < std::size_t(directory.size()) * 4)
        size *= 2;
    m_table.assign(size, 0);
    m_arena.reserve(std::size_t(directory.size()) * 64);

    // Users go in chunks, so that the memory the next chunk reads (its names) and the table
    // slots this chunk writes are loaded while other work goes on.
    struct Pending
    {
        Kind kind;
        bool exact;
        int user;
        quint32 hash;
        std::size_t offset;
        std::size_t length;
    };
    constexpr int Chunk = 16;
    std::vector<char> key;
    std::vector<char> keys;
    std::vector<Pending> pending;
    const int count = directory.size();
    for (int first = 0; first < count; first += Chunk) {
        const int last = std::min(count, first + Chunk);
        for (int i = last; i < std::min(count, last + Chunk); ++i) {
            const DirectoryUser &user = directory.user(i);
            __builtin_prefetch(user.userPrincipalName.constData());
            __builtin_prefetch(user.alias.constData());
            __builtin_prefetch(user.samAccountName.constData());
        }
        keys.clear();
        pending.clear();
        for (int i = first; i < last; ++i) {
            const DirectoryUser &user = directory.user(i);
            for (const auto &[kind, field] :
                 {std::pair<Kind, const QString *>(Kind::Upn, &user.userPrincipalName),
                  {Kind::Alias, &user.alias},
                  {Kind::Sam, &user.samAccountName}}) {
                if (!asciiKey(*field, key))
                    continue;
                const QByteArrayView view(key.data(), qsizetype(key.size()));
                const quint32 hash = ReplayUsers::hashOf(view);
                prefetchSlot(hash);
                pending.push_back(
                    {kind, field->size() == view.size() && *field == QLatin1StringView(view), i,
                     hash, keys.size(), key.size()});
                keys.insert(keys.end(), key.begin(), key.end());
            }
        }
        // In import order, as Directory indexes them: for aliases and account names the first
        // wins.
        for (const Pending &p : pending)
            insertIfAbsent(p.kind, QByteArrayView(keys.data() + p.offset, qsizetype(p.length)),
                           p.user, p.exact, p.hash);
    }
}

namespace {

constexpr char KindBits = 0x7f;
constexpr char ExactBit = char(0x80);

} // namespace

int ReplayDirectoryIndex::find(Kind kind, QByteArrayView key, quint32 hash) const
{
    const std::size_t mask = m_table.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const quint64 slot = m_table[i];
        if (slot == 0)
            return -1;
        if (quint32(slot >> 32) != hash)
            continue;
        const char *entry = m_arena.data() + (quint32(slot) - 1);
        if (Kind(entry[4] & KindBits) == kind && uchar(entry[5]) == key.size()
            && ReplayFields::equalBytes(entry + HeaderSize, key.data(), key.size())) {
            quint32 user = 0;
            std::memcpy(&user, entry, sizeof user);
            return int(user);
        }
    }
}

int ReplayDirectoryIndex::findBest(QByteArrayView key, quint32 hash, Kind worst, bool *exact) const
{
    int best = -1;
    Kind bestKind = worst;
    const std::size_t mask = m_table.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const quint64 slot = m_table[i];
        if (slot == 0)
            return best;
        if (quint32(slot >> 32) != hash)
            continue;
        const char *entry = m_arena.data() + (quint32(slot) - 1);
        const Kind kind = Kind(entry[4] & KindBits);
        if (kind <= bestKind && (best < 0 || kind < bestKind) && uchar(entry[5]) == key.size()
            && ReplayFields::equalBytes(entry + HeaderSize, key.data(), key.size())) {
            quint32 user = 0;
            std::memcpy(&user, entry, sizeof user);
            best = int(user);
            bestKind = kind;
            *exact = kind == Kind::Upn && (entry[4] & ExactBit) != 0;
            if (kind == Kind::Upn)
                return best;
        }
    }
}

void ReplayDirectoryIndex::insertIfAbsent(Kind kind, QByteArrayView key, int user, bool exact,
                                          quint32 hash)
{
    if (find(kind, key, hash) >= 0)
        return;
    const std::size_t offset = m_arena.size();
    m_arena.resize(offset + HeaderSize + std::size_t(key.size()));
    char *entry = m_arena.data() + offset;
    const quint32 index = quint32(user);
    std::memcpy(entry, &index, sizeof index);
    entry[4] = char(char(kind) | (exact ? ExactBit : 0));
    entry[5] = char(uchar(key.size()));
    std::memcpy(entry + HeaderSize, key.data(), std::size_t(key.size()));
    const std::size_t mask = m_table.size() - 1;
    std::size_t i = hash & mask;
    while (m_table[i] != 0)
        i = (i + 1) & mask;
    m_table[i] = (quint64(hash) << 32) | (quint64(offset) + 1);
    ++m_count;
}

namespace {

// Case folding of ASCII is lower-casing. `folded` holds MaxKey bytes.
QByteArrayView foldAscii(QByteArrayView text, char *folded, bool *lowerCase)
{
    bool lower = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool upper = c >= 'A' && c <= 'Z';
        lower = lower && !upper;
        folded[i] = upper ? char(c - 'A' + 'a') : c;
    }
    if (lowerCase)
        *lowerCase = lower;
    return QByteArrayView(folded, text.size());
}

} // namespace

quint32 ReplayDirectoryIndex::hashOf(QByteArrayView text)
{
    char folded[MaxKey];
    return ReplayUsers::hashOf(foldAscii(text, folded, nullptr));
}

void ReplayDirectoryIndex::prefetchEntry(quint32 hash) const
{
    const std::size_t mask = m_table.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const quint64 slot = m_table[i];
        if (slot == 0)
            return;
        if (quint32(slot >> 32) == hash)
            __builtin_prefetch(m_arena.data() + (quint32(slot) - 1));
    }
}

const DirectoryUser *ReplayDirectoryIndex::resolve(QByteArrayView text, quint32 hash,
                                                   bool *textIsUpn) const
{
    char folded[MaxKey];
    const qsizetype n = text.size();
    bool lowerCase = true;
    const QByteArrayView key = foldAscii(text, folded, &lowerCase);
    bool exact = false;
    int index = findBest(key, hash, Kind::Sam, &exact);
    if (textIsUpn) {
        // The user's UPN is its key exactly, and so is the text: they are the same string.
        *textIsUpn = index >= 0 && exact && lowerCase;
    }
    if (index < 0) {
        // DOMAIN\sam, as Test-ClientAccessRule accepts it.
        const qsizetype slash = ReplayFields::lastIndexOf(key, '\\');
        if (slash > 0 && slash < n - 1) {
            const QByteArrayView sam = key.sliced(slash + 1);
            index = find(Kind::Sam, sam, ReplayUsers::hashOf(sam));
        }
    }
    return index >= 0 ? &m_directory.user(index) : nullptr;
}

qsizetype ReplayDirectoryIndex::memoryBytes() const
{
    return qsizetype(m_table.capacity() * sizeof(quint64) + m_arena.capacity());
}

} // namespace Car
