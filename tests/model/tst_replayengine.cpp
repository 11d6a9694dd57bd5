// The fast replay engine against the evaluator and against the straightforward reference replay:
// random rule sets and connections (fixed seeds), one thread and several, blocks of every size,
// bad rows anywhere, cancelling.
#include "evaluator.h"
#include "randomruleset.h"
#include "replay.h"
#include "replaytesthelpers.h"

#include <QBuffer>
#include <QTest>

using namespace Car;
using namespace CarTest;

namespace {

struct Scenario
{
    RuleSet rules;
    Directory directory;
    QByteArray input;
};

Scenario scenario(quint32 seed, Environment environment, int rows, int badEvery = 0)
{
    RandomRuleSets ruleSets(seed);
    Scenario s;
    s.rules = ruleSets.ruleSet(environment, ruleSets.between(1, RuleSet::MaxRules));
    if (environment == Environment::ExchangeServer)
        s.rules.setNetbiosDomain(QStringLiteral("CONTOSO"));
    RandomConnections connections(seed * 7919u + 1u);
    s.directory = connections.directory(120);
    s.input = connections.connections(s.directory, rows, badEvery);
    return s;
}

} // namespace

class TestReplayEngine : public QObject
{
    Q_OBJECT

private slots:
    void decidesAsTheEvaluatorRowByRow_data();
    void decidesAsTheEvaluatorRowByRow();
    void equalsTheReferenceReplay_data();
    void equalsTheReferenceReplay();
    void largeInputsUseTheDirectoryIndex();
    void badRowsInTheMiddleOfBlocks_data();
    void badRowsInTheMiddleOfBlocks();
    void cancelStopsAtOnce_data();
    void cancelStopsAtOnce();
    void progressCountsEveryRowAndByte();
};

void TestReplayEngine::decidesAsTheEvaluatorRowByRow_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<Environment>("environment");
    QTest::addColumn<int>("threads");
    QTest::addColumn<qsizetype>("blockSize");

    for (quint32 seed = 1; seed <= 12; ++seed) {
        const Environment environment =
            seed % 3 == 0 ? Environment::ExchangeServer : Environment::ExchangeOnline;
        const int threads = int(seed % 4); // 0: sequential
        const qsizetype blockSize = seed % 2 ? 700 : 64 * 1024;
        QTest::addRow("seed %u, %s, %d worker(s), blocks of %lld bytes", seed,
                      qPrintable(toString(environment)), threads, qint64(blockSize))
            << seed << environment << threads << blockSize;
    }
}

void TestReplayEngine::decidesAsTheEvaluatorRowByRow()
{
    QFETCH(quint32, seed);
    QFETCH(Environment, environment);
    QFETCH(int, threads);
    QFETCH(qsizetype, blockSize);
    const Scenario s = scenario(seed, environment, 3000);
    const ReplayRun run = runReplay(s.rules, s.directory, s.input, threads, blockSize);
    QVERIFY2(run.ok, qPrintable(describe(run.fatal)));
    QVERIFY(run.bad.isEmpty());

    // Read both files back and decide every input row with Evaluator::evaluate (the traced path,
    // as the Test connection panel does) from scratch.
    QBuffer in;
    in.setData(s.input);
    in.open(QIODevice::ReadOnly);
    QBuffer out;
    out.setData(run.output);
    out.open(QIODevice::ReadOnly);
    CsvReader input(&in);
    CsvReader output(&out);
    QCOMPARE(input.next(), CsvReader::Status::Record);
    QCOMPARE(output.next(), CsvReader::Status::Record);
    QCOMPARE(output.fields().mid(7),
             (QStringList {QStringLiteral("Action"), QStringLiteral("Rule")}));
    const Evaluator evaluator(s.rules);
    Evaluation evaluation;
    int rows = 0;
    int denied = 0;
    while (input.next() == CsvReader::Status::Record) {
        QCOMPARE(output.next(), CsvReader::Status::Record);
        const QStringList row = input.fields();
        const QStringList decided = output.fields();
        QCOMPARE(decided.mid(0, 7), row);
        const Connection connection = makeConnection(
            s.rules, s.directory, row[1].trimmed(), *bindProtocol(row[2]).value,
            *bindAuthenticationType(row[3]).value, *IpAddress::parse(row[4]), row[5].toInt(),
            row[6].compare(QLatin1String("true"), Qt::CaseInsensitive) == 0
                || row[6] == QLatin1String("1"));
        evaluator.evaluate(connection, evaluation);
        const QString action = toString(evaluation.action);
        const QString rule =
            evaluation.decidingRule >= 0 ? s.rules.at(evaluation.decidingRule).name : QString();
        if (decided[7] != action || decided[8] != rule)
            QFAIL(qPrintable(QStringLiteral("row %1 (%2): replay says %3 '%4', the evaluator "
                                            "%5 '%6'")
                                 .arg(rows + 1)
                                 .arg(row.join(u'|'), decided[7], decided[8], action, rule)));
        denied += evaluation.action == Action::DenyAccess;
        ++rows;
    }
    QCOMPARE(output.next(), CsvReader::Status::End);
    QCOMPARE(rows, 3000);
    QCOMPARE(run.summary.rows, rows);
    QCOMPARE(run.summary.denied, denied);
    QCOMPARE(run.summary.allowed, rows - denied);
    qInfo("%d of %d rows denied, %lld decided by no rule", denied, rows, run.summary.unmatched);
}

