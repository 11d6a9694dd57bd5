// The Replay view on small CSV files over the demo workspace: totals and per-row decisions equal
// the evaluator's, bad rows are listed, the table filters, a row click opens the connection in
// the Test connection panel with its trace, Cancel stops at once, and the impact comparison
// against a snapshot names the users who lose or gain access.

#include "demoworkspace.h"
#include "directory.h"
#include "fakerulestore.h"
#include "featuredocks.h"
#include "lockoutguarddialog.h"
#include "mainwindow.h"
#include "replaycapture.h"
#include "replaychart.h"
#include "replayresultsmodel.h"
#include "replayview.h"
#include "rulesetdocument.h"
#include "testconnectionpanel.h"

#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <random>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

const QString ItOnlyRule = u"Allow access to EAC only for IT"_s;

struct Row
{
    QString user;
    Protocol protocol;
    AuthenticationType authentication;
    QString address;
    int port;
    bool middleTier;
};

/// Deterministic rows over the demo users, some not in the directory, every protocol.
QList<Row> makeRows(const Directory &directory, int count, quint32 seed)
{
    std::mt19937 random(seed);
    QList<Protocol> protocols;
    for (Protocol protocol : allProtocols()) {
        if (isTestableProtocol(protocol)
            && isProtocolAvailable(protocol, Environment::ExchangeOnline))
            protocols << protocol;
    }
    const QList<AuthenticationType> types = allAuthenticationTypes();
    const QStringList addresses {u"203.0.113.10"_s, u"192.168.10.4"_s, u"2001:db8::5"_s,
                                 u"198.51.100.77"_s};
    QList<Row> rows;
    rows.reserve(count);
    for (int i = 0; i < count; ++i) {
        Row row;
        const int who = int(random() % quint32(directory.size() + 2));
        row.user = who < directory.size() ? directory.user(who).userPrincipalName
                                          : u"guest%1@fabrikam.com"_s.arg(who);
        row.protocol = protocols.at(int(random() % quint32(protocols.size())));
        row.authentication = types.at(int(random() % quint32(types.size())));
        row.address = addresses.at(int(random() % quint32(addresses.size())));
        row.port = 1024 + int(random() % 60000u);
        row.middleTier = random() % 5 == 0;
        rows << row;
    }
    return rows;
}

QByteArray csvOf(const QList<Row> &rows, const QByteArray &extra = {})
{
    QByteArray csv = "User,Protocol,AuthenticationType,RemoteAddress,RemotePort,MiddleTier\r\n";
    for (const Row &row : rows) {
        csv += row.user.toUtf8() + ',' + toString(row.protocol).toUtf8() + ','
            + toString(row.authentication).toUtf8() + ',' + row.address.toUtf8() + ','
            + QByteArray::number(row.port) + ',' + (row.middleTier ? "true" : "false") + "\r\n";
    }
    return csv + extra;
}

} // namespace

class TestReplayView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void totalsAndRowsEqualTheEvaluator();
    void badRowsAreListed();
    void filtersTheTable();
    void rowClickOpensTheTestPanelWithTrace();
    void cancelStopsAtOnce();
    void impactAgainstASnapshot();
    void missingColumnIsAClearError();
    void screenshot();

private:
    QString writeCsv(const QString &name, const QByteArray &bytes);
    void replay(const QString &path);
    ReplayView *view() const { return m_window->features()->replayView(); }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    QList<Row> m_rows;
    QString m_path;
};

void TestReplayView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(u"CarConsoleTests"_s);
    QCoreApplication::setApplicationName(u"tst_replayview"_s);
    setLockoutAsker([](const LockoutQuestion &, QWidget *) { return LockoutAnswer::ApplyAnyway; });
}

void TestReplayView::init()
{
    m_window = std::make_unique<MainWindow>(StoreFactory());
    QVERIFY(m_window->setStore(std::make_unique<FakeRuleStore>(makeDemoWorkspace()), QString()));
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QDockWidget *dock = m_window->findChild<QDockWidget *>(u"replayDock"_s);
    dock->show();
    dock->raise();
    m_rows = makeRows(m_window->document()->directory(), 400, 7);
    m_path = writeCsv(u"connections.csv"_s, csvOf(m_rows));
}

void TestReplayView::cleanup()
{
    m_window.reset();
}

