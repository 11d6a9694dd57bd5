// RuleSetDocument: noticing and adopting what other programs (a second console, carconsole-cli)
// commit to the same workspace, and refusing local writes that would overwrite it (issue 6).

#include "rulesetdocument.h"

#include <QMetaObject>

namespace Car {

namespace {

QList<QUuid> commonIdsInOrder(const RuleSet &rules, const RuleSet &other)
{
    QList<QUuid> ids;
    for (const Rule &rule : rules.rules()) {
        if (other.indexOfId(rule.id) >= 0)
            ids.append(rule.id);
    }
    return ids;
}

} // namespace

ExternalChange ExternalChange::between(const WorkspaceData &before, const WorkspaceData &after)
{
    ExternalChange change;
    const RuleSet &a = before.ruleSet;
    const RuleSet &b = after.ruleSet;
    for (const Rule &rule : a.rules()) {
        const int index = b.indexOfId(rule.id);
        if (index < 0)
            change.removedRules.append(rule.id);
        else if (!(rule == b.at(index)))
            change.changedRules.append(rule.id);
    }
    for (const Rule &rule : b.rules()) {
        if (a.indexOfId(rule.id) < 0)
            change.addedRules.append(rule.id);
    }
    change.orderChanged = commonIdsInOrder(a, b) != commonIdsInOrder(b, a);
    change.settingsChanged =
        a.environment() != b.environment() || a.netbiosDomain() != b.netbiosDomain();
    change.directoryChanged = !(before.directory == after.directory);
    change.adminChanged = !(before.admin == after.admin);
    return change;
}

bool RuleSetDocument::readStamp(quint64 &out)
{
    return bool(m_store->changeStamp(out));
}

bool RuleSetDocument::hasExternalChange()
{
    quint64 now = 0;
    if (!readStamp(now))
        return false;
    return !m_stampKnown || now != m_stamp;
}

bool RuleSetDocument::checkForExternalChange()
{
    if (m_writing > 0 || !hasExternalChange())
        return false;
    return reloadExternal(QString(), false);
}

bool RuleSetDocument::reloadExternal(const QString &refusedAction, bool insideCommand)
{
    // The stamp before the data (see load()).
    quint64 stamp = 0;
    const bool stampKnown = readStamp(stamp);
    WorkspaceData data;
    const StoreResult loaded = m_store->load(data);
    if (!loaded) {
        reportStoreResult(loaded);
        return false;
    }
    QList<SavedTest> tests;
    const StoreResult testsRead = m_store->savedTests(tests);
    if (!testsRead) {
        reportStoreResult(testsRead);
        return false;
    }
    m_stamp = stamp;
    m_stampKnown = stampKnown;

    ExternalChange change = ExternalChange::between(m_workspace, data);
    change.savedTestsChanged = tests != m_savedTests;
    change.refusedAction = refusedAction;
    if (!change.any()) {
        emit snapshotsChanged(); // the other program may have saved or deleted one
        return false;
    }
    emit externalChangeAboutToLoad();
    if (change.rulesChanged()) {
        change.undoCleared = m_undoStack->count() > 0;
        if (insideCommand) {
            // QUndoStack is still inside the command's undo()/redo(): clear once it is done.
            QMetaObject::invokeMethod(
                this, [this] { m_undoStack->clear(); }, Qt::QueuedConnection);
        } else {
            m_undoStack->clear();
        }
        adoptRuleSet(data.ruleSet);
    }
    if (change.directoryChanged) {
        m_workspace.directory = std::move(data.directory);
        emit directoryChanged();
    }
    if (change.adminChanged) {
        m_workspace.admin = data.admin;
        emit adminChanged();
    }
    if (change.savedTestsChanged) {
        m_savedTests = std::move(tests);
        emit savedTestsChanged();
    }
    emit snapshotsChanged();
    emit externalChangeLoaded(change);
    return true;
}

StoreResult RuleSetDocument::refusedByExternalChange(const QString &action, bool insideCommand)
{
    const QString what = action.isEmpty() ? tr("Your change") : QStringLiteral("'%1'").arg(action);
    reloadExternal(action.isEmpty() ? tr("your change") : action, insideCommand);
    StoreResult refused = StoreResult::changedMeanwhile(
        tr("%1 was not applied: another program (a second console or carconsole-cli) changed "
           "the workspace after this window last read it. The workspace has been reloaded with "
           "the other program's change; check the rules and make your change again.")
            .arg(what));
    m_lastError = refused.error;
    emit storeError(refused.error);
    return refused;
}

} // namespace Car
