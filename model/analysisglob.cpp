#include "analysisglob.h"

#include <QSet>

#include <deque>
#include <string>
#include <unordered_map>

namespace Car {

namespace {

bool testBit(const std::vector<quint64> &state, int bit)
{
    return (state[std::size_t(bit >> 6)] >> (bit & 63)) & 1u;
}

void setBit(std::vector<quint64> &state, int bit)
{
    state[std::size_t(bit >> 6)] |= quint64(1) << (bit & 63);
}

std::string keyOf(const std::vector<quint64> &state)
{
    return std::string(reinterpret_cast<const char *>(state.data()),
                       state.size() * sizeof(quint64));
}

} // namespace

int AnalysisGlob::addPattern(const QString &folded, bool wildcard)
{
    Pattern pattern;
    pattern.text = folded;
    pattern.wildcard = wildcard;
    pattern.offset = m_words;
    pattern.words = int(folded.size() + 1 + 63) / 64; // positions 0..size
    m_words += pattern.words;
    m_patterns.append(pattern);
    return int(m_patterns.size()) - 1;
}

void AnalysisGlob::close(const Pattern &p, State &state) const
{
    // A star may match the empty run: position i (a star) also stands at i + 1. Ascending order
    // carries runs of stars through.
    const int base = p.offset * 64;
    for (int i = 0; i < p.text.size(); ++i) {
        if (isStar(p, i) && testBit(state, base + i))
            setBit(state, base + i + 1);
    }
}

AnalysisGlob::State AnalysisGlob::start() const
{
    State state(std::size_t(m_words), 0);
    for (const Pattern &p : m_patterns) {
        setBit(state, p.offset * 64);
        close(p, state);
    }
    return state;
}

AnalysisGlob::State AnalysisGlob::step(const State &state, QChar c) const
{
    State next(std::size_t(m_words), 0);
    for (const Pattern &p : m_patterns) {
        const int base = p.offset * 64;
        for (int i = 0; i < p.text.size(); ++i) {
            if (!testBit(state, base + i))
                continue;
            if (isStar(p, i))
                setBit(next, base + i); // the star consumes c and stays
            else if (p.text[i] == c)
                setBit(next, base + i + 1);
        }
        close(p, next);
    }
    return next;
}

QByteArray AnalysisGlob::vectorOf(const State &state) const
{
    QByteArray vector(m_patterns.size(), '0');
    for (int i = 0; i < m_patterns.size(); ++i) {
        const Pattern &p = m_patterns[i];
        if (testBit(state, p.offset * 64 + int(p.text.size())))
            vector[i] = '1';
    }
    return vector;
}

bool AnalysisGlob::explore(bool includeEmpty, int stateLimit)
{
    m_examples.clear();
    m_exact = true;

    // The alphabet: every literal character of the patterns, then one character none of them
    // uses (all such characters behave alike). '@' goes last so that examples rarely contain one
    // (a user text with '@' is turned into domain\name).
    QList<QChar> alphabet;
    QSet<QChar> used;
    for (const Pattern &p : m_patterns) {
        for (int i = 0; i < p.text.size(); ++i) {
            if (!isStar(p, i))
                used.insert(p.text[i]);
        }
    }
    const QString others = QStringLiteral("xqzjkvwy0123456789");
    QChar other = QChar(0x2042);
    for (QChar c : others) {
        if (!used.contains(c)) {
            other = c;
            break;
        }
    }
    alphabet.append(other);
    QList<QChar> literals = used.values();
    std::sort(literals.begin(), literals.end(), [](QChar a, QChar b) {
        const bool atA = a == u'@', atB = b == u'@';
        return atA != atB ? atB : a < b;
    });
    alphabet.append(literals);

    std::unordered_map<std::string, int> seen;
    QSet<QByteArray> vectors;
    struct Entry
    {
        State state;
        QString text;
    };
    std::deque<Entry> queue;
    Entry first {start(), QString()};
    // Without the empty string, the start state must stay reachable again by a non-empty string
    // ("x" leaves `*\*` where it started), so it is not marked as seen.
    if (includeEmpty)
        seen.emplace(keyOf(first.state), 0);
    queue.push_back(std::move(first));
    while (!queue.empty()) {
        Entry entry = std::move(queue.front());
        queue.pop_front();
        if (includeEmpty || !entry.text.isEmpty()) {
            const QByteArray vector = vectorOf(entry.state);
            if (!vectors.contains(vector)) {
                vectors.insert(vector);
                m_examples.append(entry.text);
            }
        }
        for (QChar c : alphabet) {
            State next = step(entry.state, c);
            std::string key = keyOf(next);
            if (seen.count(key))
                continue;
            if (int(seen.size()) >= stateLimit) {
                m_exact = false;
                continue;
            }
            seen.emplace(std::move(key), 0);
            queue.push_back({std::move(next), entry.text + c});
        }
    }
    return m_exact;
}

bool AnalysisGlob::matches(int index, QStringView folded) const
{
    State state = start();
    for (QChar c : folded)
        state = step(state, c);
    const Pattern &p = m_patterns[index];
    return testBit(state, p.offset * 64 + int(p.text.size()));
}

} // namespace Car
