// Replay::run: the reader, the workers and the ordered writer (see replay.h).
#include "replay.h"

#include "replayblock.h"
#include "directory.h"
#include "replaydirectoryindex.h"
#include "replayinput.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QIODevice>
#include <QThread>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::Replay", text);
}

/// The run's state shared by the reading/writing thread and the workers.
class Pipeline
{
public:
    Pipeline(const ReplayContext &context, int workers, const std::atomic<bool> *cancel)
        : m_cancel(cancel)
    {
        for (int i = 0; i < workers; ++i)
            m_threads.emplace_back([this, &context] { work(context); });
    }

    ~Pipeline()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_workReady.notify_all();
        for (std::thread &thread : m_threads)
            thread.join();
    }

    void submit(ReplayBlock *block)
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_todo.push_back(block);
        }
        m_workReady.notify_one();
    }

    /// Waits for the block with this sequence number.
    ReplayBlock *take(qint64 sequence)
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        for (;;) {
            for (auto it = m_done.begin(); it != m_done.end(); ++it) {
                if ((*it)->sequence == sequence) {
                    ReplayBlock *block = *it;
                    m_done.erase(it);
                    return block;
                }
            }
            m_blockDone.wait(lock);
        }
    }

private:
    void work(const ReplayContext &context)
    {
        ReplayBlockProcessor processor(context);
        for (;;) {
            ReplayBlock *block = nullptr;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_workReady.wait(lock, [this] { return m_stop || !m_todo.empty(); });
                if (m_todo.empty())
                    return;
                block = m_todo.front();
                m_todo.pop_front();
            }
            processor.process(*block, m_cancel);
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_done.push_back(block);
            }
            m_blockDone.notify_one();
        }
    }

    const std::atomic<bool> *m_cancel;
    std::mutex m_mutex;
    std::condition_variable m_workReady;
    std::condition_variable m_blockDone;
    std::deque<ReplayBlock *> m_todo;
    std::deque<ReplayBlock *> m_done;
    bool m_stop = false;
    std::vector<std::thread> m_threads;
};

} // namespace

Replay::Replay(const RuleSet &rules, const Directory &directory)
    : m_core(rules, directory)
{ }

Replay::~Replay() = default;

void Replay::setThreads(int threads)
{
    m_threads = threads >= 0 ? threads : std::max(1, QThread::idealThreadCount());
}

