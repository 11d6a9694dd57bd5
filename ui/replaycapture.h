#pragma once

#include "enums.h"
#include "ruleset.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QIODevice>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QTemporaryFile>

#include <functional>
#include <memory>
#include <vector>

namespace Car {

/// The console's sink for a replay's output (Replay::run writes its CSV here): it keeps the
/// output in a temporary file and, per row, only its offset in that file and the deciding rule
/// (10 bytes a row: a 1,000,000-row replay keeps 10 MB in memory). It also counts, bounded, the
/// users and addresses most often denied. A row's fields are read back from the file on demand.
///
/// In comparison mode (setBaseline) it keeps no file: each row's decision is compared with the
/// baseline's decision for the same row, and the rows whose decision changes are counted by
/// user, protocol and rule (the "impact of a change").
///
/// Written on the replay's thread; read on the GUI thread only after the run finished.
class ReplayCapture : public QIODevice
{
    Q_OBJECT

public:
    /// Distinct users (and addresses) counted before further new ones are ignored.
    static constexpr int MaxDistinctKeys = 100000;

    /// `rules` is the rule set the replay runs against (rule names map back to indexes).
    explicit ReplayCapture(const RuleSet &rules, QObject *parent = nullptr);
    ~ReplayCapture() override;

    /// Opens the temporary file (or, in comparison mode, nothing) and the device for writing.
    bool start(QString *error);
    /// Compare each row's decision with `baseline`'s (a finished capture of the same input run
    /// against another rule set). Call before start().
    void setBaseline(std::shared_ptr<const ReplayCapture> baseline);
    /// Takes in what is left after the last write and flushes the file (after Replay::run).
    void finish();
    bool isSequential() const override { return true; }

    // Results (after the run).
    const QStringList &header() const { return m_header; }
    const RuleSet &rules() const { return m_rules; }
    qint64 rowCount() const { return qint64(m_ruleOfRow.size()); }
    /// The deciding rule of output row `row` (-1: no rule matched).
    int ruleAt(qint64 row) const { return m_ruleOfRow[std::size_t(row)]; }
    Action actionAt(qint64 row) const;
    /// Reads the fields of output row `row` (the input columns, then Action and Rule).
    bool readRow(qint64 row, QStringList &fields) const;
    /// Calls `visit(row, recordBytes)` for every row in order, reading the file in large chunks;
    /// stops when it returns false.
    void scan(const std::function<bool(qint64 row, QByteArrayView record)> &visit) const;

    int userColumn() const { return m_userColumn; }
    int protocolColumn() const { return m_protocolColumn; }
    int authenticationColumn() const { return m_authenticationColumn; }
    int addressColumn() const { return m_addressColumn; }
    int portColumn() const { return m_portColumn; }
    int middleTierColumn() const { return m_middleTierColumn; }

    struct Count
    {
        QString key;
        qint64 count = 0;
    };
    /// The `n` users / addresses most often denied, most first.
    QList<Count> topDeniedUsers(int n) const { return top(m_deniedUsers, n); }
    QList<Count> topDeniedAddresses(int n) const { return top(m_deniedAddresses, n); }
    /// True when the user / address counts hit MaxDistinctKeys (the top list may then miss some).
    bool usersTruncated() const { return m_usersTruncated; }
    bool addressesTruncated() const { return m_addressesTruncated; }

    // Comparison mode results.
    struct UserImpact
    {
        quint32 lostProtocols = 0; ///< bit per Protocol: some connection allowed -> denied
        quint32 gainedProtocols = 0; ///< denied -> allowed
        qint64 lost = 0;
        qint64 gained = 0;
    };
    struct RuleImpact
    {
        bool lost = true; ///< allowed before, denied now
        int baselineRule = -1; ///< the deciding rule in the baseline's rule set (-1: none)
        int rule = -1; ///< the deciding rule in this capture's rule set (-1: none)
        qint64 connections = 0;
        QSet<QString> users;
    };
    const QHash<QString, UserImpact> &userImpact() const { return m_userImpact; }
    const QList<RuleImpact> &ruleImpact() const { return m_ruleImpact; }
    /// Rows (of the baseline) whose decision differs.
    const std::vector<quint32> &changedRows() const { return m_changedRows; }
    qint64 changedCount() const { return qint64(m_changedRows.size()); }
    /// False when the two runs did not read the same rows (then changes are not comparable).
    bool comparable() const;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void consume(const char *data, qsizetype size, bool atEnd);
    void handleHeader(const QList<QByteArrayView> &fields);
    void handleRow(const QList<QByteArrayView> &fields);
    static void countKey(QHash<QString, qint64> &map, QByteArrayView key, bool &truncated);
    static QList<Count> top(const QHash<QString, qint64> &map, int n);

    RuleSet m_rules;
    QHash<QByteArray, int> m_ruleByName;
    std::unique_ptr<QTemporaryFile> m_file;
    mutable std::unique_ptr<QFile> m_reader;
    std::shared_ptr<const ReplayCapture> m_baseline;
    QByteArray m_carry;
    qint64 m_written = 0; ///< bytes of output consumed (offset of m_carry's start)
    bool m_headerSeen = false;
    QStringList m_header;
    int m_userColumn = -1;
    int m_protocolColumn = -1;
    int m_authenticationColumn = -1;
    int m_addressColumn = -1;
    int m_portColumn = -1;
    int m_middleTierColumn = -1;
    std::vector<qint64> m_offsets;
    std::vector<qint16> m_ruleOfRow;
    QHash<QString, qint64> m_deniedUsers;
    QHash<QString, qint64> m_deniedAddresses;
    bool m_usersTruncated = false;
    bool m_addressesTruncated = false;
    QHash<QString, UserImpact> m_userImpact;
    QList<RuleImpact> m_ruleImpact;
    std::vector<quint32> m_changedRows;
    QHash<QByteArray, int> m_protocolCache;
};

} // namespace Car
