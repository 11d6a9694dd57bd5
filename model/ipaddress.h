#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace Car {

/// One IPv4 or IPv6 address as a 128-bit number (IPv4 in the low 32 bits).
/// An IPv4-mapped IPv6 address (::ffff:a.b.c.d) stays IPv6 (domain §0).
struct IpAddress
{
    bool v6 = false;
    quint64 hi = 0;
    quint64 lo = 0;

    /// Parses dotted IPv4 or any RFC 4291 text form of IPv6 (with ::, embedded IPv4, any case).
    /// Leading/trailing blanks are ignored. Zone ids (%eth0) and leading zeros in IPv4 octets
    /// ("010.1.1.1", ambiguous octal) are rejected. On failure `error` says what is wrong.
    static std::optional<IpAddress> parse(QStringView text, QString *error = nullptr);

    /// Canonical text: dotted IPv4, RFC 5952 IPv6 (lower case, longest zero run as ::).
    QString toString() const;

    friend bool operator==(const IpAddress &a, const IpAddress &b)
    {
        return a.v6 == b.v6 && a.hi == b.hi && a.lo == b.lo;
    }
    friend bool operator!=(const IpAddress &a, const IpAddress &b) { return !(a == b); }
    /// Orders within one family (IPv4 before IPv6 across families).
    friend bool operator<(const IpAddress &a, const IpAddress &b)
    {
        if (a.v6 != b.v6)
            return !a.v6;
        return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo;
    }
    friend bool operator<=(const IpAddress &a, const IpAddress &b) { return !(b < a); }
};

/// An entry of AnyOf/ExceptAnyOfClientIPAddressesOrRanges (domain §8): a single address, an
/// inclusive `low-high` range, or a CIDR block whose host bits are cleared when parsed.
/// The netmask form `a.b.c.d(255.255.255.0)` is accepted and becomes CIDR.
struct IpRange
{
    enum class Kind : quint8 { Single, Range, Cidr };

    Kind kind = Kind::Single;
    IpAddress low;
    IpAddress high;
    int prefixLength = -1; ///< CIDR only

    /// Errors name the value and the reason: "'192.168.0.254-192.168.0.1': the start of the range
    /// is after its end".
    static std::optional<IpRange> parse(QStringView text, QString *error = nullptr);

    bool isV6() const { return low.v6; }
    /// True when `address` lies within [low, high]; never across families.
    bool contains(const IpAddress &address) const
    {
        return address.v6 == low.v6 && low <= address && address <= high;
    }
    /// The stored text: CIDR with host bits cleared ("192.168.10.0/24"), "a-b", or the address.
    QString toString() const;

    friend bool operator==(const IpRange &a, const IpRange &b)
    {
        return a.kind == b.kind && a.low == b.low && a.high == b.high
                && a.prefixLength == b.prefixLength;
    }
    friend bool operator!=(const IpRange &a, const IpRange &b) { return !(a == b); }
};

} // namespace Car