QString TestReplayView::writeCsv(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestReplayView::replay(const QString &path)
{
    QSignalSpy finished(view(), &ReplayView::finished);
    QVERIFY(view()->openFile(path));
    QVERIFY(view()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 30000);
    QVERIFY(!view()->isRunning());
}

void TestReplayView::totalsAndRowsEqualTheEvaluator()
{
    replay(m_path);
    const ReplayRunner::Outcome &outcome = view()->outcome();
    QVERIFY2(outcome.ok, qPrintable(outcome.fatal));
    RuleSetDocument *document = m_window->document();
    qint64 allowed = 0;
    qint64 denied = 0;
    QList<int> decisions;
    for (const Row &row : m_rows) {
        const Connection connection = makeConnection(
            document->ruleSet(), document->directory(), row.user, row.protocol, row.authentication,
            *IpAddress::parse(row.address), row.port, row.middleTier);
        const Evaluation evaluation = document->evaluator().evaluate(connection);
        decisions << evaluation.decidingRule;
        (evaluation.action == Action::AllowAccess ? allowed : denied) += 1;
    }
    QCOMPARE(outcome.summary.rows, qint64(m_rows.size()));
    QCOMPARE(outcome.summary.allowed, allowed);
    QCOMPARE(outcome.summary.denied, denied);
    QVERIFY(denied > 0 && allowed > 0);
    const ReplayCapture *capture = view()->capture();
    QCOMPARE(capture->rowCount(), qint64(m_rows.size()));
    for (int i = 0; i < m_rows.size(); ++i)
        QCOMPARE(capture->ruleAt(i), decisions.at(i));

    const QString totals = view()->findChild<QLabel *>(u"replayTotals"_s)->text();
    QVERIFY2(totals.contains(QLocale().toString(denied)), qPrintable(totals));
    // The table shows every row, read back from the results file.
    ReplayResultsModel *model = view()->resultsModel();
    QCOMPARE(model->rowCount(), m_rows.size());
    QCOMPARE(model->columnCount(), 8);
    QCOMPARE(model->headerData(6, Qt::Horizontal).toString(), u"Action"_s);
    QCOMPARE(model->index(5, 0).data().toString(), m_rows.at(5).user);
    QCOMPARE(model->index(5, 1).data().toString(), toString(m_rows.at(5).protocol));
    const int rule5 = decisions.at(5);
    QCOMPARE(model->index(5, 7).data().toString(),
             rule5 < 0 ? u"(no rule matched)"_s : document->ruleSet().at(rule5).name);
    // The chart has a bar per rule and one for "no rule matched".
    auto *chart = view()->findChild<ReplayChart *>(u"replayChart"_s);
    QCOMPARE(chart->categories().size(), document->ruleSet().size() + 1);
    // The most often denied users are the ones the evaluator denies most.
    auto *users = view()->findChild<QTreeWidget *>(u"replayDeniedUsers"_s);
    QVERIFY(users->topLevelItemCount() > 0);
    QHash<QString, int> counts;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (decisions.at(i) >= 0
            && document->ruleSet().at(decisions.at(i)).action == Action::DenyAccess)
            ++counts[m_rows.at(i).user];
    }
    const int most = *std::max_element(counts.cbegin(), counts.cend());
    QCOMPARE(users->topLevelItem(0)->text(1), QLocale().toString(most));
    QCOMPARE(counts.value(users->topLevelItem(0)->text(0)), most);
}

void TestReplayView::badRowsAreListed()
{
    const QString path = writeCsv(u"bad.csv"_s,
                                  csvOf(m_rows.mid(0, 10),
                                        "julia@contoso.com,Telnet,BasicAuthentication,"
                                        "203.0.113.1,443,false\r\n"
                                        "julia@contoso.com,POP3,BasicAuthentication,"
                                        "203.0.113.1,70000,false\r\n"));
    replay(path);
    const ReplayRunner::Outcome &outcome = view()->outcome();
    QCOMPARE(outcome.summary.badRows, 2);
    QCOMPARE(view()->resultsModel()->rowCount(), 10);
    auto *bad = view()->findChild<QTreeWidget *>(u"replayBadRows"_s);
    QCOMPARE(bad->topLevelItemCount(), 2);
    QCOMPARE(bad->topLevelItem(0)->text(0), u"12"_s);
    QVERIFY(bad->topLevelItem(0)->text(2).contains(u"Telnet"_s));
    QCOMPARE(bad->topLevelItem(1)->text(0), u"13"_s);
}

