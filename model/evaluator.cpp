#include "evaluator.h"

#include "directory.h"

#include <QCoreApplication>
#include <QtAlgorithms>

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

template<typename List, typename Pred> qint16 firstIndex(const List &list, Pred pred)
{
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (pred(list.at(i)))
            return qint16(i);
    }
    return -1;
}

} // namespace

Connection makeConnection(const RuleSet &rules, const Directory &directory, const QString &userText,
                          Protocol protocol, AuthenticationType authenticationType,
                          const IpAddress &address, int port, bool middleTier)
{
    Connection connection;
    connection.user = directory.resolve(userText);
    connection.userText = userText;
    connection.username =
        usernameString(connection.user, userText, rules.environment(), rules.netbiosDomain());
    connection.protocol = protocol;
    connection.authenticationType = authenticationType;
    connection.address = address;
    connection.port = port;
    connection.middleTier = middleTier;
    return connection;
}

Evaluator::Evaluator(const RuleSet &rules)
{
    compile(rules);
}

void Evaluator::compile(const RuleSet &rules)
{
    m_source = rules;
    m_rules.clear();
    m_rules.reserve(rules.size());
    for (const Rule &rule : rules.rules()) {
        CompiledRule compiled;
        compiled.action = rule.action;
        compiled.enabled = rule.enabled;
        compiled.scope = rule.scope;
        for (Protocol p : rule.anyOfProtocols)
            compiled.protocols |= protocolBit(p);
        for (Protocol p : rule.exceptAnyOfProtocols)
            compiled.exceptProtocols |= protocolBit(p);
        for (AuthenticationType a : rule.anyOfAuthenticationTypes)
            compiled.authentication |= authenticationBit(a);
        for (AuthenticationType a : rule.exceptAnyOfAuthenticationTypes)
            compiled.exceptAuthentication |= authenticationBit(a);
        compiled.hasProtocols = !rule.anyOfProtocols.isEmpty();
        compiled.hasExceptProtocols = !rule.exceptAnyOfProtocols.isEmpty();
        compiled.hasAuthentication = !rule.anyOfAuthenticationTypes.isEmpty();
        compiled.hasExceptAuthentication = !rule.exceptAnyOfAuthenticationTypes.isEmpty();
        compiled.addresses = rule.anyOfClientIPAddressesOrRanges;
        compiled.exceptAddresses = rule.exceptAnyOfClientIPAddressesOrRanges;
        compiled.ports = rule.anyOfSourceTcpPortNumbers;
        compiled.exceptPorts = rule.exceptAnyOfSourceTcpPortNumbers;
        compiled.patterns = rule.usernameMatchesAnyOfPatterns;
        compiled.exceptPatterns = rule.exceptUsernameMatchesAnyOfPatterns;
        compiled.hasFilter = !rule.userRecipientFilter.trimmed().isEmpty();
        if (compiled.hasFilter) {
            // A filter that does not parse makes the condition false (domain §5); validation keeps
            // such rules out of a rule set, so this is a safety net only.
            compiled.filter = RecipientFilter::parse(rule.userRecipientFilter);
        }
        m_rules.append(std::move(compiled));
    }
    m_candidates.fill(0);
    for (int p = 0; p < ProtocolCount; ++p) {
        for (int a = 0; a < AuthenticationTypeCount; ++a) {
            for (int middleTier = 0; middleTier < 2; ++middleTier) {
                quint32 mask = 0;
                for (int i = 0; i < m_rules.size() && i < 32; ++i) {
                    const CompiledRule &rule = m_rules.at(i);
                    const ProtocolMask protocol = protocolBit(Protocol(p));
                    const AuthenticationMask authentication =
                        authenticationBit(AuthenticationType(a));
                    if (!rule.enabled || (rule.scope == Scope::Users && middleTier)
                        || (rule.hasProtocols && !(rule.protocols & protocol))
                        || (rule.hasAuthentication && !(rule.authentication & authentication))
                        || (rule.hasExceptProtocols && (rule.exceptProtocols & protocol))
                        || (rule.hasExceptAuthentication
                            && (rule.exceptAuthentication & authentication)))
                        continue;
                    mask |= 1u << i;
                }
                m_candidates[std::size_t((p * AuthenticationTypeCount + a) * 2 + middleTier)] =
                    mask;
            }
        }
    }
}

