// The console and another program on one workspace file (issue 6): a MainWindow over a real
// SqliteWorkspaceStore while the real carconsole-cli (or a second store, or a second window)
// changes the file. The window notices and reloads, keeps the user's place (selected rule by id,
// scroll position), shows the notice bar, never lets Ctrl+Z revert the other program's change,
// and two windows never lose each other's edits.

#include "clirunner.h"
#include "externalchangebar.h"
#include "lockoutguarddialog.h"
#include "mainwindow.h"
#include "ruleeditor.h"
#include "rulefilterproxymodel.h"
#include "rulelistmodel.h"
#include "rulelistview.h"
#include "rulesetdocument.h"
#include "sqliteworkspacestore.h"
#include "testconnectionpanel.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

constexpr int FastPollMs = 50;
constexpr int NoPollMs = 3600 * 1000; // the test calls checkForExternalChange() itself

Rule namedRule(const QString &name)
{
    Rule rule;
    rule.name = name;
    rule.action = Action::DenyAccess;
    rule.anyOfProtocols = {Protocol::ExchangeActiveSync};
    return rule;
}

QStringList shownNames(const MainWindow &window)
{
    QStringList names;
    const QAbstractItemModel *model = window.filterModel();
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, RuleListModel::NameColumn).data().toString();
    return names;
}

QString selectedName(const MainWindow &window)
{
    const RuleSet &rules = window.document()->ruleSet();
    const int index = rules.indexOfId(window.ruleListView()->currentRuleId());
    return index < 0 ? QString() : rules.at(index).name;
}

} // namespace

class TestExternalChange : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void cliChangeAppears_data();
    void cliChangeAppears();
    void scrollPositionKept();
    void twoConsolesKeepBothEdits_data();
    void twoConsolesKeepBothEdits();
    void typingInTheEditor_data();
    void typingInTheEditor();
    void dismissHidesTheBar();
    void activationLooksAtOnce();
    void noReloadUnderAModalDialog();

private:
    /// A window over its own store on the shared file, polling every `pollMs`.
    std::unique_ptr<MainWindow> openWindow(int pollMs);
    void seed(int count);
    CliTest::Run cli(const QString &script) const;
    RuleSet stored() const;
    void select(MainWindow &window, const QString &name);

    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<MainWindow> m_window;
};

void TestExternalChange::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(u"CarConsoleTests"_s);
    QCoreApplication::setApplicationName(u"tst_externalchange"_s);
    setLockoutAsker([](const LockoutQuestion &, QWidget *) { return LockoutAnswer::ApplyAnyway; });
}

void TestExternalChange::init()
{
    QSettings().clear();
    m_db = m_dir.filePath(QStringLiteral("%1.carws")
                              .arg(QString::fromLatin1(QTest::currentTestFunction())
                                   + QString::fromLatin1(QTest::currentDataTag())
                                         .replace(u' ', u'-')
                                         .replace(u':', u'-')));
    seed(4);
}

void TestExternalChange::cleanup()
{
    m_window.reset();
}

void TestExternalChange::seed(int count)
{
    QFile::remove(m_db);
    auto opened = SqliteWorkspaceStore::open(m_db);
    QVERIFY2(opened, qPrintable(opened.error));
    RuleSet rules;
    const QStringList names {u"Alpha"_s, u"Bravo"_s, u"Charlie"_s, u"Delta"_s};
    for (int i = 0; i < count; ++i) {
        const QString name =
            i < names.size() ? names.at(i) : u"Rule %1"_s.arg(i + 1, 2, 10, QLatin1Char('0'));
        QVERIFY(rules.insertRule(namedRule(name)).ok);
    }
    const StoreResult saved = opened.store->saveRuleSet(rules, {}, u"test"_s);
    QVERIFY2(saved, qPrintable(saved.error));
}

