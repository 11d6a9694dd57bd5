#include "rulesetdiff.h"

#include <QSet>

#include "cmdletwriter.h"
#include "rulesetdiff_p.h"
#include "ruleset.h"

namespace Car {

namespace detail {

QList<bool> heaviestIncreasingSubsequence(const QList<int> &values, const QList<int> &weights)
{
    const int n = int(values.size());
    QList<int> best(n, 0);
    QList<int> previous(n, -1);
    int end = -1;
    for (int i = 0; i < n; ++i) {
        best[i] = weights.at(i);
        for (int j = 0; j < i; ++j) {
            if (values.at(j) < values.at(i) && best.at(j) + weights.at(i) > best.at(i)) {
                best[i] = best.at(j) + weights.at(i);
                previous[i] = j;
            }
        }
        if (end < 0 || best.at(i) > best.at(end))
            end = i;
    }
    QList<bool> chosen(n, false);
    for (int i = end; i >= 0; i = previous.at(i))
        chosen[i] = true;
    return chosen;
}

} // namespace detail

namespace {

QString boolText(bool value)
{
    return value ? QStringLiteral("$true") : QStringLiteral("$false");
}

void compareScalar(QList<ValueChange> &changes, RuleParameter parameter, const QString &before,
                   const QString &after)
{
    if (before != after)
        changes.append({parameter, false, before, after, {}, {}});
}

void compareList(QList<ValueChange> &changes, RuleParameter parameter, const QStringList &before,
                 const QStringList &after)
{
    if (before == after)
        return;
    ValueChange change {
        parameter, true, before.join(QLatin1String(", ")), after.join(QLatin1String(", ")), {}, {}};
    for (const QString &item : after) {
        if (!before.contains(item))
            change.added << item;
    }
    for (const QString &item : before) {
        if (!after.contains(item))
            change.removed << item;
    }
    changes.append(change);
}

/// A list item as shown in a diff line: bare unless blanks or commas would make it ambiguous.
QString itemText(const QString &item)
{
    for (const QChar c : item) {
        if (c.isSpace() || c == u',' || c == u'\'' || c == u'"')
            return quote(item);
    }
    return item.isEmpty() ? quote(item) : item;
}

QString scalarText(const ValueChange &change, const QString &value)
{
    if (change.parameter == RuleParameter::Name
        || change.parameter == RuleParameter::UserRecipientFilter) {
        return value.isEmpty() ? RuleSetDiff::tr("(none)") : quote(value);
    }
    return value;
}

/// Pairs the rules of `after` with those of `before`: result[i] is the index in `before` of the
/// rule paired with after.at(i), or -1.
QList<int> pairRules(const RuleSet &before, const RuleSet &after, RulePairing pairing, bool *byId)
{
    QList<int> result(after.size(), -1);
    QList<bool> taken(before.size(), false);
    bool sharedId = false;
    for (const Rule &rule : after.rules()) {
        if (before.indexOfId(rule.id) >= 0)
            sharedId = true;
    }
    *byId = pairing == RulePairing::ById || (pairing == RulePairing::Automatic && sharedId);
    if (*byId) {
        for (int i = 0; i < after.size(); ++i) {
            const int j = before.indexOfId(after.at(i).id);
            if (j >= 0 && !taken.at(j)) {
                result[i] = j;
                taken[j] = true;
            }
        }
    }
    if (pairing == RulePairing::ById)
        return result;
    for (int i = 0; i < after.size(); ++i) {
        if (result.at(i) >= 0)
            continue;
        const int j = before.indexOfName(after.at(i).name);
        if (j >= 0 && !taken.at(j)) {
            result[i] = j;
            taken[j] = true;
        }
    }
    return result;
}

} // namespace

bool RuleDifference::isChanged() const
{
    for (const ValueChange &change : changes) {
        if (change.parameter != RuleParameter::Name)
            return true;
    }
    return false;
}

QString ValueChange::toText() const
{
    const QString name = parameterName(parameter);
    if (isList) {
        if (added.isEmpty() && removed.isEmpty()) {
            return RuleSetDiff::tr("%1 reordered %2 -> %3").arg(name, before, after);
        }
        QString text = name;
        for (const QString &item : added)
            text += QLatin1String(" +") + itemText(item);
        for (const QString &item : removed)
            text += QLatin1String(" -") + itemText(item);
        return text;
    }
    return name + QLatin1Char(' ') + scalarText(*this, before) + QLatin1String(" -> ")
        + scalarText(*this, after);
}

QList<ValueChange> RuleSetDiff::compareRules(const Rule &a, const Rule &b)
{
    QList<ValueChange> changes;
    compareScalar(changes, RuleParameter::Name, a.name, b.name);
    compareScalar(changes, RuleParameter::Action, toString(a.action), toString(b.action));
    compareScalar(changes, RuleParameter::Enabled, boolText(a.enabled), boolText(b.enabled));
    compareScalar(changes, RuleParameter::Scope, toString(a.scope), toString(b.scope));
    const QList<RuleListTexts> listsA = ruleListTexts(a);
    const QList<RuleListTexts> listsB = ruleListTexts(b);
    for (qsizetype i = 0; i < listsA.size(); ++i)
        compareList(changes, listsA.at(i).parameter, listsA.at(i).values, listsB.at(i).values);
    compareScalar(changes, RuleParameter::UserRecipientFilter, a.userRecipientFilter,
                  b.userRecipientFilter);
    return changes;
}

RuleSetDiff RuleSetDiff::compare(const RuleSet &before, const RuleSet &after, RulePairing pairing)
{
    RuleSetDiff diff;
    if (before.environment() != after.environment()) {
        diff.m_settings.append(
            {tr("Environment"), toString(before.environment()), toString(after.environment())});
    }
    if (before.netbiosDomain() != after.netbiosDomain()) {
        diff.m_settings.append(
            {tr("NetBIOS domain"), before.netbiosDomain(), after.netbiosDomain()});
    }

    const QList<int> pairs = pairRules(before, after, pairing, &diff.m_pairedById);
    QSet<int> kept;
    for (int j : pairs) {
        if (j >= 0)
            kept.insert(j);
    }
    for (int j = 0; j < before.size(); ++j) {
        if (kept.contains(j))
            continue;
        RuleDifference removed;
        removed.kind = RuleDifference::Kind::Removed;
        removed.beforeId = before.at(j).id;
        removed.beforeName = before.at(j).name;
        removed.beforePriority = j + 1;
        diff.m_rules.append(removed);
    }

    QList<int> keptValues;
    QList<int> keptRows;
    for (int i = 0; i < after.size(); ++i) {
        RuleDifference entry;
        entry.afterId = after.at(i).id;
        entry.afterName = after.at(i).name;
        entry.afterPriority = i + 1;
        const int j = pairs.at(i);
        if (j < 0) {
            entry.kind = RuleDifference::Kind::Added;
        } else {
            entry.kind = RuleDifference::Kind::Kept;
            entry.beforeId = before.at(j).id;
            entry.beforeName = before.at(j).name;
            entry.beforePriority = j + 1;
            entry.changes = compareRules(before.at(j), after.at(i));
            keptValues << j;
            keptRows << int(diff.m_rules.size());
        }
        diff.m_rules.append(entry);
    }

    const QList<bool> inPlace =
        detail::heaviestIncreasingSubsequence(keptValues, QList<int>(keptValues.size(), 1));
    for (int k = 0; k < keptRows.size(); ++k)
        diff.m_rules[keptRows.at(k)].moved = !inPlace.at(k);
    return diff;
}

QList<RuleDifference> RuleSetDiff::filtered(bool (*keep)(const RuleDifference &)) const
{
    QList<RuleDifference> result;
    for (const RuleDifference &entry : m_rules) {
        if (keep(entry))
            result << entry;
    }
    return result;
}

QList<RuleDifference> RuleSetDiff::added() const
{
    return filtered([](const RuleDifference &d) { return d.kind == RuleDifference::Kind::Added; });
}

QList<RuleDifference> RuleSetDiff::removed() const
{
    return filtered(
        [](const RuleDifference &d) { return d.kind == RuleDifference::Kind::Removed; });
}

QList<RuleDifference> RuleSetDiff::changed() const
{
    return filtered([](const RuleDifference &d) { return d.isChanged(); });
}

QList<RuleDifference> RuleSetDiff::renamed() const
{
    return filtered([](const RuleDifference &d) { return d.isRenamed(); });
}

QList<RuleDifference> RuleSetDiff::moved() const
{
    return filtered([](const RuleDifference &d) { return d.moved; });
}

bool RuleSetDiff::isEmpty() const
{
    if (!m_settings.isEmpty())
        return false;
    for (const RuleDifference &entry : m_rules) {
        if (entry.kind != RuleDifference::Kind::Kept || entry.moved || !entry.changes.isEmpty())
            return false;
    }
    return true;
}

QString RuleSetDiff::toText() const
{
    QString text;
    for (const SettingChange &setting : m_settings) {
        const auto shown = [](const QString &value) {
            return value.isEmpty() ? tr("(none)") : value;
        };
        text += QLatin1String("* ") + setting.setting + QLatin1Char(' ') + shown(setting.before)
            + QLatin1String(" -> ") + shown(setting.after) + QLatin1Char('\n');
    }
    for (const RuleDifference &entry : m_rules) {
        if (entry.kind == RuleDifference::Kind::Removed) {
            text += QLatin1String("- ") + quote(entry.beforeName) + QLatin1Char(' ')
                + tr("(was %1)").arg(entry.beforePriority) + QLatin1Char('\n');
        }
    }
    for (const RuleDifference &entry : m_rules) {
        const QString name = quote(entry.afterName);
        if (entry.kind == RuleDifference::Kind::Added) {
            text += QLatin1String("+ ") + name + QLatin1Char(' ')
                + tr("at %1").arg(entry.afterPriority) + QLatin1Char('\n');
            continue;
        }
        if (entry.kind != RuleDifference::Kind::Kept)
            continue;
        if (entry.isRenamed()) {
            text += QLatin1String("~ ") + quote(entry.beforeName) + QLatin1Char(' ')
                + tr("renamed to %1").arg(name) + QLatin1Char('\n');
        }
        QStringList values;
        for (const ValueChange &change : entry.changes) {
            if (change.parameter != RuleParameter::Name)
                values << change.toText();
        }
        if (!values.isEmpty()) {
            text += QLatin1String("~ ") + name + QLatin1String(": ")
                + values.join(QLatin1String("; ")) + QLatin1Char('\n');
        }
        if (entry.moved) {
            text += QLatin1String("> ") + name + QLatin1Char(' ')
                + tr("moved %1 -> %2").arg(entry.beforePriority).arg(entry.afterPriority)
                + QLatin1Char('\n');
        }
    }
    return text;
}

} // namespace Car
