#include "problemspanel.h"

#include "analysisscheduler.h"
#include "problemsmodel.h"
#include "rulesetdocument.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace Car {

ProblemsPanel::ProblemsPanel(RuleSetDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("problemsPanel"));
    m_scheduler = new AnalysisScheduler(document, this);
    m_model = new ProblemsModel(this);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("problemsSummary"));
    m_testButton = new QPushButton(tr("&Test This"), this);
    m_testButton->setObjectName(QStringLiteral("testThisButton"));
    m_testButton->setToolTip(tr("Open the finding's witness connection in the Test connection "
                                "panel, with its trace"));
    m_testButton->setEnabled(false);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("problemsView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(ProblemsModel::SeverityColumn, 84);
    m_view->header()->resizeSection(ProblemsModel::RuleColumn, 240);
    m_view->header()->resizeSection(ProblemsModel::KindColumn, 100);

    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("problemDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setMargin(4);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_testButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_details);

    connect(m_scheduler, &AnalysisScheduler::finished, this, &ProblemsPanel::showResult);
    connect(m_scheduler, &AnalysisScheduler::pendingChanged, this, &ProblemsPanel::updateSummary);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ProblemsPanel::updateDetails);
    connect(m_testButton, &QPushButton::clicked, this, &ProblemsPanel::testCurrent);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (index.data(ProblemsModel::HasWitnessRole).toBool())
            testFinding(index.row());
        const int rule = index.data(ProblemsModel::RuleIndexRole).toInt();
        if (rule >= 0)
            emit ruleActivated(rule);
    });
    // The first run waits for the debounce, i.e. until the window is up: a big directory
    // must not compete with the first paint for the cores.
    m_scheduler->schedule();
    updateSummary();
    updateDetails();
}

ProblemsPanel::~ProblemsPanel() = default;

void ProblemsPanel::showResult()
{
    const int row = currentRow();
    const AnalysisResult &result = m_scheduler->result();
    m_model->setFindings(result.findings, m_scheduler->analysedRules());
    if (row >= 0 && row < m_model->rowCount())
        m_view->setCurrentIndex(m_model->index(row, 0));
    updateSummary();
    updateDetails();
}

void ProblemsPanel::updateSummary()
{
    const int errors = m_model->count(FindingSeverity::Error);
    const int warnings = m_model->count(FindingSeverity::Warning);
    const int notes = m_model->count(FindingSeverity::Info);
    QString text = m_model->rowCount() == 0
        ? tr("No problems found.")
        : tr("%1 \u00b7 %2 \u00b7 %3")
              .arg(tr("%n error(s)", nullptr, errors), tr("%n warning(s)", nullptr, warnings),
                   tr("%n note(s)", nullptr, notes));
    const AnalysisResult &result = m_scheduler->result();
    if (!result.exact)
        text += tr(" \u00b7 partly inexact: %1").arg(result.inexactReason);
    if (m_scheduler->isPending())
        text += tr(" \u00b7 analysing\u2026");
    m_summary->setText(text);
}

int ProblemsPanel::currentRow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ProblemsPanel::updateDetails()
{
    const int row = currentRow();
    if (row < 0) {
        m_testButton->setEnabled(false);
        m_details->setText(m_model->rowCount() == 0 ? QString()
                                                    : tr("Select a finding to see its proof."));
        return;
    }
    const Finding &finding = m_model->finding(row);
    QStringList lines;
    lines << finding.message.toHtmlEscaped();
    if (!finding.by.isEmpty())
        lines << tr("<b>Rules involved:</b> %1")
                     .arg(finding.by.join(QStringLiteral(", ")).toHtmlEscaped());
    if (finding.witness) {
        lines << tr("<b>Witness:</b> %1").arg(finding.witness->toString().toHtmlEscaped());
        const QString note =
            witnessNote(*finding.witness, m_model->rules(), m_document->directory());
        if (!note.isEmpty())
            lines << note.toHtmlEscaped();
    } else if (!finding.certain) {
        lines << tr("No witness: the analysis cannot tell for certain.");
    }
    m_details->setText(lines.join(QStringLiteral("<br>")));
    m_testButton->setEnabled(finding.witness.has_value());
}

QString ProblemsPanel::witnessNote(const Witness &witness, const RuleSet &rules,
                                   const Directory &directory)
{
    if (witness.isReplayable(rules, directory))
        return QString();
    if (witness.userKind == Witness::UserKind::Hypothetical) {
        QStringList values;
        for (const auto &[attribute, value] : witness.attributes)
            values << QStringLiteral("%1 = '%2'").arg(toString(attribute), value);
        return tr("The witness is a hypothetical user '%1' with %2, who is not in the directory: "
                  "the Test panel treats the user as unknown (recipient filters false), so its "
                  "verdict can differ. Add such a user to the directory to reproduce it.")
            .arg(witness.user,
                 values.isEmpty() ? tr("no attributes") : values.join(QStringLiteral(", ")));
    }
    return tr("The witness presents the username string '%1', which the Test panel does not "
              "derive from '%2' alone; its verdict can differ.")
        .arg(witness.username, witness.user);
}

void ProblemsPanel::testFinding(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const Finding &finding = m_model->finding(row);
    if (!finding.witness)
        return;
    emit testWitnessRequested(
        *finding.witness, witnessNote(*finding.witness, m_model->rules(), m_document->directory()));
}

void ProblemsPanel::testCurrent()
{
    testFinding(currentRow());
}

} // namespace Car
