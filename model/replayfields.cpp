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

bool startsOrEndsWithNonAsciiSpace(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    const auto isSpaceAt = [&text](qsizetype begin) {
        qsizetype end = begin + 1;
        while (end < text.size() && (uchar(text[end]) & 0xC0) == 0x80)
            ++end;
        std::vector<char16_t> wide;
        decodeUtf8(wide, text.sliced(begin, end - begin));
        const char32_t c = wide.size() == 2 ? QChar::surrogateToUcs4(wide[0], wide[1])
                                            : char32_t(wide.empty() ? 0 : wide[0]);
        return QChar::isSpace(c);
    };
    if (uchar(text.front()) >= 0x80 && isSpaceAt(0))
        return true;
    if (uchar(text.back()) >= 0x80) {
        qsizetype begin = text.size() - 1;
        while (begin > 0 && (uchar(text[begin]) & 0xC0) == 0x80)
            --begin;
        return isSpaceAt(begin);
    }
    return false;
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

void decodeUtf8(std::vector<char16_t> &out, QByteArrayView text)
{
    out.clear();
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n;) {
        const uchar b = uchar(text[i]);
        char32_t c = 0;
        int length = 1;
        if (b < 0x80) {
            c = b;
        } else if (b < 0xE0) {
            c = b & 0x1F;
            length = 2;
        } else if (b < 0xF0) {
            c = b & 0x0F;
            length = 3;
        } else {
            c = b & 0x07;
            length = 4;
        }
        for (int k = 1; k < length && i + k < n; ++k)
            c = (c << 6) | (uchar(text[i + k]) & 0x3F);
        i += length;
        if (c >= 0x10000) {
            out.push_back(char16_t(0xD800 + ((c - 0x10000) >> 10)));
            out.push_back(char16_t(0xDC00 + ((c - 0x10000) & 0x3FF)));
        } else {
            out.push_back(char16_t(c));
        }
    }
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
