#include "replayresultsmodel.h"

#include "replaycapture.h"
#include "semanticcolor.h"

#include <QApplication>
#include <QPalette>

namespace Car {

ReplayResultsModel::ReplayResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ReplayResultsModel::setCapture(std::shared_ptr<const ReplayCapture> capture)
{
    beginResetModel();
    m_capture = std::move(capture);
    m_changed.clear();
    m_cache.clear();
    m_decision = Decision::All;
    m_rule = AnyRule;
    m_text.clear();
    m_filtered = false;
    m_rows.clear();
    endResetModel();
}

void ReplayResultsModel::setChangedRows(std::vector<quint32> rows)
{
    m_changed = std::move(rows);
    if (m_decision == Decision::Changed) {
        beginResetModel();
        refilter();
        endResetModel();
    }
}

void ReplayResultsModel::setFilter(Decision decision, int rule, const QString &text)
{
    beginResetModel();
    m_decision = decision;
    m_rule = rule;
    m_text = text.trimmed();
    refilter();
    endResetModel();
}

void ReplayResultsModel::refilter()
{
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_filtered = m_decision != Decision::All || m_rule != AnyRule || !m_text.isEmpty();
    if (!m_filtered || !m_capture)
        return;
    const ReplayCapture &capture = *m_capture;
    const auto keep = [this, &capture](qint64 row) {
        if (m_rule != AnyRule && capture.ruleAt(row) != m_rule)
            return false;
        switch (m_decision) {
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
    const auto candidates = [this, &capture](const std::function<void(qint64)> &each) {
        if (m_decision == Decision::Changed) {
            for (quint32 row : m_changed)
                each(row);
        } else {
            for (qint64 row = 0; row < capture.rowCount(); ++row)
                each(row);
        }
    };
    if (m_text.isEmpty()) {
        candidates([&](qint64 row) {
            if (keep(row))
                m_rows.push_back(quint32(row));
        });
        return;
    }
    // Text: one sequential pass through the file (ASCII case-insensitive on the raw bytes).
    const QByteArray needle = m_text.toUtf8().toLower();
    std::vector<quint8> wanted;
    if (m_decision == Decision::Changed) {
        wanted.assign(std::size_t(capture.rowCount()), 0);
        for (quint32 row : m_changed)
            wanted[row] = 1;
    }
    QByteArray lower;
    capture.scan([&](qint64 row, QByteArrayView record) {
        if (!wanted.empty() && !wanted[std::size_t(row)])
            return true;
        if (!keep(row))
            return true;
        lower = record.toByteArray().toLower();
        if (lower.contains(needle))
            m_rows.push_back(quint32(row));
        return true;
    });
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
