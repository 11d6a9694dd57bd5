// The coverage matrix view over the demo workspace: every cell says what the evaluator says for
// that connection (action, text and deciding rule), it follows the inputs and the rules, a click
// opens the cell in the Test connection panel, and it exports as CSV and PNG.

#include "coveragematrixview.h"
#include "demoworkspace.h"
#include "directory.h"
#include "fakerulestore.h"
#include "featuredocks.h"
#include "lockoutguarddialog.h"
#include "mainwindow.h"
#include "rulesetdocument.h"
#include "testconnectionpanel.h"

#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

const QString ItUser = u"lee.gu@contoso.com"_s;
const QString HrUser = u"diego.siciliani@contoso.com"_s;

std::unique_ptr<RuleSetDocument> makeDocument()
{
    auto document =
        std::make_unique<RuleSetDocument>(std::make_unique<FakeRuleStore>(makeDemoWorkspace()));
    if (!document->load())
        qFatal("load failed");
    return document;
}

} // namespace

class TestCoverageMatrixView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cellsEqualDirectEvaluation_data();
    void cellsEqualDirectEvaluation();
    void followsRuleEdits();
    void invalidAddressShowsWhy();
    void clickOpensTheCellInTheTestPanel();
    void exportsCsvAndPng();

private:
    QTemporaryDir m_dir;
};

void TestCoverageMatrixView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(u"CarConsoleTests"_s);
    QCoreApplication::setApplicationName(u"tst_coveragematrixview"_s);
    setLockoutAsker([](const LockoutQuestion &, QWidget *) { return LockoutAnswer::ApplyAnyway; });
}

void TestCoverageMatrixView::cellsEqualDirectEvaluation_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("middleTier");
    QTest::newRow("IT user: the IT-only EAC rule does not apply")
        << ItUser << u"203.0.113.10"_s << 443 << false;
    QTest::newRow("HR user: EAC denied by the IT-only rule")
        << HrUser << u"203.0.113.10"_s << 443 << false;
    QTest::newRow("user not in the directory: filters are false")
        << u"stranger@fabrikam.com"_s << u"2001:db8::5"_s << 50000 << false;
    QTest::newRow("middle tier: Scope Users rules do not apply")
        << HrUser << u"192.168.10.4"_s << 443 << true;
}

void TestCoverageMatrixView::cellsEqualDirectEvaluation()
{
    QFETCH(QString, user);
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(bool, middleTier);
    auto document = makeDocument();
    CoverageMatrixView view(document.get());
    view.setInputs(user, address, port, middleTier);
    QVERIFY(view.hasMatrix());
    const QTableWidget *table = view.findChild<QTableWidget *>(u"coverageTable"_s);
    QVERIFY(table);
    const RuleSet &rules = document->ruleSet();
    const Directory &directory = document->directory();
    const CoverageMatrix &matrix = view.matrix();
    QVERIFY(matrix.rowCount() > 0);
    QCOMPARE(table->rowCount(), matrix.rowCount());
    QCOMPARE(table->columnCount(), int(allAuthenticationTypes().size()));
    int denied = 0;
    for (int row = 0; row < table->rowCount(); ++row) {
        const Protocol protocol = matrix.protocols().at(row);
        QCOMPARE(table->verticalHeaderItem(row)->text(), toString(protocol));
        for (int column = 0; column < table->columnCount(); ++column) {
            const AuthenticationType type = matrix.authenticationTypes().at(column);
            const Connection connection =
                makeConnection(rules, directory, user, protocol, type, *IpAddress::parse(address),
                               port, middleTier);
            const Evaluation expected = document->evaluator().evaluate(connection);
            const QTableWidgetItem *item = table->item(row, column);
            QVERIFY(item);
            QCOMPARE(item->data(Qt::UserRole).toInt(), int(expected.action));
            const QString text = item->text();
            QVERIFY2(text.startsWith(expected.action == Action::AllowAccess ? u"Allowed"_s
                                                                            : u"Denied"_s),
                     qPrintable(text));
            if (expected.decidingRule >= 0)
                QVERIFY2(text.contains(rules.at(expected.decidingRule).name), qPrintable(text));
            else
                QVERIFY2(text.contains(u"no rule"_s), qPrintable(text));
            denied += expected.action == Action::DenyAccess ? 1 : 0;
        }
    }
    const QString status = view.findChild<QLabel *>(u"coverageStatus"_s)->text();
    QVERIFY2(
        status.contains(u"%1 of %2"_s.arg(denied).arg(table->rowCount() * table->columnCount())),
        qPrintable(status));
}

