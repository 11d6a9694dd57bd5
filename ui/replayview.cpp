#include "replayview.h"

#include "replaycapture.h"
#include "replaychart.h"
#include "replayimpact.h"
#include "replayresultsmodel.h"
#include "rulesetdocument.h"
#include "semanticcolor.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Car {

namespace {

QTreeWidget *makeCountList(QWidget *parent, const char *name, const QString &what)
{
    auto *list = new QTreeWidget(parent);
    list->setObjectName(QLatin1String(name));
    list->setHeaderLabels({what, QCoreApplication::translate("Car::ReplayView", "Denied")});
    list->setRootIsDecorated(false);
    list->setUniformRowHeights(true);
    list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    list->header()->setStretchLastSection(false);
    return list;
}

} // namespace

ReplayView::ReplayView(RuleSetDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("replayView"));
    m_runner = new ReplayRunner(this);
    buildUi();
    connect(m_runner, &ReplayRunner::progress, this, &ReplayView::onProgress);
    connect(m_runner, &ReplayRunner::finished, this, [this](const ReplayRunner::Outcome &outcome) {
        if (m_comparing)
            onImpactFinished(outcome);
        else
            onFinished(outcome);
    });
    connect(document, &RuleSetDocument::snapshotsChanged, this, &ReplayView::refreshSnapshots);
    connect(document, &RuleSetDocument::ruleSetReset, this, [this] {
        m_stale->setVisible(m_capture && !(m_document->ruleSet() == m_replayedRules));
    });
    refreshSnapshots();
    setRunning(false, QString());
}

ReplayView::~ReplayView()
{
    // The runner's thread writes into the captures: stop it before they go.
    delete m_runner;
    m_runner = nullptr;
}

