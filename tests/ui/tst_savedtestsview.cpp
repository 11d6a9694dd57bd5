// Saved tests in the console: "Save as Test" from the Test connection panel (name, expected
// decision defaulting to the current one, optional deciding rule), the Tests view re-runs them
// after every edit and shows which now fail, they are written to the store, and removal asks.

#include "demoworkspace.h"
#include "fakerulestore.h"
#include "featuredocks.h"
#include "lockoutguarddialog.h"
#include "mainwindow.h"
#include "rulesetdocument.h"
#include "savedtestmodel.h"
#include "savedtestsview.h"
#include "savetestdialog.h"
#include "testconnectionpanel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

const QString HrUser = u"diego.siciliani@contoso.com"_s;
const QString ItUser = u"lee.gu@contoso.com"_s;
const QString ItOnlyRule = u"Allow access to EAC only for IT"_s;

} // namespace

class TestSavedTestsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void dialogDefaultsToTheCurrentDecision();
    void dialogRejectsDuplicateNames();
    void savedTestTurnsFailingAfterAnEdit();
    void expectedRuleMustDecide();
    void openAndRemove();

private:
    /// Saves the Test panel's connection through the real dialog, filled by `fill`.
    void saveThroughDialog(const std::function<void(SaveTestDialog &)> &fill);
    FakeRuleStore *store() const
    {
        return static_cast<FakeRuleStore *>(m_window->document()->store());
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestSavedTestsView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(u"CarConsoleTests"_s);
    QCoreApplication::setApplicationName(u"tst_savedtestsview"_s);
    setLockoutAsker([](const LockoutQuestion &, QWidget *) { return LockoutAnswer::ApplyAnyway; });
}

void TestSavedTestsView::init()
{
    m_window = std::make_unique<MainWindow>(StoreFactory());
    QVERIFY(m_window->setStore(std::make_unique<FakeRuleStore>(makeDemoWorkspace()), QString()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->testPanel()->setConnection(HrUser, Protocol::ExchangeAdminCenter,
                                         AuthenticationType::BasicAuthentication,
                                         u"203.0.113.10"_s);
}

void TestSavedTestsView::cleanup()
{
    m_window.reset();
}

void TestSavedTestsView::saveThroughDialog(const std::function<void(SaveTestDialog &)> &fill)
{
    bool shown = false;
    m_window->features()->setSaveTestDialogRunner([&](SaveTestDialog &dialog) {
        shown = true;
        fill(dialog);
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        if (!buttons->button(QDialogButtonBox::Save)->isEnabled())
            return false;
        dialog.accept();
        return true;
    });
    // Through the panel's own button, as a user would.
    auto *button = m_window->testPanel()->findChild<QPushButton *>(u"saveTestButton"_s);
    QVERIFY(button && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(shown);
}

void TestSavedTestsView::dialogDefaultsToTheCurrentDecision()
{
    const SavedTest draft = m_window->testPanel()->currentTest();
    QCOMPARE(draft.user, HrUser);
    QCOMPARE(int(draft.expectedAction), int(Action::DenyAccess));
    QCOMPARE(draft.expectedRule, ItOnlyRule);
    SaveTestDialog dialog(draft, m_window->document()->ruleSet(), {});
    QCOMPARE(dialog.findChild<QComboBox *>(u"expectedActionCombo"_s)->currentData().toInt(),
             int(Action::DenyAccess));
    // The deciding rule is optional: none by default.
    QCOMPARE(dialog.test().expectedRule, QString());
    QVERIFY(!dialog.validationError().isEmpty()); // no name yet
}

void TestSavedTestsView::dialogRejectsDuplicateNames()
{
    SaveTestDialog dialog(m_window->testPanel()->currentTest(), m_window->document()->ruleSet(),
                          {u"HR blocked from EAC"_s});
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"savedTestNameEdit"_s),
                     u"hr BLOCKED from eac"_s);
    QVERIFY(dialog.validationError().contains(u"already exists"_s));
    QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->isEnabled());
    QVERIFY(!dialog.findChild<QLabel *>(u"saveTestError"_s)->text().isEmpty());
}

