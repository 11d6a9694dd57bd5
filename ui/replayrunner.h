#pragma once

#include "directory.h"
#include "replay.h"
#include "ruleset.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace Car {

class ReplayCapture;

/// Runs one replay (model/replay.h, with its worker threads) off the GUI thread: reads a
/// connections CSV, writes the results into a ReplayCapture, reports progress (throttled) and
/// stops within a block of rows when cancelled. Works on copies of the rules and directory.
class ReplayRunner : public QObject
{
    Q_OBJECT

public:
    /// Bad rows kept for display (all are counted).
    static constexpr int MaxProblems = 1000;

    struct Outcome
    {
        bool ok = false;
        bool cancelled = false;
        QString fatal; ///< why the input could not be replayed ("file:line:column: ...")
        ReplaySummary summary;
        QList<ReplayProblem> problems; ///< the first MaxProblems bad rows
    };

    explicit ReplayRunner(QObject *parent = nullptr);
    /// Cancels a running replay and waits for it.
    ~ReplayRunner() override;

    /// Starts replaying `path` against `rules` into `capture` (already start()ed) with `threads`
    /// as Replay::setThreads takes them (-1: one per core). False when one is running or the file
    /// cannot be opened.
    bool start(const QString &path, const RuleSet &rules, const Directory &directory,
               std::shared_ptr<ReplayCapture> capture, int threads, QString *error);
    /// Asks the running replay to stop; finished() follows with cancelled set.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

signals:
    void progress(qint64 bytesDone, qint64 bytesTotal, qint64 rows);
    void finished(const Car::ReplayRunner::Outcome &outcome);

private:
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace Car