std::unique_ptr<MainWindow> TestExternalChange::openWindow(int pollMs)
{
    auto window = std::make_unique<MainWindow>(StoreFactory());
    auto opened = SqliteWorkspaceStore::open(m_db);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error));
        return nullptr;
    }
    QString error;
    if (!window->setStore(std::move(opened.store), m_db, &error)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    window->setExternalCheckInterval(pollMs);
    window->resize(1100, 700);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

CliTest::Run TestExternalChange::cli(const QString &script) const
{
    return CliTest::runCli(m_dir.path(), {u"--db"_s, m_db, u"exec"_s, u"-"_s}, script.toUtf8());
}

RuleSet TestExternalChange::stored() const
{
    auto opened = SqliteWorkspaceStore::open(m_db, SqliteWorkspaceStore::OpenMode::ReadOnly);
    WorkspaceData data;
    if (!opened || !opened.store->load(data))
        qWarning("cannot read %s", qPrintable(m_db));
    return data.ruleSet;
}

void TestExternalChange::select(MainWindow &window, const QString &name)
{
    const int index = window.document()->ruleSet().indexOfName(name);
    QVERIFY(index >= 0);
    window.ruleListView()->selectRule(window.document()->ruleSet().at(index).id);
    QCOMPARE(selectedName(window), name);
}

void TestExternalChange::cliChangeAppears_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("selectedAfter");
    QTest::addColumn<QString>("notice");

    // The rule being looked at changes underneath: the editor must show the new version.
    QTest::newRow("CLI edits the selected rule")
        << u"Set-ClientAccessRule -Identity 'Bravo' -AnyOfSourceTcpPortNumbers 443"_s
        << QStringList {u"Alpha"_s, u"Bravo"_s, u"Charlie"_s, u"Delta"_s} << u"Bravo"_s
        << u"now shows the other program's version"_s;
    // Rows shift: the selection follows the rule (by id), not the row number.
    QTest::newRow("CLI adds a rule above the selected one")
        << u"New-ClientAccessRule -Name 'Echo' -Priority 1 -Action DenyAccess "
           "-AnyOfProtocols POP3"_s
        << QStringList {u"Echo"_s, u"Alpha"_s, u"Bravo"_s, u"Charlie"_s, u"Delta"_s} << u"Bravo"_s
        << u"(1 rule changed)"_s;
    // The selected rule is gone: nothing is selected rather than silently another rule.
    QTest::newRow("CLI deletes the selected rule")
        << u"Remove-ClientAccessRule -Identity 'Bravo'"_s
        << QStringList {u"Alpha"_s, u"Charlie"_s, u"Delta"_s} << QString()
        << u"The rule 'Bravo' you had selected was deleted."_s;
}

