// RuleSetDocument with another program on the same workspace (issue 6), over two FakeRuleStores
// sharing one stored state: an edit computed from rules another program has since changed is
// refused (nothing local changes, the document reloads, the message says so), undo and redo
// never revert the other program's change, and polling the change stamp reloads exactly when
// another program committed.

#include "fakerulestore.h"
#include "rulelistmodel.h"
#include "rulesetdocument.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <functional>

using namespace Car;

namespace {

using Edit = std::function<RuleSet::Outcome(RuleSetDocument &document)>;

Rule namedRule(const QString &name, Protocol protocol = Protocol::ExchangeActiveSync)
{
    Rule rule;
    rule.name = name;
    rule.action = Action::DenyAccess;
    rule.anyOfProtocols = {protocol};
    return rule;
}

WorkspaceData threeRules()
{
    WorkspaceData data;
    for (const char *name : {"Alpha", "Bravo", "Charlie"})
        data.ruleSet.insertRule(namedRule(QString::fromLatin1(name)));
    return data;
}

/// What the other program does: sets the ports of 'Bravo' (a content change).
void otherEditsBravo(FakeRuleStore &other)
{
    WorkspaceData data;
    QVERIFY(other.load(data));
    const int index = data.ruleSet.indexOfName(QStringLiteral("Bravo"));
    QVERIFY(index >= 0);
    Rule bravo = data.ruleSet.at(index);
    bravo.anyOfSourceTcpPortNumbers = {PortRange::parse(QStringLiteral("443")).value()};
    QVERIFY(data.ruleSet.updateRule(index, bravo).ok);
    QVERIFY(other.saveRuleSetOver(other.data().ruleSet, data.ruleSet,
                                  {QStringLiteral("Set-ClientAccessRule -Identity 'Bravo' "
                                                  "-AnyOfSourceTcpPortNumbers 443")},
                                  QStringLiteral("cli")));
}

} // namespace

Q_DECLARE_METATYPE(Edit)

class TestExternalEdits : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void editOverExternalChangeIsRefused_data();
    void editOverExternalChangeIsRefused();
    void undoNeverRevertsAnExternalChange_data();
    void undoNeverRevertsAnExternalChange();
    void pollingReloadsOnlyForOtherPrograms();
    void reloadSaysWhatChanged();
    void directoryOnlyChangeKeepsUndo();
    void directoryImportOverExternalChangeIsRefused();
    void twoDocumentsKeepBothEdits();

private:
    FakeRuleStore *m_store = nullptr; ///< owned by m_document
    std::unique_ptr<FakeRuleStore> m_other; ///< the other program
    std::unique_ptr<RuleSetDocument> m_document;
    std::unique_ptr<RuleListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestExternalEdits::init()
{
    auto store = std::make_unique<FakeRuleStore>(threeRules());
    m_store = store.get();
    m_other = store->openAnother();
    m_document = std::make_unique<RuleSetDocument>(std::move(store));
    m_model = std::make_unique<RuleListModel>(m_document.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(m_document->load());
}

void TestExternalEdits::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_document.reset();
    m_other.reset();
}

