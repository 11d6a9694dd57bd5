// IpRange is declared in ipaddress.h; its parsing lives here to keep both files short.
#include "ipaddress.h"

#include <QCoreApplication>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::IpRange", text);
}

std::optional<IpRange> fail(QString *error, QStringView value, const QString &reason)
{
    if (error)
        *error = tr("'%1': %2").arg(value.toString(), reason);
    return std::nullopt;
}

QStringView trimmedView(QStringView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && (text[begin] == u' ' || text[begin] == u'\t'))
        ++begin;
    while (end > begin && (text[end - 1] == u' ' || text[end - 1] == u'\t'))
        --end;
    return text.mid(begin, end - begin);
}

// Parses one address of an entry; a failure names the whole entry and the address's problem.
std::optional<IpAddress> parsePart(QStringView part, QStringView whole, QString *error)
{
    QString reason;
    const std::optional<IpAddress> address = IpAddress::parse(part, &reason);
    if (!address && error)
        *error = trimmedView(part) == whole ? reason : tr("'%1': %2").arg(whole.toString(), reason);
    return address;
}

// The 128-bit network mask of a prefix; IPv4 lives in the low 32 bits, so it uses prefix + 96.
void maskFor(bool v6, int prefix, quint64 *maskHi, quint64 *maskLo)
{
    const int bits = v6 ? prefix : prefix + 96;
    *maskHi = bits >= 64 ? ~quint64(0) : (bits == 0 ? 0 : ~quint64(0) << (64 - bits));
    const int loBits = bits - 64;
    *maskLo = loBits <= 0 ? 0 : (loBits >= 64 ? ~quint64(0) : ~quint64(0) << (64 - loBits));
}

IpRange makeCidr(const IpAddress &address, int prefix)
{
    quint64 maskHi = 0;
    quint64 maskLo = 0;
    maskFor(address.v6, prefix, &maskHi, &maskLo);
    IpRange range;
    range.kind = IpRange::Kind::Cidr;
    range.prefixLength = prefix;
    range.low = address;
    range.low.hi &= maskHi;
    range.low.lo &= maskLo;
    range.high = range.low;
    range.high.hi |= ~maskHi;
    range.high.lo |= address.v6 ? ~maskLo : (~maskLo & 0xffffffffu);
    return range;
}

std::optional<IpRange> parseCidr(QStringView value, qsizetype slash, QString *error)
{
    const std::optional<IpAddress> address = parsePart(value.left(slash), value, error);
    if (!address)
        return std::nullopt;
    const QStringView prefixText = trimmedView(value.mid(slash + 1));
    const int maximum = address->v6 ? 128 : 32;
    bool digits = !prefixText.isEmpty() && prefixText.size() <= 3;
    for (QChar c : prefixText)
        digits = digits && c.unicode() >= u'0' && c.unicode() <= u'9';
    const int prefix = digits ? prefixText.toInt() : -1;
    if (prefix < 0 || prefix > maximum)
        return fail(error, value,
                    tr("the prefix length '%1' is not a number from 0 to %2")
                        .arg(prefixText.toString())
                        .arg(maximum));
    return makeCidr(*address, prefix);
}

std::optional<IpRange> parseNetmask(QStringView value, qsizetype open, QString *error)
{
    if (!value.endsWith(u')'))
        return fail(error, value,
                    tr("the netmask form is address(netmask), e.g. "
                       "192.168.1.0(255.255.255.0)"));
    const std::optional<IpAddress> address = parsePart(value.left(open), value, error);
    if (!address)
        return std::nullopt;
    const std::optional<IpAddress> mask =
        parsePart(value.mid(open + 1, value.size() - open - 2), value, error);
    if (!mask)
        return std::nullopt;
    if (address->v6 || mask->v6)
        return fail(error, value, tr("the netmask form is for IPv4 only; use a /prefix for IPv6"));
    const quint32 bits = quint32(mask->lo);
    const quint32 inverted = ~bits;
    if ((inverted & (inverted + 1)) != 0)
        return fail(
            error, value,
            tr("the netmask %1 is not contiguous (ones followed by zeros)").arg(mask->toString()));
    int prefix = 0;
    for (quint32 b = bits; b != 0; b <<= 1)
        ++prefix;
    return makeCidr(*address, prefix);
}

std::optional<IpRange> parseRange(QStringView value, qsizetype dash, QString *error)
{
    if (value.indexOf(u'-', dash + 1) >= 0)
        return fail(error, value, tr("a range has exactly one '-' between two addresses"));
    const std::optional<IpAddress> low = parsePart(value.left(dash), value, error);
    if (!low)
        return std::nullopt;
    const std::optional<IpAddress> high = parsePart(value.mid(dash + 1), value, error);
    if (!high)
        return std::nullopt;
    if (low->v6 != high->v6)
        return fail(error, value, tr("a range cannot mix IPv4 and IPv6 addresses"));
    if (*high < *low)
        return fail(error, value, tr("the start of the range is after its end"));
    IpRange range;
    range.kind = IpRange::Kind::Range;
    range.low = *low;
    range.high = *high;
    return range;
}

} // namespace

std::optional<IpRange> IpRange::parse(QStringView text, QString *error)
{
    const QStringView value = trimmedView(text);
    if (value.isEmpty()) {
        if (error)
            *error = tr("an IP address or range must not be empty");
        return std::nullopt;
    }
    if (const qsizetype open = value.indexOf(u'('); open >= 0)
        return parseNetmask(value, open, error);
    if (const qsizetype slash = value.indexOf(u'/'); slash >= 0)
        return parseCidr(value, slash, error);
    if (const qsizetype dash = value.indexOf(u'-'); dash >= 0)
        return parseRange(value, dash, error);
    const std::optional<IpAddress> address = parsePart(value, value, error);
    if (!address)
        return std::nullopt;
    IpRange range;
    range.low = *address;
    range.high = *address;
    return range;
}

QString IpRange::toString() const
{
    switch (kind) {
    case Kind::Cidr:
        return low.toString() + u'/' + QString::number(prefixLength);
    case Kind::Range:
        return low.toString() + u'-' + high.toString();
    case Kind::Single:
        break;
    }
    return low.toString();
}

} // namespace Car