void TestExternalChange::cliChangeAppears()
{
    QFETCH(QString, script);
    QFETCH(QStringList, names);
    QFETCH(QString, selectedAfter);
    QFETCH(QString, notice);
    m_window = openWindow(FastPollMs);
    QVERIFY(m_window);
    // An edit of our own first, so that there is something for Ctrl+Z to undo.
    select(*m_window, u"Alpha"_s);
    m_window->toggleRuleEnabled();
    QVERIFY(!m_window->document()->ruleSet().at(0).enabled);
    QVERIFY(m_window->document()->undoStack()->canUndo());
    select(*m_window, u"Bravo"_s);
    const QString barText = m_window->externalChangeBar()->text();
    // The rest of the user's place: the editor tab and the Test panel's inputs.
    m_window->ruleEditor()->tabs()->setCurrentIndex(2);
    auto *user = m_window->testPanel()->findChild<QComboBox *>(u"userCombo"_s);
    auto *protocol = m_window->testPanel()->findChild<QComboBox *>(u"protocolCombo"_s);
    auto *address = m_window->testPanel()->findChild<QLineEdit *>(u"addressEdit"_s);
    QVERIFY(user && protocol && address);
    user->setEditText(u"jeff@contoso.com"_s);
    protocol->setCurrentIndex(protocol->findData(int(Protocol::ExchangeActiveSync)));
    address->setText(u"198.51.100.7"_s);
    QVERIFY(!m_window->externalChangeBar()->isVisible());

    const CliTest::Run run = cli(script);
    CAR_VERIFY_RUN(run, 0);
    const RuleSet theirs = stored();

    QTRY_VERIFY(m_window->externalChangeBar()->isVisible());
    QCOMPARE(shownNames(*m_window), names);
    QCOMPARE(selectedName(*m_window), selectedAfter);
    QCOMPARE(m_window->ruleEditor()->currentRule(), m_window->ruleListView()->currentRuleId());
    QVERIFY(m_window->externalChangeBar()->isVisible());
    const QString text = m_window->externalChangeBar()->text();
    QVERIFY2(text.startsWith(u"The workspace was changed by another program (1 rule changed); "
                             "reloaded."_s),
             qPrintable(text));
    QVERIFY2(text.contains(notice), qPrintable(text));
    QVERIFY2(text.contains(u"undo history was cleared"_s), qPrintable(text));
    QVERIFY(text != barText);
    QCOMPARE(m_window->ruleEditor()->tabs()->currentIndex(), 2);
    QCOMPARE(user->currentText(), u"jeff@contoso.com"_s);
    QCOMPARE(protocol->currentData().toInt(), int(Protocol::ExchangeActiveSync));
    QCOMPARE(address->text(), u"198.51.100.7"_s);
    if (!selectedAfter.isEmpty()) {
        // The editor shows the stored version of the rule (the CLI's ports included).
        const auto *ports = m_window->ruleEditor()->findChild<QPlainTextEdit *>(u"portsEdit"_s);
        QVERIFY(ports);
        const int index = theirs.indexOfName(selectedAfter);
        QCOMPARE(ports->toPlainText().isEmpty(),
                 theirs.at(index).anyOfSourceTcpPortNumbers.isEmpty());
    }

    // Ctrl+Z now must not revert the CLI's change (nor anything else).
    QAction *undo = m_window->findChild<QAction *>(u"actionUndo"_s);
    QVERIFY(!undo->isEnabled());
    QTest::keySequence(m_window.get(), QKeySequence::Undo);
    undo->trigger();
    QCOMPARE(stored(), theirs);
    QCOMPARE(m_window->document()->ruleSet(), theirs);
    QVERIFY(!theirs.at(theirs.indexOfName(u"Alpha"_s)).enabled); // our own edit is kept too
}

void TestExternalChange::scrollPositionKept()
{
    seed(18);
    m_window = openWindow(FastPollMs);
    QVERIFY(m_window);
    m_window->resize(900, 500);
    RuleListView *list = m_window->ruleListView();
    QTRY_VERIFY(list->verticalScrollBar()->maximum() > 0);
    select(*m_window, u"Rule 15"_s);
    list->verticalScrollBar()->setValue(list->verticalScrollBar()->maximum() - 1);
    const int scroll = list->verticalScrollBar()->value();

    // Another program inserts a rule at the top and changes the selected one.
    CAR_VERIFY_RUN(cli(u"New-ClientAccessRule -Name 'Top' -Priority 1 -Action DenyAccess "
                       "-AnyOfProtocols POP3\n"
                       "Set-ClientAccessRule -Identity 'Rule 15' -Enabled $false\n"_s),
                   0);
    QTRY_COMPARE(m_window->document()->ruleSet().size(), 19);
    QCOMPARE(selectedName(*m_window), u"Rule 15"_s);
    QVERIFY(!m_window->document()->ruleSet().at(15).enabled);
    QVERIFY(qAbs(list->verticalScrollBar()->value() - scroll) <= 1);
    const QModelIndex shown = m_window->filterModel()->mapFromSource(
        m_window->ruleModel()->index(15, RuleListModel::NameColumn));
    QVERIFY(list->viewport()->rect().intersects(list->visualRect(shown)));
    QVERIFY(m_window->externalChangeBar()->text().contains(u"(2 rules changed)"_s));
}

