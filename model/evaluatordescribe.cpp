// The evaluator's words: the trace lines of the Test connection panel.
#include "evaluator.h"

#include "directory.h"

#include <QCoreApplication>

#include <algorithm>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::Evaluator", text);
}

template<typename T> QString joinText(const QList<T> &values)
{
    QStringList parts;
    parts.reserve(values.size());
    for (const T &value : values)
        parts << value.toString();
    return parts.join(QLatin1String(", "));
}

QString joinPatterns(const QList<UsernamePattern> &values)
{
    QStringList parts;
    for (const UsernamePattern &value : values)
        parts << value.text();
    return parts.join(QLatin1String(", "));
}

QString joinProtocols(ProtocolMask mask)
{
    QStringList parts;
    for (int i = 0; i < ProtocolCount; ++i) {
        if (mask & protocolBit(Protocol(i)))
            parts << toString(Protocol(i));
    }
    return parts.join(QLatin1String(", "));
}

QString joinAuthentication(AuthenticationMask mask)
{
    QStringList parts;
    for (int i = 0; i < AuthenticationTypeCount; ++i) {
        if (mask & authenticationBit(AuthenticationType(i)))
            parts << toString(AuthenticationType(i));
    }
    return parts.join(QLatin1String(", "));
}

} // namespace

QString Evaluator::describe(const RuleTrace &ruleTrace, const ConditionTrace &condition,
                            const Connection &c) const
{
    if (ruleTrace.ruleIndex < 0 || ruleTrace.ruleIndex >= m_rules.size())
        return QString();
    const CompiledRule &rule = m_rules.at(ruleTrace.ruleIndex);
    const bool ex = condition.exception;
    const bool held = condition.held;
    QString text;
    switch (condition.kind) {
    case ConditionKind::Protocols: {
        const QString list = joinProtocols(ex ? rule.exceptProtocols : rule.protocols);
        text = held ? tr("protocol %1 is one of %2").arg(toString(c.protocol), list)
                    : tr("protocol %1 is not one of %2").arg(toString(c.protocol), list);
        break;
    }
    case ConditionKind::AuthenticationTypes: {
        const QString list =
            joinAuthentication(ex ? rule.exceptAuthentication : rule.authentication);
        text = held
            ? tr("authentication %1 is one of %2").arg(toString(c.authenticationType), list)
            : tr("authentication %1 is not one of %2").arg(toString(c.authenticationType), list);
        break;
    }
    case ConditionKind::ClientIPAddresses: {
        const QList<IpRange> &list = ex ? rule.exceptAddresses : rule.addresses;
        const QString address = c.address.toString();
        if (held) {
            text = tr("%1 is in %2").arg(address, list.value(condition.valueIndex).toString());
        } else {
            const bool sameFamily = std::any_of(list.cbegin(), list.cend(), [&](const IpRange &r) {
                return r.isV6() == c.address.v6;
            });
            text = tr("%1 is not in %2").arg(address, joinText(list));
            if (!sameFamily) {
                text += c.address.v6 ? tr(" (an IPv6 client never matches IPv4 entries)")
                                     : tr(" (an IPv4 client never matches IPv6 entries)");
            }
        }
        break;
    }
    case ConditionKind::SourceTcpPorts: {
        const QList<PortRange> &list = ex ? rule.exceptPorts : rule.ports;
        text = held
            ? tr("port %1 is in %2").arg(c.port).arg(list.value(condition.valueIndex).toString())
            : tr("port %1 is not in %2").arg(c.port).arg(joinText(list));
        break;
    }
    case ConditionKind::UsernamePatterns: {
        const QList<UsernamePattern> &list = ex ? rule.exceptPatterns : rule.patterns;
        if (condition.notHonoured) {
            text = tr("username patterns are not honoured for %1 connections")
                       .arg(toString(c.protocol));
        } else if (held) {
            text = tr("%1 matches %2").arg(c.username, list.value(condition.valueIndex).text());
        } else {
            text = tr("%1 matches none of %2").arg(c.username, joinPatterns(list));
        }
        break;
    }
    case ConditionKind::UserRecipientFilter: {
        const QString filterText = rule.filter ? rule.filter->text() : QString();
        if (!c.user) {
            text = tr("'%1' is not in the directory, so %2 is false").arg(c.userText, filterText);
        } else {
            QStringList values;
            if (rule.filter) {
                for (Attribute a : rule.filter->attributes()) {
                    const QString &v = c.user->attribute(a);
                    values << (v.isEmpty() ? tr("%1 is empty").arg(toString(a))
                                           : tr("%1 is '%2'").arg(toString(a), v));
                }
            }
            text = (held ? tr("%1 is true") : tr("%1 is false")).arg(filterText);
            if (!values.isEmpty())
                text += QLatin1String(" (") + values.join(QLatin1String(", ")) + QLatin1Char(')');
        }
        break;
    }
    }
    return ex ? tr("exception: %1").arg(text) : text;
}

QString Evaluator::describeOutcome(const RuleTrace &trace) const
{
    if (trace.ruleIndex < 0 || trace.ruleIndex >= m_rules.size())
        return QString();
    const CompiledRule &rule = m_rules.at(trace.ruleIndex);
    QString text;
    switch (trace.outcome) {
    case RuleOutcome::Matched:
        if (trace.decided)
            text = tr("matched: %1 (decides)").arg(toString(rule.action));
        else if (!trace.enabled)
            text = tr("matched, but the rule is disabled");
        else
            text = tr("matched: %1 (an earlier rule decided)").arg(toString(rule.action));
        break;
    case RuleOutcome::ConditionFailed:
        text = tr("no match: a condition does not hold");
        break;
    case RuleOutcome::ExceptionApplied:
        text = tr("no match: an exception applies, evaluation goes on");
        break;
    case RuleOutcome::ScopeSkipped:
        text = tr("skipped: Scope Users rules do not apply to middle-tier connections");
        break;
    }
    if (!trace.enabled && trace.outcome != RuleOutcome::Matched)
        text += tr(" (disabled)");
    return text;
}

} // namespace Car
