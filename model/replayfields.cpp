#include "replayfields.h"

namespace Car::ReplayFields {

namespace {

bool isAsciiSpace(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<IpAddress> parseV4(const char *p, qsizetype n)
{
    quint32 value = 0;
    int parts = 0;
    qsizetype i = 0;
    for (;;) {
        const qsizetype start = i;
        unsigned part = 0;
        while (i < n && p[i] >= '0' && p[i] <= '9' && i - start < 3)
            part = part * 10 + unsigned(p[i++] - '0');
        const qsizetype digits = i - start;
        // No leading zeros (ambiguous octal), at most 255: anything else is the parser's to
        // report.
        if (digits == 0 || part > 255 || (digits > 1 && p[start] == '0'))
            return std::nullopt;
        value = (value << 8) | part;
        ++parts;
        if (i == n)
            break;
        if (p[i] != '.' || parts == 4)
            return std::nullopt;
        ++i;
    }
    if (parts != 4)
        return std::nullopt;
    IpAddress address;
    address.lo = value;
    return address;
}

std::optional<IpAddress> parseV6(const char *p, qsizetype n)
{
    quint16 groups[8] = {};
    int count = 0;
    int gap = -1; // number of groups before "::"
    qsizetype i = 0;
    if (n >= 2 && p[0] == ':' && p[1] == ':') {
        gap = 0;
        i = 2;
    } else if (n > 0 && p[0] == ':') {
        return std::nullopt;
    }
    while (i < n) {
        unsigned value = 0;
        const qsizetype start = i;
        int digit = 0;
        while (i < n && (digit = hexDigit(p[i])) >= 0 && i - start < 4) {
            value = (value << 4) | unsigned(digit);
            ++i;
        }
        if (i == start || count == 8)
            return std::nullopt;
        groups[count++] = quint16(value);
        if (i == n)
            break;
        if (p[i] != ':')
            return std::nullopt; // a fifth hex digit, an embedded IPv4 tail, a zone id, ...
        ++i;
        if (i < n && p[i] == ':') {
            if (gap >= 0)
                return std::nullopt;
            gap = count;
            ++i;
        } else if (i == n) {
            return std::nullopt;
        }
    }
    if (gap < 0 ? count != 8 : count > 7)
        return std::nullopt;
    quint16 full[8] = {};
    if (gap < 0) {
        std::copy(groups, groups + 8, full);
    } else {
        std::copy(groups, groups + gap, full);
        std::copy(groups + gap, groups + count, full + 8 - (count - gap));
    }
    IpAddress address;
    address.v6 = true;
    for (int g = 0; g < 4; ++g) {
        address.hi = (address.hi << 16) | full[g];
        address.lo = (address.lo << 16) | full[g + 4];
    }
    return address;
}

} // namespace

QByteArrayView trimmedAscii(QByteArrayView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isAsciiSpace(text[begin]))
        ++begin;
    while (end > begin && isAsciiSpace(text[end - 1]))
        --end;
    return text.sliced(begin, end - begin);
}

std::optional<IpAddress> parseAddress(QByteArrayView text)
{
    const char *p = text.data();
    const qsizetype n = text.size();
    if (n == 0 || n > 39)
        return std::nullopt;
    for (qsizetype i = 0; i < n; ++i) {
        if (p[i] == ':')
            return parseV6(p, n);
    }
    return parseV4(p, n);
}

int parseDigits(QByteArrayView text)
{
    const qsizetype n = text.size();
    if (n == 0 || n > 5)
        return -1;
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

int parseMiddleTier(QByteArrayView text)
{
    switch (text.size()) {
    case 0:
        return 0;
    case 1:
        return text[0] == '1' ? 1 : text[0] == '0' ? 0 : -1;
    case 4:
        return text.compare("true", Qt::CaseInsensitive) == 0 ? 1 : -1;
    case 5:
        return text.compare("false", Qt::CaseInsensitive) == 0 ? 0 : -1;
    default:
        return -1;
    }
}

} // namespace Car::ReplayFields
