// Replay end to end: a connections CSV file in, the decisions CSV file out, through Replay::run
// sequentially (--threads 0, the default) or with N worker threads, against the rules and
// directory of a workspace.
// Reports rows per second and memory: the whole process's peak and the replay's own share.
//
//   bench_replay WORKSPACE.carws CONNECTIONS.csv [--threads N] [--output FILE] [--repeat R]

#include "benchcommon.h"
#include "replay.h"
#include "replaydirectoryindex.h"
#include "replayusers.h"
#include "sqliteworkspacestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>

using namespace Car;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    args.removeFirst();
    int threads = Replay::Sequential;
    int repeat = 3;
    QString outputPath;
    QStringList positional;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--threads") && i + 1 < args.size())
            threads = args[++i].toInt();
        else if (args[i] == QLatin1String("--repeat") && i + 1 < args.size())
            repeat = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--output") && i + 1 < args.size())
            outputPath = args[++i];
        else
            positional << args[i];
    }
    if (positional.size() != 2) {
        std::fprintf(stderr,
                     "usage: bench_replay WORKSPACE.carws CONNECTIONS.csv [--threads N] "
                     "[--output FILE] [--repeat R]\n");
        return 2;
    }
    SqliteWorkspaceStore::OpenResult opened =
        SqliteWorkspaceStore::open(positional[0], SqliteWorkspaceStore::OpenMode::ReadOnly);
    if (!opened) {
        std::fprintf(stderr, "bench_replay: %s\n", qPrintable(opened.error));
        return 1;
    }
    WorkspaceData data;
    if (const StoreResult loaded = opened.store->load(data); !loaded.ok) {
        std::fprintf(stderr, "bench_replay: %s\n", qPrintable(loaded.error));
        return 1;
    }
    opened.store.reset();
    QTemporaryDir temp;
    if (outputPath.isEmpty())
        outputPath = temp.filePath(QStringLiteral("decisions.csv"));

    // What replay spends once per run on its directory lookup (the directory keeps the index
    // itself, built on load: this is only the setup), and the index's size.
    QElapsedTimer indexTimer;
    indexTimer.start();
    const qsizetype indexBytes = ReplayDirectoryIndex(data.directory).memoryBytes();
    const double indexMs = double(indexTimer.nsecsElapsed()) / 1e6;
    // What every run spends first on the users: each directory user's part of every rule (its
    // recipient filters and username patterns), so that rows need not read the users.
    double factsMs = 0;
    {
        const Evaluator evaluator(data.ruleSet);
        const ReplayDirectoryIndex index(data.directory);
        QElapsedTimer factsTimer;
        factsTimer.start();
        const ReplayUsers users(evaluator, data.directory, &index, false);
        factsMs = double(factsTimer.nsecsElapsed()) / 1e6;
    }

    const double loadedMb = CarBench::residentMb();
    const double loadPeakMb = CarBench::peakMb();
    CarBench::resetPeak();
    double best = 0;
    double bestCpu = 0;
    double bestWorker = 0;
    ReplaySummary summary;
    for (int i = 0; i < repeat; ++i) {
        QFile in(positional[1]);
        QFile out(outputPath);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly)) {
            std::fprintf(stderr, "bench_replay: cannot open %s or %s\n", qPrintable(positional[1]),
                         qPrintable(outputPath));
            return 1;
        }
        // A new Replay each time: every run pays for what a single CLI run pays for.
        Replay replay(data.ruleSet, data.directory);
        replay.setThreads(threads);
        ReplayProblem fatal;
        qint64 bad = 0;
        const double cpuBefore = CarBench::processCpuSeconds();
        const double mainBefore = CarBench::threadCpuSeconds();
        const bool ok = replay.run(
            &in, &out, [&bad](const ReplayProblem &) { ++bad; }, summary, &fatal);
        if (!ok) {
            std::fprintf(stderr, "bench_replay: %lld:%lld: %s\n", fatal.line, fatal.column,
                         qPrintable(fatal.message));
            return 1;
        }
        best = std::max(best, summary.rowsPerSecond());
        // The workers' share: all CPU time but the reading/writing thread's.
        const double workers =
            CarBench::processCpuSeconds() - cpuBefore - (CarBench::threadCpuSeconds() - mainBefore);
        if (replay.threads() > 0)
            bestWorker = std::max(bestWorker, double(summary.rows) / std::max(1e-9, workers));
        bestCpu = std::max(bestCpu,
                           double(summary.rows)
                               / std::max(1e-9, CarBench::processCpuSeconds() - cpuBefore));
    }
    const double replayPeakMb = CarBench::peakMb();
    std::fprintf(stderr, "%s", qPrintable(summary.toText(data.ruleSet)));
    Replay probe(data.ruleSet, data.directory);
    probe.setThreads(threads);
    const int workers = probe.threads();
    const QByteArray key = workers == Replay::Sequential ? QByteArray("replay_seq")
                                                         : "replay_t" + QByteArray::number(workers);
    CarBench::result(key + "_rows_per_s", best, "rows/s");
    CarBench::result(key + "_rows_per_cpu_s", bestCpu, "rows/s");
    if (workers > 0)
        CarBench::result(key + "_rows_per_worker_cpu_s", bestWorker * workers, "rows/s");
    CarBench::result(key + "_rows", double(summary.rows), "rows");
    CarBench::result(key + "_process_peak_mb", std::max(loadPeakMb, replayPeakMb), "MB");
    CarBench::result(key + "_workspace_mb", loadedMb, "MB");
    CarBench::result(key + "_own_mb", replayPeakMb - loadedMb, "MB");
    CarBench::result("replay_directory_index_ms", indexMs, "ms");
    CarBench::result("replay_directory_index_mb", double(indexBytes) / 1048576.0, "MB");
    CarBench::result("replay_user_facts_ms", factsMs, "ms");
    return 0;
}
