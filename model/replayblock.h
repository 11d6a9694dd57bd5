#pragma once

#include "replay.h"
#include "replayfields.h"
#include "replaytokenizer.h"
#include "replayusers.h"

#include <QByteArray>
#include <QList>

#include <array>
#include <atomic>
#include <vector>

namespace Car {

/// What every replay worker shares: the one evaluator (through ReplayCore), the bound columns,
/// the users (their facts and the cache) and the pre-formatted output suffixes. Read-only during
/// a run, apart from the thread-safe user cache.
struct ReplayContext
{
    /// `concurrent`: several workers share the context. `setupThreads`: how many threads (the
    /// calling one included) may compute the users' facts (ReplayUsers).
    ReplayContext(const ReplayCore &core, const ReplayColumns &columns,
                  const ReplayDirectoryIndex *index, bool concurrent, int setupThreads = 1);

    const ReplayCore &core;
    ReplayColumns columns;
    mutable ReplayUsers users;
    /// ",AllowAccess,\r\n" for "no rule matched" at [0], then ",<Action>,<Rule>\r\n" per rule,
    /// quoted as CsvWriter quotes (UTF-8).
    QList<QByteArray> suffixes;
    /// Per rule index: whether it denies.
    std::vector<bool> denies;
};

/// A block of input rows and, once processed, its output and counts. Blocks are numbered in
/// input order; problem lines are relative to the block's first line until the engine makes them
/// absolute.
struct ReplayBlock
{
    qint64 sequence = 0;
    QByteArray input; ///< complete records from `begin` on
    qsizetype begin = 0;
    QByteArray output;
    qint64 lineBreaks = 0; ///< line breaks in the block (the next block starts that many lines on)
    qint64 rows = 0;
    qint64 allowed = 0;
    qint64 denied = 0;
    qint64 unmatched = 0;
    qint64 badRows = 0;
    QList<qint64> perRule;
    QList<ReplayProblem> problems;
    bool cancelled = false;

    qsizetype inputBytes() const { return input.size() - begin; }
};

/// Parses, decides and formats the rows of blocks. One per worker thread (it owns scratch
/// buffers and a fallback cache); allocates nothing per row on the common path.
class ReplayBlockProcessor
{
public:
    explicit ReplayBlockProcessor(const ReplayContext &context);

    /// Fills the block's output, counts and problems from its input. Stops early, marking the
    /// block cancelled, when `cancel` becomes true.
    void process(ReplayBlock &block, const std::atomic<bool> *cancel);

    /// Appends one field as CsvWriter writes it (quoted when it holds a comma, a quote or a line
    /// break; quotes doubled).
    static void appendCsvField(QByteArray &out, QByteArrayView field);

private:
    /// A row the fast path parsed, waiting in a batch for its user and its decision.
    struct FastRow
    {
        QByteArrayView record; ///< the row's bytes in the block (rows with no quoted field)
        QByteArrayView user; ///< trimmed
        quint32 hash = 0;
        bool userAscii = true;
        bool indexed = false; ///< the user is looked up in the directory index
        bool middleTier = false;
        Protocol protocol = Protocol::ExchangeActiveSync;
        AuthenticationType authentication = AuthenticationType::BasicAuthentication;
        int port = 0;
        IpAddress address;
        int number = -1; ///< the directory user, once located; -1: `facts` are the text's
        UserFacts facts;
    };
    static constexpr int BatchSize = 64;

    /// Parses the current record's fields into `row`; false when the general path must do it.
    bool parseFast(FastRow &row);
    /// Resolves the users of the batch to their facts (prefetching, so that cache misses
    /// overlap), then decides and writes its rows in order.
    void flush(ReplayBlock &block);
    void resolve(FastRow &row);
    /// Decides a resolved row, counts it and writes it (from `row.record`, or from the current
    /// record's fields when `quoted`).
    void finish(const FastRow &row, bool quoted, ReplayBlock &block);
    /// Counts a decision and writes the current record's fields (or `record`) with it.
    void deliver(int rule, QByteArrayView record, bool quoted, ReplayBlock &block);
    /// The general path (ReplayCore::parse on UTF-16 fields) for the current record.
    bool decideGeneral(int &rule, ReplayProblem &problem);

    const ReplayContext &m_context;
    ReplayTokenizer m_tokenizer;
    ReplayEnumCache<Protocol> m_protocols;
    ReplayEnumCache<AuthenticationType> m_authentication;
    std::array<FastRow, BatchSize> m_batch;
    int m_batchCount = 0;
    Connection m_connection;
    std::vector<char16_t> m_username;
    std::vector<char16_t> m_wide;

    ReplayUserCache m_generalUsers;
    Connection m_generalConnection;
    QList<QString> m_generalFields;
    QList<QStringView> m_generalViews;
};

} // namespace Car
