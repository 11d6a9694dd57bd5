// The Snapshots dialog: save the current rules as a named snapshot, list it, compare it with the
// current rules (text diff, change script and rollback, each proven by running it), restore it
// as one undoable step recorded in the history, save a script as .ps1, and delete (asked first).

#include "demoworkspace.h"
#include "fakerulestore.h"
#include "lockoutguarddialog.h"
#include "rulesetdocument.h"
#include "scriptrunner.h"
#include "snapshotsdialog.h"

#include <QComboBox>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

const QString ItOnlyRule = u"Allow access to EAC only for IT"_s;
const QString MgmtRule = u"Allow EAC access only for MGMT"_s;

RuleSet runScript(const QString &script, const RuleSet &start, const Directory &directory)
{
    // Drop the comment lines the dialog adds ("# From: ..."): ScriptRunner accepts them, but be
    // explicit about what is executed.
    const ScriptResult result = ScriptRunner::runText(script, u"script.ps1"_s, start, directory);
    if (!result.ok())
        qFatal("script failed: %s", qPrintable(result.error->toString()));
    return result.ruleSet;
}

} // namespace

class TestSnapshotsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void saveListsTheSnapshot();
    void badNamesAreRefused_data();
    void badNamesAreRefused();
    void diffAndScriptsAgainstTheCurrentRules();
    void restoreIsOneUndoStepInTheHistory();
    void compareTwoSnapshots();
    void saveScriptWritesPs1();
    void deleteAsksFirst();

private:
    FakeRuleStore *store() const { return static_cast<FakeRuleStore *>(m_document->store()); }

    QTemporaryDir m_dir;
    std::unique_ptr<RuleSetDocument> m_document;
    std::unique_ptr<SnapshotsDialog> m_dialog;
};

void TestSnapshotsDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(u"CarConsoleTests"_s);
    QCoreApplication::setApplicationName(u"tst_snapshotsdialog"_s);
}

void TestSnapshotsDialog::init()
{
    m_document =
        std::make_unique<RuleSetDocument>(std::make_unique<FakeRuleStore>(makeDemoWorkspace()));
    QVERIFY(m_document->load());
    m_dialog = std::make_unique<SnapshotsDialog>(m_document.get());
}

void TestSnapshotsDialog::cleanup()
{
    m_dialog.reset();
    m_document.reset();
}

void TestSnapshotsDialog::saveListsTheSnapshot()
{
    QCOMPARE(m_dialog->saveSnapshot(u"applied to Exchange 2026-11-27"_s, u"change 4711"_s),
             QString());
    QCOMPARE(m_dialog->snapshotNames(), QStringList {u"applied to Exchange 2026-11-27"_s});
    auto *list = m_dialog->findChild<QTreeWidget *>(u"snapshotList"_s);
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(0), u"applied to Exchange 2026-11-27"_s);
    QCOMPARE(list->topLevelItem(0)->text(2), u"3"_s);
    QCOMPARE(list->topLevelItem(0)->text(3), u"change 4711"_s);
    QCOMPARE(store()->data().ruleSet, m_document->ruleSet());
    RuleSet stored;
    QVERIFY(m_document->loadSnapshot(u"APPLIED TO EXCHANGE 2026-11-27"_s, stored));
    QVERIFY(stored == m_document->ruleSet());
    // Saving a snapshot changes no rule: nothing to undo.
    QVERIFY(!m_document->undoStack()->canUndo());
}

void TestSnapshotsDialog::badNamesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("because");
    QTest::newRow("empty") << QString() << u"empty"_s;
    QTest::newRow("the reserved name of the current set") << u"Current"_s << u"current"_s;
    QTest::newRow("same as another, ignoring case") << u"BASELINE"_s << u"baseline"_s;
}

void TestSnapshotsDialog::badNamesAreRefused()
{
    QFETCH(QString, name);
    QFETCH(QString, because);
    QCOMPARE(m_dialog->saveSnapshot(u"baseline"_s, QString()), QString());
    const QString error = m_dialog->saveSnapshot(name, QString());
    QVERIFY2(error.contains(because, Qt::CaseInsensitive), qPrintable(error));
    QCOMPARE(m_dialog->snapshotNames(), QStringList {u"baseline"_s});
}

void TestSnapshotsDialog::diffAndScriptsAgainstTheCurrentRules()
{
    QCOMPARE(m_dialog->saveSnapshot(u"before"_s, QString()), QString());
    const RuleSet before = m_document->ruleSet();
    QVERIFY(m_document->removeRule(m_document->ruleSet().indexOfName(ItOnlyRule)).ok);
    QVERIFY(m_document->setRuleEnabled(m_document->ruleSet().indexOfName(MgmtRule), true).ok);

    m_dialog->compare(u"before"_s, QString());
    const QString diff = m_dialog->diffText();
    QVERIFY2(diff.contains(u"- '%1'"_s.arg(ItOnlyRule)), qPrintable(diff));
    QVERIFY2(diff.contains(u"'%1'"_s.arg(MgmtRule)) && diff.contains(u"Enabled"_s),
             qPrintable(diff));
    const QString script = m_dialog->scriptText();
    QVERIFY2(script.contains(u"Remove-ClientAccessRule"_s), qPrintable(script));
    // The change script turns the snapshot into the current rules, the rollback undoes it.
    const Directory &directory = m_document->directory();
    QVERIFY(runScript(script, before, directory) == m_document->ruleSet());
    QVERIFY(runScript(m_dialog->rollbackText(), m_document->ruleSet(), directory) == before);

    // The current rules change: the comparison follows.
    m_document->undoStack()->undo();
    m_document->undoStack()->undo();
    QVERIFY2(m_dialog->diffText().contains(u"No differences"_s), qPrintable(m_dialog->diffText()));
}

