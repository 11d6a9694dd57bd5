#pragma once

// Random rule sets for property tests: valid rules using every condition kind, names drawn from
// a small pool (in random case) so that renames and new rules collide on purpose.

#include "ruleset.h"

#include <QRandomGenerator>
#include <QStringList>

#include <algorithm>

namespace CarTest {

class RandomRuleSets
{
public:
    explicit RandomRuleSets(quint32 seed)
        : m_rng(seed)
    { }

    QRandomGenerator &rng() { return m_rng; }
    bool chance(int percent) { return int(m_rng.bounded(100)) < percent; }
    int between(int low, int high) { return low + int(m_rng.bounded(high - low + 1)); }

    /// A name of the pool (30 names, fewer than two full rule sets) in a random case.
    QString poolName()
    {
        static const QStringList pool = [] {
            QStringList names {QStringLiteral("Block EAS"), QStringLiteral("Allow Admins"),
                               QStringLiteral("Deny POP"), QStringLiteral("O'Brien's rule")};
            for (int i = names.size(); i < 30; ++i)
                names << QStringLiteral("Rule %1").arg(i);
            return names;
        }();
        QString name = pool.at(int(m_rng.bounded(int(pool.size()))));
        if (chance(20))
            name = name.toUpper();
        else if (chance(10))
            name = name.toLower();
        return name;
    }

    /// A rule valid in `environment`; every condition kind appears in some rules.
    Car::Rule rule(Car::Environment environment, const QString &name)
    {
        using namespace Car;
        for (;;) {
            Rule rule;
            rule.name = name;
            rule.action = chance(60) ? Action::DenyAccess : Action::AllowAccess;
            rule.enabled = chance(85);
            rule.scope = chance(70) ? Scope::All : Scope::Users;
            QList<Protocol> offered;
            for (Protocol p : allProtocols()) {
                if (isProtocolAvailable(p, environment))
                    offered << p;
            }
            if (chance(55))
                rule.anyOfProtocols = pick(offered, 1, 3);
            if (chance(20))
                rule.exceptAnyOfProtocols = pick(offered, 1, 2);
            if (!rule.anyOfProtocols.isEmpty() && chance(35)) {
                AuthenticationMask mask = 0xff;
                for (Protocol p : rule.anyOfProtocols)
                    mask &= supportedAuthentication(p);
                QList<AuthenticationType> types;
                for (AuthenticationType t : allAuthenticationTypes()) {
                    if (mask & authenticationBit(t))
                        types << t;
                }
                if (!types.isEmpty()) {
                    rule.anyOfAuthenticationTypes = pick(types, 1, 2);
                    if (chance(40))
                        rule.exceptAnyOfAuthenticationTypes = pick(types, 1, 1);
                }
            }
            if (chance(40))
                rule.anyOfClientIPAddressesOrRanges = ipRanges();
            if (chance(30))
                rule.exceptAnyOfClientIPAddressesOrRanges = ipRanges();
            if (chance(12))
                rule.anyOfSourceTcpPortNumbers = ports();
            if (chance(10))
                rule.exceptAnyOfSourceTcpPortNumbers = ports();
            if (chance(30))
                rule.usernameMatchesAnyOfPatterns = patterns();
            if (chance(25))
                rule.exceptUsernameMatchesAnyOfPatterns = patterns();
            if (chance(25))
                rule.userRecipientFilter = filter();
            rule.removeDuplicates();
            if (!hasErrors(rule.validate(environment)))
                return rule;
        }
    }

    /// `count` rules with distinct pool names.
    Car::RuleSet ruleSet(Car::Environment environment, int count)
    {
        Car::RuleSet set;
        set.setEnvironment(environment);
        while (set.size() < count) {
            const QString name = poolName();
            if (set.indexOfName(name) < 0)
                set.insertRule(rule(environment, name));
        }
        return set;
    }

    /// `a` edited the way an administrator would: rules removed, values changed, rules renamed
    /// (swapped, rotated, given names other rules hold or held), moved and added. Ids are kept,
    /// as in two snapshots of one workspace. About one in twenty comes back unchanged.
    Car::RuleSet edited(const Car::RuleSet &a)
    {
        using namespace Car;
        if (chance(5))
            return a;
        const Environment environment = a.environment();
        QList<Rule> rules = a.rules();
        for (qsizetype i = rules.size() - 1; i >= 0; --i) {
            if (chance(20))
                rules.removeAt(i);
        }
        for (Rule &r : rules) {
            if (chance(10)) {
                Rule fresh = rule(environment, r.name);
                fresh.id = r.id;
                r = fresh;
            } else if (chance(20)) {
                tweak(r, environment);
            }
        }
        const int n = int(rules.size());
        if (n >= 2 && chance(30)) {
            const int i = between(0, n - 1);
            const int j = (i + between(1, n - 1)) % n;
            std::swap(rules[i].name, rules[j].name);
        }
        if (n >= 3 && chance(15)) {
            const QString first = rules.at(0).name;
            rules[0].name = rules.at(n - 1).name;
            rules[n - 1].name = rules.at(n / 2).name;
            rules[n / 2].name = first;
        }
        for (int i = 0; i < n; ++i) {
            if (chance(12)) {
                const QString name = poolName();
                if (nameFree(rules, name, i))
                    rules[i].name = name;
            } else if (chance(5)) {
                rules[i].name = rules.at(i).name.toUpper();
            }
        }
        if (n >= 2 && chance(40)) {
            for (int k = between(1, 3); k > 0; --k)
                rules.move(between(0, n - 1), between(0, n - 1));
        }
        if (chance(10))
            std::shuffle(rules.begin(), rules.end(), m_rng);
        const int room = RuleSet::MaxRules - int(rules.size());
        const int adds = chance(15) ? room : chance(50) ? between(0, std::min(room, 3)) : 0;
        for (int k = 0; k < adds; ++k) {
            QString name = poolName();
            while (!nameFree(rules, name, -1))
                name = poolName();
            rules.insert(between(0, int(rules.size())), rule(environment, name));
        }
        RuleSet b;
        b.setEnvironment(environment);
        b.setNetbiosDomain(a.netbiosDomain());
        for (const Rule &r : std::as_const(rules)) {
            const RuleSet::Outcome outcome = b.insertRule(r);
            if (!outcome.ok)
                qFatal("random edit builds an invalid set: %s", qPrintable(outcome.error));
        }
        return b;
    }

private:
    template<typename T> QList<T> pick(const QList<T> &from, int low, int high)
    {
        QList<T> result;
        const int count = between(low, high);
        for (int i = 0; i < count; ++i)
            result << from.at(int(m_rng.bounded(int(from.size()))));
        return result;
    }