bool Evaluator::evaluateRule(const CompiledRule &rule, const Connection &c, RuleTrace *trace) const
{
    bool conditionsHold = true;
    bool exceptionApplies = false;
    const auto record = [&](ConditionKind kind, bool exception, bool held, qint16 index,
                            bool notHonoured = false) {
        if (exception)
            exceptionApplies = exceptionApplies || held;
        else
            conditionsHold = conditionsHold && held;
        if (trace)
            trace->conditions.append({kind, exception, held, index, notHonoured});
    };
    // Without a trace, stop at the first condition that fails.
    const auto done = [&] {
        return !trace && (!conditionsHold || exceptionApplies);
    };

    const ProtocolMask protocol = protocolBit(c.protocol);
    const AuthenticationMask authentication = authenticationBit(c.authenticationType);
    const bool patternsIgnored = c.protocol == Protocol::UniversalOutlook;

    if (rule.hasProtocols)
        record(ConditionKind::Protocols, false, rule.protocols & protocol, -1);
    if (done())
        return false;
    if (rule.hasAuthentication)
        record(ConditionKind::AuthenticationTypes, false, rule.authentication & authentication, -1);
    if (done())
        return false;
    if (!rule.addresses.isEmpty()) {
        const qint16 i =
            firstIndex(rule.addresses, [&](const IpRange &r) { return r.contains(c.address); });
        record(ConditionKind::ClientIPAddresses, false, i >= 0, i);
    }
    if (done())
        return false;
    if (!rule.ports.isEmpty()) {
        const qint16 i =
            firstIndex(rule.ports, [&](const PortRange &r) { return r.contains(c.port); });
        record(ConditionKind::SourceTcpPorts, false, i >= 0, i);
    }
    if (done())
        return false;
    if (!rule.patterns.isEmpty()) {
        if (patternsIgnored) {
            record(ConditionKind::UsernamePatterns, false, true, -1, true);
        } else {
            const qint16 i = firstIndex(
                rule.patterns, [&](const UsernamePattern &p) { return p.matches(c.username); });
            record(ConditionKind::UsernamePatterns, false, i >= 0, i);
        }
    }
    if (done())
        return false;
    if (rule.hasFilter)
        record(ConditionKind::UserRecipientFilter, false,
               rule.filter && rule.filter->matches(c.user), -1);
    if (done())
        return false;

    if (rule.hasExceptProtocols)
        record(ConditionKind::Protocols, true, rule.exceptProtocols & protocol, -1);
    if (done())
        return false;
    if (rule.hasExceptAuthentication)
        record(ConditionKind::AuthenticationTypes, true, rule.exceptAuthentication & authentication,
               -1);
    if (done())
        return false;
    if (!rule.exceptAddresses.isEmpty()) {
        const qint16 i = firstIndex(rule.exceptAddresses,
                                    [&](const IpRange &r) { return r.contains(c.address); });
        record(ConditionKind::ClientIPAddresses, true, i >= 0, i);
    }
    if (done())
        return false;
    if (!rule.exceptPorts.isEmpty()) {
        const qint16 i =
            firstIndex(rule.exceptPorts, [&](const PortRange &r) { return r.contains(c.port); });
        record(ConditionKind::SourceTcpPorts, true, i >= 0, i);
    }
    if (done())
        return false;
    if (!rule.exceptPatterns.isEmpty()) {
        if (patternsIgnored) {
            record(ConditionKind::UsernamePatterns, true, false, -1, true);
        } else {
            const qint16 i = firstIndex(rule.exceptPatterns, [&](const UsernamePattern &p) {
                return p.matches(c.username);
            });
            record(ConditionKind::UsernamePatterns, true, i >= 0, i);
        }
    }
    if (trace) {
        trace->outcome = !conditionsHold ? RuleOutcome::ConditionFailed
            : exceptionApplies           ? RuleOutcome::ExceptionApplied
                                         : RuleOutcome::Matched;
    }
    return conditionsHold && !exceptionApplies;
}