void TestReplayView::filtersTheTable()
{
    replay(m_path);
    ReplayResultsModel *model = view()->resultsModel();
    const ReplaySummary &summary = view()->outcome().summary;
    auto *decision = view()->findChild<QComboBox *>(u"replayDecisionFilter"_s);
    decision->setCurrentIndex(decision->findData(int(ReplayResultsModel::Decision::Denied)));
    QCOMPARE(qint64(model->rowCount()), summary.denied);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->index(row, 6).data().toString(), u"DenyAccess"_s);

    decision->setCurrentIndex(0);
    auto *rule = view()->findChild<QComboBox *>(u"replayRuleFilter"_s);
    const int itOnly = m_window->document()->ruleSet().indexOfName(ItOnlyRule);
    rule->setCurrentIndex(rule->findData(itOnly));
    QCOMPARE(qint64(model->rowCount()), summary.perRule.at(itOnly));

    rule->setCurrentIndex(0);
    const QString user = u"diego.siciliani@contoso.com"_s;
    const int expected = int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                                           [&](const Row &r) { return r.user == user; }));
    QTest::keyClicks(view()->findChild<QLineEdit *>(u"replayTextFilter"_s), u"DIEGO.sic"_s);
    QTRY_COMPARE(model->rowCount(), expected);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->index(row, 0).data().toString(), user);
    QVERIFY(view()
                ->findChild<QLabel *>(u"replayShownLabel"_s)
                ->text()
                .startsWith(QString::number(expected)));
}

void TestReplayView::rowClickOpensTheTestPanelWithTrace()
{
    replay(m_path);
    QTabWidget *tabs = view()->findChild<QTabWidget *>(u"replayTabs"_s);
    tabs->setCurrentIndex(1);
    QTableView *table = view()->resultsTable();
    QTRY_VERIFY(table->isVisible());
    // A row decided by a rule, so that the trace has something to show.
    ReplayResultsModel *model = view()->resultsModel();
    int row = -1;
    for (int i = 0; i < model->rowCount() && row < 0; ++i) {
        if (view()->capture()->ruleAt(i) >= 0)
            row = i;
    }
    QVERIFY(row >= 0);
    table->scrollTo(model->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(model->index(row, 0)).center());
    const Row &expected = m_rows.at(row);
    TestConnectionPanel *panel = m_window->testPanel();
    QCOMPARE(panel->findChild<QComboBox *>(u"userCombo"_s)->currentText(), expected.user);
    QCOMPARE(panel->findChild<QLineEdit *>(u"addressEdit"_s)->text(), expected.address);
    const SavedTest shown = panel->currentTest();
    QCOMPARE(int(shown.protocol), int(expected.protocol));
    QCOMPARE(int(shown.authenticationType), int(expected.authentication));
    QCOMPARE(shown.port, expected.port);
    QCOMPARE(shown.middleTier, expected.middleTier);
    QVERIFY(panel->hasVerdict());
    QCOMPARE(panel->decidingRule(), view()->capture()->ruleAt(row));
    QVERIFY(!panel->evaluation().trace.isEmpty());
    QVERIFY(m_window->findChild<QDockWidget *>(u"testConnectionDock"_s)->isVisible());
}

