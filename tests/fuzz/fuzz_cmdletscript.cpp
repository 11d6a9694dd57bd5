// Fuzzes cmdlet scripts: CmdletParser::parse and ScriptRunner::run against a small directory.
// Errors must point inside the script. An accepted script's resulting rule set, written back as
// New-ClientAccessRule lines (model/cmdletwriter.h, what `export --format ps1` writes), must run
// into an equal rule set: whatever text a script put into a name or value stays data.

#include "cmdletparser.h"
#include "cmdletwriter.h"
#include "fuzzcommon.h"
#include "scriptrunner.h"

#include <QStringList>

using namespace Car;

namespace {

void checkLocation(const ScriptDiagnostic &diagnostic, const QString &script)
{
    // Lines end at \r\n, \n or a lone \r, as the scanner counts them.
    QString normalized = script;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(u'\r', u'\n');
    const int lines = int(normalized.count(u'\n')) + 1;
    CAR_FUZZ_CHECK(!diagnostic.message.isEmpty(), script);
    CAR_FUZZ_CHECK(diagnostic.line >= 1 && diagnostic.line <= lines && diagnostic.column >= 1,
                   diagnostic.toString() + QStringLiteral("\n") + script);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString script = CarFuzz::text(data, size);
    const CmdletScript parsed = CmdletParser::parse(script, QStringLiteral("fuzz.ps1"));
    if (!parsed.ok()) {
        checkLocation(*parsed.error, script);
        return 0;
    }
    RuleSet before;
    before.setEnvironment(size % 2 ? Environment::ExchangeServer : Environment::ExchangeOnline);
    before.setNetbiosDomain(QStringLiteral("CONTOSO"));
    const ScriptResult result = ScriptRunner::run(parsed.calls, before, CarFuzz::sampleDirectory(),
                                                  QStringLiteral("fuzz.ps1"));
    for (const ScriptDiagnostic &warning : result.warnings)
        CAR_FUZZ_CHECK(!warning.message.isEmpty(), script);
    if (!result.ok()) {
        checkLocation(*result.error, script);
        return 0;
    }
    const RuleSet &after = result.ruleSet;
    CAR_FUZZ_CHECK(after.size() <= RuleSet::MaxRules, script);
    QStringList lines;
    for (int i = 0; i < after.size(); ++i)
        lines.append(newRuleLine(after.at(i), i + 1));
    const QString exported = lines.join(u'\n');
    const ScriptResult replayed = ScriptRunner::runText(exported, QStringLiteral("export.ps1"),
                                                        before, CarFuzz::sampleDirectory());
    CAR_FUZZ_CHECK(replayed.ok(),
                   (replayed.error ? replayed.error->toString() : QString()) + QStringLiteral("\n")
                       + exported);
    CAR_FUZZ_CHECK(replayed.ruleSet == after,
                   script + QStringLiteral("\n--- exported ---\n") + exported);
    return 0;
}
