#pragma once

// Helpers shared by the benchmark executables: memory figures from /proc and a result line that
// tests/tools/bench.sh parses ("RESULT <key> <value> <unit>").

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cstdio>
#include <ctime>

namespace CarBench {

/// A field of /proc/self/status in kB ("VmHWM", "VmRSS"), or -1 where there is no /proc.
inline qint64 procStatusKb(const char *field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

/// Peak resident memory of this process so far, in MB.
inline double peakMb()
{
    return double(procStatusKb("VmHWM")) / 1024.0;
}

/// Current resident memory, in MB.
inline double residentMb()
{
    return double(procStatusKb("VmRSS")) / 1024.0;
}

/// CPU time used by the whole process so far (all threads), in seconds: unlike wall-clock time
/// it does not grow when other programs share the cores.
inline double processCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

/// CPU time used by the calling thread so far, in seconds.
inline double threadCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

/// Resets the peak (VmHWM) to the current resident size (Linux 4.0+; ignored elsewhere).
inline void resetPeak()
{
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    if (file.open(QIODevice::WriteOnly))
        file.write("5");
}

/// One machine-readable figure on standard output.
inline void result(const QByteArray &key, double value, const char *unit)
{
    std::printf("RESULT %s %.6g %s\n", key.constData(), value, unit);
    std::fflush(stdout);
}

} // namespace CarBench
