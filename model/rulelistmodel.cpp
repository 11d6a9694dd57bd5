#include "rulelistmodel.h"

#include "lockoutguard.h"
#include "rulesummary.h"

#include <QDataStream>
#include <QIODevice>
#include <QMimeData>

namespace Car {

namespace {

// QUuid streams as 16 bytes; the count as 4.
constexpr qsizetype CountBytes = 4;
constexpr qsizetype UuidBytes = 16;

} // namespace

RuleListModel::RuleListModel(RuleSetDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &RuleSetDocument::ruleSetAboutToChange, this, &RuleListModel::aboutToChange);
    connect(document, &RuleSetDocument::ruleSetChanged, this, &RuleListModel::changed);
    connect(document, &RuleSetDocument::directoryChanged, this, [this] {
        refreshProblems();
        emitAllChanged();
    });
    connect(document, &RuleSetDocument::adminChanged, this, [this] {
        refreshProblems();
        emitAllChanged();
    });
    refreshProblems();
}

int RuleListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_document->ruleSet().size();
}

int RuleListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RuleListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Rule &rule = m_document->ruleSet().at(index.row());
    const Problems &problems = m_problems.value(index.row());
    switch (role) {
    case RuleIdRole:
        return rule.id;
    case ActionRole:
        return int(rule.action);
    case EnabledRole:
        return rule.enabled;
    case ProblemSeverityRole:
        return int(problems.severity);
    case ProblemTextRole:
        return problems.text;
    case LockoutRole:
        return problems.lockout;
    case DecidingRole:
        return !m_decidingRule.isNull() && rule.id == m_decidingRule;
    case SearchTextRole:
        return searchableText(rule);
    default:
        break;
    }
    switch (index.column()) {
    case PriorityColumn:
        if (role == Qt::DisplayRole)
            return index.row() + 1;
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return tr("Priority %1: evaluated before every rule below it").arg(index.row() + 1);
        break;
    case EnabledColumn:
        if (role == Qt::CheckStateRole)
            return rule.enabled ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return rule.enabled ? tr("Enabled: the rule is enforced")
                                : tr("Disabled: the rule is skipped (Test still lists it)");
        break;
    case ActionColumn:
        if (role == Qt::DisplayRole)
            return displayName(rule.action);
        if (role == Qt::ToolTipRole)
            return toString(rule.action);
        break;
    case NameColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return rule.name;
        if (role == Qt::ToolTipRole)
            return problems.text.isEmpty() ? rule.name : problems.text;
        break;
    case SummaryColumn:
        if (role == Qt::DisplayRole)
            return summarizeRule(rule);
        if (role == Qt::ToolTipRole)
            return problems.text.isEmpty() ? summarizeRule(rule) : problems.text;
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant RuleListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PriorityColumn:
        return tr("#");
    case EnabledColumn:
        return tr("On");
    case ActionColumn:
        return tr("Action");
    case NameColumn:
        return tr("Name");
    case SummaryColumn:
        return tr("Applies to");
    default:
        return QVariant();
    }
}

Qt::ItemFlags RuleListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    Qt::ItemFlags result = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled;
    if (index.column() == EnabledColumn)
        result |= Qt::ItemIsUserCheckable;
    if (index.column() == NameColumn)
        result |= Qt::ItemIsEditable;
    return result;
}

bool RuleListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const int row = index.row();
    RuleSet::Outcome outcome;
    if (index.column() == EnabledColumn && role == Qt::CheckStateRole) {
        const bool enabled = value.value<Qt::CheckState>() == Qt::Checked;
        if (enabled == m_document->ruleSet().at(row).enabled)
            return true;
        outcome = m_document->setRuleEnabled(row, enabled);
    } else if (index.column() == NameColumn && role == Qt::EditRole) {
        Rule rule = m_document->ruleSet().at(row);
        const QString name = value.toString().trimmed();
        if (name == rule.name)
            return true;
        rule.name = name;
        outcome = m_document->updateRule(row, rule);
    } else {
        return false;
    }
    if (!outcome.ok && outcome.error != QLatin1String("cancelled"))
        emit editRejected(outcome.error);
    return outcome.ok;
}

QMimeData *RuleListModel::mimeData(const QModelIndexList &indexes) const
{
    QList<int> rows;
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && !rows.contains(index.row()))
            rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end());
    QByteArray payload;
    QDataStream stream(&payload, QIODevice::WriteOnly);
    stream << quint32(rows.size());
    for (int row : std::as_const(rows))
        stream << m_document->ruleSet().at(row).id;
    auto *data = new QMimeData;
    data->setData(mimeType(), payload);
    return data;
}

QList<QUuid> RuleListModel::idsFromMimeData(const QMimeData *data) const
{
    QList<QUuid> ids;
    if (!data || !data->hasFormat(mimeType()))
        return ids;
    const QByteArray payload = data->data(mimeType());
    if (payload.size() < CountBytes)
        return ids;
    QDataStream stream(payload);
    quint32 count = 0;
    stream >> count;
    const qsizetype fits = (payload.size() - CountBytes) / UuidBytes;
    if (count == 0 || qsizetype(count) > fits || qsizetype(count) > rowCount())
        return ids;
    for (quint32 i = 0; i < count; ++i) {
        QUuid id;
        stream >> id;
        if (stream.status() != QDataStream::Ok || rowOfId(id) < 0 || ids.contains(id))
            return {};
        ids.append(id);
    }
    return ids;
}

