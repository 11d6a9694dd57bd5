#include "replaydirectoryindex.h"

#include "directory.h"
#include "replayfields.h"

namespace Car {

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

ReplayDirectoryIndex::ReplayDirectoryIndex(const Directory &directory)
    : m_directory(directory)
    , m_index(directory.index())
{ }

quint32 ReplayDirectoryIndex::hashOf(QByteArrayView text)
{
    char folded[MaxKey];
    return DirectoryIndex::hashOf(foldAscii(text, folded, nullptr));
}

const DirectoryUser *ReplayDirectoryIndex::resolve(QByteArrayView text, quint32 hash,
                                                   bool *textIsUpn) const
{
    const int index = find(text, hash, textIsUpn);
    return index >= 0 ? &m_directory.user(index) : nullptr;
}

int ReplayDirectoryIndex::find(QByteArrayView text, quint32 hash, bool *textIsUpn) const
{
    char folded[MaxKey];
    const qsizetype n = text.size();
    bool lowerCase = true;
    const QByteArrayView key = foldAscii(text, folded, &lowerCase);
    bool exact = false;
    int index = m_index.findBest(key, hash, DirectoryIndex::Kind::Sam, &exact);
    if (textIsUpn) {
        // The user's UPN is its key exactly, and so is the text: they are the same string.
        *textIsUpn = index >= 0 && exact && lowerCase;
    }
    if (index < 0) {
        // DOMAIN\sam, as Test-ClientAccessRule accepts it.
        const qsizetype slash = ReplayFields::lastIndexOf(key, '\\');
        if (slash > 0 && slash < n - 1) {
            const QByteArrayView sam = key.sliced(slash + 1);
            index = m_index.find(DirectoryIndex::Kind::Sam, sam, DirectoryIndex::hashOf(sam));
        }
    }
    return index;
}

} // namespace Car