void TestExternalChange::twoConsolesKeepBothEdits_data()
{
    QTest::addColumn<bool>("secondPolls");
    // Usual case: the second window shows the first one's edit before its user acts.
    QTest::newRow("second window noticed the first one's edit") << true;
    // Race: the second window's edit, computed from stale rules, is refused and named.
    QTest::newRow("second window edits before noticing") << false;
}

void TestExternalChange::twoConsolesKeepBothEdits()
{
    QFETCH(bool, secondPolls);
    m_window = openWindow(FastPollMs);
    std::unique_ptr<MainWindow> second = openWindow(secondPolls ? FastPollMs : NoPollMs);
    QVERIFY(m_window && second);

    select(*m_window, u"Alpha"_s);
    m_window->toggleRuleEnabled();
    QVERIFY(!stored().at(0).enabled);
    if (secondPolls)
        QTRY_VERIFY(!second->document()->ruleSet().at(0).enabled);

    select(*second, u"Charlie"_s);
    second->toggleRuleEnabled();
    if (!secondPolls) {
        // Refused: the other window's edit is not overwritten, the user is told, and sees it.
        QVERIFY(second->externalChangeBar()->isVisible());
        const QString text = second->externalChangeBar()->text();
        QVERIFY2(text.contains(u"\u201cDisable 'Charlie'\u201d was not applied"_s),
                 qPrintable(text));
        QVERIFY(stored().at(2).enabled);
        QVERIFY(!second->document()->ruleSet().at(0).enabled);
        QCOMPARE(selectedName(*second), u"Charlie"_s); // still on the rule to try again
        const QString dir = qEnvironmentVariable("CAR_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(second->externalChangeBar()->grab().save(
                dir + u"/externalchangebar-refused.png"_s));
        second->toggleRuleEnabled();
    }
    QVERIFY(!stored().at(2).enabled);
    QVERIFY(!stored().at(0).enabled);
    // And the first window shows the second one's edit.
    QTRY_VERIFY(!m_window->document()->ruleSet().at(2).enabled);
    QCOMPARE(m_window->document()->ruleSet(), stored());
    QCOMPARE(second->document()->ruleSet(), stored());
}

void TestExternalChange::typingInTheEditor_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("rulesChangedElsewhere");
    QTest::addColumn<QString>("notice");
    QTest::addColumn<QString>("storedPorts");

    // Valid text waiting for a pause in typing is applied before the reload when it can be...
    QTest::newRow("valid ports, only the directory changed elsewhere")
        << u"8080"_s << false << u"(the directory changed)"_s << u"8080"_s;
    // ...and refused (and named) when the rules changed: it was typed over stale rules.
    QTest::newRow("valid ports, rules changed elsewhere")
        << u"8080"_s << true << u"was not applied"_s << u"443"_s;
    // Incomplete text cannot be applied; the bar says it was replaced.
    QTest::newRow("incomplete ports, rules changed elsewhere")
        << u"80-"_s << true << u"was not complete and was not applied"_s << u"443"_s;
}