bool Replay::run(QIODevice *input, QIODevice *output,
                 const std::function<void(const ReplayProblem &)> &onBadRow, ReplaySummary &summary,
                 ReplayProblem *fatal)
{
    auto failWith = [fatal](qint64 line, qint64 column, const QString &message) {
        if (fatal)
            *fatal = {line, column, message};
        return false;
    };
    QElapsedTimer timer;
    timer.start();
    summary = ReplaySummary();
    summary.threads = m_threads;
    const RuleSet &rules = m_core.ruleSet();
    summary.perRule.fill(0, rules.size());
    auto finish = [&] {
        summary.elapsedNs = timer.nsecsElapsed();
        summary.elapsedMs = summary.elapsedNs / 1000000;
    };

    ReplayInput reader(input, m_blockSize);
    auto first = std::make_unique<ReplayBlock>();
    reader.read(first->input);

    // The header: the first record of the first block.
    ReplayTokenizer headerTokenizer;
    ReplayTokenizer::Status status;
    for (;;) {
        headerTokenizer.reset(first->input.constData(), first->input.size());
        status = headerTokenizer.next();
        // Blank lines before the header can make up a whole block (found by the replay fuzzer
        // with small blocks): read on until there is a record or the input ends.
        QByteArray more;
        if (status != ReplayTokenizer::Status::End || !reader.read(more))
            break;
        first->input.append(more);
    }
    if (status == ReplayTokenizer::Status::Error)
        return failWith(1 + headerTokenizer.errorLine(), headerTokenizer.errorColumn(),
                        headerTokenizer.errorMessage());
    if (status == ReplayTokenizer::Status::End)
        return failWith(1, 1,
                        reader.deviceError().isEmpty()
                            ? tr("the input is empty; expected a header row "
                                 "User,Protocol,AuthenticationType,RemoteAddress,RemotePort")
                            : reader.deviceError());
    QList<QString> headerTexts;
    for (qsizetype i = 0; i < headerTokenizer.fieldCount(); ++i)
        headerTexts << QString::fromUtf8(headerTokenizer.field(i));
    const QList<QStringView> header(headerTexts.cbegin(), headerTexts.cend());
    QString headerError;
    int headerField = 0;
    const std::optional<ReplayColumns> columns =
        ReplayColumns::fromHeader(header, &headerError, &headerField);
    if (!columns)
        return failWith(1 + headerTokenizer.fieldLine(headerField),
                        headerTokenizer.fieldColumn(headerField), headerError);
    if (output) {
        QByteArray line;
        for (qsizetype i = 0; i < headerTokenizer.fieldCount(); ++i) {
            ReplayBlockProcessor::appendCsvField(line, headerTokenizer.field(i));
            line += ',';
        }
        line += "Action,Rule\r\n";
        if (output->write(line) != line.size())
            return failWith(0, 0, tr("cannot write the output: %1").arg(output->errorString()));
    }
    first->begin = headerTokenizer.position();
    qint64 line = 1 + headerTokenizer.lineBreaks();
    summary.bytes = first->begin;

    // ASCII user texts are looked up in the directory's own index, without making strings.
    if (!m_index && !m_core.directory().isEmpty())
        m_index = std::make_unique<ReplayDirectoryIndex>(m_core.directory());
    // (One worker shares the user cache with nobody: the calling thread only reads and writes.)
    // The users' facts are computed first by as many threads as will then run (the calling one
    // and the workers, at most one per core): sequential replay stays on the calling thread.
    const int setupThreads = m_threads == Sequential
        ? 1
        : std::min(m_threads + 1, std::max(1, QThread::idealThreadCount()));
    const ReplayContext context(m_core, *columns, m_index.get(), m_threads > 1, setupThreads);
    QString writeError;
    bool cancelled = false;
    // Writes a processed block, reports its problems and adds up its counts.
    auto deliver = [&](ReplayBlock &block) {
        if (block.cancelled) {
            cancelled = true;
            return;
        }
        for (ReplayProblem &problem : block.problems) {
            problem.line += line;
            onBadRow(problem);
        }
        line += block.lineBreaks;
        summary.rows += block.rows;
        summary.allowed += block.allowed;
        summary.denied += block.denied;
        summary.unmatched += block.unmatched;
        summary.badRows += block.badRows;
        for (int i = 0; i < rules.size(); ++i)
            summary.perRule[i] += block.perRule[i];
        summary.bytes += block.inputBytes();
        if (output && writeError.isEmpty() && !block.output.isEmpty()
            && output->write(block.output) != block.output.size())
            writeError = output->errorString();
        if (m_progress)
            m_progress({summary.bytes, summary.rows});
    };
    auto stopRequested = [&] {
        if (m_cancel && m_cancel->load(std::memory_order_relaxed))
            cancelled = true;
        return cancelled || !writeError.isEmpty();
    };

    if (m_threads == Sequential) {
        ReplayBlockProcessor processor(context);
        std::unique_ptr<ReplayBlock> block = std::move(first);
        do {
            processor.process(*block, m_cancel);
            deliver(*block);
            block->begin = 0;
        } while (!stopRequested() && reader.read(block->input));
    } else {
        // Enough blocks in flight to keep every worker busy while one is being written.
        const int capacity = 2 * m_threads + 1;
        std::vector<std::unique_ptr<ReplayBlock>> blocks;
        std::vector<ReplayBlock *> free;
        Pipeline pipeline(context, m_threads, m_cancel);
        qint64 nextRead = 0;
        qint64 nextWrite = 0;
        bool atEnd = false;
        first->sequence = nextRead++;
        pipeline.submit(first.get());
        blocks.push_back(std::move(first));
        while (nextWrite < nextRead) {
            while (!atEnd && !stopRequested() && nextRead - nextWrite < capacity) {
                if (free.empty()) {
                    blocks.push_back(std::make_unique<ReplayBlock>());
                    free.push_back(blocks.back().get());
                }
                ReplayBlock *block = free.back();
                if (!reader.read(block->input)) {
                    atEnd = true;
                    break;
                }
                free.pop_back();
                block->begin = 0;
                block->sequence = nextRead++;
                pipeline.submit(block);
            }
            ReplayBlock *done = pipeline.take(nextWrite++);
            if (!stopRequested())
                deliver(*done);
            free.push_back(done);
        }
    }
    finish();

    if (cancelled) {
        summary.cancelled = true;
        return failWith(0, 0, tr("the replay was cancelled"));
    }
    if (!writeError.isEmpty())
        return failWith(0, 0, tr("cannot write the output: %1").arg(writeError));
    if (!reader.deviceError().isEmpty())
        return failWith(line, 1, reader.deviceError());
    return true;
}

} // namespace Car
