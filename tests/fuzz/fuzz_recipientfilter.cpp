// Fuzzes RecipientFilter: parse, matches() against a few directory users (and no user), and the
// explicit grouping, which must parse again to a filter that decides every user the same way
// and whose own grouping is a fixed point.

#include "fuzzcommon.h"
#include "recipientfilter.h"

using namespace Car;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = CarFuzz::text(data, size);
    FilterError error;
    const auto filter = RecipientFilter::parse(input, &error);
    if (!filter) {
        CAR_FUZZ_CHECK(!error.message.isEmpty(), input);
        CAR_FUZZ_CHECK(error.column >= 0 && error.column <= input.size() + 1,
                       input + QStringLiteral(" @ ") + QString::number(error.column));
        (void)error.toString();
        return 0;
    }
    CAR_FUZZ_CHECK(!filter->matches(nullptr), input);
    (void)filter->warnings();
    (void)filter->attributes();
    const QString grouped = filter->explicitGrouping();
    FilterError groupedError;
    const auto again = RecipientFilter::parse(grouped, &groupedError);
    CAR_FUZZ_CHECK(again.has_value(),
                   input + QStringLiteral(" -> ") + grouped + QStringLiteral(": ")
                       + groupedError.toString());
    CAR_FUZZ_CHECK(again->explicitGrouping() == grouped, input + QStringLiteral(" -> ") + grouped);
    const Directory &directory = CarFuzz::sampleDirectory();
    for (const DirectoryUser &user : directory.users()) {
        CAR_FUZZ_CHECK(filter->matches(&user) == again->matches(&user),
                       input + QStringLiteral(" vs ") + grouped + QStringLiteral(" for ")
                           + user.userPrincipalName);
    }
    return 0;
}