void TestExternalChange::typingInTheEditor()
{
    QFETCH(QString, typed);
    QFETCH(bool, rulesChangedElsewhere);
    QFETCH(QString, notice);
    QFETCH(QString, storedPorts);
    m_window = openWindow(NoPollMs);
    QVERIFY(m_window);
    select(*m_window, u"Bravo"_s);
    m_window->ruleEditor()->tabs()->setCurrentIndex(3); // Advanced
    auto *ports = m_window->ruleEditor()->findChild<QPlainTextEdit *>(u"portsEdit"_s);
    QVERIFY(ports);
    ports->setFocus();
    QTest::keyClicks(ports, typed);

    auto other = SqliteWorkspaceStore::open(m_db);
    QVERIFY2(other, qPrintable(other.error));
    if (rulesChangedElsewhere) {
        CAR_VERIFY_RUN(
            cli(u"Set-ClientAccessRule -Identity 'Charlie' "
                "-AnyOfSourceTcpPortNumbers 443\n"
                "Set-ClientAccessRule -Identity 'Bravo' -AnyOfSourceTcpPortNumbers 443"_s),
            0);
    } else {
        DirectoryUser alice;
        alice.userPrincipalName = u"alice@contoso.com"_s;
        QVERIFY(other.store->saveUser(alice, QString()));
    }
    m_window->checkForExternalChange();

    QVERIFY(m_window->externalChangeBar()->isVisible());
    const QString text = m_window->externalChangeBar()->text();
    QVERIFY2(text.contains(notice), qPrintable(text));
    const RuleSet rules = stored();
    const Rule &bravo = rules.at(rules.indexOfName(u"Bravo"_s));
    QCOMPARE(bravo.anyOfSourceTcpPortNumbers.size(), 1);
    QCOMPARE(bravo.anyOfSourceTcpPortNumbers.first().toString(), storedPorts);
    // The editor shows what is stored, whatever was typed.
    QCOMPARE(ports->toPlainText(), storedPorts);
    QCOMPARE(m_window->document()->ruleSet(), rules);
}

void TestExternalChange::dismissHidesTheBar()
{
    m_window = openWindow(FastPollMs);
    QVERIFY(m_window);
    select(*m_window, u"Bravo"_s);
    CAR_VERIFY_RUN(cli(u"Set-ClientAccessRule -Identity 'Bravo' -Enabled $false"_s), 0);
    ExternalChangeBar *bar = m_window->externalChangeBar();
    QTRY_VERIFY(bar->isVisible());
    // Opt-in picture of the bar (as the other screenshot tests do).
    const QString dir = qEnvironmentVariable("CAR_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(m_window->grab().save(dir + u"/externalchangebar.png"_s));
    auto *dismiss = bar->findChild<QAbstractButton *>(u"externalChangeDismiss"_s);
    QVERIFY(dismiss);
    QTest::mouseClick(dismiss, Qt::LeftButton);
    QVERIFY(!bar->isVisible());
    // The reloaded state stays; the window keeps working.
    QVERIFY(!m_window->document()->ruleSet().at(1).enabled);
    QCOMPARE(selectedName(*m_window), u"Bravo"_s);
}

void TestExternalChange::activationLooksAtOnce()
{
    m_window = openWindow(NoPollMs);
    QVERIFY(m_window);
    // The user switches to a terminal, runs the CLI, and comes back.
    QWidget elsewhere;
    elsewhere.resize(200, 100);
    elsewhere.show();
    elsewhere.activateWindow();
    QTRY_VERIFY(elsewhere.isActiveWindow());
    CAR_VERIFY_RUN(cli(u"Set-ClientAccessRule -Identity 'Delta' -Enabled $false"_s), 0);
    QVERIFY(m_window->document()->ruleSet().at(3).enabled); // not polled
    m_window->activateWindow();
    QTRY_VERIFY(!m_window->document()->ruleSet().at(3).enabled);
    QVERIFY(m_window->externalChangeBar()->isVisible());
}

void TestExternalChange::noReloadUnderAModalDialog()
{
    m_window = openWindow(NoPollMs);
    QVERIFY(m_window);
    CAR_VERIFY_RUN(cli(u"Set-ClientAccessRule -Identity 'Delta' -Enabled $false"_s), 0);
    // A dialog's answer (the lockout question, Preferences) applies to the rules it showed.
    QDialog dialog(m_window.get());
    dialog.setModal(true);
    dialog.show();
    QTRY_VERIFY(QApplication::activeModalWidget() == &dialog);
    m_window->checkForExternalChange();
    QVERIFY(m_window->document()->ruleSet().at(3).enabled);
    dialog.close();
    m_window->checkForExternalChange();
    QVERIFY(!m_window->document()->ruleSet().at(3).enabled);
}

QTEST_MAIN(TestExternalChange)
#include "tst_externalchange.moc"
