#include "analysisscheduler.h"

#include "rulesetdocument.h"

#include <QThread>

namespace Car {

AnalysisScheduler::AnalysisScheduler(RuleSetDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultDebounceMs);
    connect(&m_timer, &QTimer::timeout, this, &AnalysisScheduler::runNow);
    connect(document, &RuleSetDocument::ruleSetReset, this, &AnalysisScheduler::schedule);
    connect(document, &RuleSetDocument::directoryChanged, this, &AnalysisScheduler::schedule);
    connect(document, &RuleSetDocument::adminChanged, this, &AnalysisScheduler::schedule);
}

AnalysisScheduler::~AnalysisScheduler()
{
    m_timer.stop();
    if (m_cancel)
        m_cancel->store(true);
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

void AnalysisScheduler::schedule()
{
    setPending(true);
    m_timer.start();
}

void AnalysisScheduler::runNow()
{
    m_timer.stop();
    if (m_cancel)
        m_cancel->store(true);
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    const quint64 generation = ++m_generation;
    setPending(true);

    // The worker owns copies: the document may change (or go away) while it runs.
    const RuleSet rules = m_document->ruleSet();
    const Directory directory = m_document->directory();
    const AdminSettings admin = m_document->admin();
    QThread *thread = QThread::create([this, cancel, generation, rules, directory, admin] {
        AnalysisOptions options;
        options.admin = admin;
        options.cancel = cancel.get();
        const AnalysisResult result = analyzeRuleSet(rules, directory, options);
        if (result.cancelled || cancel->load())
            return;
        // Queued to this object: discarded if it is destroyed first (the destructor waits).
        QMetaObject::invokeMethod(
            this, [this, generation, result, rules] { deliver(generation, result, rules); },
            Qt::QueuedConnection);
    });
    thread->setObjectName(QStringLiteral("analysis"));
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeOne(thread);
        thread->deleteLater();
    });
    thread->start(QThread::LowPriority);
}

void AnalysisScheduler::deliver(quint64 generation, const AnalysisResult &result,
                                const RuleSet &rules)
{
    if (generation != m_generation)
        return; // a newer run is on its way
    m_result = result;
    m_analysed = rules;
    if (!m_timer.isActive())
        setPending(false);
    emit finished();
}

void AnalysisScheduler::setPending(bool pending)
{
    if (pending == m_pending)
        return;
    m_pending = pending;
    emit pendingChanged(pending);
}

} // namespace Car
