// RuleSetDocument: saved tests and snapshots (the parts of the workspace that are not rules).

#include "rulesetdocument.h"

#include "rulesethistory.h"

#include <QCoreApplication>

namespace Car {

StoreResult RuleSetDocument::saveSavedTest(const SavedTest &test, const QString &previousName)
{
    const QString invalid = test.validate();
    if (!invalid.isEmpty())
        return StoreResult::failure(invalid);
    const StoreResult result = reportStoreResult(m_store->saveSavedTest(test, previousName));
    if (!result)
        return result;
    const QString key = SavedTest::key(previousName.isEmpty() ? test.name : previousName);
    bool replaced = false;
    for (SavedTest &existing : m_savedTests) {
        if (SavedTest::key(existing.name) == key) {
            existing = test;
            replaced = true;
            break;
        }
    }
    if (!replaced)
        m_savedTests.append(test);
    emit savedTestsChanged();
    return result;
}

StoreResult RuleSetDocument::removeSavedTest(const QString &name)
{
    const StoreResult result = reportStoreResult(m_store->removeSavedTest(name));
    if (!result)
        return result;
    const QString key = SavedTest::key(name);
    m_savedTests.removeIf(
        [&key](const SavedTest &test) { return SavedTest::key(test.name) == key; });
    emit savedTestsChanged();
    return result;
}

StoreResult RuleSetDocument::snapshots(QList<SnapshotInfo> &out) const
{
    return m_store->snapshots(out);
}

StoreResult RuleSetDocument::saveSnapshot(const QString &name, const QString &note)
{
    const QString invalid = SnapshotNames::validate(name);
    if (!invalid.isEmpty())
        return StoreResult::failure(invalid);
    const StoreResult result = reportStoreResult(m_store->saveSnapshot(name, note, ruleSet()));
    if (result)
        emit snapshotsChanged();
    return result;
}

StoreResult RuleSetDocument::loadSnapshot(const QString &name, RuleSet &out) const
{
    return m_store->loadSnapshot(name, out);
}

StoreResult RuleSetDocument::deleteSnapshot(const QString &name)
{
    const StoreResult result = reportStoreResult(m_store->deleteSnapshot(name));
    if (result)
        emit snapshotsChanged();
    return result;
}

RuleSet::Outcome RuleSetDocument::restoreSnapshot(const QString &name)
{
    RuleSet rules;
    const StoreResult loaded = m_store->loadSnapshot(name, rules);
    if (!loaded) {
        RuleSet::Outcome outcome;
        outcome.error = loaded.error;
        return outcome;
    }
    QStringList history {
        QCoreApplication::translate("Car::RuleSetDocument", "# snapshot restore '%1'").arg(name)};
    history += historyLines(ruleSet(), rules);
    return replaceRuleSet(
        rules,
        QCoreApplication::translate("Car::RuleSetDocument", "Restore snapshot '%1'").arg(name),
        history);
}

} // namespace Car
