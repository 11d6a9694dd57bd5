#pragma once

#include "evaluator.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringView>

#include <functional>

class QIODevice;

namespace Car {

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

/// Streams a connections CSV through the evaluator: reads one row at a time, writes the input
/// columns plus Action and Rule (empty when no rule matched). Memory does not grow with rows.
class Replay
{
public:
    Replay(const RuleSet &rules, const Directory &directory);

    /// Reads `input` (RFC 4180, UTF-8, header row) and writes to `output` (may be nullptr).
    /// A bad row is reported through `onBadRow`, left out of the output, and the run goes on.
    /// Returns false with `fatal` when the input cannot be replayed at all (no header, a
    /// required column missing, a read or write failure).
    bool run(QIODevice *input, QIODevice *output,
             const std::function<void(const ReplayProblem &)> &onBadRow, ReplaySummary &summary,
             ReplayProblem *fatal);

    const ReplayCore &core() const { return m_core; }

private:
    ReplayCore m_core;
};

} // namespace Car
