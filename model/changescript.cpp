#include "changescript.h"

#include <optional>

#include "cmdletwriter.h"
#include "directory.h"
#include "ruleset.h"
#include "rulesetdiff_p.h"
#include "scriptrunner.h"

namespace Car {

namespace {

/// The plan for one rule of the target set.
struct Item
{
    int source = -1; ///< index in the first set; -1: added
    QString currentName; ///< the name the rule has in the simulated set right now
    bool changed = false; ///< its values (or name) differ
    bool isolated = false; ///< its rename cannot collide with any other statement
    bool inPlace = true; ///< kept rules that need no -Priority
    bool deferred = false; ///< values are set in the same statement as its move
};

bool sameName(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

/// Builds the statements by simulating every one of them on a RuleSet, as Exchange would.
class Planner
{
public:
    Planner(const RuleSet &from, const RuleSet &to, RulePairing pairing)
        : m_from(from)
        , m_to(to)
        , m_state(from)
    {
        m_state.setEnvironment(to.environment());
        m_state.setNetbiosDomain(to.netbiosDomain());
        m_diff = RuleSetDiff::compare(from, to, pairing);
    }

    QStringList statements() const { return m_statements; }
    QString error() const { return m_error; }

    bool run()
    {
        planItems();
        return removeRules() && changeRules() && placeRules();
    }

private:
    void planItems()
    {
        for (const RuleDifference &entry : m_diff.rules()) {
            if (entry.kind == RuleDifference::Kind::Removed)
                continue;
            Item item;
            if (entry.kind == RuleDifference::Kind::Kept) {
                item.source = entry.beforePriority - 1;
                item.currentName = entry.beforeName;
                item.changed = m_from.at(item.source) != m_to.at(entry.afterPriority - 1);
            }
            m_items << item;
        }
        QList<int> sources;
        QList<int> weights;
        QList<int> keptRows;
        for (int i = 0; i < m_items.size(); ++i) {
            Item &item = m_items[i];
            if (item.source < 0)
                continue;
            item.isolated = item.changed && isIsolated(i);
            sources << item.source;
            // A rule whose values change anyway can carry its move in that same statement, so
            // keeping it in place saves little; any other move costs a statement of its own.
            weights << (item.isolated ? 1 : 100);
            keptRows << i;
        }
        const QList<bool> inPlace = detail::heaviestIncreasingSubsequence(sources, weights);
        for (int k = 0; k < keptRows.size(); ++k) {
            Item &item = m_items[keptRows.at(k)];
            item.inPlace = inPlace.at(k);
            item.deferred = item.isolated && !item.inPlace;
        }
    }

    /// No other statement wants the rule's old name, and no other kept rule holds its new one.
    bool isIsolated(int row) const
    {
        const Item &item = m_items.at(row);
        const QString &newName = m_to.at(row).name;
        for (int i = 0; i < m_items.size(); ++i) {
            if (i == row)
                continue;
            if (sameName(m_to.at(i).name, item.currentName))
                return false;
            if (m_items.at(i).source >= 0 && sameName(m_items.at(i).currentName, newName))
                return false;
        }
        return true;
    }

    bool removeRules()
    {
        for (const RuleDifference &entry : m_diff.rules()) {
            if (entry.kind != RuleDifference::Kind::Removed)
                continue;
            m_statements << removeRuleLine(entry.beforeName) + QLatin1String(" -Confirm:$false");
            m_state.removeRule(m_state.indexOfName(entry.beforeName));
        }
        return true;
    }

    /// Set- for every changed rule whose change is not deferred to its move, in an order in
    /// which no rename takes a name that another rule still holds.
    bool changeRules()
    {
        QList<int> pending;
        for (int i = 0; i < m_items.size(); ++i) {
            if (m_items.at(i).source >= 0 && m_items.at(i).changed && !m_items.at(i).deferred)
                pending << i;
        }
        while (!pending.isEmpty()) {
            bool progress = false;
            for (int k = 0; k < pending.size(); ++k) {
                const int row = pending.at(k);
                if (holderOf(row) >= 0)
                    continue;
                if (!setRule(row, m_to.at(row), std::nullopt))
                    return false;
                pending.removeAt(k);
                progress = true;
                break;
            }
            if (progress)
                continue;
            // Every pending rename waits for another: they form cycles (A <-> B). Take one rule
            // of a cycle out of the way under a temporary name; the cycle then unwinds.
            int row = pending.first();
            QList<int> seen;
            while (!seen.contains(row)) {
                seen << row;
                row = holderOf(row);
                if (row < 0) {
                    m_error = ChangeScript::tr("internal error: a rename waits for a rule that "
                                               "is not being renamed.");
                    return false;
                }
            }
            Rule rule = m_to.at(row);
            rule.name = temporaryName(rule.name);
            if (!setRule(row, rule, std::nullopt))
                return false;
        }
        return true;
    }

    /// The row of the rule that holds the name `row` is to get, or -1 if the name is free.
    int holderOf(int row) const
    {
        const int index = m_state.indexOfName(m_to.at(row).name);
        if (index < 0 || index == m_state.indexOfName(m_items.at(row).currentName))
            return -1;
        const QString &holder = m_state.at(index).name;
        for (int i = 0; i < m_items.size(); ++i) {
            if (m_items.at(i).source >= 0 && m_items.at(i).currentName == holder)
                return i;
        }
        return -1;
    }

    QString temporaryName(const QString &base) const
    {
        for (int n = 1;; ++n) {
            const QString suffix = n == 1 ? ChangeScript::tr(" (renaming)")
                                          : ChangeScript::tr(" (renaming %1)").arg(n);
            const QString name = base.left(Rule::MaxNameLength - suffix.size()).trimmed() + suffix;
            if (m_state.indexOfName(name) < 0 && m_from.indexOfName(name) < 0
                && m_to.indexOfName(name) < 0) {
                return name;
            }
        }
    }

    /// New- for added rules and -Priority for moved ones, in increasing target priority, each
    /// placed right after its predecessor in the target order.
    bool placeRules()
    {
        for (int row = 0; row < m_items.size(); ++row) {
            const Item &item = m_items.at(row);
            const Rule &rule = m_to.at(row);
            const int predecessor = row == 0 ? -1 : m_state.indexOfName(m_to.at(row - 1).name);
            if (item.source < 0) {
                const int priority = predecessor + 2;
                m_statements << newRuleLine(rule, priority);
                const RuleSet::Outcome outcome = m_state.insertRule(rule, priority);
                if (!outcome.ok)
                    return fail(rule.name, outcome.error);
                continue;
            }
            if (item.inPlace)
                continue;
            const int current = m_state.indexOfName(item.currentName);
            // Set- -Priority counts among the other rules: the moved rule is taken out first.
            const int slot =
                predecessor < 0 ? 0 : (predecessor > current ? predecessor : predecessor + 1);
            const std::optional<int> priority =
                slot == current ? std::nullopt : std::optional<int>(slot + 1);
            if (item.deferred) {
                if (!setRule(row, rule, priority))
                    return false;
            } else if (priority) {
                if (!setRule(row, m_state.at(current), priority))
                    return false;
            }
        }
        return true;
    }

    /// One Set- statement that gives the rule of `row` the values of `rule` (and a priority).
    bool setRule(int row, const Rule &rule, std::optional<int> priority)
    {
        Item &item = m_items[row];
        const int index = m_state.indexOfName(item.currentName);
        const Rule &before = m_state.at(index);
        const QString line = setRuleLine(before, rule, priority);
        if (line.isEmpty())
            return true;
        m_statements << line;
        const RuleSet::Outcome outcome = m_state.updateRule(index, rule, priority);
        if (!outcome.ok)
            return fail(item.currentName, outcome.error);
        item.currentName = rule.name;
        return true;
    }

    bool fail(const QString &name, const QString &why)
    {
        m_error = ChangeScript::tr("cannot apply the change to '%1': %2").arg(name, why);
        return false;
    }

    const RuleSet &m_from;
    const RuleSet &m_to;
    RuleSet m_state;
    RuleSetDiff m_diff;
    QList<Item> m_items; ///< one per rule of m_to, in its order
    QStringList m_statements;
    QString m_error;
};

} // namespace

ChangeScript ChangeScript::build(const RuleSet &from, const RuleSet &to, RulePairing pairing)
{
    ChangeScript script;
    if (from.environment() != to.environment()) {
        script.m_notes << tr("The environment changes from %1 to %2; no cmdlet does that. This "
                             "script is meant for the %2 server.")
                              .arg(toString(from.environment()), toString(to.environment()));
    }
    if (from.netbiosDomain() != to.netbiosDomain()) {
        script.m_notes << tr("The NetBIOS domain changes from '%1' to '%2'; it is a setting of "
                             "the workspace, not of Exchange.")
                              .arg(from.netbiosDomain(), to.netbiosDomain());
    }

    Planner planner(from, to, pairing);
    if (!planner.run()) {
        script.m_error = planner.error();
        return script;
    }
    script.m_statements = planner.statements();

    RuleSet start = from;
    start.setEnvironment(to.environment());
    start.setNetbiosDomain(to.netbiosDomain());
    const ScriptResult result =
        ScriptRunner::runText(script.text(), tr("change script"), start, Directory());
    if (!result.ok()) {
        script.m_error = tr("the change script does not run: %1").arg(result.error->toString());
    } else if (result.ruleSet != to) {
        script.m_error = tr("internal error: the change script does not reproduce the target; "
                            "left over:\n%1")
                             .arg(RuleSetDiff::compare(result.ruleSet, to).toText());
    }
    if (!script.m_error.isEmpty())
        script.m_statements.clear();
    return script;
}

QString ChangeScript::text() const
{
    QString text;
    for (const QString &note : m_notes)
        text += QLatin1String("# ") + note + QLatin1Char('\n');
    for (const QString &statement : m_statements)
        text += statement + QLatin1Char('\n');
    return text;
}

} // namespace Car
