#include "rulesetdocument.h"

#include "undocommands.h"

#include <QCoreApplication>

#include <utility>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::RuleSetDocument", text);
}

QList<QUuid> idsOf(const RuleSet &rules)
{
    QList<QUuid> ids;
    ids.reserve(rules.size());
    for (const Rule &rule : rules.rules())
        ids.append(rule.id);
    return ids;
}

RuleSet::Outcome failed(const QString &error)
{
    RuleSet::Outcome outcome;
    outcome.error = error;
    return outcome;
}

RuleSet::Outcome noRuleAt(int index)
{
    return failed(tr("there is no rule at position %1.").arg(index + 1));
}

/// "Block EAS (copy)", "Block EAS (copy 2)", ... within the name limit and unique.
QString copyName(const RuleSet &rules, const QString &name)
{
    for (int n = 1;; ++n) {
        const QString suffix = n == 1 ? tr(" (copy)") : tr(" (copy %1)").arg(n);
        const QString candidate = name.left(Rule::MaxNameLength - suffix.size()) + suffix;
        if (rules.indexOfName(candidate) < 0)
            return candidate;
    }
}

} // namespace

RuleSetChange RuleSetChange::between(const RuleSet &before, const RuleSet &after)
{
    const QList<QUuid> a = idsOf(before);
    const QList<QUuid> b = idsOf(after);
    RuleSetChange change;
    if (a == b) {
        change.kind = Kind::Update;
        return change;
    }
    const auto equalsWithout = [](QList<QUuid> list, int index, const QList<QUuid> &other) {
        list.removeAt(index);
        return list == other;
    };
    if (b.size() == a.size() + 1) {
        for (int i = 0; i < b.size(); ++i) {
            if (!a.contains(b.at(i)) && equalsWithout(b, i, a))
                return {Kind::Insert, i, -1};
        }
    } else if (a.size() == b.size() + 1) {
        for (int i = 0; i < a.size(); ++i) {
            if (!b.contains(a.at(i)) && equalsWithout(a, i, b))
                return {Kind::Remove, i, -1};
        }
    } else if (a.size() == b.size()) {
        for (int from = 0; from < a.size(); ++from) {
            const int to = int(b.indexOf(a.at(from)));
            if (to < 0 || to == from)
                continue;
            QList<QUuid> rest = b;
            rest.removeAt(to);
            if (equalsWithout(a, from, rest))
                return {Kind::Move, from, to};
        }
    }
    return change; // Reset
}

