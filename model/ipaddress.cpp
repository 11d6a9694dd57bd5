#include "ipaddress.h"

#include <QCoreApplication>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::IpAddress", text);
}

bool fail(QString *error, QStringView value, const QString &reason)
{
    if (error)
        *error = tr("'%1': %2").arg(value.toString(), reason);
    return false;
}

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t';
}

QStringView trimmedView(QStringView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isBlank(text[begin]))
        ++begin;
    while (end > begin && isBlank(text[end - 1]))
        --end;
    return text.mid(begin, end - begin);
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// Parses dotted IPv4 text into `value`; `whole` is the text named in error messages.
bool parseV4(QStringView text, QStringView whole, quint32 *value, QString *error)
{
    quint32 result = 0;
    int parts = 0;
    qsizetype pos = 0;
    while (true) {
        qsizetype end = pos;
        while (end < text.size() && text[end] != u'.')
            ++end;
        const QStringView part = text.mid(pos, end - pos);
        ++parts;
        if (parts > 4)
            return fail(error, whole,
                        tr("an IPv4 address has exactly four numbers separated by dots"));
        if (part.isEmpty())
            return fail(error, whole,
                        tr("an IPv4 address has exactly four numbers separated by dots"));
        for (QChar c : part) {
            if (!isDigit(c))
                return fail(error, whole,
                            tr("'%1' is not a decimal number (0-255)").arg(part.toString()));
        }
        if (part.size() > 1 && part[0] == u'0')
            return fail(error, whole,
                        tr("%1 has a leading zero (ambiguous octal); write it without")
                            .arg(part.toString()));
        if (part.size() > 3 || part.toInt() > 255)
            return fail(error, whole, tr("%1 is not an IPv4 octet (0-255)").arg(part.toString()));
        result = (result << 8) | quint32(part.toInt());
        if (end >= text.size())
            break;
        pos = end + 1;
    }
    if (parts != 4)
        return fail(error, whole, tr("an IPv4 address has exactly four numbers separated by dots"));
    *value = result;
    return true;
}

// Parses colon-separated groups (one side of "::"); the last group may be dotted IPv4 when
// `allowV4Tail` is set. Appends 16-bit groups to `groups`.
bool parseV6Groups(QStringView text, QStringView whole, bool allowV4Tail, QList<quint16> *groups,
                   QString *error)
{
    if (text.isEmpty())
        return true;
    qsizetype pos = 0;
    while (true) {
        qsizetype end = pos;
        while (end < text.size() && text[end] != u':')
            ++end;
        const QStringView group = text.mid(pos, end - pos);
        const bool last = end >= text.size();
        if (group.isEmpty())
            return fail(error, whole,
                        tr("an IPv6 address has an empty group (a single ':' where "
                           "'::' or a number belongs)"));
        if (last && allowV4Tail && group.contains(u'.')) {
            quint32 v4 = 0;
            if (!parseV4(group, whole, &v4, error))
                return false;
            groups->append(quint16(v4 >> 16));
            groups->append(quint16(v4 & 0xffff));
            return true;
        }
        if (group.size() > 4)
            return fail(error, whole,
                        tr("'%1' is not an IPv6 group (1-4 hex digits)").arg(group.toString()));
        quint16 value = 0;
        for (QChar c : group) {
            const int h = hexValue(c);
            if (h < 0)
                return fail(error, whole,
                            tr("'%1' is not an IPv6 group (1-4 hex digits)").arg(group.toString()));
            value = quint16((value << 4) | h);
        }
        groups->append(value);
        if (last)
            return true;
        pos = end + 1;
    }
}

bool parseV6(QStringView text, IpAddress *address, QString *error)
{
    const qsizetype gap = text.indexOf(u"::");
    if (gap >= 0 && text.indexOf(u"::", gap + 1) >= 0)
        return fail(error, text, tr("'::' may appear only once in an IPv6 address"));
    QList<quint16> head;
    QList<quint16> tail;
    if (gap >= 0) {
        if (!parseV6Groups(text.left(gap), text, false, &head, error)
            || !parseV6Groups(text.mid(gap + 2), text, true, &tail, error))
            return false;
        if (head.size() + tail.size() > 7)
            return fail(error, text, tr("an IPv6 address with '::' has at most seven groups"));
    } else {
        if (!parseV6Groups(text, text, true, &head, error))
            return false;
        if (head.size() != 8)
            return fail(error, text,
                        tr("an IPv6 address has eight groups, or fewer with '::' (found %1)")
                            .arg(head.size()));
    }
    quint16 groups[8] = {};
    for (qsizetype i = 0; i < head.size(); ++i)
        groups[i] = head[i];
    for (qsizetype i = 0; i < tail.size(); ++i)
        groups[8 - tail.size() + i] = tail[i];
    address->v6 = true;
    address->hi = 0;
    address->lo = 0;
    for (int i = 0; i < 4; ++i) {
        address->hi = (address->hi << 16) | groups[i];
        address->lo = (address->lo << 16) | groups[i + 4];
    }
    return true;
}

QString v4ToString(quint32 v)
{
    return QStringLiteral("%1.%2.%3.%4")
        .arg((v >> 24) & 0xff)
        .arg((v >> 16) & 0xff)
        .arg((v >> 8) & 0xff)
        .arg(v & 0xff);
}

} // namespace

std::optional<IpAddress> IpAddress::parse(QStringView text, QString *error)
{
    const QStringView value = trimmedView(text);
    if (value.isEmpty()) {
        if (error)
            *error = tr("an IP address must not be empty");
        return std::nullopt;
    }
    if (value.contains(u'%')) {
        fail(error, value, tr("zone ids ('%') are not allowed in an IP address"));
        return std::nullopt;
    }
    IpAddress address;
    if (value.contains(u':')) {
        if (!parseV6(value, &address, error))
            return std::nullopt;
        return address;
    }
    quint32 v4 = 0;
    if (!parseV4(value, value, &v4, error))
        return std::nullopt;
    address.lo = v4;
    return address;
}

QString IpAddress::toString() const
{
    if (!v6)
        return v4ToString(quint32(lo));
    // RFC 5952 §5: an IPv4-mapped address is written with its IPv4 tail.
    if (hi == 0 && (lo >> 32) == 0xffff)
        return QStringLiteral("::ffff:") + v4ToString(quint32(lo));

    quint16 groups[8];
    for (int i = 0; i < 4; ++i) {
        groups[i] = quint16(hi >> (48 - 16 * i));
        groups[i + 4] = quint16(lo >> (48 - 16 * i));
    }
    // Longest run of at least two zero groups, the first one on a tie (RFC 5952 §4.2).
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8;) {
        if (groups[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && groups[j] == 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }
    QString result;
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            result += QStringLiteral("::");
            i += bestLength - 1;
            continue;
        }
        if (!result.isEmpty() && !result.endsWith(u':'))
            result += u':';
        result += QString::number(groups[i], 16);
    }
    return result;
}

} // namespace Car
