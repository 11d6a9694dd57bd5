#include "replayresultsmodel.h"

#include "replaycapture.h"
#include "semanticcolor.h"

#include <QApplication>
#include <QPalette>
#include <QThread>

namespace Car {

ReplayResultsModel::ReplayResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

ReplayResultsModel::~ReplayResultsModel()
{
    if (m_cancel)
        m_cancel->store(true);
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

void ReplayResultsModel::setCapture(std::shared_ptr<const ReplayCapture> capture)
{
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
    beginResetModel();
    m_capture = std::move(capture);
    m_changed.reset();
    m_cache.clear();
    m_filter = Filter();
    m_filtered = false;
    m_rows.clear();
    endResetModel();
    setBusy(false);
}

void ReplayResultsModel::setChangedRows(std::vector<quint32> rows)
{
    m_changed = std::make_shared<const std::vector<quint32>>(std::move(rows));
    if (m_filter.decision == Decision::Changed)
        refilter();
}

void ReplayResultsModel::setFilter(Decision decision, int rule, const QString &text)
{
    m_filter.decision = decision;
    m_filter.rule = rule;
    m_filter.text = text.trimmed();
    refilter();
}

std::vector<quint32> ReplayResultsModel::filterRows(const ReplayCapture &capture,
                                                    const Filter &filter,
                                                    const std::vector<quint32> &changed,
                                                    const std::atomic_bool &cancel)
{
    std::vector<quint32> rows;
    const auto keep = [&filter, &capture](qint64 row) {
        if (filter.rule != AnyRule && capture.ruleAt(row) != filter.rule)
            return false;
        switch (filter.decision) {
        case Decision::All:
        case Decision::Changed:
            return true;
        case Decision::Allowed:
            return capture.actionAt(row) == Action::AllowAccess;
        case Decision::Denied:
            return capture.actionAt(row) == Action::DenyAccess;
        }
        return true;
    };
    if (filter.text.isEmpty()) {
        if (filter.decision == Decision::Changed) {
            for (quint32 row : changed) {
                if (keep(row))
                    rows.push_back(row);
            }
        } else {
            for (qint64 row = 0; row < capture.rowCount(); ++row) {
                if (keep(row))
                    rows.push_back(quint32(row));
            }
        }
        return rows;
    }
    // Text: one sequential pass through the file (ASCII case-insensitive on the raw bytes).
    const QByteArray needle = filter.text.toUtf8().toLower();
    std::vector<quint8> wanted;
    if (filter.decision == Decision::Changed) {
        wanted.assign(std::size_t(capture.rowCount()), 0);
        for (quint32 row : changed)
            wanted[row] = 1;
    }
    QByteArray lower;
    capture.scan([&](qint64 row, QByteArrayView record) {
        if ((row & 0xfff) == 0 && cancel.load(std::memory_order_relaxed))
            return false;
        if ((!wanted.empty() && !wanted[std::size_t(row)]) || !keep(row))
            return true;
        lower = record.toByteArray().toLower();
        if (lower.contains(needle))
            rows.push_back(quint32(row));
        return true;
    });
    return rows;
}

void ReplayResultsModel::refilter()
{
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
    const bool filtered =
        m_filter.decision != Decision::All || m_filter.rule != AnyRule || !m_filter.text.isEmpty();
    if (!filtered || !m_capture) {
        apply(m_generation, filtered, {});
        return;
    }
    static const std::vector<quint32> none;
    const std::atomic_bool never {false};
    if (m_filter.text.isEmpty()) {
        // In memory only: a few milliseconds even for a million rows.
        apply(m_generation, true,
              filterRows(*m_capture, m_filter, m_changed ? *m_changed : none, never));
        return;
    }
    // Reading the results file takes a while for big replays: off the GUI thread.
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    setBusy(true);
    const quint64 generation = m_generation;
    QThread *thread = QThread::create(
        [this, generation, cancel, capture = m_capture, filter = m_filter, changed = m_changed] {
            const std::vector<quint32> rows =
                filterRows(*capture, filter, changed ? *changed : none, *cancel);
            if (cancel->load())
                return;
            QMetaObject::invokeMethod(
                this, [this, generation, rows] { apply(generation, true, rows); },
                Qt::QueuedConnection);
        });
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeOne(thread);
        thread->deleteLater();
    });
    thread->start();
}

void ReplayResultsModel::apply(quint64 generation, bool filtered, std::vector<quint32> rows)
{
    if (generation != m_generation)
        return;
    beginResetModel();
    m_filtered = filtered;
    m_rows = std::move(rows);
    endResetModel();
    setBusy(false);
}

void ReplayResultsModel::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

qint64 ReplayResultsModel::captureRow(int row) const
{
    return m_filtered ? qint64(m_rows[std::size_t(row)]) : qint64(row);
}

QStringList ReplayResultsModel::fields(int row) const
{
    if (!m_capture || row < 0 || row >= rowCount())
        return {};
    const qint64 source = captureRow(row);
    if (QStringList *cached = m_cache.object(source))
        return *cached;
    auto *fields = new QStringList;
    m_capture->readRow(source, *fields);
    const QStringList copy = *fields;
    m_cache.insert(source, fields);
    return copy;
}

int ReplayResultsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_capture)
        return 0;
    // A view addresses rows with int: a replay of more than 2^31 rows shows the first ones.
    const qint64 rows = m_filtered ? qint64(m_rows.size()) : m_capture->rowCount();
    return int(std::min<qint64>(rows, std::numeric_limits<int>::max()));
}

int ReplayResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_capture ? 0 : int(m_capture->header().size());
}

QVariant ReplayResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const qint64 row = captureRow(index.row());
    const Action action = m_capture->actionAt(row);
    switch (role) {
    case RowRole:
        return row;
    case ActionRole:
        return int(action);
    case Qt::DisplayRole:
    case Qt::ToolTipRole: {
        const QString text = fields(index.row()).value(index.column());
        if (text.isEmpty() && index.column() == columnCount() - 1 && role == Qt::DisplayRole)
            return tr("(no rule matched)");
        return text;
    }
    case Qt::DecorationRole:
        if (index.column() == columnCount() - 2)
            return consoleIcon(action == Action::AllowAccess ? "allow" : "deny");
        break;
    case Qt::ForegroundRole:
        if (index.column() == columnCount() - 2)
            return semanticColor(action == Action::AllowAccess ? Semantic::Allow : Semantic::Deny,
                                 QApplication::palette());
        if (index.column() == columnCount() - 1 && m_capture->ruleAt(row) < 0)
            return QApplication::palette().color(QPalette::PlaceholderText);
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant ReplayResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || !m_capture)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Vertical)
        return captureRow(section) + 1;
    return m_capture->header().value(section);
}

} // namespace Car
