#include "savedtestsview.h"

#include "rulesetdocument.h"
#include "savedtestmodel.h"
#include "semanticcolor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Car {

SavedTestsView::SavedTestsView(RuleSetDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("savedTestsView"));
    m_model = new SavedTestModel(document, this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("savedTestsSummary"));
    m_summary->setWordWrap(true); // a long hint must not widen the window
    m_open = new QPushButton(tr("&Open in Test Panel"), this);
    m_open->setObjectName(QStringLiteral("openSavedTestButton"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeSavedTestButton"));

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("savedTestsList"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->resizeSection(SavedTestModel::StatusColumn, 70);
    m_view->header()->resizeSection(SavedTestModel::NameColumn, 200);
    m_view->header()->resizeSection(SavedTestModel::ConnectionColumn, 330);
    m_view->header()->resizeSection(SavedTestModel::ExpectedColumn, 200);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_open);
    top->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    connect(m_model, &SavedTestModel::resultsChanged, this, &SavedTestsView::updateSummary);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SavedTestsView::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SavedTestsView::updateButtons);
    connect(m_view, &QTreeView::activated, this, &SavedTestsView::openCurrent);
    connect(m_open, &QPushButton::clicked, this, &SavedTestsView::openCurrent);
    connect(m_remove, &QPushButton::clicked, this, &SavedTestsView::removeCurrent);
    updateSummary();
    updateButtons();
}

QString SavedTestsView::summary() const
{
    return m_summary->text();
}

void SavedTestsView::updateSummary()
{
    const int total = m_model->rowCount();
    const int failing = m_model->failureCount();
    QPalette pal = m_summary->palette();
    pal.setColor(QPalette::WindowText,
                 failing > 0 ? semanticColor(Semantic::Deny, palette())
                             : palette().color(QPalette::WindowText));
    m_summary->setPalette(pal);
    if (total == 0) {
        m_summary->setText(tr("No saved tests. Use \u201cSave as Test\u2026\u201d in the Test "
                              "connection panel to keep a connection with its expected "
                              "decision."));
    } else if (failing == 0) {
        m_summary->setText(tr("All %n test(s) pass.", nullptr, total));
    } else {
        m_summary->setText(tr("%1 of %n test(s) fail.", nullptr, total).arg(failing));
    }
}

void SavedTestsView::updateButtons()
{
    const bool selected = currentRow() >= 0;
    m_open->setEnabled(selected);
    m_remove->setEnabled(selected);
}

int SavedTestsView::currentRow() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.row() : -1;
}

void SavedTestsView::openCurrent()
{
    const int row = currentRow();
    if (row >= 0)
        emit testConnectionRequested(m_model->results().at(row).test);
}

void SavedTestsView::removeCurrent()
{
    const int row = currentRow();
    if (row < 0)
        return;
    const QString name = m_model->results().at(row).test.name;
    const QString question = tr("Remove the saved test '%1'?").arg(name);
    const bool yes = m_confirm
        ? m_confirm(question)
        : QMessageBox::question(this, tr("Remove Test"), question) == QMessageBox::Yes;
    if (!yes)
        return;
    const StoreResult result = m_document->removeSavedTest(name);
    if (!result)
        QMessageBox::warning(this, tr("Remove Test"), result.error);
}

} // namespace Car