bool RuleListModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                    const QModelIndex &) const
{
    return action == Qt::MoveAction && idsFromMimeData(data).size() == 1;
}

bool RuleListModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int,
                                 const QModelIndex &parent)
{
    if (action == Qt::IgnoreAction)
        return true;
    if (action != Qt::MoveAction)
        return false;
    const QList<QUuid> ids = idsFromMimeData(data);
    if (ids.size() != 1) // single selection: one rule per drag
        return false;
    if (row < 0)
        row = parent.isValid() ? parent.row() : rowCount();
    return moveRows(QModelIndex(), rowOfId(ids.first()), 1, QModelIndex(), row);
}

bool RuleListModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                             const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count != 1 || sourceRow < 0
        || sourceRow >= rowCount() || destinationChild < 0 || destinationChild > rowCount())
        return false;
    const int to = destinationChild > sourceRow ? destinationChild - 1 : destinationChild;
    if (to == sourceRow)
        return false;
    const RuleSet::Outcome outcome = m_document->moveRule(sourceRow, to);
    if (!outcome.ok && outcome.error != QLatin1String("cancelled"))
        emit editRejected(outcome.error);
    return outcome.ok;
}

int RuleListModel::rowOfId(const QUuid &id) const
{
    return m_document->ruleSet().indexOfId(id);
}

void RuleListModel::setDecidingRule(int row)
{
    const QUuid id = row >= 0 && row < rowCount() ? m_document->ruleSet().at(row).id : QUuid();
    if (id == m_decidingRule)
        return;
    m_decidingRule = id;
    emitAllChanged();
}

void RuleListModel::aboutToChange(const RuleSetChange &change)
{
    switch (change.kind) {
    case RuleSetChange::Kind::Update:
        break;
    case RuleSetChange::Kind::Insert:
        beginInsertRows(QModelIndex(), change.first, change.first);
        break;
    case RuleSetChange::Kind::Remove:
        beginRemoveRows(QModelIndex(), change.first, change.first);
        break;
    case RuleSetChange::Kind::Move: {
        const int destination = change.second > change.first ? change.second + 1 : change.second;
        beginMoveRows(QModelIndex(), change.first, change.first, QModelIndex(), destination);
        break;
    }
    case RuleSetChange::Kind::Reset:
        beginResetModel();
        break;
    }
}

void RuleListModel::changed(const RuleSetChange &change)
{
    refreshProblems();
    switch (change.kind) {
    case RuleSetChange::Kind::Update:
        break;
    case RuleSetChange::Kind::Insert:
        endInsertRows();
        break;
    case RuleSetChange::Kind::Remove:
        endRemoveRows();
        break;
    case RuleSetChange::Kind::Move:
        endMoveRows();
        break;
    case RuleSetChange::Kind::Reset:
        endResetModel();
        return;
    }
    emitAllChanged(); // priorities renumber, summaries and problems may change
}

void RuleListModel::refreshProblems()
{
    const RuleSet &rules = m_document->ruleSet();
    m_problems = QList<Problems>(rules.size());
    const LockoutReport lockout =
        checkLockout(m_document->evaluator(), m_document->directory(), m_document->admin());
    for (int row = 0; row < rules.size(); ++row) {
        Problems &problems = m_problems[row];
        QStringList lines;
        for (const RuleProblem &problem : rules.at(row).validate(rules.environment())) {
            lines << (problem.isError() ? tr("Error: %1") : tr("Warning: %1"))
                         .arg(problem.toString());
            if (problem.isError())
                problems.severity = ProblemSeverity::Error;
            else if (problems.severity == ProblemSeverity::None)
                problems.severity = ProblemSeverity::Warning;
        }
        const auto found = m_findings.constFind(rules.at(row).id);
        if (found != m_findings.cend()) {
            for (const QString &line : found->lines) {
                if (!lines.contains(line))
                    lines << line;
            }
            if (int(found->severity) > int(problems.severity))
                problems.severity = found->severity;
        }
        const QList<LockoutDenial> denials = lockout.denialsBy(row);
        if (!denials.isEmpty()) {
            problems.lockout = true;
            lines << tr("Lockout: denies the administrator %1").arg(describeDenials(denials));
            if (problems.severity == ProblemSeverity::None)
                problems.severity = ProblemSeverity::Warning;
        }
        problems.text = lines.join(u'\n');
    }
}

void RuleListModel::setAnalysis(const QList<Finding> &findings, const RuleSet &analysed)
{
    QHash<QUuid, RuleFindings> byRule;
    for (const Finding &finding : findings) {
        if (finding.ruleIndex < 0 || finding.ruleIndex >= analysed.size()
            || finding.kind == FindingKind::Lockout)
            continue;
        RuleFindings &entry = byRule[analysed.at(finding.ruleIndex).id];
        QString label;
        switch (finding.severity) {
        case FindingSeverity::Error:
            label = tr("Error");
            entry.severity = ProblemSeverity::Error;
            break;
        case FindingSeverity::Warning:
            label = tr("Warning");
            if (entry.severity == ProblemSeverity::None)
                entry.severity = ProblemSeverity::Warning;
            break;
        case FindingSeverity::Info:
            label = tr("Note");
            break;
        }
        entry.lines << tr("%1 (%2): %3").arg(label, toString(finding.kind), finding.message);
    }
    if (byRule == m_findings)
        return;
    m_findings = std::move(byRule);
    refreshProblems();
    emitAllChanged();
}

void RuleListModel::emitAllChanged()
{
    if (rowCount() == 0)
        return;
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace Car
