// Fuzzes RuleSetJson::read: never crash; all or nothing; an accepted rule set written as JSON
// reads back equal and writes byte-identical (export -> import -> export).

#include "fuzzcommon.h"
#include "rulesetjson.h"

using namespace Car;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = CarFuzz::bytes(data, size);
    RuleSet rules;
    rules.setEnvironment(Environment::ExchangeServer);
    rules.setNetbiosDomain(QStringLiteral("CONTOSO"));
    const RuleSet before = rules;
    const RuleSetJson::Result result = RuleSetJson::read(input, rules);
    if (!result.ok) {
        CAR_FUZZ_CHECK(rules == before, result.error);
        CAR_FUZZ_CHECK(!result.error.isEmpty(), QString());
        return 0;
    }
    CAR_FUZZ_CHECK(rules.size() <= RuleSet::MaxRules, QString::number(rules.size()));
    const QByteArray written = RuleSetJson::write(rules);
    RuleSet again = before;
    const RuleSetJson::Result reread = RuleSetJson::read(written, again);
    CAR_FUZZ_CHECK(reread.ok, reread.error + QStringLiteral("\n") + QString::fromUtf8(written));
    CAR_FUZZ_CHECK(again == rules, QString::fromUtf8(written));
    CAR_FUZZ_CHECK(RuleSetJson::write(again) == written, QString::fromUtf8(written));
    return 0;
}
