// Fuzzes PortRange::parse: never crash, every accepted range lies in 1..65535 with low <= high,
// and its text parses back to the same range.

#include "fuzzcommon.h"
#include "portrange.h"

using namespace Car;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = CarFuzz::text(data, size);
    QString error;
    const auto range = PortRange::parse(input, &error);
    if (!range) {
        CAR_FUZZ_CHECK(!error.isEmpty(), input);
        return 0;
    }
    CAR_FUZZ_CHECK(range->low >= 1 && range->low <= range->high, input);
    CAR_FUZZ_CHECK(range->contains(range->low) && range->contains(range->high), input);
    CAR_FUZZ_CHECK(!range->contains(0) && !range->contains(65536), input);
    const QString canonical = range->toString();
    const auto again = PortRange::parse(canonical);
    CAR_FUZZ_CHECK(again && *again == *range, input + QStringLiteral(" -> ") + canonical);
    return 0;
}