void TestCoverageMatrixView::followsRuleEdits()
{
    auto document = makeDocument();
    CoverageMatrixView view(document.get());
    view.setInputs(HrUser, u"203.0.113.10"_s);
    const int eac = int(view.matrix().protocols().indexOf(Protocol::ExchangeAdminCenter));
    QVERIFY(eac >= 0);
    QCOMPARE(int(view.matrix().cell(eac, 0).action), int(Action::DenyAccess));
    const int itOnly = document->ruleSet().indexOfName(u"Allow access to EAC only for IT"_s);
    QVERIFY(itOnly >= 0);
    QVERIFY(document->setRuleEnabled(itOnly, false).ok);
    QCOMPARE(int(view.matrix().cell(eac, 0).action), int(Action::AllowAccess));
    QVERIFY(view.table()->item(eac, 0)->text().startsWith(u"Allowed"_s));
}

void TestCoverageMatrixView::invalidAddressShowsWhy()
{
    auto document = makeDocument();
    CoverageMatrixView view(document.get());
    auto *address = view.findChild<QLineEdit *>(u"coverageAddressEdit"_s);
    address->clear();
    QTest::keyClicks(address, u"300.1.2.3"_s);
    QVERIFY(!view.hasMatrix());
    QCOMPARE(view.table()->rowCount(), 0);
    QVERIFY(view.findChild<QLabel *>(u"coverageStatus"_s)->text().contains(u"not valid"_s));
}

void TestCoverageMatrixView::clickOpensTheCellInTheTestPanel()
{
    MainWindow window {StoreFactory()};
    QVERIFY(window.setStore(std::make_unique<FakeRuleStore>(makeDemoWorkspace()), QString()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    CoverageMatrixView *view = window.features()->coverageView();
    view->setInputs(HrUser, u"198.51.100.7"_s, 1234);
    QTableWidget *table = view->table();
    QDockWidget *dock = window.findChild<QDockWidget *>(u"coverageDock"_s);
    QVERIFY(dock);
    dock->show();
    dock->raise();
    QTRY_VERIFY(table->isVisible());
    const int row = int(view->matrix().protocols().indexOf(Protocol::ExchangeAdminCenter));
    const int column =
        int(view->matrix().authenticationTypes().indexOf(AuthenticationType::OAuthAuthentication));
    QVERIFY(row >= 0 && column >= 0);
    table->scrollToItem(table->item(row, column));
    QSignalSpy requested(view, &CoverageMatrixView::testConnectionRequested);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualItemRect(table->item(row, column)).center());
    QVERIFY(requested.count() >= 1);

    TestConnectionPanel *test = window.testPanel();
    QCOMPARE(test->findChild<QComboBox *>(u"userCombo"_s)->currentText(), HrUser);
    QCOMPARE(test->findChild<QComboBox *>(u"protocolCombo"_s)->currentData().toInt(),
             int(Protocol::ExchangeAdminCenter));
    QCOMPARE(test->findChild<QComboBox *>(u"authenticationCombo"_s)->currentData().toInt(),
             int(AuthenticationType::OAuthAuthentication));
    QCOMPARE(test->findChild<QLineEdit *>(u"addressEdit"_s)->text(), u"198.51.100.7"_s);
    QVERIFY(test->hasVerdict());
    QCOMPARE(test->decidingRule(), view->matrix().cell(row, column).decidingRule);
    QCOMPARE(int(test->evaluation().action), int(view->matrix().cell(row, column).action));
}

void TestCoverageMatrixView::exportsCsvAndPng()
{
    auto document = makeDocument();
    CoverageMatrixView view(document.get());
    view.resize(900, 500);
    view.setInputs(ItUser, u"203.0.113.10"_s);
    const QString csv = m_dir.filePath(u"coverage.csv"_s);
    const QString png = m_dir.filePath(u"coverage.png"_s);
    QString error;
    QVERIFY2(view.exportCsv(csv, &error), qPrintable(error));
    QVERIFY2(view.exportPng(png, &error), qPrintable(error));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), view.matrix().toCsv());
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 100 && image.height() > 100);
    // Nothing to write without a matrix, and a clear message when the file cannot be written.
    QVERIFY(!view.exportCsv(m_dir.filePath(u"missing/dir/coverage.csv"_s), &error));
    QVERIFY(error.contains(u"coverage.csv"_s));
}

QTEST_MAIN(TestCoverageMatrixView)
#include "tst_coveragematrixview.moc"
