#pragma once

#include "enums.h"
#include "replayrunner.h"
#include "ruleset.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;
class QTreeWidget;

namespace Car {

class ReplayCapture;
class ReplayChart;
class ReplayResultsModel;
class RuleSetDocument;

/// The Replay view (issue 4): replays a connections CSV (the CLI's replay format) against the
/// current rules on worker threads with a progress bar and Cancel, then shows the totals, a
/// chart of connections per deciding rule, the users and addresses most often denied, a
/// filterable results table (a row opens in the Test connection panel with its trace) and the
/// bad rows. With a snapshot chosen under "Impact", the same log is replayed against it too and
/// the connections whose decision changes are grouped by rule and by user ("23 users lose
/// ExchangeActiveSync"). The GUI thread only ever handles progress and the rows on screen.
class ReplayView : public QWidget
{
    Q_OBJECT

public:
    explicit ReplayView(RuleSetDocument *document, QWidget *parent = nullptr);
    ~ReplayView() override;

    bool isRunning() const;
    QString path() const { return m_path; }
    /// The outcome of the last replay against the current rules.
    const ReplayRunner::Outcome &outcome() const { return m_outcome; }
    const ReplayCapture *capture() const { return m_capture.get(); }
    /// The comparison capture of the last impact run (nullptr: none).
    const ReplayCapture *impactCapture() const { return m_impact.get(); }
    ReplayResultsModel *resultsModel() const { return m_results; }
    QTableView *resultsTable() const { return m_table; }
    QString totalsText() const;
    /// The impact headlines and groups as text ("23 users lose ExchangeActiveSync" ...).
    QString impactText() const { return m_impactText; }
    /// Worker threads, as Replay::setThreads takes them (default -1: one per core).
    void setThreads(int threads) { m_threads = threads; }

public slots:
    /// Asks for a CSV file and replays it.
    void openDialog();
    /// Replays `path` (against the current rules, then the chosen snapshot if any).
    bool openFile(const QString &path);
    /// Replays the current file again.
    bool run();
    /// Stops the running replay at once (within a block of rows).
    void cancel();
    /// Chooses the snapshot to compare with (empty: none); refreshes the list first.
    void setBaselineSnapshot(const QString &name);
    /// Emits testConnectionRequested for the row shown at `row` of the results table.
    void openRow(int row);
    void refreshSnapshots();

signals:
    void testConnectionRequested(const QString &user, Car::Protocol protocol,
                                 Car::AuthenticationType authenticationType, const QString &address,
                                 int port, bool middleTier);
    /// After a replay (and its comparison) finished, was cancelled or failed.
    void finished();

private:
    void buildUi();
    QWidget *buildOverview();
    QWidget *buildResults();
    QWidget *buildImpact();
    void setRunning(bool running, const QString &what);
    void onProgress(qint64 done, qint64 total, qint64 rows);
    void onFinished(const ReplayRunner::Outcome &outcome);
    void onImpactFinished(const ReplayRunner::Outcome &outcome);
    void showResults();
    void showChart();
    void showImpact();
    void applyFilter();
    QString ruleLabel(const RuleSet &rules, int index) const;

    RuleSetDocument *m_document;
    ReplayRunner *m_runner = nullptr;
    QString m_path;
    int m_threads = -1;
    std::shared_ptr<ReplayCapture> m_capture;
    std::shared_ptr<ReplayCapture> m_impact;
    ReplayRunner::Outcome m_outcome;
    RuleSet m_replayedRules;
    RuleSet m_baselineRules;
    QString m_baselineName;
    bool m_comparing = false;
    QString m_impactText;

    QPushButton *m_open = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QComboBox *m_baseline = nullptr;
    QLabel *m_file = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_stale = nullptr;
    QTabWidget *m_tabs = nullptr;
    ReplayChart *m_chart = nullptr;
    QTreeWidget *m_deniedUsers = nullptr;
    QTreeWidget *m_deniedAddresses = nullptr;
    QComboBox *m_decisionFilter = nullptr;
    QComboBox *m_ruleFilter = nullptr;
    QLineEdit *m_textFilter = nullptr;
    QTimer *m_filterTimer = nullptr;
    QLabel *m_shown = nullptr;
    QTableView *m_table = nullptr;
    ReplayResultsModel *m_results = nullptr;
    QLabel *m_impactSummary = nullptr;
    QTreeWidget *m_impactTree = nullptr;
    QTreeWidget *m_badRows = nullptr;
};

} // namespace Car
