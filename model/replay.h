#pragma once

#include "evaluator.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringView>

#include <atomic>
#include <functional>
#include <memory>

class QIODevice;

namespace Car {

class ReplayDirectoryIndex;

/// Positions (0-based) of the replay input columns, found by header name ignoring case:
/// User, Protocol, AuthenticationType, RemoteAddress, RemotePort and the optional MiddleTier.
struct ReplayColumns
{
    int user = -1;
    int protocol = -1;
    int authentication = -1;
    int address = -1;
    int port = -1;
    int middleTier = -1; ///< -1: no such column (every row is not middle-tier)
    int count = 0; ///< number of header fields

    /// Binds the header; on failure `error` names the missing or repeated column.
    static std::optional<ReplayColumns> fromHeader(const QList<QStringView> &header, QString *error,
                                                   int *errorField);
};

/// Where a row went wrong: the 0-based field and why.
struct ReplayRowError
{
    int field = 0;
    QString message;
};

/// Per-worker cache of resolved users: user text -> directory entry and username string, so a
/// user seen again is neither looked up nor formatted again. Not thread-safe: one per worker.
class ReplayUserCache
{
public:
    static constexpr int MaxEntries = 100000;

    struct Entry
    {
        const DirectoryUser *user = nullptr;
        QString userText;
        QString username;
    };

    /// The entry for `text`, resolved through makeConnection() on first sight.
    const Entry &resolve(QStringView text, const RuleSet &rules, const Directory &directory);

private:
    QHash<QString, Entry> m_entries;
    QString m_key; ///< reused lookup key, so a cache hit allocates nothing
};

/// The pure row -> decision core of replay: parses one row's fields and asks the one evaluator.
/// Holds no mutable state, so workers may share one instance (each with its own cache).
class ReplayCore
{
public:
    ReplayCore(const RuleSet &rules, const Directory &directory);

    const Evaluator &evaluator() const { return m_evaluator; }
    const RuleSet &ruleSet() const { return m_evaluator.ruleSet(); }
    const Directory &directory() const { return m_directory; }

    /// Fills `connection` from the row (domain §0: MiddleTier true/false/1/0/empty, protocol and
    /// authentication bound like enum text, RemotePort 1..65535). False with `error` otherwise.
    bool parse(const QStringView *fields, const ReplayColumns &columns, ReplayUserCache &cache,
               Connection &connection, ReplayRowError &error) const;

    /// The deciding rule's index, or -1 (no rule matched: allowed).
    int decide(const Connection &connection) const { return m_evaluator.decide(connection); }

private:
    Evaluator m_evaluator;
    const Directory &m_directory;
};

/// Totals of one replay run.
struct ReplaySummary
{
    qint64 rows = 0; ///< data rows read, bad ones included
    qint64 allowed = 0;
    qint64 denied = 0;
    qint64 badRows = 0;
    qint64 unmatched = 0; ///< allowed because no rule matched
    QList<qint64> perRule; ///< decisions per rule index
    qint64 elapsedMs = 0;
    qint64 elapsedNs = 0; ///< the same, finer (rowsPerSecond() uses it when set)
    qint64 bytes = 0; ///< input bytes read
    int threads = 0; ///< worker threads used (0: sequential, on the calling thread)
    bool cancelled = false; ///< the run stopped early on request

    double rowsPerSecond() const;
    /// A few lines of text: totals, per rule (by name), rows per second.
    QString toText(const RuleSet &rules) const;
};

/// A problem with the input: line and column are 1-based.
struct ReplayProblem
{
    qint64 line = 0;
    qint64 column = 0;
    QString message;
};

/// Progress of a running replay: input bytes consumed and rows done so far.
struct ReplayProgress
{
    qint64 bytes = 0;
    qint64 rows = 0;
};

/// Streams a connections CSV through the evaluator and writes the input columns plus Action and
/// Rule (empty when no rule matched). Memory does not grow with the number of rows.
///
/// Sequential (the default), everything runs on the calling thread. With worker threads, the
/// calling thread reads the input in blocks of whole rows and writes the results in input order,
/// while the workers parse, decide and format blocks; queues are bounded, so memory stays flat.
/// The output, the summary and the bad-row reports are the same in every mode.
///
/// To run it from a GUI: call run() on a worker thread, pass a progress callback (it is called on
/// that thread after each block, so post it to the GUI thread) and set the cancel flag to stop:
/// run() then returns within a block's worth of rows, with summary.cancelled set.
class Replay
{
public:
    Replay(const RuleSet &rules, const Directory &directory);
    ~Replay();

    static constexpr int Sequential = 0;
    static constexpr int OnePerCore = -1;
    /// Worker threads besides the calling thread (which then only reads and writes):
    /// Sequential (0, the default) does everything on the calling thread; OnePerCore (or any
    /// negative number) starts one worker per core.
    void setThreads(int threads);
    int threads() const { return m_threads; }
    /// Bytes of input per block (default 256 KiB); a row longer than that makes a bigger block.
    void setBlockSize(qsizetype bytes) { m_blockSize = std::max<qsizetype>(bytes, 1); }
    /// Called on the thread that runs run(), after each block is written.
    void setProgressCallback(std::function<void(const ReplayProgress &)> callback)
    {
        m_progress = std::move(callback);
    }
    /// When `*cancel` becomes true, the run stops (the flag must outlive run()).
    void setCancelFlag(const std::atomic<bool> *cancel) { m_cancel = cancel; }

    /// Reads `input` (RFC 4180, UTF-8, header row) and writes to `output` (may be nullptr).
    /// A bad row is reported through `onBadRow` (in input order, on the calling thread), left out
    /// of the output, and the run goes on. Returns false with `fatal` when the input cannot be
    /// replayed at all (no header, a required column missing, a read or write failure) or the
    /// run was cancelled (summary.cancelled; rows written so far stay written).
    bool run(QIODevice *input, QIODevice *output,
             const std::function<void(const ReplayProblem &)> &onBadRow, ReplaySummary &summary,
             ReplayProblem *fatal);

    const ReplayCore &core() const { return m_core; }

private:
    ReplayCore m_core;
    /// The lookup of ASCII user texts in the directory's own index (made on the first run).
    std::unique_ptr<ReplayDirectoryIndex> m_index;
    int m_threads = Sequential;
    qsizetype m_blockSize = 256 * 1024;
    std::function<void(const ReplayProgress &)> m_progress;
    const std::atomic<bool> *m_cancel = nullptr;
};

} // namespace Car
