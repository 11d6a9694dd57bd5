#include "replaydirectoryindex.h"

#include "directory.h"
#include "replayfields.h"
#include "replayusers.h"

#include <cstring>

namespace Car {

namespace {

constexpr std::size_t HeaderSize = sizeof(quint32) + 2;

// Directory's key: trimmed and case-folded. Appends it to `out` as bytes when it is ASCII.
bool asciiKey(const QString &text, std::vector<char> &out)
{
    out.clear();
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
    std::vector<char> key;
    const auto add = [&](Kind kind, const QString &field, int user) {
        if (!asciiKey(field, key))
            return;
        const QByteArrayView view(key.data(), qsizetype(key.size()));
        insertIfAbsent(kind, view, user,
                       field.size() == view.size() && field == QLatin1StringView(view));
    };
    // In import order, as Directory indexes them: for aliases and account names the first wins.
    for (int i = 0; i < directory.size(); ++i) {
        const DirectoryUser &user = directory.user(i);
        add(Kind::Upn, user.userPrincipalName, i);
        add(Kind::Alias, user.alias, i);
        add(Kind::Sam, user.samAccountName, i);
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
            && std::memcmp(entry + HeaderSize, key.data(), std::size_t(key.size())) == 0) {
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
            && std::memcmp(entry + HeaderSize, key.data(), std::size_t(key.size())) == 0) {
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

void ReplayDirectoryIndex::insertIfAbsent(Kind kind, QByteArrayView key, int user, bool exact)
{
    const quint32 hash = ReplayUsers::hashOf(key);
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