void TestExternalEdits::editOverExternalChangeIsRefused_data()
{
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QString>("action");
    // Every kind of rule-set write goes through the same checked write; each row is one path.
    QTest::newRow("add: a new rule")
        << Edit([](RuleSetDocument &d) { return d.addRule(namedRule(QStringLiteral("Delta"))); })
        << QStringLiteral("New rule 'Delta'");
    QTest::newRow("edit another rule than the one changed") << Edit([](RuleSetDocument &d) {
        Rule alpha = d.ruleSet().at(0);
        alpha.action = Action::AllowAccess;
        return d.updateRule(0, alpha);
    }) << QStringLiteral("Edit action of 'Alpha'");
    // The dangerous one: our stale copy of Bravo would overwrite the other program's ports.
    QTest::newRow("edit the very rule the other program changed") << Edit([](RuleSetDocument &d) {
        Rule bravo = d.ruleSet().at(1);
        bravo.name = QStringLiteral("Bravo 2");
        return d.updateRule(1, bravo);
    }) << QStringLiteral("Rename 'Bravo' to 'Bravo 2'");
    QTest::newRow("move") << Edit([](RuleSetDocument &d) { return d.moveRule(2, 0); })
                          << QStringLiteral("Move 'Charlie' to priority 1");
    QTest::newRow("delete") << Edit([](RuleSetDocument &d) { return d.removeRule(1); })
                            << QStringLiteral("Delete 'Bravo'");
    QTest::newRow("disable") << Edit([](RuleSetDocument &d) { return d.setRuleEnabled(0, false); })
                             << QStringLiteral("Disable 'Alpha'");
    QTest::newRow("environment") << Edit([](RuleSetDocument &d) {
        return d.setEnvironment(Environment::ExchangeServer, QStringLiteral("CONTOSO"));
    }) << QStringLiteral("Target Exchange Server 2019/SE");
    QTest::newRow("import replaces every rule") << Edit([](RuleSetDocument &d) {
        RuleSet rules;
        rules.insertRule(namedRule(QStringLiteral("Imported")));
        return d.replaceRuleSet(rules, QStringLiteral("Import 'x.json'"));
    }) << QStringLiteral("Import 'x.json'");
}

void TestExternalEdits::editOverExternalChangeIsRefused()
{
    QFETCH(Edit, edit);
    QFETCH(QString, action);
    QVERIFY(m_document->addRule(namedRule(QStringLiteral("Mine"))).ok); // something to undo
    otherEditsBravo(*m_other);
    const RuleSet theirs = m_other->data().ruleSet;
    const int writesBefore = m_store->successfulWrites();
    QSignalSpy errors(m_document.get(), &RuleSetDocument::storeError);
    QSignalSpy loaded(m_document.get(), &RuleSetDocument::externalChangeLoaded);

    const RuleSet::Outcome outcome = edit(*m_document);

    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.error.contains(QLatin1String("not applied")), qPrintable(outcome.error));
    QVERIFY2(outcome.error.contains(QLatin1String("another program")), qPrintable(outcome.error));
    QVERIFY2(outcome.error.contains(action), qPrintable(outcome.error));
    QCOMPARE(m_store->successfulWrites(), writesBefore); // nothing written
    QCOMPARE(m_other->data().ruleSet, theirs); // the other change survives
    QCOMPARE(m_document->ruleSet(), theirs); // and is what the document now shows
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().first().toString(), outcome.error);
    QCOMPARE(loaded.size(), 1);
    const auto change = loaded.first().first().value<ExternalChange>();
    QCOMPARE(change.refusedAction, action);
    QCOMPARE(change.changedRules.size(), 1);
    QVERIFY(change.undoCleared);
    QVERIFY(!m_document->undoStack()->canUndo());
    // The next try starts from the other program's change and goes through.
    QVERIFY(m_document->addRule(namedRule(QStringLiteral("After"))).ok);
    QCOMPARE(m_other->data().ruleSet.size(), theirs.size() + 1);
}

void TestExternalEdits::undoNeverRevertsAnExternalChange_data()
{
    QTest::addColumn<bool>("polledFirst");
    QTest::addColumn<bool>("redo");
    // The window polls every second: usually the change is noticed before Ctrl+Z.
    QTest::newRow("noticed first: history cleared, undo disabled") << true << false;
    // Ctrl+Z within that second: the undo's checked write is refused.
    QTest::newRow("not noticed yet: undo refused") << false << false;
    QTest::newRow("not noticed yet: redo refused") << false << true;
}

