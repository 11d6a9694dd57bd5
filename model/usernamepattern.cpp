#include "usernamepattern.h"

#include <QCoreApplication>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::UsernamePattern", text);
}

// True when `folded` (already case-folded) equals `text` at `offset`, folding `text` per char.
bool equalsAt(QStringView text, qsizetype offset, const QString &folded)
{
    if (offset < 0 || offset + folded.size() > text.size())
        return false;
    for (qsizetype i = 0; i < folded.size(); ++i) {
        if (text[offset + i].toCaseFolded() != folded[i])
            return false;
    }
    return true;
}

// The first position >= from where `folded` occurs in text, ending at or before `end`; or -1.
qsizetype findIn(QStringView text, qsizetype from, qsizetype end, const QString &folded)
{
    for (qsizetype pos = from; pos + folded.size() <= end; ++pos) {
        if (equalsAt(text, pos, folded))
            return pos;
    }
    return -1;
}

} // namespace

std::optional<UsernamePattern> UsernamePattern::parse(QStringView text, QString *error)
{
    if (text.trimmed().isEmpty()) {
        if (error)
            *error = tr("a username pattern must not be empty");
        return std::nullopt;
    }
    UsernamePattern pattern;
    pattern.m_text = text.toString();
    pattern.m_leadingStar = text.startsWith(u'*');
    pattern.m_trailingStar = text.endsWith(u'*');
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype star = text.indexOf(u'*', start);
        if (star < 0)
            star = text.size();
        if (star > start) {
            QString segment;
            segment.reserve(star - start);
            for (QChar c : text.mid(start, star - start))
                segment += c.toCaseFolded();
            pattern.m_segments.append(segment);
        }
        start = star + 1;
    }
    return pattern;
}

bool UsernamePattern::matches(QStringView username) const
{
    if (m_text.isEmpty())
        return false;
    const qsizetype count = m_segments.size();
    if (count == 0)
        return true; // only stars: any run of characters
    qsizetype pos = 0;
    qsizetype next = 0;
    if (!m_leadingStar) {
        if (!equalsAt(username, 0, m_segments.first()))
            return false;
        pos = m_segments.first().size();
        next = 1;
    }
    qsizetype end = username.size();
    qsizetype last = count; // one past the last segment still to place in the middle
    if (!m_trailingStar) {
        if (next >= count) // the only segment was the anchored prefix: it must be everything
            return pos == username.size();
        const QString &tail = m_segments.last();
        end = username.size() - tail.size();
        if (end < pos || !equalsAt(username, end, tail))
            return false;
        last = count - 1;
    }
    // Leftmost placement of each middle segment is optimal for a glob with `*` only.
    for (qsizetype i = next; i < last; ++i) {
        const qsizetype found = findIn(username, pos, end, m_segments[i]);
        if (found < 0)
            return false;
        pos = found + m_segments[i].size();
    }
    return true;
}

QString UsernamePattern::warning() const
{
    if (m_text.isEmpty() || m_leadingStar || m_text.contains(u'\\'))
        return QString();
    return tr("'%1' has no leading * and no \\: the username string has the form domain\\user "
              "(e.g. contoso.com\\jeff), so this pattern can only match a domain that starts "
              "like it. Write *%1 or domain\\%1 instead.")
        .arg(m_text);
}

} // namespace Car
