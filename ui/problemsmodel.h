#pragma once

#include "analysis.h"
#include "ruleset.h"

#include <QAbstractTableModel>

namespace Car {

/// The findings of a rule analysis as a table: severity (icon and word), rule ("3 Block EAS"),
/// kind, message. Holds a copy of the findings and of the rule set they are about.
class ProblemsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, RuleColumn, KindColumn, MessageColumn };
    static constexpr int ColumnCount = 4;
    enum Role {
        SeverityRole = Qt::UserRole + 1, ///< int(FindingSeverity)
        HasWitnessRole, ///< bool
        RuleIndexRole, ///< int (-1: the rule set as a whole)
    };

    explicit ProblemsModel(QObject *parent = nullptr);

    void setFindings(const QList<Finding> &findings, const RuleSet &rules);
    const QList<Finding> &findings() const { return m_findings; }
    const Finding &finding(int row) const { return m_findings.at(row); }
    const RuleSet &rules() const { return m_rules; }

    int count(FindingSeverity severity) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString severityText(FindingSeverity severity);
    static QString kindText(FindingKind kind);

private:
    QList<Finding> m_findings;
    RuleSet m_rules;
};

} // namespace Car