void TestReplayEngine::equalsTheReferenceReplay_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("badEvery");

    QTest::newRow("clean rows") << 101u << 0;
    QTest::newRow("a bad row in ten") << 102u << 10;
    QTest::newRow("mostly bad rows") << 103u << 2;
    QTest::newRow("server environment, some bad rows") << 104u << 25;
}

void TestReplayEngine::equalsTheReferenceReplay()
{
    QFETCH(quint32, seed);
    QFETCH(int, badEvery);
    const Scenario s =
        scenario(seed, seed == 104u ? Environment::ExchangeServer : Environment::ExchangeOnline,
                 2000, badEvery);
    const ReplayRun expected = referenceReplay(s.rules, s.directory, s.input);
    QVERIFY(expected.ok);
    for (const int threads : {Replay::Sequential, 1, 2, 4}) {
        for (const qsizetype blockSize : {qsizetype(1), qsizetype(333), qsizetype(1 << 20)}) {
            const ReplayRun run = runReplay(s.rules, s.directory, s.input, threads, blockSize);
            const QByteArray where = "threads " + QByteArray::number(threads) + ", blocks of "
                + QByteArray::number(blockSize);
            QVERIFY2(run.ok, where.constData());
            QVERIFY2(run.output == expected.output, where.constData());
            QCOMPARE(run.bad.size(), expected.bad.size());
            for (qsizetype i = 0; i < run.bad.size(); ++i)
                QCOMPARE(describe(run.bad[i]), describe(expected.bad[i]));
            QCOMPARE(run.summary.rows, expected.summary.rows);
            QCOMPARE(run.summary.badRows, expected.summary.badRows);
            QCOMPARE(run.summary.denied, expected.summary.denied);
            QCOMPARE(run.summary.unmatched, expected.summary.unmatched);
            QCOMPARE(run.summary.perRule, expected.summary.perRule);
        }
    }
}

void TestReplayEngine::largeInputsUseTheDirectoryIndex()
{
    // Over a megabyte of rows and a thousand users: replay indexes the directory itself.
    RandomRuleSets ruleSets(55);
    const RuleSet rules = ruleSets.ruleSet(Environment::ExchangeOnline, 20);
    RandomConnections connections(56);
    const Directory directory = connections.directory(1200);
    const QByteArray input = connections.connections(directory, 30000, 50);
    QVERIFY(input.size() > 1024 * 1024);
    const ReplayRun expected = referenceReplay(rules, directory, input);
    for (const int threads : {Replay::Sequential, 2}) {
        const ReplayRun run = runReplay(rules, directory, input, threads, 256 * 1024);
        QVERIFY(run.ok);
        QVERIFY(run.output == expected.output);
        QCOMPARE(run.bad.size(), expected.bad.size());
        QCOMPARE(run.summary.perRule, expected.summary.perRule);
    }
}

void TestReplayEngine::badRowsInTheMiddleOfBlocks_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<qsizetype>("blockSize");

    QTest::newRow("sequential, a row per block") << int(Replay::Sequential) << qsizetype(1);
    QTest::newRow("sequential, blocks end inside rows") << int(Replay::Sequential) << qsizetype(97);
    QTest::newRow("one worker, blocks end inside rows") << 1 << qsizetype(97);
    QTest::newRow("two workers, blocks end inside rows") << 2 << qsizetype(97);
    QTest::newRow("three workers, a few rows per block") << 3 << qsizetype(250);
}

