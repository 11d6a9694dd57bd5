#include "ruleset.h"

#include <QCoreApplication>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::RuleSet", text);
}

QString firstError(const QList<RuleProblem> &problems)
{
    for (const RuleProblem &problem : problems) {
        if (problem.isError())
            return problem.toString();
    }
    return QString();
}

} // namespace

int RuleSet::indexOfName(const QString &name) const
{
    for (int i = 0; i < m_rules.size(); ++i) {
        if (m_rules.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

int RuleSet::indexOfId(const QUuid &id) const
{
    if (id.isNull())
        return -1;
    for (int i = 0; i < m_rules.size(); ++i) {
        if (m_rules.at(i).id == id)
            return i;
    }
    return -1;
}

int RuleSet::indexOfIdentity(const QString &identity) const
{
    const int byName = indexOfName(identity);
    if (byName >= 0)
        return byName;
    const QUuid id(identity.trimmed());
    return indexOfId(id);
}

RuleSet::Outcome RuleSet::slotFor(std::optional<int> priority, int count)
{
    Outcome outcome;
    outcome.ok = true;
    if (!priority) {
        outcome.index = count;
        return outcome;
    }
    const int p = *priority;
    if (p < 1) {
        outcome.ok = false;
        outcome.error = tr("-Priority %1 is not valid: priorities start at 1.").arg(p);
        return outcome;
    }
    if (p > count + 1) {
        outcome.index = count;
        outcome.warning = tr("-Priority %1 is past the end of the list; the rule was placed last, "
                             "at priority %2.")
                              .arg(p)
                              .arg(count + 1);
        return outcome;
    }
    outcome.index = p - 1;
    return outcome;
}

QString RuleSet::nameProblem(const QString &name, int ignoreIndex) const
{
    for (int i = 0; i < m_rules.size(); ++i) {
        if (i != ignoreIndex && m_rules.at(i).name.compare(name, Qt::CaseInsensitive) == 0) {
            return tr("-Name '%1': a rule named '%2' already exists (names are unique, ignoring "
                      "case).")
                .arg(name, m_rules.at(i).name);
        }
    }
    return QString();
}

RuleSet::Outcome RuleSet::insertRule(Rule rule, std::optional<int> priority)
{
    Outcome outcome;
    if (m_rules.size() >= MaxRules) {
        outcome.error = tr("a rule set holds at most %1 rules; remove one before adding '%2'.")
                            .arg(MaxRules)
                            .arg(rule.name);
        return outcome;
    }
    rule.removeDuplicates();
    const QString problem = firstError(rule.validate(m_environment));
    if (!problem.isEmpty()) {
        outcome.error = problem;
        return outcome;
    }
    const QString clash = nameProblem(rule.name, -1);
    if (!clash.isEmpty()) {
        outcome.error = clash;
        return outcome;
    }
    outcome = slotFor(priority, int(m_rules.size()));
    if (!outcome.ok)
        return outcome;
    if (rule.id.isNull() || indexOfId(rule.id) >= 0)
        rule.id = QUuid::createUuid();
    m_rules.insert(outcome.index, std::move(rule));
    return outcome;
}

RuleSet::Outcome RuleSet::updateRule(int index, Rule rule, std::optional<int> priority)
{
    Outcome outcome;
    if (index < 0 || index >= m_rules.size()) {
        outcome.error = tr("there is no rule at position %1.").arg(index + 1);
        return outcome;
    }
    rule.removeDuplicates();
    const QString problem = firstError(rule.validate(m_environment));
    if (!problem.isEmpty()) {
        outcome.error = problem;
        return outcome;
    }
    const QString clash = nameProblem(rule.name, index);
    if (!clash.isEmpty()) {
        outcome.error = clash;
        return outcome;
    }
    int target = index;
    if (priority) {
        outcome = slotFor(priority, int(m_rules.size()) - 1);
        if (!outcome.ok)
            return outcome;
        target = outcome.index;
    }
    outcome.ok = true;
    rule.id = m_rules.at(index).id;
    m_rules[index] = std::move(rule);
    if (target != index)
        m_rules.move(index, target);
    outcome.index = target;
    return outcome;
}

void RuleSet::moveRule(int from, int to)
{
    if (from < 0 || from >= m_rules.size())
        return;
    to = std::clamp(to, 0, int(m_rules.size()) - 1);
    if (from != to)
        m_rules.move(from, to);
}

void RuleSet::removeRule(int index)
{
    if (index >= 0 && index < m_rules.size())
        m_rules.removeAt(index);
}

} // namespace Car
