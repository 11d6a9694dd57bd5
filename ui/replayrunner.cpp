#include "replayrunner.h"

#include "replaycapture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

namespace Car {

ReplayRunner::ReplayRunner(QObject *parent)
    : QObject(parent)
{ }

ReplayRunner::~ReplayRunner()
{
    if (m_thread) {
        m_cancel->store(true);
        m_thread->wait();
        delete m_thread;
    }
}

bool ReplayRunner::start(const QString &path, const RuleSet &rules, const Directory &directory,
                         std::shared_ptr<ReplayCapture> capture, int threads, QString *error)
{
    if (m_thread) {
        if (error)
            *error = tr("a replay is already running");
        return false;
    }
    auto input = std::make_shared<QFile>(path);
    if (!input->open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("%1: %2").arg(path, input->errorString());
        return false;
    }
    const qint64 total = input->size();
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    const QString name = QFileInfo(path).fileName();
    m_thread = QThread::create([this, input, capture, cancel, rules, directory, threads, total,
                                name] {
        Replay replay(rules, directory);
        replay.setThreads(threads);
        replay.setCancelFlag(cancel.get());
        QElapsedTimer sinceReport;
        sinceReport.start();
        replay.setProgressCallback([&](const ReplayProgress &p) {
            if (sinceReport.elapsed() < 50)
                return;
            sinceReport.restart();
            QMetaObject::invokeMethod(
                this, [this, p, total] { emit progress(p.bytes, total, p.rows); },
                Qt::QueuedConnection);
        });
        Outcome outcome;
        ReplayProblem fatal;
        outcome.ok = replay.run(
            input.get(), capture.get(),
            [&outcome](const ReplayProblem &problem) {
                if (outcome.problems.size() < MaxProblems)
                    outcome.problems << problem;
            },
            outcome.summary, &fatal);
        capture->finish();
        outcome.cancelled = outcome.summary.cancelled;
        if (!outcome.ok && !outcome.cancelled) {
            outcome.fatal = fatal.line > 0
                ? tr("%1:%2:%3: %4").arg(name).arg(fatal.line).arg(fatal.column).arg(fatal.message)
                : tr("%1: %2").arg(name, fatal.message);
        }
        QMetaObject::invokeMethod(
            this,
            [this, outcome] {
                if (m_thread) {
                    m_thread->wait();
                    m_thread->deleteLater();
                    m_thread = nullptr;
                }
                emit finished(outcome);
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("replay"));
    m_thread->start();
    return true;
}

void ReplayRunner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

} // namespace Car