void Evaluator::evaluate(const Connection &connection, Evaluation &result) const
{
    result.clear();
    for (int i = 0; i < m_rules.size(); ++i) {
        const CompiledRule &rule = m_rules.at(i);
        result.trace.append(RuleTrace());
        RuleTrace &trace = result.trace.back();
        trace.ruleIndex = i;
        trace.enabled = rule.enabled;
        trace.afterDecision = result.decidingRule >= 0;
        if (rule.scope == Scope::Users && connection.middleTier) {
            trace.outcome = RuleOutcome::ScopeSkipped;
            continue;
        }
        if (!evaluateRule(rule, connection, &trace))
            continue;
        result.matching.append(i);
        if (rule.enabled && result.decidingRule < 0) {
            result.decidingRule = i;
            result.action = rule.action;
            trace.decided = true;
        }
    }
}

bool Evaluator::holdsBeyondMasks(const CompiledRule &rule, const Connection &c) const
{
    const auto inAddresses = [&c](const QList<IpRange> &ranges) {
        for (const IpRange &range : ranges) {
            if (range.contains(c.address))
                return true;
        }
        return false;
    };
    const auto inPorts = [&c](const QList<PortRange> &ranges) {
        for (const PortRange &range : ranges) {
            if (range.contains(c.port))
                return true;
        }
        return false;
    };
    const auto matchesPattern = [&c](const QList<UsernamePattern> &patterns) {
        for (const UsernamePattern &pattern : patterns) {
            if (pattern.matches(c.username))
                return true;
        }
        return false;
    };
    if (!rule.addresses.isEmpty() && !inAddresses(rule.addresses))
        return false;
    if (!rule.ports.isEmpty() && !inPorts(rule.ports))
        return false;
    if (!rule.exceptAddresses.isEmpty() && inAddresses(rule.exceptAddresses))
        return false;
    if (!rule.exceptPorts.isEmpty() && inPorts(rule.exceptPorts))
        return false;
    // Exchange ignores username patterns for UniversalOutlook (§3): the condition holds and
    // the exception never applies.
    if (c.protocol != Protocol::UniversalOutlook) {
        if (!rule.patterns.isEmpty() && !matchesPattern(rule.patterns))
            return false;
        if (!rule.exceptPatterns.isEmpty() && matchesPattern(rule.exceptPatterns))
            return false;
    }
    if (rule.hasFilter && !(rule.filter && rule.filter->matches(c.user)))
        return false;
    return true;
}

int Evaluator::decide(const Connection &connection) const
{
    // The same decision as evaluate() (the tests hold them equal), without a trace: rules whose
    // protocol, authentication, scope or enabled state rule the connection out are skipped by
    // the precomputed mask, and the rest check their remaining conditions cheapest first.
    if (m_rules.size() > 32) {
        for (int i = 0; i < m_rules.size(); ++i) {
            const CompiledRule &rule = m_rules.at(i);
            if (!rule.enabled || (rule.scope == Scope::Users && connection.middleTier))
                continue;
            if (evaluateRule(rule, connection, nullptr))
                return i;
        }
        return -1;
    }
    const std::size_t slot = std::size_t(
        (int(connection.protocol) * AuthenticationTypeCount + int(connection.authenticationType))
            * 2
        + (connection.middleTier ? 1 : 0));
    for (quint32 mask = m_candidates[slot]; mask != 0; mask &= mask - 1) {
        const int i = qCountTrailingZeroBits(mask);
        if (holdsBeyondMasks(m_rules.at(i), connection))
            return i;
    }
    return -1;
}

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
