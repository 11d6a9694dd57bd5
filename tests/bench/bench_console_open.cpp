// Opening the console on a big workspace (issue 4: "opening a workspace with 100,000 users:
// first paint under 1 second"): the time from process start to the first paint of the main
// window, done as app/console/main.cpp does it (open the SQLite workspace, load it, build the
// window with every panel and dock, show it). Also the split: before main() (dynamic loading),
// opening and loading the store, building the window, and up to the first paint.
//
//   bench_console_open WORKSPACE.carws
//
// Run it offscreen (QT_QPA_PLATFORM=offscreen) or on a display (xvfb-run -a); one process per
// measurement, since "from process start" cannot be repeated inside one process. Besides the
// wall-clock figures it prints the CPU time used up to the first paint, which does not grow when
// other programs share the cores.

#include "benchcommon.h"
#include "mainwindow.h"
#include "rulesetdocument.h"
#include "sqliteworkspacestore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QTimer>

#include <unistd.h>

using namespace Car;

namespace {

/// Seconds since this process started, from /proc (10 ms resolution; -1 without /proc).
double processAgeSeconds()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The fields after the command name (which may hold spaces) start after the last ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double started = fields.value(19).toDouble() / double(sysconf(_SC_CLK_TCK));
    const double now = uptime.readAll().split(' ').value(0).toDouble();
    return now - started;
}

std::unique_ptr<RuleStore> openStore(const QString &path, QString *error)
{
    SqliteWorkspaceStore::OpenResult opened = SqliteWorkspaceStore::open(path);
    if (!opened) {
        if (error)
            *error = opened.error;
        return nullptr;
    }
    return std::move(opened.store);
}

class FirstPaint : public QObject
{
public:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !painted) {
            painted = true;
            // After this paint has been delivered and flushed.
            QTimer::singleShot(0, qApp, [this] {
                elapsedMs = double(timer->nsecsElapsed()) / 1e6;
                age = processAgeSeconds();
                cpuSeconds = CarBench::processCpuSeconds();
                mainThreadCpuSeconds = CarBench::threadCpuSeconds();
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

    QElapsedTimer *timer = nullptr;
    bool painted = false;
    double elapsedMs = -1;
    double age = -1;
    double cpuSeconds = -1;
    double mainThreadCpuSeconds = -1;
};

} // namespace

int main(int argc, char *argv[])
{
    const double ageAtMain = processAgeSeconds();
    QElapsedTimer timer;
    timer.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("carconsole-bench"));
    QApplication::setOrganizationName(QStringLiteral("CarConsoleBench"));
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_console_open WORKSPACE.carws\n");
        return 2;
    }
    const double appMs = double(timer.nsecsElapsed()) / 1e6;

    QString error;
    std::unique_ptr<RuleStore> store = openStore(args[1], &error);
    if (!store) {
        std::fprintf(stderr, "bench_console_open: %s\n", qPrintable(error));
        return 1;
    }
    MainWindow window(openStore);
    const double beforeLoadMs = double(timer.nsecsElapsed()) / 1e6;
    if (!window.setStore(std::move(store), args[1], &error)) {
        std::fprintf(stderr, "bench_console_open: %s\n", qPrintable(error));
        return 1;
    }
    const double builtMs = double(timer.nsecsElapsed()) / 1e6;
    FirstPaint probe;
    probe.timer = &timer;
    window.installEventFilter(&probe);
    window.show();
    QTimer::singleShot(30000, &app, [] {
        std::fprintf(stderr, "bench_console_open: no paint within 30 s\n");
        QCoreApplication::exit(1);
    });
    if (app.exec() != 0 || !probe.painted)
        return 1;

    const int users = window.document()->directory().size();
    std::fprintf(stderr,
                 "%d users, %d rules; before main %.0f ms, QApplication %.0f ms, open + window "
                 "%.0f ms, load + build %.0f ms, show to first paint %.0f ms\n",
                 users, window.document()->ruleSet().size(), ageAtMain * 1000, appMs,
                 beforeLoadMs - appMs, builtMs - beforeLoadMs, probe.elapsedMs - builtMs);
    CarBench::result("console_first_paint_ms",
                     probe.age >= 0 ? probe.age * 1000 : ageAtMain * 1000 + probe.elapsedMs, "ms");
    CarBench::result("console_first_paint_after_main_ms", probe.elapsedMs, "ms");
    // CPU time does not grow when other programs share the cores (wall time does).
    CarBench::result("console_first_paint_cpu_ms", probe.cpuSeconds * 1000, "ms");
    CarBench::result("console_first_paint_main_thread_cpu_ms", probe.mainThreadCpuSeconds * 1000,
                     "ms");
    CarBench::result("console_open_peak_mb", CarBench::peakMb(), "MB");
    return 0;
}