void TestReplayEngine::badRowsInTheMiddleOfBlocks()
{
    QFETCH(int, threads);
    QFETCH(qsizetype, blockSize);
    RuleSet rules;
    Rule deny;
    deny.name = QStringLiteral("Deny IMAP");
    deny.anyOfProtocols = {Protocol::IMAP4};
    QVERIFY(rules.insertRule(deny).ok);
    // Physical lines: a quoted note spans two lines, blank lines are skipped but counted.
    QByteArray input = "Note,User,Protocol,AuthenticationType,RemoteAddress,RemotePort\r\n";
    QList<qint64> badLines;
    qint64 line = 2;
    for (int i = 0; i < 60; ++i) {
        const bool bad = i % 7 == 3;
        const bool twoLines = i % 5 == 1;
        QByteArray note = twoLines ? "\"first\nsecond\"" : "n" + QByteArray::number(i);
        input += note + ",u" + QByteArray::number(i) + "@x,"
            + (bad         ? "Telnet"
                   : i % 2 ? "IMAP4"
                           : "POP3")
            + ",Basic,10.0.0." + QByteArray::number(i) + ",443\r\n";
        if (bad)
            badLines << line + (twoLines ? 1 : 0); // the Protocol field sits on the second line
        line += twoLines ? 2 : 1;
        if (i % 11 == 10) {
            input += "\r\n";
            ++line;
        }
    }
    const ReplayRun run = runReplay(rules, Directory(), input, threads, blockSize);
    QVERIFY(run.ok);
    QList<qint64> lines;
    for (const ReplayProblem &p : run.bad) {
        lines << p.line;
        QVERIFY2(p.message.contains(QLatin1String("Telnet")), qPrintable(p.message));
    }
    QCOMPARE(lines, badLines);
    QCOMPARE(run.summary.rows, 60);
    QCOMPARE(run.summary.badRows, badLines.size());
    const ReplayRun reference = referenceReplay(rules, Directory(), input);
    QCOMPARE(run.output, reference.output);
}

void TestReplayEngine::cancelStopsAtOnce_data()
{
    QTest::addColumn<int>("threads");
    QTest::newRow("sequential") << int(Replay::Sequential);
    QTest::newRow("one worker") << 1;
    QTest::newRow("two workers") << 2;
}

void TestReplayEngine::cancelStopsAtOnce()
{
    QFETCH(int, threads);
    const Scenario s = scenario(7, Environment::ExchangeOnline, 20000);
    QBuffer in;
    in.setData(s.input);
    in.open(QIODevice::ReadOnly);
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    std::atomic<bool> cancel {false};
    Replay replay(s.rules, s.directory);
    replay.setThreads(threads);
    replay.setBlockSize(4096);
    replay.setCancelFlag(&cancel);
    int progressCalls = 0;
    replay.setProgressCallback([&](const ReplayProgress &) {
        if (++progressCalls == 3)
            cancel = true;
    });
    ReplaySummary summary;
    ReplayProblem fatal;
    const bool ok = replay.run(
        &in, &out, [](const ReplayProblem &) {}, summary, &fatal);
    QVERIFY(!ok);
    QVERIFY(summary.cancelled);
    QVERIFY2(fatal.message.contains(QLatin1String("cancelled")), qPrintable(fatal.message));
    // It stopped within the blocks already in flight, far from the end.
    QCOMPARE(progressCalls, 3);
    QVERIFY2(summary.rows < 2000, qPrintable(QString::number(summary.rows)));
    // What was written is whole rows, the start of the full output.
    const ReplayRun full = runReplay(s.rules, s.directory, s.input, Replay::Sequential, 4096);
    QVERIFY(full.output.startsWith(out.data()));
    QVERIFY(out.data().endsWith("\r\n"));
}

void TestReplayEngine::progressCountsEveryRowAndByte()
{
    const Scenario s = scenario(9, Environment::ExchangeOnline, 5000);
    for (const int threads : {Replay::Sequential, 1, 2}) {
        QBuffer in;
        in.setData(s.input);
        in.open(QIODevice::ReadOnly);
        Replay replay(s.rules, s.directory);
        replay.setThreads(threads);
        replay.setBlockSize(8192);
        QList<ReplayProgress> progress;
        replay.setProgressCallback([&](const ReplayProgress &p) { progress << p; });
        ReplaySummary summary;
        QVERIFY(replay.run(
            &in, nullptr, [](const ReplayProblem &) {}, summary, nullptr));
        QVERIFY(progress.size() > 5);
        for (qsizetype i = 1; i < progress.size(); ++i) {
            QVERIFY(progress[i].rows > progress[i - 1].rows);
            QVERIFY(progress[i].bytes > progress[i - 1].bytes);
        }
        QCOMPARE(progress.last().rows, 5000);
        QCOMPARE(progress.last().bytes, s.input.size());
        QCOMPARE(summary.threads, threads);
    }
}

QTEST_GUILESS_MAIN(TestReplayEngine)
#include "tst_replayengine.moc"
