#pragma once

#include <QByteArrayView>

#include <cstring>

/// Byte helpers for the short keys of the directory index and replay (user names, addresses):
/// inline and eight bytes at a time, cheaper there than calls to memcmp or qHash.
namespace Car::ShortBytes {

/// Whether the `n` bytes at `a` and `b` are equal.
inline bool equal(const char *a, const char *b, qsizetype n)
{
    while (n >= 8) {
        quint64 x;
        quint64 y;
        std::memcpy(&x, a, 8);
        std::memcpy(&y, b, 8);
        if (x != y)
            return false;
        a += 8;
        b += 8;
        n -= 8;
    }
    while (n > 0) {
        if (*a++ != *b++)
            return false;
        --n;
    }
    return true;
}

/// A 32-bit hash of `key`: a multiply-xorshift mix of eight bytes at a time, no allocation.
inline quint32 hash(QByteArrayView key)
{
    const char *p = key.data();
    qsizetype n = key.size();
    quint64 h = 0x9E3779B97F4A7C15ull ^ quint64(n);
    while (n >= 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    quint64 v = 0;
    if (n > 0)
        std::memcpy(&v, p, std::size_t(n));
    h = (h ^ v) * 0x94D049BB133111EBull;
    h ^= h >> 29;
    return quint32(h ^ (h >> 32));
}

} // namespace Car::ShortBytes
