#pragma once

#include "enums.h"
#include "ipaddress.h"
#include "shortbytes.h"

#include <QByteArrayView>

#include <array>
#include <cstring>
#include <optional>
#include <vector>

namespace Car {

/// Allocation-free fast paths for the replay fields, as UTF-8 bytes. Each one either gives the
/// same result as the general parser (IpAddress::parse, QStringView::toInt, bindProtocol, ...)
/// or declines (std::nullopt / -1), and the caller then asks the general parser, so that
/// results and error messages never differ from a test of the same connection.
namespace ReplayFields {

/// `text` without leading and trailing ASCII whitespace (what QStringView::trimmed() removes
/// from ASCII text).
QByteArrayView trimmedAscii(QByteArrayView text);

/// The last position of `c` in `text`, or -1. (QByteArrayView::lastIndexOf() takes a slow
/// general path for a single character in Qt 6.4.)
inline qsizetype lastIndexOf(QByteArrayView text, char c)
{
    for (qsizetype i = text.size() - 1; i >= 0; --i) {
        if (text[i] == c)
            return i;
    }
    return -1;
}

/// Whether the first or the last character of well-formed UTF-8 `text` is a non-ASCII blank
/// (QChar::isSpace()).
bool startsOrEndsWithNonAsciiSpace(QByteArrayView text);

/// Plain dotted IPv4 ("192.0.2.1") and plain hex IPv6 ("2001:db8::1"); declines anything else
/// (blanks, embedded IPv4, zone ids, errors).
std::optional<IpAddress> parseAddress(QByteArrayView text);

/// 1 to 5 ASCII digits as a number; -1 for anything else.
int parseDigits(QByteArrayView text);

/// Decodes well-formed UTF-8 (as the tokenizer checked it) to UTF-16 into `out`.
void decodeUtf8(std::vector<char16_t> &out, QByteArrayView text);

/// MiddleTier: 1 true, 0 false, -1 when the text needs the general parser (blanks, errors).
int parseMiddleTier(QByteArrayView text);

} // namespace ReplayFields

/// A small hash table of field texts already bound to an enum value by the general binder
/// (exact bytes, so "IMAP4", "imap4" and "Imap" are separate entries). Bounded: once full, new
/// texts are simply not remembered. Not thread-safe: one per worker.
template<typename E> class ReplayEnumCache
{
public:
    static constexpr int Slots = 64;
    static constexpr int MaxLength = 38;

    std::optional<E> find(QByteArrayView text) const
    {
        if (text.size() > MaxLength)
            return std::nullopt;
        for (int i = slotFor(text), probes = 0; probes < Slots; i = (i + 1) % Slots, ++probes) {
            const Slot &slot = m_slots[std::size_t(i)];
            if (!slot.used)
                return std::nullopt;
            if (slot.length == text.size()
                && ShortBytes::equal(text.data(), slot.text.data(), text.size()))
                return slot.value;
        }
        return std::nullopt;
    }

    void insert(QByteArrayView text, E value)
    {
        if (text.size() > MaxLength || m_count >= Slots * 3 / 4)
            return;
        int i = slotFor(text);
        while (m_slots[std::size_t(i)].used)
            i = (i + 1) % Slots;
        Slot &slot = m_slots[std::size_t(i)];
        slot.used = true;
        slot.length = quint8(text.size());
        std::copy(text.begin(), text.end(), slot.text.begin());
        slot.value = value;
        ++m_count;
    }

private:
    struct Slot
    {
        bool used = false;
        quint8 length = 0;
        E value {};
        std::array<char, MaxLength> text {};
    };

    static int slotFor(QByteArrayView text)
    {
        const qsizetype n = text.size();
        if (n == 0)
            return 0;
        const unsigned h = unsigned(n) * 131u + uchar(text[0]) * 31u + uchar(text[n - 1]) * 7u
            + uchar(text[n / 2]);
        return int(h % Slots);
    }

    std::array<Slot, Slots> m_slots {};
    int m_count = 0;
};

} // namespace Car
