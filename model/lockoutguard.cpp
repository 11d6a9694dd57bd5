#include "lockoutguard.h"

#include "directory.h"
#include "evaluator.h"
#include "ipaddress.h"

#include <QCoreApplication>
#include <QUuid>

#include <algorithm>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::LockoutGuard", text);
}

} // namespace

bool LockoutReport::denies(Protocol protocol) const
{
    return std::any_of(denials.cbegin(), denials.cend(),
                       [protocol](const LockoutDenial &d) { return d.protocol == protocol; });
}

bool LockoutReport::denies(Protocol protocol, AuthenticationType type) const
{
    return std::any_of(denials.cbegin(), denials.cend(), [protocol, type](const LockoutDenial &d) {
        return d.protocol == protocol && d.authenticationType == type;
    });
}

QList<LockoutDenial> LockoutReport::denialsBy(int ruleIndex) const
{
    QList<LockoutDenial> result;
    for (const LockoutDenial &denial : denials) {
        if (denial.ruleIndex == ruleIndex)
            result.append(denial);
    }
    return result;
}

QList<int> LockoutReport::denyingRules() const
{
    QList<int> result;
    for (const LockoutDenial &denial : denials) {
        if (!result.contains(denial.ruleIndex))
            result.append(denial.ruleIndex);
    }
    std::sort(result.begin(), result.end());
    return result;
}

QList<LockoutDenial> LockoutReport::newDenials(const LockoutReport &current,
                                               const LockoutReport &proposed)
{
    QList<LockoutDenial> result;
    for (const LockoutDenial &denial : proposed.denials) {
        if (!current.denies(denial.protocol, denial.authenticationType))
            result.append(denial);
    }
    return result;
}

QList<Protocol> guardedProtocols()
{
    return {Protocol::RemotePowerShell, Protocol::ExchangeAdminCenter};
}

LockoutReport checkLockout(const Evaluator &evaluator, const Directory &directory,
                           const AdminSettings &admin)
{
    LockoutReport report;
    if (admin.user.trimmed().isEmpty()) {
        report.problem = tr("No administrator is set in Preferences.");
        return report;
    }
    QString addressError;
    const auto address = IpAddress::parse(admin.address, &addressError);
    if (!address) {
        report.problem = admin.address.trimmed().isEmpty()
            ? tr("The administrator's public address is not set in Preferences.")
            : tr("The administrator's public address '%1' is not valid: %2")
                  .arg(admin.address, addressError);
        return report;
    }
    report.configured = true;

    const RuleSet &rules = evaluator.ruleSet();
    Evaluation evaluation;
    for (const Protocol protocol : guardedProtocols()) {
        for (const AuthenticationType type : allAuthenticationTypes()) {
            if (!protocolSupportsAuthentication(protocol, type))
                continue;
            const Connection connection =
                makeConnection(rules, directory, admin.user.trimmed(), protocol, type, *address);
            evaluator.evaluate(connection, evaluation);
            if (evaluation.action != Action::DenyAccess || evaluation.decidingRule < 0)
                continue;
            LockoutDenial denial;
            denial.protocol = protocol;
            denial.authenticationType = type;
            denial.ruleIndex = evaluation.decidingRule;
            if (evaluation.decidingRule < rules.size())
                denial.ruleName = rules.at(evaluation.decidingRule).name;
            report.denials.append(denial);
        }
    }
    return report;
}

LockoutReport checkLockout(const RuleSet &rules, const Directory &directory,
                           const AdminSettings &admin)
{
    const Evaluator evaluator(rules);
    return checkLockout(evaluator, directory, admin);
}

QString describeDenials(const QList<LockoutDenial> &denials)
{
    QStringList lines;
    QList<int> seenRules;
    for (const LockoutDenial &first : denials) {
        if (seenRules.contains(first.ruleIndex))
            continue;
        seenRules.append(first.ruleIndex);
        QStringList parts;
        for (const Protocol protocol : guardedProtocols()) {
            QStringList types;
            for (const LockoutDenial &denial : denials) {
                if (denial.ruleIndex == first.ruleIndex && denial.protocol == protocol)
                    types.append(displayName(denial.authenticationType));
            }
            if (!types.isEmpty())
                parts.append(QStringLiteral("%1 (%2)").arg(toString(protocol),
                                                           types.join(QStringLiteral(", "))));
        }
        lines.append(tr("%1 denied by rule %2 '%3'")
                         .arg(parts.join(tr(" and ")))
                         .arg(first.ruleIndex + 1)
                         .arg(first.ruleName));
    }
    return lines.join(QLatin1Char('\n'));
}

QString alwaysAllowRemotePowerShellName()
{
    return QStringLiteral("Always Allow Remote PowerShell");
}

QString freeRuleName(const RuleSet &rules, const QString &base)
{
    if (rules.indexOfName(base) < 0)
        return base;
    for (int n = 2;; ++n) {
        const QString suffix = QStringLiteral(" (%1)").arg(n);
        const QString candidate = base.left(Rule::MaxNameLength - suffix.size()) + suffix;
        if (rules.indexOfName(candidate) < 0)
            return candidate;
    }
}

Rule alwaysAllowRemotePowerShellRule(const RuleSet &rules)
{
    Rule rule;
    rule.id = QUuid::createUuid();
    rule.name = freeRuleName(rules, alwaysAllowRemotePowerShellName());
    rule.action = Action::AllowAccess;
    rule.anyOfProtocols = {Protocol::RemotePowerShell};
    return rule;
}

RuleSet::Outcome insertAlwaysAllowRemotePowerShell(RuleSet &rules)
{
    return rules.insertRule(alwaysAllowRemotePowerShellRule(rules), 1);
}

} // namespace Car
