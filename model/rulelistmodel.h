#pragma once

#include "analysis.h"
#include "rule.h"
#include "rulesetdocument.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QUuid>

namespace Car {

/// The priority-ordered rule list: one row per rule of the document, in priority order.
/// setData() never writes to a rule: it asks the document, which pushes one undo command; the rows
/// change when the document says so (begin/end signals around the exact change, so a moved row
/// keeps its selection). Drags carry stable rule ids under mimeType().
class RuleListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// Logical columns. The name comes first because it is stable across moves (the priority
    /// number is the row); views show them in visualOrder().
    enum Column { NameColumn, PriorityColumn, EnabledColumn, ActionColumn, SummaryColumn };
    /// The order a view shows the columns in: priority, enabled, action, name, summary.
    static QList<int> visualOrder()
    {
        return {PriorityColumn, EnabledColumn, ActionColumn, NameColumn, SummaryColumn};
    }
    static constexpr int ColumnCount = 5;

    enum Role {
        RuleIdRole = Qt::UserRole + 1, ///< QUuid of the rule
        ActionRole, ///< int(Car::Action); the view maps it to the allow/deny icon
        EnabledRole, ///< bool
        ProblemSeverityRole, ///< int(ProblemSeverity), on every column
        ProblemTextRole, ///< every problem of the rule, one per line (empty: none)
        LockoutRole, ///< bool: the rule denies the administrator RemotePowerShell or the EAC
        DecidingRole, ///< bool: the rule decided the Test connection panel's connection
        SearchTextRole, ///< lower-case text of every value, for the filter box
    };
    enum class ProblemSeverity { None, Warning, Error };

    /// The MIME type of drag payloads: a QDataStream of a quint32 count and that many QUuids.
    static QString mimeType() { return QStringLiteral("application/x-carconsole-rule-ids"); }

    explicit RuleListModel(RuleSetDocument *document, QObject *parent = nullptr);

    RuleSetDocument *document() const { return m_document; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    QStringList mimeTypes() const override { return {mimeType()}; }
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    /// Drops one rule before `row` (or onto `parent`'s row, or at the end): one MoveRule command.
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    /// Moves one row (count 1) before `destinationChild`: one MoveRule command.
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                  const QModelIndex &destinationParent, int destinationChild) override;

    /// Reads the rule ids of a drag payload; bounded by the payload size and the row count, so a
    /// hostile or truncated payload yields an empty list rather than a huge allocation.
    QList<QUuid> idsFromMimeData(const QMimeData *data) const;

    /// The row of the rule with this id, or -1.
    int rowOfId(const QUuid &id) const;

    /// Highlights the rule that decided the Test connection panel's connection (-1: none).
    void setDecidingRule(int row);

    /// Adds the findings of a rule analysis of `analysed` to the rules' problems (badge and
    /// tooltip). Findings are matched to rules by id, so a result that is a few edits old still
    /// lands on the right rows; rules the analysis did not see have no findings until the next.
    /// Info findings go to the tooltip only; lockout findings are already reported by the
    /// model's own lockout check.
    void setAnalysis(const QList<Finding> &findings, const RuleSet &analysed);

signals:
    /// An edit through setData was refused (invalid name, store error); `message` says why.
    void editRejected(const QString &message);

private:
    void aboutToChange(const RuleSetChange &change);
    void changed(const RuleSetChange &change);
    void refreshProblems();
    void emitAllChanged();

    struct Problems
    {
        ProblemSeverity severity = ProblemSeverity::None;
        QString text;
        bool lockout = false;
    };

    RuleSetDocument *m_document;
    struct RuleFindings
    {
        ProblemSeverity severity = ProblemSeverity::None;
        QStringList lines;
        friend bool operator==(const RuleFindings &a, const RuleFindings &b)
        {
            return a.severity == b.severity && a.lines == b.lines;
        }
    };

    QList<Problems> m_problems;
    QHash<QUuid, RuleFindings> m_findings;
    QUuid m_decidingRule;
};

} // namespace Car