void TestSavedTestsView::savedTestTurnsFailingAfterAnEdit()
{
    saveThroughDialog([](SaveTestDialog &dialog) {
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"savedTestNameEdit"_s),
                         u"HR blocked from EAC"_s);
    });
    SavedTestsView *view = m_window->features()->savedTestsView();
    SavedTestModel *model = view->model();
    QCOMPARE(model->rowCount(), 1);
    QVERIFY(model->index(0, 0).data(SavedTestModel::PassedRole).toBool());
    QCOMPARE(view->summary(), u"All 1 test(s) pass."_s);
    // Written through to the store.
    QCOMPARE(store()->savedTestEntries().size(), 1);
    QCOMPARE(store()->savedTestEntries().first().name, u"HR blocked from EAC"_s);
    QCOMPARE(int(store()->savedTestEntries().first().expectedAction), int(Action::DenyAccess));

    // Disabling the IT-only rule lets HR in: the test now fails, highlighted.
    RuleSetDocument *document = m_window->document();
    QVERIFY(document->setRuleEnabled(document->ruleSet().indexOfName(ItOnlyRule), false).ok);
    QVERIFY(!model->index(0, 0).data(SavedTestModel::PassedRole).toBool());
    QCOMPARE(model->failureCount(), 1);
    QVERIFY(view->summary().startsWith(u"1 of 1"_s));
    QCOMPARE(model->index(0, SavedTestModel::StatusColumn).data().toString(), u"Fail"_s);
    QVERIFY(
        model->index(0, SavedTestModel::ActualColumn).data().toString().contains(u"AllowAccess"_s));
    QVERIFY(model->index(0, SavedTestModel::NameColumn).data(Qt::BackgroundRole).isValid());

    document->undoStack()->undo();
    QCOMPARE(model->failureCount(), 0);
}

void TestSavedTestsView::expectedRuleMustDecide()
{
    saveThroughDialog([](SaveTestDialog &dialog) {
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"savedTestNameEdit"_s),
                         u"HR denied by the IT rule"_s);
        auto *rule = dialog.findChild<QComboBox *>(u"expectedRuleCombo"_s);
        rule->setCurrentIndex(rule->findData(ItOnlyRule));
    });
    SavedTestModel *model = m_window->features()->savedTestsView()->model();
    QCOMPARE(model->results().first().test.expectedRule, ItOnlyRule);
    QVERIFY(model->results().first().passed);
    // Another deny rule taking over (the MGMT rule, enabled and moved above) makes it fail,
    // though the action is still Deny.
    RuleSetDocument *document = m_window->document();
    const int mgmt = document->ruleSet().indexOfName(u"Allow EAC access only for MGMT"_s);
    QVERIFY(document->setRuleEnabled(mgmt, true).ok);
    QCOMPARE(int(model->results().first().actualAction), int(Action::DenyAccess));
    QVERIFY(!model->results().first().passed);
}

void TestSavedTestsView::openAndRemove()
{
    SavedTest test;
    test.name = u"IT reaches EAC over OAuth"_s;
    test.user = ItUser;
    test.protocol = Protocol::ExchangeAdminCenter;
    test.authenticationType = AuthenticationType::OAuthAuthentication;
    test.address = *IpAddress::parse(u"2001:db8::7"_s);
    test.port = 8443;
    QVERIFY(m_window->document()->saveSavedTest(test));
    SavedTestsView *view = m_window->features()->savedTestsView();
    QTreeView *list = view->findChild<QTreeView *>(u"savedTestsList"_s);
    list->setCurrentIndex(view->model()->index(0, 0));
    QTest::mouseClick(view->findChild<QPushButton *>(u"openSavedTestButton"_s), Qt::LeftButton);
    TestConnectionPanel *panel = m_window->testPanel();
    QCOMPARE(panel->findChild<QComboBox *>(u"userCombo"_s)->currentText(), ItUser);
    QCOMPARE(panel->findChild<QLineEdit *>(u"addressEdit"_s)->text(), u"2001:db8::7"_s);
    QCOMPARE(panel->currentTest().port, 8443);
    QVERIFY(panel->note().contains(test.name));

    QString asked;
    view->setConfirm([&asked](const QString &question) {
        asked = question;
        return false;
    });
    QTest::mouseClick(view->findChild<QPushButton *>(u"removeSavedTestButton"_s), Qt::LeftButton);
    QVERIFY(asked.contains(test.name));
    QCOMPARE(view->model()->rowCount(), 1);
    view->setConfirm([](const QString &) { return true; });
    QTest::mouseClick(view->findChild<QPushButton *>(u"removeSavedTestButton"_s), Qt::LeftButton);
    QCOMPARE(view->model()->rowCount(), 0);
    QVERIFY(store()->savedTestEntries().isEmpty());
}

QTEST_MAIN(TestSavedTestsView)
#include "tst_savedtestsview.moc"
