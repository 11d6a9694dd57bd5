// Fuzzes the replay of a connections CSV (model/replay.h) against a small rule set: never crash,
// every row is counted once (allowed + denied + bad), and the run is the same with one thread
// and with two threads and tiny blocks (the parallel reader splits rows at block edges).

#include "fuzzcommon.h"
#include "replay.h"
#include "scriptrunner.h"

#include <QBuffer>

using namespace Car;

namespace {

const RuleSet &sampleRules()
{
    static const RuleSet rules = [] {
        const QString script = QStringLiteral(
            "New-ClientAccessRule -Name 'Allow admins' -Action AllowAccess "
            "-AnyOfClientIPAddressesOrRanges 10.0.0.0/8,2001:db8::/32 -AnyOfSourceTcpPortNumbers "
            "1-1024\n"
            "New-ClientAccessRule -Name 'Block EAS' -Action DenyAccess -AnyOfProtocols "
            "ExchangeActiveSync "
            "-UserRecipientFilter \"Department -eq 'Sales'\"\n"
            "New-ClientAccessRule -Name 'Block basic' -Action DenyAccess -AnyOfProtocols "
            "ExchangeActiveSync,OutlookWebApp -AnyOfAuthenticationTypes BasicAuthentication "
            "-ExceptUsernameMatchesAnyOfPatterns '*\\alice'\n");
        const ScriptResult result =
            ScriptRunner::runText(script, QString(), RuleSet(), CarFuzz::sampleDirectory());
        if (!result.ok())
            CarFuzz::fuzzFailure("sample rules do not parse", result.error->toString());
        return result.ruleSet;
    }();
    return rules;
}

struct Run
{
    bool ok = false;
    QByteArray output;
    QList<qint64> badLines;
    ReplaySummary summary;
    ReplayProblem fatal;
};

Run replay(const QByteArray &input, int threads, qsizetype blockSize)
{
    Run run;
    QByteArray in = input;
    QBuffer inBuffer(&in);
    inBuffer.open(QIODevice::ReadOnly);
    QBuffer outBuffer(&run.output);
    outBuffer.open(QIODevice::WriteOnly);
    Replay replay(sampleRules(), CarFuzz::sampleDirectory());
    replay.setThreads(threads);
    replay.setBlockSize(blockSize);
    run.ok = replay.run(
        &inBuffer, &outBuffer,
        [&run](const ReplayProblem &problem) {
            CAR_FUZZ_CHECK(!problem.message.isEmpty() && problem.line >= 1, QString());
            run.badLines.append(problem.line);
        },
        run.summary, &run.fatal);
    if (!run.ok)
        CAR_FUZZ_CHECK(!run.fatal.message.isEmpty(), QString());
    return run;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = CarFuzz::bytes(data, size);
    const Run one = replay(input, 1, 512 * 1024);
    if (!one.ok)
        return 0;
    const ReplaySummary &s = one.summary;
    CAR_FUZZ_CHECK(s.allowed + s.denied + s.badRows == s.rows,
                   QStringLiteral("%1 + %2 + %3 != %4")
                       .arg(s.allowed)
                       .arg(s.denied)
                       .arg(s.badRows)
                       .arg(s.rows));
    CAR_FUZZ_CHECK(s.badRows == one.badLines.size(), QString());
    if (size > 4096)
        return 0; // the threaded comparison is for small inputs only (speed)
    const Run two = replay(input, 2, 7);
    CAR_FUZZ_CHECK(two.ok == one.ok,
                   QStringLiteral("one thread: %1; two threads: line %2 column %3: %4")
                       .arg(one.ok ? QStringLiteral("ok") : one.fatal.message)
                       .arg(two.fatal.line)
                       .arg(two.fatal.column)
                       .arg(two.fatal.message));
    CAR_FUZZ_CHECK(two.output == one.output,
                   QString::fromUtf8(one.output) + QStringLiteral("\n---\n")
                       + QString::fromUtf8(two.output));
    CAR_FUZZ_CHECK(two.badLines == one.badLines, QString());
    CAR_FUZZ_CHECK(two.summary.rows == s.rows && two.summary.denied == s.denied, QString());
    return 0;
}