void TestExternalEdits::undoNeverRevertsAnExternalChange()
{
    QFETCH(bool, polledFirst);
    QFETCH(bool, redo);
    QUndoStack *stack = m_document->undoStack();
    QVERIFY(m_document->addRule(namedRule(QStringLiteral("Mine"))).ok);
    Rule bravo = m_document->ruleSet().at(1);
    bravo.action = Action::AllowAccess;
    QVERIFY(m_document->updateRule(1, bravo).ok);
    if (redo)
        stack->undo(); // the action edit is now on the redo side
    QVERIFY(stack->canUndo());
    otherEditsBravo(*m_other);
    const RuleSet theirs = m_other->data().ruleSet;
    QSignalSpy errors(m_document.get(), &RuleSetDocument::storeError);

    if (polledFirst) {
        QSignalSpy loaded(m_document.get(), &RuleSetDocument::externalChangeLoaded);
        QVERIFY(m_document->checkForExternalChange());
        QCOMPARE(loaded.size(), 1);
        QVERIFY(loaded.first().first().value<ExternalChange>().undoCleared);
        QVERIFY(!stack->canUndo());
        QVERIFY(!stack->canRedo());
        stack->undo(); // what Ctrl+Z would do: nothing
        QCOMPARE(errors.size(), 0);
    } else {
        redo ? stack->redo() : stack->undo();
        QCOMPARE(errors.size(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(redo ? QLatin1String("Redo") : QLatin1String("Undo")),
                 qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("not applied")), qPrintable(message));
        QTRY_COMPARE(stack->count(), 0); // cleared once the stack finished the command
    }
    QCOMPARE(m_other->data().ruleSet, theirs);
    QCOMPARE(m_document->ruleSet(), theirs);
}

void TestExternalEdits::pollingReloadsOnlyForOtherPrograms()
{
    QSignalSpy loaded(m_document.get(), &RuleSetDocument::externalChangeLoaded);
    QVERIFY(!m_document->hasExternalChange());
    QVERIFY(!m_document->checkForExternalChange());
    // Our own edit: no reload, the undo history stays.
    QVERIFY(m_document->removeRule(0).ok);
    QVERIFY(!m_document->hasExternalChange());
    QVERIFY(!m_document->checkForExternalChange());
    QVERIFY(m_document->undoStack()->canUndo());
    QCOMPARE(loaded.size(), 0);

    otherEditsBravo(*m_other);
    QVERIFY(m_document->hasExternalChange());
    QSignalSpy about(m_document.get(), &RuleSetDocument::ruleSetAboutToChange);
    QVERIFY(m_document->checkForExternalChange());
    QCOMPARE(loaded.size(), 1);
    // A content change reaches the views as an Update (rows and selection stay), not a Reset.
    QCOMPARE(about.size(), 1);
    QCOMPARE(about.first().first().value<RuleSetChange>().kind, RuleSetChange::Kind::Update);
    QCOMPARE(m_document->ruleSet(), m_other->data().ruleSet);
    // Seen once: the next poll is quiet.
    QVERIFY(!m_document->hasExternalChange());
    QVERIFY(!m_document->checkForExternalChange());
    QCOMPARE(loaded.size(), 1);
}

void TestExternalEdits::reloadSaysWhatChanged()
{
    WorkspaceData data;
    QVERIFY(m_other->load(data));
    const QUuid alpha = data.ruleSet.at(0).id;
    const QUuid charlie = data.ruleSet.at(2).id;
    data.ruleSet.removeRule(0);
    Rule changed = data.ruleSet.at(1); // Charlie
    changed.enabled = false;
    QVERIFY(data.ruleSet.updateRule(1, changed).ok);
    QVERIFY(data.ruleSet.insertRule(namedRule(QStringLiteral("Echo")), 1).ok);
    const QUuid echo = data.ruleSet.at(0).id;
    QVERIFY(m_other->saveRuleSet(data.ruleSet, {}, QStringLiteral("cli")));

    QSignalSpy loaded(m_document.get(), &RuleSetDocument::externalChangeLoaded);
    QVERIFY(m_document->checkForExternalChange());
    QCOMPARE(loaded.size(), 1);
    const auto change = loaded.first().first().value<ExternalChange>();
    QCOMPARE(change.removedRules, QList<QUuid> {alpha});
    QCOMPARE(change.changedRules, QList<QUuid> {charlie});
    QCOMPARE(change.addedRules, QList<QUuid> {echo});
    QCOMPARE(change.ruleCount(), 3);
    QVERIFY(change.refusedAction.isEmpty());
    QVERIFY(!change.undoCleared); // nothing to undo yet
    QCOMPARE(m_document->ruleSet(), data.ruleSet);
}