    static bool nameFree(const QList<Car::Rule> &rules, const QString &name, int except)
    {
        for (int i = 0; i < rules.size(); ++i) {
            if (i != except && rules.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
                return false;
        }
        return true;
    }

    /// Changes one value of `r`, keeping it valid.
    void tweak(Car::Rule &r, Car::Environment environment)
    {
        using namespace Car;
        for (int attempt = 0; attempt < 20; ++attempt) {
            Rule copy = r;
            switch (m_rng.bounded(9)) {
            case 0:
                copy.enabled = !copy.enabled;
                break;
            case 1:
                copy.action =
                    copy.action == Action::AllowAccess ? Action::DenyAccess : Action::AllowAccess;
                break;
            case 2:
                copy.scope = copy.scope == Scope::All ? Scope::Users : Scope::All;
                break;
            case 3:
                copy.anyOfProtocols = rule(environment, copy.name).anyOfProtocols;
                break;
            case 4:
                copy.anyOfClientIPAddressesOrRanges = chance(30)
                    ? QList<IpRange>()
                    : copy.anyOfClientIPAddressesOrRanges + ipRanges();
                break;
            case 5:
                copy.userRecipientFilter = chance(40) ? QString() : filter();
                break;
            case 6:
                copy.exceptUsernameMatchesAnyOfPatterns =
                    chance(30) ? QList<UsernamePattern>() : patterns();
                break;
            case 7:
                std::reverse(copy.anyOfProtocols.begin(), copy.anyOfProtocols.end());
                std::reverse(copy.exceptAnyOfClientIPAddressesOrRanges.begin(),
                             copy.exceptAnyOfClientIPAddressesOrRanges.end());
                break;
            default:
                copy.exceptAnyOfSourceTcpPortNumbers = chance(30) ? QList<PortRange>() : ports();
                break;
            }
            copy.removeDuplicates();
            if (!hasErrors(copy.validate(environment))) {
                r = copy;
                return;
            }
        }
    }

    QList<Car::IpRange> ipRanges()
    {
        QList<Car::IpRange> result;
        const int count = between(1, 3);
        for (int i = 0; i < count; ++i) {
            const int a = between(0, 255);
            const int b = between(1, 254);
            QString text;
            switch (m_rng.bounded(5)) {
            case 0:
                text = QStringLiteral("192.168.%1.%2").arg(a).arg(b);
                break;
            case 1:
                text = QStringLiteral("10.%1.0.0/%2").arg(a).arg(between(8, 24));
                break;
            case 2:
                text = QStringLiteral("172.16.%1.1-172.16.%1.%2").arg(a).arg(b + 1);
                break;
            case 3:
                text = QStringLiteral("2001:db8:%1::/%2").arg(a, 0, 16).arg(between(48, 64));
                break;
            default:
                text = QStringLiteral("2001:db8::%1").arg(b, 0, 16);
                break;
            }
            result << *Car::IpRange::parse(text);
        }
        return result;
    }

    QList<Car::PortRange> ports()
    {
        QList<Car::PortRange> result;
        const int count = between(1, 2);
        for (int i = 0; i < count; ++i) {
            const int low = between(1, 60000);
            const QString text = chance(50)
                ? QString::number(low)
                : QStringLiteral("%1-%2").arg(low).arg(low + between(1, 5000));
            result << *Car::PortRange::parse(text);
        }
        return result;
    }

    QList<Car::UsernamePattern> patterns()
    {
        static const QStringList texts {
            QStringLiteral("*bob*"),      QStringLiteral("contoso.com\\alice"),
            QStringLiteral("*\\admin*"),  QStringLiteral("CONTOSO\\*"),
            QStringLiteral("*John Doe*"), QStringLiteral("*o'brien*"),
            QStringLiteral("*BOB*"),
        };
        QList<Car::UsernamePattern> result;
        const int count = between(1, 3);
        for (int i = 0; i < count; ++i)
            result << *Car::UsernamePattern::parse(texts.at(int(m_rng.bounded(int(texts.size())))));
        return result;
    }

    QString filter()
    {
        static const QStringList texts {
            QStringLiteral("City -eq 'Redmond'"),
            QStringLiteral("Department -ne 'Sales' -and Company -like 'Con*'"),
            QStringLiteral("(CountryOrRegion -eq 'US' -or Office -eq \"HQ\")"),
            QStringLiteral("{CustomAttribute1 -eq 'O''Reilly'}"),
            QStringLiteral("-not (Department -eq $null)"),
        };
        return texts.at(int(m_rng.bounded(int(texts.size()))));
    }

    QRandomGenerator m_rng;
};

} // namespace CarTest
