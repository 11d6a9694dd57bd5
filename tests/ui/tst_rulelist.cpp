// The rule list model over a RuleSetDocument: every edit is one undo command written through to
// the store with its cmdlet history, drag payloads are read defensively, the filter narrows.

#include "demoworkspace.h"
#include "fakerulestore.h"
#include "rulefilterproxymodel.h"
#include "rulelistmodel.h"
#include "rulesetdocument.h"

#include <QAbstractItemModelTester>
#include <QDataStream>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace Car;

namespace {

Rule makeRule(const QString &name, Action action, QList<Protocol> protocols = {})
{
    Rule rule;
    rule.name = name;
    rule.action = action;
    rule.anyOfProtocols = protocols;
    return rule;
}

WorkspaceData fiveRules()
{
    WorkspaceData data;
    for (const QString &name : {u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs, u"E"_qs}) {
        const RuleSet::Outcome outcome =
            data.ruleSet.insertRule(makeRule(name, Action::DenyAccess, {Protocol::POP3}));
        Q_ASSERT(outcome.ok);
    }
    return data;
}

QStringList namesOf(const RuleSet &rules)
{
    QStringList names;
    for (const Rule &rule : rules.rules())
        names << rule.name;
    return names;
}

QStringList namesOnScreen(const QAbstractItemModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, RuleListModel::NameColumn).data().toString();
    return names;
}

} // namespace

class TestRuleList : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void dropReorders_data();
    void dropReorders();
    void moveRowsIsOneStep();
    void toggleEnabledInPlace();
    void typingANameIsOneStep();
    void renameToTakenNameIsRefused();
    void storeFailureChangesNothing();
    void guardCancelsOrReplaces();
    void duplicateAndRemove();
    void hostilePayloads_data();
    void hostilePayloads();
    void problemsShowAsRoles();
    void summaryAndFilter_data();
    void summaryAndFilter();

private:
    FakeRuleStore *m_store = nullptr;
    std::unique_ptr<RuleSetDocument> m_document;
    std::unique_ptr<RuleListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    void open(const WorkspaceData &data)
    {
        m_tester.reset();
        m_model.reset();
        auto store = std::make_unique<FakeRuleStore>(data);
        m_store = store.get();
        m_document = std::make_unique<RuleSetDocument>(std::move(store));
        QVERIFY(m_document->load());
        m_model = std::make_unique<RuleListModel>(m_document.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
};

void TestRuleList::init()
{
    open(fiveRules());
}

void TestRuleList::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_document.reset();
}

void TestRuleList::dropReorders_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("dropRow");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("historyLine");

    QTest::newRow("down: the destination counts the dragged row, so it lands above row 3")
        << 0 << 3 << QStringList {u"B"_qs, u"C"_qs, u"A"_qs, u"D"_qs, u"E"_qs}
        << u"Set-ClientAccessRule -Identity 'A' -Priority 3"_qs;
    QTest::newRow("up to the top: priority 1")
        << 4 << 0 << QStringList {u"E"_qs, u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs}
        << u"Set-ClientAccessRule -Identity 'E' -Priority 1"_qs;
    QTest::newRow("past the last row: the bottom")
        << 1 << 5 << QStringList {u"A"_qs, u"C"_qs, u"D"_qs, u"E"_qs, u"B"_qs}
        << u"Set-ClientAccessRule -Identity 'B' -Priority 5"_qs;
    QTest::newRow("onto the empty area (row -1, no parent): the bottom")
        << 0 << -1 << QStringList {u"B"_qs, u"C"_qs, u"D"_qs, u"E"_qs, u"A"_qs}
        << u"Set-ClientAccessRule -Identity 'A' -Priority 5"_qs;
}

