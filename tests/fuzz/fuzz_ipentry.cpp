// Fuzzes IpAddress::parse and IpRange::parse: never crash, and every accepted entry's canonical
// text parses back to the same value (and is a fixed point).

#include "fuzzcommon.h"
#include "ipaddress.h"

using namespace Car;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = CarFuzz::text(data, size);
    QString error;
    if (const auto address = IpAddress::parse(input, &error)) {
        const QString canonical = address->toString();
        const auto again = IpAddress::parse(canonical);
        CAR_FUZZ_CHECK(again && *again == *address, input + QStringLiteral(" -> ") + canonical);
        CAR_FUZZ_CHECK(again->toString() == canonical, canonical);
    } else {
        CAR_FUZZ_CHECK(!error.isEmpty(), input);
    }
    error.clear();
    if (const auto range = IpRange::parse(input, &error)) {
        CAR_FUZZ_CHECK(range->low.v6 == range->high.v6, input);
        CAR_FUZZ_CHECK(range->low <= range->high, input);
        CAR_FUZZ_CHECK(range->contains(range->low) && range->contains(range->high), input);
        const QString canonical = range->toString();
        const auto again = IpRange::parse(canonical);
        CAR_FUZZ_CHECK(again && *again == *range, input + QStringLiteral(" -> ") + canonical);
        CAR_FUZZ_CHECK(again->toString() == canonical, canonical);
    } else {
        CAR_FUZZ_CHECK(!error.isEmpty(), input);
    }
    return 0;
}
