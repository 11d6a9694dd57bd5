// The Problems panel in the assembled window: the analysis runs off the GUI thread after each
// edit, lists a shadowed rule with its witness, "Test this" fills the Test connection panel with
// that witness (and its verdict is the one the finding claims), the rule list carries the badge,
// and a stale run never overwrites a newer one.

#include "analysisscheduler.h"
#include "coveragematrixview.h"
#include "demoworkspace.h"
#include "fakerulestore.h"
#include "featuredocks.h"
#include "lockoutguarddialog.h"
#include "mainwindow.h"
#include "problemsmodel.h"
#include "problemspanel.h"
#include "rulelistmodel.h"
#include "rulesetdocument.h"
#include "scriptrunner.h"
#include "testconnectionpanel.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

// The classic trap of issue 5: a deny for all ActiveSync at priority 1 above an allow for some
// ActiveSync users, which can therefore never fire.
const QString ShadowScript = uR"(
New-ClientAccessRule -Name 'Block ActiveSync' -Action DenyAccess -AnyOfProtocols ExchangeActiveSync
New-ClientAccessRule -Name 'Allow EAS for IT' -Action AllowAccess -AnyOfProtocols ExchangeActiveSync -UserRecipientFilter "Department -eq 'IT'"
)"_s;

WorkspaceData shadowWorkspace()
{
    WorkspaceData data = makeDemoWorkspace();
    const ScriptResult result =
        ScriptRunner::runText(ShadowScript, u"shadow.ps1"_s, RuleSet(), data.directory);
    if (!result.ok())
        qFatal("%s", qPrintable(result.error->toString()));
    data.ruleSet = result.ruleSet;
    return data;
}

int findRow(const ProblemsModel *model, FindingKind kind, int ruleIndex)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        const Finding &finding = model->finding(row);
        if (finding.kind == kind && finding.ruleIndex == ruleIndex)
            return row;
    }
    return -1;
}

} // namespace

class TestProblemsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void listsTheShadowedRuleWithItsTaker();
    void testThisFillsTheTestPanel();
    void ruleListCarriesTheBadge();
    void recomputedAfterAnEdit();
    void newestRunWins();
    void screenshot();

private:
    ProblemsPanel *panel() const { return m_window->features()->problemsPanel(); }
    void waitForAnalysis();

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestProblemsPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(u"CarConsoleTests"_s);
    QCoreApplication::setApplicationName(u"tst_problemspanel"_s);
    setLockoutAsker([](const LockoutQuestion &, QWidget *) { return LockoutAnswer::ApplyAnyway; });
}

void TestProblemsPanel::init()
{
    m_window = std::make_unique<MainWindow>(StoreFactory());
    QString error;
    QVERIFY2(
        m_window->setStore(std::make_unique<FakeRuleStore>(shadowWorkspace()), QString(), &error),
        qPrintable(error));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    waitForAnalysis();
}

void TestProblemsPanel::cleanup()
{
    m_window.reset();
}

void TestProblemsPanel::waitForAnalysis()
{
    AnalysisScheduler *scheduler = panel()->scheduler();
    QTRY_VERIFY_WITH_TIMEOUT(!scheduler->isPending(), 10000);
    QVERIFY(scheduler->analysedRules() == m_window->document()->ruleSet());
}

void TestProblemsPanel::listsTheShadowedRuleWithItsTaker()
{
    const ProblemsModel *model = panel()->model();
    const int row = findRow(model, FindingKind::Shadowed, 1);
    QVERIFY2(row >= 0, "no shadowed finding for 'Allow EAS for IT'");
    const Finding &finding = model->finding(row);
    QCOMPARE(finding.by, QStringList {u"Block ActiveSync"_s});
    QVERIFY(finding.witness.has_value());
    QCOMPARE(model->index(row, ProblemsModel::RuleColumn).data().toString(),
             u"2 Allow EAS for IT"_s);
    QCOMPARE(model->index(row, ProblemsModel::KindColumn).data().toString(), u"Shadowed"_s);
    QCOMPARE(model->index(row, ProblemsModel::SeverityColumn).data().toString(),
             ProblemsModel::severityText(finding.severity));
    QVERIFY(!model->index(row, ProblemsModel::SeverityColumn)
                 .data(Qt::DecorationRole)
                 .value<QIcon>()
                 .isNull());
    auto *summary = panel()->findChild<QLabel *>(u"problemsSummary"_s);
    QVERIFY(summary);
    QVERIFY2(summary->text().contains(u"warning"_s), qPrintable(summary->text()));
}

