// Opening a workspace: SqliteWorkspaceStore::open + load of the rules and the whole directory
// (100,000 users in the generated data), timed, with the memory it takes.
//
//   bench_workspace WORKSPACE.carws [repetitions]

#include "benchcommon.h"
#include "sqliteworkspacestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>

using namespace Car;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_workspace WORKSPACE.carws [repetitions]\n");
        return 2;
    }
    const int repetitions = std::max(1, args.value(2, QStringLiteral("3")).toInt());
    const double residentBefore = CarBench::residentMb();
    qint64 best = -1;
    int users = 0;
    double residentLoaded = 0;
    for (int i = 0; i < repetitions; ++i) {
        QElapsedTimer timer;
        timer.start();
        SqliteWorkspaceStore::OpenResult opened =
            SqliteWorkspaceStore::open(args[1], SqliteWorkspaceStore::OpenMode::ReadOnly);
        if (!opened) {
            std::fprintf(stderr, "bench_workspace: %s\n", qPrintable(opened.error));
            return 1;
        }
        WorkspaceData data;
        const StoreResult loaded = opened.store->load(data);
        if (!loaded.ok) {
            std::fprintf(stderr, "bench_workspace: %s\n", qPrintable(loaded.error));
            return 1;
        }
        const qint64 elapsed = timer.nsecsElapsed();
        best = best < 0 ? elapsed : std::min(best, elapsed);
        users = data.directory.size();
        residentLoaded = CarBench::residentMb();
    }
    std::fprintf(stderr, "opened %d users, best of %d\n", users, repetitions);
    CarBench::result("workspace_open_ms", double(best) / 1e6, "ms");
    CarBench::result("workspace_users", users, "users");
    CarBench::result("workspace_resident_mb", residentLoaded - residentBefore, "MB");
    CarBench::result("workspace_peak_mb", CarBench::peakMb(), "MB");
    return 0;
}