void TestExternalEdits::directoryOnlyChangeKeepsUndo()
{
    QVERIFY(m_document->removeRule(2).ok);
    DirectoryUser alice;
    alice.userPrincipalName = QStringLiteral("alice@contoso.com");
    QVERIFY(m_other->saveUser(alice, QString()));
    QSignalSpy directory(m_document.get(), &RuleSetDocument::directoryChanged);
    QSignalSpy rules(m_document.get(), &RuleSetDocument::ruleSetAboutToChange);
    QSignalSpy loaded(m_document.get(), &RuleSetDocument::externalChangeLoaded);

    QVERIFY(m_document->checkForExternalChange());
    QCOMPARE(directory.size(), 1);
    QCOMPARE(rules.size(), 0);
    const auto change = loaded.first().first().value<ExternalChange>();
    QVERIFY(change.directoryChanged);
    QVERIFY(!change.rulesChanged());
    QVERIFY(!change.undoCleared);
    QCOMPARE(m_document->directory().size(), 1);
    // The rules are as we left them, so our own undo is still ours to make.
    QVERIFY(m_document->undoStack()->canUndo());
    m_document->undoStack()->undo();
    QCOMPARE(m_other->data().ruleSet.size(), 3);
    QCOMPARE(m_other->data().directory.size(), 1);
}

void TestExternalEdits::directoryImportOverExternalChangeIsRefused()
{
    DirectoryUser alice;
    alice.userPrincipalName = QStringLiteral("alice@contoso.com");
    QVERIFY(m_other->saveUser(alice, QString()));
    Directory imported;
    DirectoryUser bob;
    bob.userPrincipalName = QStringLiteral("bob@contoso.com");
    QVERIFY(imported.addUser(bob));
    QSignalSpy errors(m_document.get(), &RuleSetDocument::storeError);

    const StoreResult result = m_document->replaceDirectory(imported);
    QVERIFY(!result.ok);
    QVERIFY(result.conflict);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(m_other->data().directory.size(), 1);
    QCOMPARE(m_other->data().directory.user(0).userPrincipalName, alice.userPrincipalName);
    QCOMPARE(m_document->directory().size(), 1); // reloaded: alice, not bob
    QCOMPARE(m_document->directory().user(0).userPrincipalName, alice.userPrincipalName);
}

void TestExternalEdits::twoDocumentsKeepBothEdits()
{
    RuleSetDocument second(m_store->openAnother());
    QVERIFY(second.load());
    QVERIFY(m_document->addRule(namedRule(QStringLiteral("From first"))).ok);
    // The second console has not polled yet: its edit is refused, not lost silently...
    const RuleSet::Outcome refused = second.addRule(namedRule(QStringLiteral("From second")));
    QVERIFY(!refused.ok);
    // ...and after the reload it shows the first one's rule, and its retry keeps both.
    QVERIFY(second.ruleSet().indexOfName(QStringLiteral("From first")) >= 0);
    QVERIFY(second.addRule(namedRule(QStringLiteral("From second"))).ok);
    QVERIFY(m_document->checkForExternalChange());
    const RuleSet &stored = m_other->data().ruleSet;
    QCOMPARE(stored.size(), 5);
    QVERIFY(stored.indexOfName(QStringLiteral("From first")) >= 0);
    QVERIFY(stored.indexOfName(QStringLiteral("From second")) >= 0);
    QCOMPARE(m_document->ruleSet(), stored);
}

QTEST_GUILESS_MAIN(TestExternalEdits)
#include "tst_externaledits.moc"
