#pragma once

// Shared helpers of the libFuzzer targets (tests/fuzz/fuzz_*.cpp). Each target is one
// LLVMFuzzerTestOneInput that feeds the input to one parser and checks properties that must hold
// for every input (round trips, agreement with a reference). A broken property calls
// fuzzFailure(), which prints what and aborts, so libFuzzer saves the input as a crash.

#include "directory.h"
#include "enums.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace CarFuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

/// The input as UTF-8 text (invalid sequences become U+FFFD, as a file read would give).
inline QString text(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

[[noreturn]] inline void fuzzFailure(const char *what, const QString &detail = QString())
{
    std::fprintf(stderr, "FUZZ PROPERTY BROKEN: %s\n%s\n", what, detail.toUtf8().constData());
    std::abort();
}

#define CAR_FUZZ_CHECK(condition, detail)                                                          \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::CarFuzz::fuzzFailure(#condition, detail);                                            \
    } while (false)

/// A small directory for filters and scripts to be evaluated against.
inline const Car::Directory &sampleDirectory()
{
    static const Car::Directory directory = [] {
        Car::Directory d;
        Car::DirectoryUser a;
        a.userPrincipalName = QStringLiteral("alice@contoso.com");
        a.samAccountName = QStringLiteral("alice");
        a.alias = QStringLiteral("alice");
        a.displayName = QStringLiteral("Alice Smith");
        a.setAttribute(Car::Attribute::City, QStringLiteral("Redmond"));
        a.setAttribute(Car::Attribute::Department, QStringLiteral("IT"));
        a.setAttribute(Car::Attribute::Company, QStringLiteral("Contoso"));
        d.addUser(a);
        Car::DirectoryUser b;
        b.userPrincipalName = QStringLiteral("bob@contoso.com");
        b.samAccountName = QStringLiteral("bob");
        b.alias = QStringLiteral("bob");
        b.setAttribute(Car::Attribute::City, QStringLiteral("Zürich"));
        b.setAttribute(Car::Attribute::Department, QStringLiteral("Sales"));
        b.setAttribute(Car::Attribute::CustomAttribute1, QStringLiteral("O'Neil"));
        d.addUser(b);
        Car::DirectoryUser c;
        c.userPrincipalName = QStringLiteral("carol@fabrikam.com");
        d.addUser(c);
        return d;
    }();
    return directory;
}

} // namespace CarFuzz
