#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringView>

#include <vector>

namespace Car {

/// Finds, exactly, which combinations of "matches / does not match" a list of glob patterns can
/// show on one string, with a shortest example string for each combination.
///
/// A pattern is a case-folded string; in a wildcard pattern `*` matches any run of characters
/// (also empty), every other character is literal (the semantics of UsernamePattern and of the
/// recipient filter's -like). A literal pattern (-eq, $null) matches only itself.
///
/// It walks the product of the patterns' automata over the characters the patterns use plus one
/// "other" character (every other character behaves like it), breadth first, so every reachable
/// combination is found unless the walk exceeds its state limit; then isExact() is false and the
/// combinations found so far are a subset (the analysis then says "cannot tell").
class AnalysisGlob
{
public:
    /// Adds a pattern (already case-folded) and returns its index.
    int addPattern(const QString &folded, bool wildcard);
    int patternCount() const { return int(m_patterns.size()); }

    /// Runs the walk. `includeEmpty`: whether the empty string is a candidate. `stateLimit` bounds
    /// the product states visited. Returns isExact().
    bool explore(bool includeEmpty, int stateLimit = 20000);

    bool isExact() const { return m_exact; }
    /// One example string per distinct combination, shortest first.
    const QList<QString> &examples() const { return m_examples; }

    /// Whether `folded` matches pattern `index` by this class's semantics (for self-checks).
    bool matches(int index, QStringView folded) const;

private:
    struct Pattern
    {
        QString text;
        bool wildcard = false;
        int offset = 0; ///< first word of this pattern's position set in a state
        int words = 0;
    };
    using State = std::vector<quint64>;

    bool isStar(const Pattern &p, int i) const { return p.wildcard && p.text[i] == u'*'; }
    void close(const Pattern &p, State &state) const;
    State start() const;
    State step(const State &state, QChar c) const;
    QByteArray vectorOf(const State &state) const;

    QList<Pattern> m_patterns;
    int m_words = 0;
    QList<QString> m_examples;
    bool m_exact = true;
};

} // namespace Car
