#pragma once

#include "replay.h"
#include "replayfields.h"
#include "replaytokenizer.h"
#include "replayusers.h"

#include <QByteArray>
#include <QList>

#include <atomic>
#include <vector>

namespace Car {

/// What every replay worker shares: the one evaluator (through ReplayCore), the bound columns,
/// the user cache and the pre-formatted output suffixes. Read-only during a run, apart from the
/// thread-safe user cache.
struct ReplayContext
{
    ReplayContext(const ReplayCore &core, const ReplayColumns &columns, bool concurrent);

    const ReplayCore &core;
    ReplayColumns columns;
    mutable ReplayUsers users;
    /// ",AllowAccess,\r\n" for "no rule matched" at [0], then ",<Action>,<Rule>\r\n" per rule,
    /// quoted as CsvWriter quotes (UTF-8).
    QList<QByteArray> suffixes;
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
    /// The deciding rule (-1: none) for the current record, or false with `problem` filled.
    bool decideRecord(int &rule, ReplayProblem &problem);
    bool decideFast(int &rule);
    bool decideGeneral(int &rule, ReplayProblem &problem);

    const ReplayContext &m_context;
    ReplayTokenizer m_tokenizer;
    ReplayEnumCache<Protocol> m_protocols;
    ReplayEnumCache<AuthenticationType> m_authentication;
    Connection m_connection;
    std::vector<char16_t> m_userText;
    std::vector<char16_t> m_username;
    std::vector<char16_t> m_wide;

    // The general path (ReplayCore::parse on UTF-16 fields) for rows the fast path declines.
    ReplayUserCache m_generalUsers;
    Connection m_generalConnection;
    QList<QString> m_generalFields;
    QList<QStringView> m_generalViews;
};

} // namespace Car
