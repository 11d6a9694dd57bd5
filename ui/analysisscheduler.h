#pragma once

#include "analysis.h"
#include "ruleset.h"

#include <QList>
#include <QObject>
#include <QTimer>
#include <QUuid>

#include <atomic>
#include <memory>

class QThread;

namespace Car {

class RuleSetDocument;

/// Keeps the rule analysis of a document current without blocking typing: every change of the
/// rules, the directory or the administrator restarts a short debounce; then analyzeRuleSet()
/// runs on a worker thread over copies of the rule set, directory and administrator. A newer
/// run cancels the one still going (through its atomic flag) and only the newest result is
/// delivered, on the GUI thread.
class AnalysisScheduler : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultDebounceMs = 150;

    explicit AnalysisScheduler(RuleSetDocument *document, QObject *parent = nullptr);
    /// Cancels the runs still going and waits for them (each stops within a few milliseconds).
    ~AnalysisScheduler() override;

    void setDebounce(int milliseconds) { m_timer.setInterval(milliseconds); }

    /// The newest delivered result (empty before the first one).
    const AnalysisResult &result() const { return m_result; }
    /// The rule set that result() is about (its indexes refer to it).
    const RuleSet &analysedRules() const { return m_analysed; }
    /// True from a change until its result is delivered.
    bool isPending() const { return m_pending; }

public slots:
    /// Restarts the debounce; the analysis runs when it expires.
    void schedule();
    /// Starts a run now (cancelling a running one).
    void runNow();

signals:
    void pendingChanged(bool pending);
    /// result() and analysedRules() were replaced.
    void finished();

private:
    void deliver(quint64 generation, const AnalysisResult &result, const RuleSet &rules);
    void setPending(bool pending);

    RuleSetDocument *m_document;
    QTimer m_timer;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QList<QThread *> m_threads;
    AnalysisResult m_result;
    RuleSet m_analysed;
    bool m_pending = false;
};

} // namespace Car
