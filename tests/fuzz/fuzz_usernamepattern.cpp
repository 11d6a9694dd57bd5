// Fuzzes UsernamePattern: the first line is the pattern, every further line a username. Checks
// matches() against a plain backtracking glob (anchored, `*` any run, the rest literal, each
// UTF-16 unit case-folded), and that the text round-trips.

#include "fuzzcommon.h"
#include "usernamepattern.h"

#include <QList>
#include <QStringView>

using namespace Car;

namespace {

// Reference: the classic backtracking glob over case-folded text.
bool referenceMatch(QStringView pattern, QStringView text)
{
    qsizetype p = 0, t = 0, starP = -1, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == u'*') {
            starP = p++;
            starT = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (starP >= 0) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

// Simple case folding of each UTF-16 unit (the pattern's own notion of ignoring case).
QString foldEach(QStringView text)
{
    QString folded;
    folded.reserve(text.size());
    for (QChar c : text)
        folded += c.toCaseFolded();
    return folded;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = CarFuzz::text(data, size);
    const QList<QStringView> lines = QStringView(input).split(u'\n');
    QString error;
    const auto pattern = UsernamePattern::parse(lines.first(), &error);
    if (!pattern) {
        CAR_FUZZ_CHECK(!error.isEmpty(), input);
        return 0;
    }
    (void)pattern->warning();
    const auto again = UsernamePattern::parse(pattern->text());
    CAR_FUZZ_CHECK(again && again->text() == pattern->text(), input);
    const QString foldedPattern = foldEach(pattern->text());
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringView user = lines.at(i);
        const bool got = pattern->matches(user);
        const bool want = referenceMatch(foldedPattern, foldEach(user));
        CAR_FUZZ_CHECK(got == want,
                       QStringLiteral("pattern '%1' user '%2' got %3")
                           .arg(pattern->text(), user.toString(),
                                got ? QStringLiteral("match") : QStringLiteral("no match")));
    }
    return 0;
}
