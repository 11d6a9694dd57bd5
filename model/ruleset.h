#pragma once

#include "enums.h"
#include "rule.h"

#include <QList>
#include <QString>

#include <optional>

namespace Car {

/// The priority-ordered rules of one workspace with its environment (domain §0, §6).
/// Priorities are positions 1..N without gaps; Rule objects carry none.
class RuleSet
{
public:
    static constexpr int MaxRules = 20;

    /// Result of an edit: on failure `error` says why and nothing changed. `warning` is set when
    /// the edit succeeded in a way the user should hear about (a priority past the end appended).
    struct Outcome
    {
        bool ok = false;
        QString error;
        QString warning;
        int index = -1; ///< 0-based position of the affected rule afterwards
    };

    Environment environment() const { return m_environment; }
    void setEnvironment(Environment environment) { m_environment = environment; }
    /// NetBIOS domain for ExchangeServer username strings (domain §0).
    const QString &netbiosDomain() const { return m_netbiosDomain; }
    void setNetbiosDomain(const QString &domain) { m_netbiosDomain = domain; }

    int size() const { return int(m_rules.size()); }
    bool isEmpty() const { return m_rules.isEmpty(); }
    const QList<Rule> &rules() const { return m_rules; }
    const Rule &at(int index) const { return m_rules.at(index); }

    /// Index of the rule with this name, ignoring case; -1 if none.
    int indexOfName(const QString &name) const;
    /// Index of the rule with this stable id; -1 if none.
    int indexOfId(const QUuid &id) const;
    /// Resolves an -Identity value: the name (ignoring case) or the rule's GUID text.
    int indexOfIdentity(const QString &identity) const;

    /// New-ClientAccessRule: validates the rule, checks the name and the 20-rule limit, and inserts
    /// at `priority` (1..N+1; none appends; > N+1 appends with a warning; < 1 is an error).
    /// A rule without an id gets a new one.
    Outcome insertRule(Rule rule, std::optional<int> priority = std::nullopt);

    /// Set-ClientAccessRule: replaces the rule at `index` (validated as it stands after the
    /// change, name unique among the others) and, when `priority` is given, moves it there by the
    /// same rules as insertRule, counted among the other rules.
    Outcome updateRule(int index, Rule rule, std::optional<int> priority = std::nullopt);

    /// Moves the rule at `from` to the 0-based position `to` (clamped); for drag and drop.
    void moveRule(int from, int to);

    void removeRule(int index);
    void clear() { m_rules.clear(); }

    friend bool operator==(const RuleSet &a, const RuleSet &b)
    {
        return a.m_environment == b.m_environment && a.m_netbiosDomain == b.m_netbiosDomain
            && a.m_rules == b.m_rules;
    }
    friend bool operator!=(const RuleSet &a, const RuleSet &b) { return !(a == b); }

private:
    /// Turns a requested 1-based priority into a 0-based slot among `count` other rules.
    static Outcome slotFor(std::optional<int> priority, int count);
    QString nameProblem(const QString &name, int ignoreIndex) const;

    Environment m_environment = Environment::ExchangeOnline;
    QString m_netbiosDomain;
    QList<Rule> m_rules;
};

} // namespace Car
