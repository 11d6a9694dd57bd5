#include "problemsmodel.h"

#include "semanticcolor.h"

#include <QApplication>
#include <QStyle>

namespace Car {

ProblemsModel::ProblemsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ProblemsModel::setFindings(const QList<Finding> &findings, const RuleSet &rules)
{
    beginResetModel();
    m_findings = findings;
    m_rules = rules;
    endResetModel();
}

int ProblemsModel::count(FindingSeverity severity) const
{
    return int(std::count_if(m_findings.cbegin(), m_findings.cend(),
                             [severity](const Finding &f) { return f.severity == severity; }));
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ProblemsModel::severityText(FindingSeverity severity)
{
    switch (severity) {
    case FindingSeverity::Error:
        return tr("Error");
    case FindingSeverity::Warning:
        return tr("Warning");
    case FindingSeverity::Info:
        return tr("Note");
    }
    return QString();
}

QString ProblemsModel::kindText(FindingKind kind)
{
    switch (kind) {
    case FindingKind::Shadowed:
        return tr("Shadowed");
    case FindingKind::Redundant:
        return tr("Redundant");
    case FindingKind::Correlated:
        return tr("Correlated");
    case FindingKind::Generalised:
        return tr("Generalised");
    case FindingKind::Lint:
        return tr("Lint");
    case FindingKind::Lockout:
        return tr("Lockout");
    }
    return QString();
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Finding &finding = m_findings.at(index.row());
    switch (role) {
    case SeverityRole:
        return int(finding.severity);
    case HasWitnessRole:
        return finding.witness.has_value();
    case RuleIndexRole:
        return finding.ruleIndex;
    default:
        break;
    }
    switch (index.column()) {
    case SeverityColumn:
        if (role == Qt::DisplayRole)
            return severityText(finding.severity);
        if (role == Qt::DecorationRole) {
            switch (finding.severity) {
            case FindingSeverity::Error:
                return consoleIcon("error");
            case FindingSeverity::Warning:
                return consoleIcon("warning");
            case FindingSeverity::Info:
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
            }
        }
        break;
    case RuleColumn:
        if (role == Qt::DisplayRole) {
            if (finding.ruleIndex < 0)
                return tr("(rule set)");
            return tr("%1 %2").arg(finding.ruleIndex + 1).arg(finding.ruleName);
        }
        if (role == Qt::ToolTipRole && !finding.by.isEmpty())
            return tr("Involves: %1").arg(finding.by.join(QStringLiteral(", ")));
        break;
    case KindColumn:
        if (role == Qt::DisplayRole)
            return finding.certain ? kindText(finding.kind)
                                   : tr("%1 (cannot tell)").arg(kindText(finding.kind));
        break;
    case MessageColumn:
        if (role == Qt::DisplayRole)
            return finding.message;
        if (role == Qt::ToolTipRole) {
            QString text = finding.message;
            if (finding.witness)
                text += u'\n' + tr("Witness: %1").arg(finding.witness->toString());
            return text;
        }
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case RuleColumn:
        return tr("Rule");
    case KindColumn:
        return tr("Kind");
    case MessageColumn:
        return tr("Message");
    default:
        return QVariant();
    }
}

} // namespace Car