void TestReplayView::cancelStopsAtOnce()
{
    // About 30 MB: far more than a block, so the run is still going when Cancel comes.
    const QList<Row> rows = makeRows(m_window->document()->directory(), 2000, 11);
    QByteArray csv = csvOf(rows);
    const QByteArray body = csv.mid(csv.indexOf('\n') + 1);
    for (int i = 0; i < 300; ++i)
        csv += body;
    const QString path = writeCsv(u"large.csv"_s, csv);
    QSignalSpy finished(view(), &ReplayView::finished);
    QVERIFY(view()->openFile(path));
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(view()->findChild<QPushButton *>(u"replayCancelButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 5000);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(view()->outcome().cancelled);
    QVERIFY(view()->outcome().summary.rows < qint64(rows.size()) * 301);
    QVERIFY(view()->findChild<QLabel *>(u"replayTotals"_s)->text().startsWith(u"Cancelled"_s));
    QVERIFY(!view()->capture());
    // And it can run again.
    replay(m_path);
    QVERIFY(view()->outcome().ok);
}

void TestReplayView::impactAgainstASnapshot()
{
    RuleSetDocument *document = m_window->document();
    QVERIFY(document->saveSnapshot(u"before"_s, QString()));
    // The change: EAC no longer limited to IT (HR and others gain it), and ActiveSync blocked.
    QVERIFY(document->setRuleEnabled(document->ruleSet().indexOfName(ItOnlyRule), false).ok);
    Rule block;
    block.name = u"Block ActiveSync"_s;
    block.action = Action::DenyAccess;
    block.anyOfProtocols = {Protocol::ExchangeActiveSync};
    QVERIFY(document->addRule(block).ok);

    view()->setBaselineSnapshot(u"before"_s);
    replay(m_path);
    QVERIFY(view()->impactCapture());

    // Expected, straight from the evaluator.
    RuleSet before;
    QVERIFY(document->loadSnapshot(u"before"_s, before));
    const Evaluator old(before);
    QSet<QString> loseEas;
    QSet<QString> gainEac;
    qint64 changed = 0;
    for (const Row &row : m_rows) {
        const IpAddress address = *IpAddress::parse(row.address);
        const Action now = document->evaluator()
                               .evaluate(makeConnection(document->ruleSet(), document->directory(),
                                                        row.user, row.protocol, row.authentication,
                                                        address, row.port, row.middleTier))
                               .action;
        const Action then =
            old.evaluate(makeConnection(before, document->directory(), row.user, row.protocol,
                                        row.authentication, address, row.port, row.middleTier))
                .action;
        if (now == then)
            continue;
        ++changed;
        if (now == Action::DenyAccess && row.protocol == Protocol::ExchangeActiveSync)
            loseEas.insert(row.user);
        if (now == Action::AllowAccess && row.protocol == Protocol::ExchangeAdminCenter)
            gainEac.insert(row.user);
    }
    QVERIFY(!loseEas.isEmpty() && !gainEac.isEmpty());
    QCOMPARE(view()->impactCapture()->changedCount(), changed);
    const QString text = view()->impactText();
    QVERIFY2(text.contains(u"%1 user(s) lose ExchangeActiveSync"_s.arg(loseEas.size())),
             qPrintable(text));
    QVERIFY2(text.contains(u"%1 user(s) gain ExchangeAdminCenter"_s.arg(gainEac.size())),
             qPrintable(text));
    QVERIFY2(text.contains(u"Now denied by 4 'Block ActiveSync'"_s), qPrintable(text));
    auto *summary = view()->findChild<QLabel *>(u"replayImpactSummary"_s);
    QVERIFY(summary->text().contains(QString::number(changed)));

    // The table can show just the changed connections.
    auto *decision = view()->findChild<QComboBox *>(u"replayDecisionFilter"_s);
    decision->setCurrentIndex(decision->findData(int(ReplayResultsModel::Decision::Changed)));
    QCOMPARE(qint64(view()->resultsModel()->rowCount()), changed);
}

void TestReplayView::missingColumnIsAClearError()
{
    const QString path =
        writeCsv(u"nocolumn.csv"_s, "User,Protocol,RemoteAddress\r\nx,POP3,1.2.3.4\r\n");
    replay(path);
    QVERIFY(!view()->outcome().ok);
    const QString totals = view()->findChild<QLabel *>(u"replayTotals"_s)->text();
    QVERIFY2(totals.contains(u"nocolumn.csv:1:"_s) && totals.contains(u"AuthenticationType"_s),
             qPrintable(totals));
}

// Not a check: with CAR_SCREENSHOT_DIR set, saves replay.png (overview) and replay-impact.png.
void TestReplayView::screenshot()
{
    const QString dir = qEnvironmentVariable("CAR_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set CAR_SCREENSHOT_DIR to save replay.png");
    RuleSetDocument *document = m_window->document();
    QVERIFY(document->saveSnapshot(u"applied 2026-11-20"_s, u"as on Exchange"_s));
    Rule block;
    block.name = u"Block legacy POP3 and IMAP4"_s;
    block.action = Action::DenyAccess;
    block.anyOfProtocols = {Protocol::POP3, Protocol::IMAP4};
    block.exceptAnyOfClientIPAddressesOrRanges = {*IpRange::parse(u"192.168.10.0/24"_s)};
    QVERIFY(document->addRule(block).ok);
    const QString path = writeCsv(u"week.csv"_s, csvOf(makeRows(document->directory(), 50000, 3)));
    view()->setBaselineSnapshot(u"applied 2026-11-20"_s);
    m_window->resize(1500, 1000);
    auto *dock = m_window->findChild<QDockWidget *>(u"replayDock"_s);
    m_window->resizeDocks({dock}, {560}, Qt::Vertical);
    replay(path);
    QTabWidget *tabs = view()->findChild<QTabWidget *>(u"replayTabs"_s);
    tabs->setCurrentIndex(0);
    QTest::qWait(200);
    QVERIFY(m_window->grab().save(dir + u"/replay.png"_s));
    tabs->setCurrentIndex(2);
    QTest::qWait(100);
    QVERIFY(m_window->grab().save(dir + u"/replay-impact.png"_s));
    tabs->setCurrentIndex(1);
    QTest::qWait(100);
    QVERIFY(m_window->grab().save(dir + u"/replay-table.png"_s));
}

QTEST_MAIN(TestReplayView)
#include "tst_replayview.moc"