void TestSnapshotsDialog::restoreIsOneUndoStepInTheHistory()
{
    QCOMPARE(m_dialog->saveSnapshot(u"before"_s, QString()), QString());
    const RuleSet before = m_document->ruleSet();
    QVERIFY(m_document->removeRule(0).ok);
    QVERIFY(m_document->removeRule(0).ok);
    const RuleSet edited = m_document->ruleSet();

    auto *list = m_dialog->findChild<QTreeWidget *>(u"snapshotList"_s);
    list->setCurrentItem(list->topLevelItem(0));
    QTest::mouseClick(m_dialog->findChild<QPushButton *>(u"restoreSnapshotButton"_s),
                      Qt::LeftButton);
    QVERIFY(m_document->ruleSet() == before);
    QVERIFY(store()->data().ruleSet == before);
    QCOMPARE(m_document->undoStack()->undoText(), u"Restore snapshot 'before'"_s);
    // The history records the restore and the cmdlets that did it.
    const QList<HistoryEntry> &history = store()->historyEntries();
    int marker = -1;
    for (int i = 0; i < history.size(); ++i) {
        if (history.at(i).cmdlet == u"# snapshot restore 'before'"_s)
            marker = i;
    }
    QVERIFY(marker >= 0);
    QVERIFY(marker + 1 < history.size());
    QVERIFY(history.at(marker + 1).cmdlet.startsWith(u"New-ClientAccessRule"_s));

    m_document->undoStack()->undo();
    QVERIFY(m_document->ruleSet() == edited);
    QVERIFY(store()->data().ruleSet == edited);
    m_document->undoStack()->redo();
    QVERIFY(m_document->ruleSet() == before);
}

void TestSnapshotsDialog::compareTwoSnapshots()
{
    QCOMPARE(m_dialog->saveSnapshot(u"one"_s, QString()), QString());
    QVERIFY(m_document->setRuleEnabled(m_document->ruleSet().indexOfName(MgmtRule), true).ok);
    QCOMPARE(m_dialog->saveSnapshot(u"two"_s, QString()), QString());
    m_dialog->compare(u"one"_s, u"two"_s);
    QCOMPARE(m_dialog->findChild<QComboBox *>(u"compareFromCombo"_s)->currentText(), u"one"_s);
    QCOMPARE(m_dialog->findChild<QComboBox *>(u"compareToCombo"_s)->currentText(), u"two"_s);
    QVERIFY(m_dialog->scriptText().contains(
        u"Set-ClientAccessRule -Identity '%1' -Enabled $true"_s.arg(MgmtRule)));
    QVERIFY(m_dialog->rollbackText().contains(
        u"Set-ClientAccessRule -Identity '%1' -Enabled $false"_s.arg(MgmtRule)));
}

void TestSnapshotsDialog::saveScriptWritesPs1()
{
    QCOMPARE(m_dialog->saveSnapshot(u"before"_s, QString()), QString());
    QVERIFY(m_document->removeRule(0).ok);
    m_dialog->compare(u"before"_s, QString());
    const QString path = m_dir.filePath(u"change.ps1"_s);
    QString error;
    QVERIFY2(m_dialog->saveScript(path, false, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), m_dialog->scriptText());
    QVERIFY(!m_dialog->saveScript(m_dir.filePath(u"no/such/dir/x.ps1"_s), true, &error));
    QVERIFY(error.contains(u"x.ps1"_s));
}

void TestSnapshotsDialog::deleteAsksFirst()
{
    QCOMPARE(m_dialog->saveSnapshot(u"old"_s, QString()), QString());
    auto *list = m_dialog->findChild<QTreeWidget *>(u"snapshotList"_s);
    list->setCurrentItem(list->topLevelItem(0));
    QString asked;
    m_dialog->setConfirm([&asked](const QString &question) {
        asked = question;
        return false;
    });
    auto *remove = m_dialog->findChild<QPushButton *>(u"deleteSnapshotButton"_s);
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY(asked.contains(u"'old'"_s));
    QCOMPARE(m_dialog->snapshotNames().size(), 1);
    m_dialog->setConfirm([](const QString &) { return true; });
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY(m_dialog->snapshotNames().isEmpty());
    QCOMPARE(m_dialog->deleteSnapshot(u"old"_s).isEmpty(), false);
}

QTEST_MAIN(TestSnapshotsDialog)
#include "tst_snapshotsdialog.moc"
