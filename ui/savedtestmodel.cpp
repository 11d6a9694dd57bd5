#include "savedtestmodel.h"

#include "rulesetdocument.h"
#include "semanticcolor.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

namespace Car {

SavedTestModel::SavedTestModel(RuleSetDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &RuleSetDocument::ruleSetReset, this, &SavedTestModel::rerun);
    connect(document, &RuleSetDocument::directoryChanged, this, &SavedTestModel::rerun);
    connect(document, &RuleSetDocument::savedTestsChanged, this, &SavedTestModel::rerun);
    rerun();
}

void SavedTestModel::rerun()
{
    QList<SavedTestResult> results = SavedTestRunner::runAll(
        m_document->savedTests(), m_document->evaluator(), m_document->directory());
    if (results.size() == m_results.size()) {
        m_results = std::move(results);
        if (!m_results.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_results = std::move(results);
        endResetModel();
    }
    emit resultsChanged();
}

int SavedTestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

int SavedTestModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SavedTestModel::connectionText(const SavedTest &test)
{
    QString text = tr("%1 \u00b7 %2 \u00b7 %3 \u00b7 %4:%5")
                       .arg(test.user, toString(test.protocol),
                            displayName(test.authenticationType), test.address.toString())
                       .arg(test.port);
    if (test.middleTier)
        text += tr(" \u00b7 middle-tier");
    return text;
}

QVariant SavedTestModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const SavedTestResult &result = m_results.at(index.row());
    if (role == PassedRole)
        return result.passed;
    if (role == Qt::BackgroundRole && !result.passed)
        return semanticTint(Semantic::Deny, QApplication::palette());
    if (role == Qt::FontRole && !result.passed) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::ToolTipRole)
        return result.toText();
    switch (index.column()) {
    case StatusColumn:
        if (role == Qt::DisplayRole)
            return result.passed ? tr("Pass") : tr("Fail");
        if (role == Qt::DecorationRole)
            return consoleIcon(result.passed ? "held" : "error");
        break;
    case NameColumn:
        if (role == Qt::DisplayRole)
            return result.test.name;
        break;
    case ConnectionColumn:
        if (role == Qt::DisplayRole)
            return connectionText(result.test);
        break;
    case ExpectedColumn:
        if (role == Qt::DisplayRole) {
            QString text = result.test.expectationText();
            if (result.expectedRuleMissing)
                text += tr(" (no such rule)");
            return text;
        }
        break;
    case ActualColumn:
        if (role == Qt::DisplayRole)
            return result.actualText();
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant SavedTestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn:
        return tr("Result");
    case NameColumn:
        return tr("Test");
    case ConnectionColumn:
        return tr("Connection");
    case ExpectedColumn:
        return tr("Expected");
    case ActualColumn:
        return tr("Actual");
    default:
        return QVariant();
    }
}

} // namespace Car