RuleSetDocument::RuleSetDocument(std::unique_ptr<RuleStore> store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_undoStack(new QUndoStack(this))
{ }

RuleSetDocument::~RuleSetDocument()
{
    // Commands refer to the document; delete them while it is still whole, quietly: observers of
    // the stack may already be gone.
    m_undoStack->blockSignals(true);
    m_undoStack->clear();
}

StoreResult RuleSetDocument::load()
{
    // The stamp before the data: a commit by another program in between moves it again, so
    // the next check reloads rather than missing that commit.
    quint64 stamp = 0;
    const bool stampKnown = readStamp(stamp);
    WorkspaceData data;
    const StoreResult result = m_store->load(data);
    if (!result)
        return reportStoreResult(result);
    QList<SavedTest> tests;
    const StoreResult testsRead = m_store->savedTests(tests);
    if (!testsRead)
        return reportStoreResult(testsRead);
    m_savedTests = std::move(tests);
    m_stamp = stamp;
    m_stampKnown = stampKnown;
    m_undoStack->clear();
    const RuleSetChange change; // Reset
    emit ruleSetAboutToChange(change);
    m_workspace = std::move(data);
    m_evaluator.compile(m_workspace.ruleSet);
    m_lastError.clear();
    emit ruleSetChanged(change);
    emit ruleSetReset();
    emit directoryChanged();
    emit adminChanged();
    emit savedTestsChanged();
    emit snapshotsChanged();
    return result;
}

void RuleSetDocument::setChangeGuard(ChangeGuard guard)
{
    m_guard = std::move(guard);
}

RuleSet::Outcome
RuleSetDocument::commit(RuleSet proposed, int index,
                        const std::function<RuleSetCommand *(const RuleSet &)> &make)
{
    // The rules the edit was computed from: the checked write refuses to store `proposed` when
    // the workspace no longer holds them (another program wrote meanwhile).
    const RuleSet base = ruleSet();
    ++m_writing; // no reload under the guard's dialog or the write
    if (m_guard) {
        RuleSet guarded = proposed;
        switch (m_guard(ruleSet(), guarded)) {
        case GuardDecision::Cancel:
            --m_writing;
            return failed(QStringLiteral("cancelled"));
        case GuardDecision::ApplyProposed:
            proposed = std::move(guarded);
            break;
        case GuardDecision::Apply:
            break;
        }
    }
    std::unique_ptr<RuleSetCommand> command(make(proposed));
    const StoreResult stored =
        m_store->saveRuleSetOver(base, proposed, command->redoHistory(), historySource());
    --m_writing;
    if (!stored && stored.conflict)
        return failed(refusedByExternalChange(command->text(), false).error);
    const StoreResult written = reportStoreResult(stored);
    if (!written)
        return failed(written.error);
    m_undoStack->push(command.release()); // first redo() adopts `proposed`
    RuleSet::Outcome outcome;
    outcome.ok = true;
    outcome.index = index;
    return outcome;
}

RuleSet::Outcome RuleSetDocument::addRule(const Rule &rule, std::optional<int> priority)
{
    RuleSet proposed = ruleSet();
    RuleSet::Outcome outcome = proposed.insertRule(rule, priority);
    if (!outcome.ok)
        return outcome;
    const QString name = proposed.at(outcome.index).name;
    const RuleSet before = ruleSet();
    RuleSet::Outcome result = commit(proposed, outcome.index, [&](const RuleSet &after) {
        return new AddRuleCommand(this, before, after, name);
    });
    result.warning = outcome.warning;
    return result;
}

RuleSet::Outcome RuleSetDocument::updateRule(int index, const Rule &rule)
{
    if (index < 0 || index >= ruleSet().size())
        return noRuleAt(index);
    RuleSet proposed = ruleSet();
    const RuleSet::Outcome outcome = proposed.updateRule(index, rule);
    if (!outcome.ok)
        return outcome;
    const Rule &old = ruleSet().at(index);
    const Rule &updated = proposed.at(index);
    if (old == updated && old.name == updated.name) {
        RuleSet::Outcome unchanged;
        unchanged.ok = true;
        unchanged.index = index;
        return unchanged;
    }
    const std::optional<RuleParameter> field = EditRuleCommand::changedField(old, updated);
    const RuleSet before = ruleSet();
    const QUuid id = old.id;
    return commit(proposed, index, [&](const RuleSet &after) {
        return new EditRuleCommand(this, before, after, id, field);
    });
}

RuleSet::Outcome RuleSetDocument::moveRule(int from, int to)
{
    if (from < 0 || from >= ruleSet().size())
        return noRuleAt(from);
    to = qBound(0, to, ruleSet().size() - 1);
    if (from == to) {
        RuleSet::Outcome unchanged;
        unchanged.ok = true;
        unchanged.index = to;
        return unchanged;
    }
    RuleSet proposed = ruleSet();
    proposed.moveRule(from, to);
    const RuleSet before = ruleSet();
    const QString name = before.at(from).name;
    return commit(proposed, to, [&](const RuleSet &after) {
        return new MoveRuleCommand(this, before, after, name, to + 1);
    });
}

RuleSet::Outcome RuleSetDocument::removeRule(int index)
{
    if (index < 0 || index >= ruleSet().size())
        return noRuleAt(index);
    RuleSet proposed = ruleSet();
    proposed.removeRule(index);
    const RuleSet before = ruleSet();
    const QString name = before.at(index).name;
    return commit(proposed, index, [&](const RuleSet &after) {
        return new RemoveRuleCommand(this, before, after, name);
    });
}

RuleSet::Outcome RuleSetDocument::duplicateRule(int index)
{
    if (index < 0 || index >= ruleSet().size())
        return noRuleAt(index);
    Rule copy = ruleSet().at(index);
    copy.id = QUuid();
    copy.name = copyName(ruleSet(), copy.name);
    RuleSet proposed = ruleSet();
    const RuleSet::Outcome outcome = proposed.insertRule(copy, index + 2);
    if (!outcome.ok)
        return outcome;
    const RuleSet before = ruleSet();
    const QString name = before.at(index).name;
    return commit(proposed, outcome.index, [&](const RuleSet &after) {
        return new DuplicateRuleCommand(this, before, after, name);
    });
}

RuleSet::Outcome RuleSetDocument::setRuleEnabled(int index, bool enabled)
{
    if (index < 0 || index >= ruleSet().size())
        return noRuleAt(index);
    RuleSet::Outcome unchanged;
    unchanged.ok = true;
    unchanged.index = index;
    if (ruleSet().at(index).enabled == enabled)
        return unchanged;
    RuleSet proposed = ruleSet();
    Rule rule = proposed.at(index);
    rule.enabled = enabled;
    const RuleSet::Outcome outcome = proposed.updateRule(index, rule);
    if (!outcome.ok)
        return outcome;
    const RuleSet before = ruleSet();
    const QString name = rule.name;
    return commit(proposed, index, [&](const RuleSet &after) {
        return new SetRuleEnabledCommand(this, before, after, name, enabled);
    });
}

RuleSet::Outcome RuleSetDocument::setEnvironment(Environment environment,
                                                 const QString &netbiosDomain)
{
    RuleSet::Outcome unchanged;
    unchanged.ok = true;
    const QString domain = netbiosDomain.trimmed();
    if (ruleSet().environment() == environment && ruleSet().netbiosDomain() == domain)
        return unchanged;
    RuleSet proposed = ruleSet();
    proposed.setEnvironment(environment);
    proposed.setNetbiosDomain(domain);
    const RuleSet before = ruleSet();
    return commit(proposed, -1, [&](const RuleSet &after) {
        return new SetEnvironmentCommand(this, before, after);
    });
}

RuleSet::Outcome RuleSetDocument::replaceRuleSet(const RuleSet &rules, const QString &text,
                                                 const QStringList &history)
{
    const RuleSet before = ruleSet();
    return commit(rules, -1, [&](const RuleSet &after) {
        auto *command = new ReplaceRuleSetCommand(this, before, after, text);
        if (!history.isEmpty() && after == rules)
            command->setRedoHistory(history);
        return command;
    });
}

StoreResult RuleSetDocument::applyRuleSet(const RuleSet &rules, const QStringList &history,
                                          const QString &action)
{
    ++m_writing;
    const StoreResult stored = m_store->saveRuleSetOver(ruleSet(), rules, history, historySource());
    --m_writing;
    if (!stored && stored.conflict)
        return refusedByExternalChange(action, true);
    const StoreResult result = reportStoreResult(stored);
    if (result)
        adoptRuleSet(rules);
    return result;
}

void RuleSetDocument::adoptRuleSet(const RuleSet &rules)
{
    const RuleSetChange change = RuleSetChange::between(m_workspace.ruleSet, rules);
    emit ruleSetAboutToChange(change);
    m_workspace.ruleSet = rules;
    m_evaluator.compile(m_workspace.ruleSet);
    emit ruleSetChanged(change);
    if (change.kind == RuleSetChange::Kind::Move)
        emit ruleMoved(change.first, change.second);
    emit ruleSetReset();
}

StoreResult RuleSetDocument::setAdmin(const AdminSettings &admin)
{
    if (admin == m_workspace.admin)
        return StoreResult::success();
    const StoreResult result = reportStoreResult(m_store->saveAdmin(admin));
    if (result) {
        m_workspace.admin = admin;
        emit adminChanged();
    }
    return result;
}

StoreResult RuleSetDocument::replaceDirectory(const Directory &directory)
{
    const StoreResult stored = m_store->saveDirectoryOver(m_workspace.directory, directory);
    if (!stored && stored.conflict)
        return refusedByExternalChange(tr("Replacing the directory"), false);
    const StoreResult result = reportStoreResult(stored);
    if (result) {
        m_workspace.directory = directory;
        emit directoryChanged();
    }
    return result;
}

StoreResult RuleSetDocument::saveUser(const DirectoryUser &user, int index)
{
    Directory copy = m_workspace.directory;
    QString error;
    QString previousUpn;
    if (index >= 0 && index < copy.size()) {
        previousUpn = copy.user(index).userPrincipalName;
        if (!copy.replaceUser(index, user, &error))
            return StoreResult::failure(error);
    } else if (!copy.addUser(user, &error)) {
        return StoreResult::failure(error);
    }
    const StoreResult result = reportStoreResult(m_store->saveUser(user, previousUpn));
    if (result) {
        m_workspace.directory = std::move(copy);
        emit directoryChanged();
    }
    return result;
}

StoreResult RuleSetDocument::removeUser(int index)
{
    if (index < 0 || index >= m_workspace.directory.size())
        return StoreResult::failure(tr("there is no user at position %1.").arg(index + 1));
    const QString upn = m_workspace.directory.user(index).userPrincipalName;
    const StoreResult result = reportStoreResult(m_store->removeUser(upn));
    if (result) {
        m_workspace.directory.removeUser(index);
        emit directoryChanged();
    }
    return result;
}

StoreResult RuleSetDocument::reportStoreResult(const StoreResult &result)
{
    if (result) {
        m_lastError.clear();
    } else {
        m_lastError = result.error;
        emit storeError(result.error);
    }
    return result;
}

} // namespace Car