void TestProblemsPanel::testThisFillsTheTestPanel()
{
    const ProblemsModel *model = panel()->model();
    const int row = findRow(model, FindingKind::Shadowed, 1);
    QVERIFY(row >= 0);
    QTreeView *view = panel()->findChild<QTreeView *>(u"problemsView"_s);
    auto *testThis = panel()->findChild<QPushButton *>(u"testThisButton"_s);
    QVERIFY(view && testThis);
    QVERIFY(!testThis->isEnabled());

    const QRect rect = view->visualRect(model->index(row, ProblemsModel::MessageColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QVERIFY(testThis->isEnabled());
    auto *details = panel()->findChild<QLabel *>(u"problemDetails"_s);
    QVERIFY(details->text().contains(u"Witness"_s));

    QTest::mouseClick(testThis, Qt::LeftButton);
    const Witness &witness = *model->finding(row).witness;
    TestConnectionPanel *test = m_window->testPanel();
    QCOMPARE(test->findChild<QComboBox *>(u"userCombo"_s)->currentText(), witness.user);
    QCOMPARE(test->findChild<QComboBox *>(u"protocolCombo"_s)->currentData().toInt(),
             int(Protocol::ExchangeActiveSync));
    QCOMPARE(test->findChild<QLineEdit *>(u"addressEdit"_s)->text(), witness.address.toString());
    // The Test panel shows what the finding claims: the taker decides, the shadowed rule is
    // not reached.
    QVERIFY(test->hasVerdict());
    QCOMPARE(test->decidingRule(), 0);
    QCOMPARE(int(test->evaluation().action), int(Action::DenyAccess));
    // The deciding rule is highlighted in the list.
    QVERIFY(m_window->ruleModel()->index(0, 0).data(RuleListModel::DecidingRole).toBool());
    // The note says whether the witness can be reproduced exactly.
    QCOMPARE(test->note(),
             ProblemsPanel::witnessNote(witness, m_window->document()->ruleSet(),
                                        m_window->document()->directory()));
}

void TestProblemsPanel::ruleListCarriesTheBadge()
{
    const RuleListModel *rules = m_window->ruleModel();
    const QModelIndex shadowed = rules->index(1, RuleListModel::NameColumn);
    QVERIFY(
        RuleListModel::ProblemSeverity(shadowed.data(RuleListModel::ProblemSeverityRole).toInt())
        >= RuleListModel::ProblemSeverity::Warning);
    const QString tip = shadowed.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"shadowed"_s) && tip.contains(u"Block ActiveSync"_s), qPrintable(tip));
}

void TestProblemsPanel::recomputedAfterAnEdit()
{
    RuleSetDocument *document = m_window->document();
    // Disabling the taker frees the shadowed rule: the finding and the badge go away.
    QVERIFY(document->setRuleEnabled(0, false).ok);
    QVERIFY(panel()->scheduler()->isPending());
    waitForAnalysis();
    QCOMPARE(findRow(panel()->model(), FindingKind::Shadowed, 1), -1);
    const QString tip =
        m_window->ruleModel()->index(1, RuleListModel::NameColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(!tip.contains(u"shadowed"_s), qPrintable(tip));

    document->undoStack()->undo();
    waitForAnalysis();
    QVERIFY(findRow(panel()->model(), FindingKind::Shadowed, 1) >= 0);
}

void TestProblemsPanel::newestRunWins()
{
    RuleSetDocument *document = m_window->document();
    AnalysisScheduler *scheduler = panel()->scheduler();
    QSignalSpy finished(scheduler, &AnalysisScheduler::finished);
    // Several edits in a row, each starting a run at once: only the last one's result lands.
    for (int i = 0; i < 5; ++i) {
        Rule rule = document->ruleSet().at(1);
        rule.name = u"Allow EAS for IT %1"_s.arg(i);
        QVERIFY(document->updateRule(1, rule).ok);
        scheduler->runNow();
    }
    QTRY_VERIFY_WITH_TIMEOUT(!scheduler->isPending(), 10000);
    QTest::qWait(100);
    QVERIFY(scheduler->analysedRules() == document->ruleSet());
    QCOMPARE(finished.count(), 1);
    const int row = findRow(panel()->model(), FindingKind::Shadowed, 1);
    QVERIFY(row >= 0);
    QCOMPARE(panel()->model()->finding(row).ruleName, u"Allow EAS for IT 4"_s);
}

// Not a check: with CAR_SCREENSHOT_DIR set, saves analysis.png: the Problems panel with the
// shadowed rule tested, beside the coverage matrix of an HR user.
void TestProblemsPanel::screenshot()
{
    const QString dir = qEnvironmentVariable("CAR_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set CAR_SCREENSHOT_DIR to save analysis.png");
    // The demo rules plus the classic traps, so that every kind of finding shows.
    WorkspaceData data = makeDemoWorkspace();
    const ScriptResult result = ScriptRunner::runText(
        ShadowScript
            + uR"(New-ClientAccessRule -Name 'Block POP3 for jeff' -Action DenyAccess -AnyOfProtocols POP3 -UsernameMatchesAnyOfPatterns 'jeff*'
)"_s,
        u"traps.ps1"_s, data.ruleSet, data.directory);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    data.ruleSet = result.ruleSet;
    QVERIFY(m_window->setStore(std::make_unique<FakeRuleStore>(data), QString()));
    m_window->resize(1800, 1000);
    waitForAnalysis();
    auto *problemsDock = m_window->findChild<QDockWidget *>(u"problemsDock"_s);
    auto *coverageDock = m_window->findChild<QDockWidget *>(u"coverageDock"_s);
    // Side by side (a dock split from a tabbed one would join its tabs).
    m_window->removeDockWidget(coverageDock);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, coverageDock, Qt::Horizontal);
    problemsDock->show();
    coverageDock->show();
    QTest::qWait(50); // the layout must know the docks before they can be sized
    m_window->resizeDocks({problemsDock}, {470}, Qt::Vertical);
    m_window->features()->coverageView()->setMinimumWidth(860);
    m_window->features()->coverageView()->setInputs(u"diego.siciliani@contoso.com"_s,
                                                    u"203.0.113.10"_s);
    const int row = findRow(panel()->model(), FindingKind::Shadowed, 4);
    QTreeView *view = panel()->findChild<QTreeView *>(u"problemsView"_s);
    view->setCurrentIndex(panel()->model()->index(row >= 0 ? row : 0, 0));
    panel()->testCurrent();
    QTest::qWait(200);
    QVERIFY(m_window->grab().save(dir + u"/analysis.png"_s));
}

QTEST_MAIN(TestProblemsPanel)
#include "tst_problemspanel.moc"