void TestRuleList::dropReorders()
{
    QFETCH(int, from);
    QFETCH(int, dropRow);
    QFETCH(QStringList, expected);
    QFETCH(QString, historyLine);
    const QStringList original = namesOf(m_document->ruleSet());
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

    std::unique_ptr<QMimeData> payload(m_model->mimeData({m_model->index(from, 0)}));
    QVERIFY(m_model->canDropMimeData(payload.get(), Qt::MoveAction, dropRow, 0, {}));
    QVERIFY(m_model->dropMimeData(payload.get(), Qt::MoveAction, dropRow, 0, {}));

    QCOMPARE(moved.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(namesOnScreen(*m_model), expected);
    QCOMPARE(namesOf(m_store->data().ruleSet), expected);
    QCOMPARE(m_store->historyEntries().last().cmdlet, historyLine);
    QCOMPARE(m_store->historyEntries().last().source, u"console"_qs);
    QCOMPARE(m_document->undoStack()->count(), 1);
    QVERIFY(m_document->undoStack()->undoText().startsWith(u"Move '"_qs));
    QCOMPARE(m_model->index(0, RuleListModel::PriorityColumn).data().toInt(), 1);

    m_document->undoStack()->undo();
    QCOMPARE(moved.size(), 2);
    QCOMPARE(namesOnScreen(*m_model), original);
    QCOMPARE(namesOf(m_store->data().ruleSet), original);

    m_document->undoStack()->redo();
    QCOMPARE(moved.size(), 3);
    QCOMPARE(namesOnScreen(*m_model), expected);
    QCOMPARE(namesOf(m_store->data().ruleSet), expected);
}

void TestRuleList::moveRowsIsOneStep()
{
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    QVERIFY(m_model->moveRows({}, 3, 1, {}, 1));
    QCOMPARE(namesOf(m_store->data().ruleSet),
             (QStringList {u"A"_qs, u"D"_qs, u"B"_qs, u"C"_qs, u"E"_qs}));
    QCOMPARE(m_document->undoStack()->count(), 1);
    QCOMPARE(m_document->undoStack()->undoText(), u"Move 'D' to priority 2"_qs);
    QCOMPARE(moved.size(), 1);
    QVERIFY2(!m_model->moveRows({}, 0, 2, {}, 4), "single selection: one row per move");
    QVERIFY2(!m_model->moveRows({}, 2, 1, {}, 3), "dropping a row right below itself is no move");
    QCOMPARE(m_document->undoStack()->count(), 1);
}

void TestRuleList::toggleEnabledInPlace()
{
    const QModelIndex check = m_model->index(2, RuleListModel::EnabledColumn);
    QVERIFY(m_model->flags(check) & Qt::ItemIsUserCheckable);
    QVERIFY(m_model->setData(check, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(check.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QVERIFY(!m_store->data().ruleSet.at(2).enabled);
    QCOMPARE(m_document->undoStack()->undoText(), u"Disable 'C'"_qs);
    QCOMPARE(m_store->historyEntries().last().cmdlet,
             u"Set-ClientAccessRule -Identity 'C' -Enabled $false"_qs);
    m_document->undoStack()->undo();
    QVERIFY(m_store->data().ruleSet.at(2).enabled);
    QCOMPARE(check.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
}

void TestRuleList::typingANameIsOneStep()
{
    Rule rule = m_document->ruleSet().at(1);
    for (const QString &typed : {u"Bl"_qs, u"Blo"_qs, u"Block"_qs}) {
        rule.name = typed;
        QVERIFY(m_document->updateRule(1, rule).ok);
    }
    QCOMPARE(m_document->undoStack()->count(), 1);
    QCOMPARE(m_document->undoStack()->undoText(), u"Rename 'B' to 'Block'"_qs);
    QCOMPARE(m_store->data().ruleSet.at(1).name, u"Block"_qs);

    rule.action = Action::AllowAccess; // another field: its own step
    QVERIFY(m_document->updateRule(1, rule).ok);
    QCOMPARE(m_document->undoStack()->count(), 2);
    m_document->undoStack()->undo();
    m_document->undoStack()->undo();
    QCOMPARE(m_store->data().ruleSet.at(1).name, u"B"_qs);
    QVERIFY(m_store->data().ruleSet.at(1).action == Action::DenyAccess);

    // Typing away and back to the start leaves no step at all.
    m_document->undoStack()->clear();
    rule = m_document->ruleSet().at(1);
    rule.name = u"Bx"_qs;
    QVERIFY(m_document->updateRule(1, rule).ok);
    rule.name = u"B"_qs;
    QVERIFY(m_document->updateRule(1, rule).ok);
    QCOMPARE(m_document->undoStack()->count(), 0);
    QCOMPARE(m_store->data().ruleSet.at(1).name, u"B"_qs);
}

void TestRuleList::renameToTakenNameIsRefused()
{
    QSignalSpy rejected(m_model.get(), &RuleListModel::editRejected);
    const int writes = m_store->attemptedWrites();
    QVERIFY(!m_model->setData(m_model->index(0, RuleListModel::NameColumn), u"b"_qs));
    QCOMPARE(rejected.size(), 1);
    QVERIFY2(rejected.first().first().toString().contains(u"already exists"_qs),
             qPrintable(rejected.first().first().toString()));
    QCOMPARE(m_store->attemptedWrites(), writes);
    QCOMPARE(m_document->undoStack()->count(), 0);
}

void TestRuleList::storeFailureChangesNothing()
{
    QSignalSpy errors(m_document.get(), &RuleSetDocument::storeError);
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    m_store->failNextWrite(u"disk full"_qs);
    const RuleSet::Outcome outcome = m_document->moveRule(0, 4);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.error, u"disk full"_qs);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(moved.size(), 0);
    QCOMPARE(m_document->undoStack()->count(), 0);
    QCOMPARE(namesOnScreen(*m_model), namesOf(m_store->data().ruleSet));

    // A failing undo leaves what the store has and drops the command.
    QVERIFY(m_document->moveRule(0, 4).ok);
    m_store->failNextWrite(u"disk full"_qs);
    m_document->undoStack()->undo();
    QCOMPARE(errors.size(), 2);
    QCOMPARE(namesOnScreen(*m_model), namesOf(m_store->data().ruleSet));
    QCOMPARE(m_store->data().ruleSet.at(4).name, u"A"_qs);
}

void TestRuleList::guardCancelsOrReplaces()
{
    int asked = 0;
    m_document->setChangeGuard([&](const RuleSet &, RuleSet &) {
        ++asked;
        return GuardDecision::Cancel;
    });
    const RuleSet::Outcome cancelled = m_document->removeRule(0);
    QVERIFY(!cancelled.ok);
    QCOMPARE(cancelled.error, u"cancelled"_qs);
    QCOMPARE(asked, 1);
    QCOMPARE(m_store->data().ruleSet.size(), 5);

    m_document->setChangeGuard([&](const RuleSet &, RuleSet &proposed) {
        ++asked;
        Rule safety = makeRule(u"Safety"_qs, Action::AllowAccess, {Protocol::RemotePowerShell});
        proposed.insertRule(safety, 1);
        return GuardDecision::ApplyProposed;
    });
    QVERIFY(m_document->removeRule(4).ok);
    QCOMPARE(asked, 2);
    QCOMPARE(namesOf(m_store->data().ruleSet),
             (QStringList {u"Safety"_qs, u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs}));
    QCOMPARE(namesOnScreen(*m_model), namesOf(m_store->data().ruleSet));
    QCOMPARE(m_document->undoStack()->count(), 1);
    const QList<HistoryEntry> &history = m_store->historyEntries();
    QCOMPARE(history.at(history.size() - 2).cmdlet, u"Remove-ClientAccessRule -Identity 'E'"_qs);
    QVERIFY(history.last().cmdlet.startsWith(u"New-ClientAccessRule -Name 'Safety'"_qs));
    m_document->setChangeGuard({});
    m_document->undoStack()->undo();
    QCOMPARE(namesOf(m_store->data().ruleSet), namesOf(fiveRules().ruleSet));
}

void TestRuleList::duplicateAndRemove()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    const RuleSet::Outcome outcome = m_document->duplicateRule(1);
    QVERIFY(outcome.ok);
    QCOMPARE(outcome.index, 2);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(m_store->data().ruleSet.at(2).name, u"B (copy)"_qs);
    QVERIFY(m_store->data().ruleSet.at(2).id != m_store->data().ruleSet.at(1).id);
    QCOMPARE(m_document->undoStack()->undoText(), u"Duplicate 'B'"_qs);
    QVERIFY(m_document->duplicateRule(1).ok);
    QCOMPARE(m_store->data().ruleSet.at(2).name, u"B (copy 2)"_qs);

    QVERIFY(m_document->removeRule(0).ok);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(m_document->undoStack()->undoText(), u"Delete 'A'"_qs);
    m_document->undoStack()->undo();
    QCOMPARE(m_store->data().ruleSet.at(0).name, u"A"_qs);
    QCOMPARE(m_store->data().ruleSet.at(0).id,
             m_model->index(0, 0).data(RuleListModel::RuleIdRole));
}

void TestRuleList::hostilePayloads_data()
{
    QTest::addColumn<QByteArray>("payload");
    const auto stream = [](quint32 count, int uuids) {
        QByteArray bytes;
        QDataStream out(&bytes, QIODevice::WriteOnly);
        out << count;
        for (int i = 0; i < uuids; ++i)
            out << QUuid::createUuid();
        return bytes;
    };
    QTest::newRow("empty payload") << QByteArray();
    QTest::newRow("count of 4 billion in 4 bytes: must not allocate") << stream(0xffffffffu, 0);
    QTest::newRow("count larger than the bytes that follow") << stream(3, 1);
    QTest::newRow("an id that is not in the list") << stream(1, 1);
    QTest::newRow("truncated id") << stream(1, 1).left(10);
}

void TestRuleList::hostilePayloads()
{
    QFETCH(QByteArray, payload);
    QMimeData data;
    data.setData(RuleListModel::mimeType(), payload);
    QVERIFY(m_model->idsFromMimeData(&data).isEmpty());
    QVERIFY(!m_model->canDropMimeData(&data, Qt::MoveAction, 0, 0, {}));
    QVERIFY(!m_model->dropMimeData(&data, Qt::MoveAction, 0, 0, {}));
    QCOMPARE(m_document->undoStack()->count(), 0);
}

void TestRuleList::problemsShowAsRoles()
{
    open(makeDemoWorkspace());
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QCOMPARE(m_model->index(row, 0).data(RuleListModel::ProblemSeverityRole).toInt(),
                 int(RuleListModel::ProblemSeverity::None));
    }
    Rule rule = makeRule(u"Never matches"_qs, Action::DenyAccess, {Protocol::OutlookWebApp});
    QString error;
    rule.usernameMatchesAnyOfPatterns << *UsernamePattern::parse(u"jeff*", &error);
    QVERIFY(m_document->addRule(rule).ok);
    const QModelIndex added = m_model->index(m_model->rowCount() - 1, RuleListModel::NameColumn);
    QCOMPARE(added.data(RuleListModel::ProblemSeverityRole).toInt(),
             int(RuleListModel::ProblemSeverity::Warning));
    QVERIFY(added.data(Qt::ToolTipRole).toString().contains(u"jeff*"_qs));

    // A deny-all rule on top locks the demo administrator out of Remote PowerShell.
    QVERIFY(m_document->addRule(makeRule(u"Block all"_qs, Action::DenyAccess), 1).ok);
    const QModelIndex top = m_model->index(0, RuleListModel::NameColumn);
    QVERIFY(top.data(RuleListModel::LockoutRole).toBool());
    QVERIFY(top.data(Qt::ToolTipRole).toString().contains(u"RemotePowerShell"_qs));
}

void TestRuleList::summaryAndFilter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("shown");
    const QString it = QString::fromUtf16(DemoRules::EacOnlyForIt);
    const QString mgmt = QString::fromUtf16(DemoRules::EacOnlyForMgmt);
    const QString rps = QString::fromUtf16(DemoRules::AlwaysAllowRemotePowerShell);
    QTest::newRow("no filter shows all") << QString() << QStringList {rps, mgmt, it};
    QTest::newRow("by name, ignoring case") << u"only FOR it"_qs << QStringList {it};
    QTest::newRow("by an address the name does not mention")
        << u"192.168.10"_qs << QStringList {mgmt};
    QTest::newRow("by the cmdlet protocol name")
        << u"ExchangeAdminCenter"_qs << QStringList {mgmt, it};
    QTest::newRow("by a filter attribute") << u"department"_qs << QStringList {it};
    QTest::newRow("every word must match") << u"eac powershell"_qs << QStringList {};
}

void TestRuleList::summaryAndFilter()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, shown);
    open(makeDemoWorkspace());
    QCOMPARE(m_model->index(1, RuleListModel::SummaryColumn).data().toString(),
             u"EAC \u00b7 except from 192.168.10.0/24"_qs);
    RuleFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy);
    proxy.setSourceModel(m_model.get());
    proxy.setFilterText(filter);
    QCOMPARE(namesOnScreen(proxy), shown);
}

QTEST_GUILESS_MAIN(TestRuleList)
#include "tst_rulelist.moc"