void ReplayView::buildUi()
{
    m_open = new QPushButton(tr("&Open CSV\u2026"), this);
    m_open->setObjectName(QStringLiteral("replayOpenButton"));
    m_open->setToolTip(tr("A connections CSV with the columns User, Protocol, "
                          "AuthenticationType, RemoteAddress, RemotePort and optionally "
                          "MiddleTier (the format of carconsole-cli replay)"));
    m_run = new QPushButton(tr("&Run Again"), this);
    m_run->setObjectName(QStringLiteral("replayRunButton"));
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("replayCancelButton"));
    m_baseline = new QComboBox(this);
    m_baseline->setObjectName(QStringLiteral("replayBaselineCombo"));
    m_baseline->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_baseline->setToolTip(tr("Also replay the log against this snapshot and list the "
                              "connections whose decision the current rules change"));
    m_file = new QLabel(tr("No file"), this);
    m_file->setObjectName(QStringLiteral("replayFileLabel"));
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("replayProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("replayTotals"));
    m_totals->setWordWrap(true);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stale = new QLabel(tr("The rules changed since this replay: Run Again to update."), this);
    m_stale->setObjectName(QStringLiteral("replayStale"));
    QPalette stalePalette = m_stale->palette();
    stalePalette.setColor(QPalette::WindowText, semanticColor(Semantic::Warning, palette()));
    m_stale->setPalette(stalePalette);
    m_stale->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(m_open);
    top->addWidget(m_file, 1);
    auto *impactLabel = new QLabel(tr("&Impact vs:"), this);
    impactLabel->setBuddy(m_baseline);
    top->addWidget(impactLabel);
    top->addWidget(m_baseline);
    top->addWidget(m_run);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("replayTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildOverview(), tr("Overview"));
    m_tabs->addTab(buildResults(), tr("Connections"));
    m_tabs->addTab(buildImpact(), tr("Impact"));
    m_badRows = new QTreeWidget(this);
    m_badRows->setObjectName(QStringLiteral("replayBadRows"));
    m_badRows->setHeaderLabels({tr("Line"), tr("Column"), tr("Problem")});
    m_badRows->setRootIsDecorated(false);
    m_badRows->setUniformRowHeights(true);
    m_tabs->addTab(m_badRows, tr("Bad Rows"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addLayout(progressRow);
    layout->addWidget(m_totals);
    layout->addWidget(m_stale);
    layout->addWidget(m_tabs, 1);

    connect(m_open, &QPushButton::clicked, this, &ReplayView::openDialog);
    connect(m_run, &QPushButton::clicked, this, &ReplayView::run);
    connect(m_cancel, &QPushButton::clicked, this, &ReplayView::cancel);
}

QWidget *ReplayView::buildOverview()
{
    auto *page = new QWidget(this);
    m_chart = new ReplayChart(page);
    m_deniedUsers = makeCountList(page, "replayDeniedUsers", tr("Most often denied user"));
    m_deniedAddresses =
        makeCountList(page, "replayDeniedAddresses", tr("Most often denied address"));
    auto *lists = new QSplitter(Qt::Vertical, page);
    lists->addWidget(m_deniedUsers);
    lists->addWidget(m_deniedAddresses);
    auto *splitter = new QSplitter(Qt::Horizontal, page);
    splitter->addWidget(m_chart);
    splitter->addWidget(lists);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({600, 400});
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(splitter);
    return page;
}

QWidget *ReplayView::buildResults()
{
    auto *page = new QWidget(this);
    m_decisionFilter = new QComboBox(page);
    m_decisionFilter->setObjectName(QStringLiteral("replayDecisionFilter"));
    m_decisionFilter->addItem(tr("All decisions"), int(ReplayResultsModel::Decision::All));
    m_decisionFilter->addItem(tr("Allowed"), int(ReplayResultsModel::Decision::Allowed));
    m_decisionFilter->addItem(tr("Denied"), int(ReplayResultsModel::Decision::Denied));
    m_decisionFilter->addItem(tr("Changed by the impact comparison"),
                              int(ReplayResultsModel::Decision::Changed));
    m_ruleFilter = new QComboBox(page);
    m_ruleFilter->setObjectName(QStringLiteral("replayRuleFilter"));
    m_textFilter = new QLineEdit(page);
    m_textFilter->setObjectName(QStringLiteral("replayTextFilter"));
    m_textFilter->setPlaceholderText(tr("Filter by user, address, protocol\u2026"));
    m_textFilter->setClearButtonEnabled(true);
    m_shown = new QLabel(page);
    m_shown->setObjectName(QStringLiteral("replayShownLabel"));
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(250);

    m_results = new ReplayResultsModel(this);
    m_table = new QTableView(page);
    m_table->setObjectName(QStringLiteral("replayResultsTable"));
    m_table->setModel(m_results);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultSectionSize(140);
    m_table->setToolTip(tr("Click a connection to open it in the Test connection panel with "
                           "its trace"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_decisionFilter);
    filters->addWidget(m_ruleFilter);
    filters->addWidget(m_textFilter, 1);
    filters->addWidget(m_shown);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);

    connect(m_decisionFilter, &QComboBox::currentIndexChanged, this, &ReplayView::applyFilter);
    connect(m_ruleFilter, &QComboBox::currentIndexChanged, this, &ReplayView::applyFilter);
    connect(m_textFilter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, &ReplayView::applyFilter);
    const auto updateShown = [this] {
        m_shown->setText(m_results->isBusy()
                             ? tr("Searching\u2026")
                             : tr("%1 shown").arg(QLocale().toString(m_results->rowCount())));
    };
    connect(m_results, &QAbstractItemModel::modelReset, this, updateShown);
    connect(m_results, &ReplayResultsModel::busyChanged, this, updateShown);
    connect(m_table, &QTableView::clicked, this,
            [this](const QModelIndex &index) { openRow(index.row()); });
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { openRow(index.row()); });
    return page;
}

QWidget *ReplayView::buildImpact()
{
    auto *page = new QWidget(this);
    m_impactSummary = new QLabel(tr("Choose a snapshot under \u201cImpact vs\u201d and run the "
                                    "replay to see whose access the current rules change."),
                                 page);
    m_impactSummary->setObjectName(QStringLiteral("replayImpactSummary"));
    m_impactSummary->setWordWrap(true);
    m_impactSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_impactTree = new QTreeWidget(page);
    m_impactTree->setObjectName(QStringLiteral("replayImpactTree"));
    m_impactTree->setHeaderLabels({tr("Change"), tr("Connections"), tr("Users")});
    m_impactTree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_impactTree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_impactTree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_impactTree->header()->setStretchLastSection(false);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_impactSummary);
    layout->addWidget(m_impactTree, 1);
    return page;
}

void ReplayView::refreshSnapshots()
{
    const QString current = m_baseline->currentData().toString();
    QList<SnapshotInfo> snapshots;
    m_document->snapshots(snapshots);
    m_baseline->blockSignals(true);
    m_baseline->clear();
    m_baseline->addItem(tr("(no comparison)"), QString());
    for (qsizetype i = snapshots.size() - 1; i >= 0; --i)
        m_baseline->addItem(tr("snapshot '%1'").arg(snapshots.at(i).name), snapshots.at(i).name);
    m_baseline->setCurrentIndex(std::max(0, m_baseline->findData(current)));
    m_baseline->blockSignals(false);
}

void ReplayView::setBaselineSnapshot(const QString &name)
{
    refreshSnapshots();
    m_baseline->setCurrentIndex(std::max(0, m_baseline->findData(name)));
}

bool ReplayView::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

void ReplayView::openDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Replay Connections"), m_path.isEmpty() ? QString() : QFileInfo(m_path).path(),
        tr("Connections CSV (*.csv);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool ReplayView::openFile(const QString &path)
{
    if (isRunning())
        return false;
    m_path = path;
    m_file->setText(QFileInfo(path).fileName());
    m_file->setToolTip(path);
    return run();
}

void ReplayView::setRunning(bool running, const QString &what)
{
    m_open->setEnabled(!running);
    m_run->setEnabled(!running && !m_path.isEmpty());
    m_baseline->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    if (running) {
        m_progress->setValue(0);
        m_progress->setFormat(what + QStringLiteral(" %p%"));
    }
}

bool ReplayView::run()
{
    if (isRunning() || m_path.isEmpty())
        return false;
    m_replayedRules = m_document->ruleSet();
    m_baselineName = m_baseline->currentData().toString();
    m_comparing = false;
    m_impact.reset();
    m_impactText.clear();
    m_results->setCapture(nullptr);
    m_capture = std::make_shared<ReplayCapture>(m_replayedRules);
    QString error;
    if (!m_capture->start(&error)
        || !m_runner->start(m_path, m_replayedRules, m_document->directory(), m_capture, m_threads,
                            &error)) {
        m_capture.reset();
        m_totals->setText(error);
        emit finished();
        return false;
    }
    m_totals->setText(
        tr("Replaying %1 against the current rules\u2026").arg(QFileInfo(m_path).fileName()));
    m_stale->hide();
    setRunning(true, tr("Replaying"));
    return true;
}

void ReplayView::cancel()
{
    if (!isRunning())
        return;
    m_runner->cancel();
    m_cancel->setEnabled(false);
    m_progress->setFormat(tr("Cancelling\u2026"));
}

void ReplayView::onProgress(qint64 done, qint64 total, qint64 rows)
{
    if (total > 0)
        m_progress->setValue(int(std::min<qint64>(1000, done * 1000 / total)));
    m_progress->setToolTip(tr("%1 rows so far").arg(QLocale().toString(rows)));
}

QString ReplayView::totalsText() const
{
    return m_totals->text();
}

void ReplayView::onFinished(const ReplayRunner::Outcome &outcome)
{
    m_outcome = outcome;
    const QLocale locale;
    if (outcome.cancelled) {
        m_totals->setText(
            tr("Cancelled after %1 rows.").arg(locale.toString(outcome.summary.rows)));
        m_capture.reset();
        setRunning(false, QString());
        m_chart->clear();
        emit finished();
        return;
    }
    if (!outcome.ok) {
        m_totals->setText(tr("Cannot replay: %1").arg(outcome.fatal));
        m_capture.reset();
        setRunning(false, QString());
        emit finished();
        return;
    }
    const ReplaySummary &s = outcome.summary;
    const double seconds = double(s.elapsedMs) / 1000.0;
    m_totals->setText(
        tr("<b>%1</b> connections: <b>%2</b> allowed (%3 by no rule), <b>%4</b> denied, %5 bad "
           "rows \u00b7 %6 s, %7 rows/s on %n thread(s)",
           nullptr, s.threads)
            .arg(locale.toString(s.rows - s.badRows), locale.toString(s.allowed),
                 locale.toString(s.unmatched), locale.toString(s.denied),
                 locale.toString(s.badRows), locale.toString(seconds, 'f', 2),
                 locale.toString(qint64(s.rowsPerSecond()))));
    showResults();

    // Then the impact comparison, if a snapshot was chosen.
    if (!m_baselineName.isEmpty()) {
        const StoreResult loaded = m_document->loadSnapshot(m_baselineName, m_baselineRules);
        QString error = loaded.error;
        if (loaded) {
            m_impact = std::make_shared<ReplayCapture>(m_baselineRules);
            m_impact->setBaseline(m_capture);
            if (m_impact->start(&error)
                && m_runner->start(m_path, m_baselineRules, m_document->directory(), m_impact,
                                   m_threads, &error)) {
                m_comparing = true;
                setRunning(true, tr("Comparing with '%1'").arg(m_baselineName));
                return;
            }
        }
        m_impact.reset();
        m_impactSummary->setText(tr("Cannot compare: %1").arg(error));
    }
    setRunning(false, QString());
    emit finished();
}

void ReplayView::onImpactFinished(const ReplayRunner::Outcome &outcome)
{
    m_comparing = false;
    setRunning(false, QString());
    if (!outcome.ok) {
        m_impact.reset();
        m_impactSummary->setText(outcome.cancelled ? tr("Comparison cancelled.")
                                                   : tr("Cannot compare: %1").arg(outcome.fatal));
    } else {
        showImpact();
    }
    emit finished();
}

QString ReplayView::ruleLabel(const RuleSet &rules, int index) const
{
    if (index < 0 || index >= rules.size())
        return tr("No rule matched");
    return tr("%1 %2").arg(index + 1).arg(rules.at(index).name);
}

void ReplayView::showResults()
{
    m_results->setCapture(m_capture);
    // Widths by what the columns hold; the Rule column takes the rest.
    QHeaderView *header = m_table->horizontalHeader();
    const int em = fontMetrics().horizontalAdvance(u'M');
    const auto width = [em](const QString &column) {
        const QString name = column.toLower();
        if (name == u"user")
            return 17 * em;
        if (name == u"protocol" || name == u"action")
            return 11 * em;
        if (name == u"authenticationtype")
            return 14 * em;
        if (name == u"remoteaddress")
            return 11 * em;
        return 7 * em;
    };
    for (int column = 0; column < m_capture->header().size(); ++column)
        header->resizeSection(column, width(m_capture->header().at(column)));
    m_ruleFilter->blockSignals(true);
    m_ruleFilter->clear();
    m_ruleFilter->addItem(tr("Any rule"), ReplayResultsModel::AnyRule);
    m_ruleFilter->addItem(tr("No rule matched"), ReplayResultsModel::NoRule);
    for (int i = 0; i < m_replayedRules.size(); ++i)
        m_ruleFilter->addItem(ruleLabel(m_replayedRules, i), i);
    m_ruleFilter->blockSignals(false);
    m_decisionFilter->blockSignals(true);
    m_decisionFilter->setCurrentIndex(0);
    m_decisionFilter->blockSignals(false);
    m_textFilter->blockSignals(true);
    m_textFilter->clear();
    m_textFilter->blockSignals(false);
    m_shown->setText(tr("%1 shown").arg(QLocale().toString(m_results->rowCount())));

    showChart();
    m_deniedUsers->clear();
    for (const ReplayCapture::Count &count : m_capture->topDeniedUsers(15)) {
        auto *item =
            new QTreeWidgetItem(m_deniedUsers, {count.key, QLocale().toString(count.count)});
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_deniedAddresses->clear();
    for (const ReplayCapture::Count &count : m_capture->topDeniedAddresses(15)) {
        auto *item =
            new QTreeWidgetItem(m_deniedAddresses, {count.key, QLocale().toString(count.count)});
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }
    const QString note = tr("Counted over the first %1 distinct values; new ones after that "
                            "are not counted, so the list may miss some.")
                             .arg(QLocale().toString(ReplayCapture::MaxDistinctKeys));
    m_deniedUsers->headerItem()->setText(0,
                                         m_capture->usersTruncated()
                                             ? tr("Most often denied user (approximate)")
                                             : tr("Most often denied user"));
    m_deniedUsers->headerItem()->setToolTip(0, m_capture->usersTruncated() ? note : QString());
    m_deniedAddresses->headerItem()->setText(0,
                                             m_capture->addressesTruncated()
                                                 ? tr("Most often denied address (approximate)")
                                                 : tr("Most often denied address"));
    m_deniedAddresses->headerItem()->setToolTip(0,
                                                m_capture->addressesTruncated() ? note : QString());
    m_badRows->clear();
    for (const ReplayProblem &problem : m_outcome.problems) {
        new QTreeWidgetItem(
            m_badRows,
            {QString::number(problem.line), QString::number(problem.column), problem.message});
    }
    if (m_outcome.summary.badRows > m_outcome.problems.size()) {
        new QTreeWidgetItem(
            m_badRows,
            {QString(), QString(),
             tr("\u2026 and %1 more").arg(m_outcome.summary.badRows - m_outcome.problems.size())});
    }
    m_tabs->setTabText(3,
                       m_outcome.summary.badRows > 0
                           ? tr("Bad Rows (%1)").arg(m_outcome.summary.badRows)
                           : tr("Bad Rows"));
    m_impactTree->clear();
    m_impactSummary->setText(m_baselineName.isEmpty()
                                 ? tr("Choose a snapshot under \u201cImpact vs\u201d and run the "
                                      "replay to see whose access the current rules change.")
                                 : tr("Comparing with '%1'\u2026").arg(m_baselineName));
}

void ReplayView::showChart()
{
    m_chart->setSummary(m_replayedRules, m_outcome.summary);
}

void ReplayView::showImpact()
{
    const ReplayImpact impact = ReplayImpact::build(*m_impact, m_baselineRules, m_replayedRules);
    m_impactText = impact.toText(m_baselineName);
    m_results->setChangedRows(m_impact->changedRows());
    m_impactTree->clear();
    if (impact.changed == 0) {
        m_impactSummary->setText(
            tr("No connection changes its decision compared with snapshot '%1'.")
                .arg(m_baselineName));
        return;
    }
    QStringList summary;
    summary << tr("Compared with snapshot '%1', the current rules change <b>%2</b> connections: "
                  "%3 now denied, %4 now allowed.")
                   .arg(m_baselineName.toHtmlEscaped())
                   .arg(QLocale().toString(impact.changed))
                   .arg(QLocale().toString(impact.lostConnections))
                   .arg(QLocale().toString(impact.gainedConnections));
    for (const QString &headline : impact.headlines.mid(0, 6))
        summary << QStringLiteral("\u2022 ") + headline.toHtmlEscaped();
    if (!impact.comparable)
        summary << tr("<i>The two replays read different rows; counts may be off.</i>");
    m_impactSummary->setText(summary.join(QStringLiteral("<br>")));

    const QPalette pal = palette();
    auto *byRule = new QTreeWidgetItem(m_impactTree, {tr("By rule")});
    for (const ReplayImpact::Group &group : impact.byRule) {
        auto *item = new QTreeWidgetItem(
            byRule,
            {group.text, QLocale().toString(group.connections), QLocale().toString(group.users)});
        item->setIcon(0, consoleIcon(group.lost ? "deny" : "allow"));
        item->setForeground(0, semanticColor(group.lost ? Semantic::Deny : Semantic::Allow, pal));
    }
    auto *byUser = new QTreeWidgetItem(m_impactTree, {tr("By user")});
    for (const ReplayImpact::UserLine &user : impact.byUser) {
        new QTreeWidgetItem(byUser,
                            {tr("%1: %2").arg(user.user, user.text),
                             QLocale().toString(user.connections), QString()});
    }
    byRule->setExpanded(true);
    byUser->setExpanded(true);
    m_tabs->setCurrentIndex(2);
}

void ReplayView::applyFilter()
{
    m_filterTimer->stop();
    if (!m_capture)
        return;
    m_results->setFilter(ReplayResultsModel::Decision(m_decisionFilter->currentData().toInt()),
                         m_ruleFilter->currentIndex() < 0 ? ReplayResultsModel::AnyRule
                                                          : m_ruleFilter->currentData().toInt(),
                         m_textFilter->text());
}

void ReplayView::openRow(int row)
{
    const ReplayCapture *capture = m_results->capture();
    if (!capture || row < 0 || row >= m_results->rowCount())
        return;
    const QStringList fields = m_results->fields(row);
    if (fields.isEmpty())
        return;
    const EnumBinding<Protocol> protocol =
        bindProtocol(fields.value(capture->protocolColumn()).trimmed());
    const EnumBinding<AuthenticationType> authentication =
        bindAuthenticationType(fields.value(capture->authenticationColumn()).trimmed());
    if (!protocol || !authentication)
        return;
    const QString middle = fields.value(capture->middleTierColumn()).trimmed().toLower();
    const bool middleTier = middle == QLatin1String("true") || middle == QLatin1String("1");
    emit testConnectionRequested(fields.value(capture->userColumn()).trimmed(), *protocol.value,
                                 *authentication.value,
                                 fields.value(capture->addressColumn()).trimmed(),
                                 fields.value(capture->portColumn()).trimmed().toInt(), middleTier);
}

} // namespace Car
