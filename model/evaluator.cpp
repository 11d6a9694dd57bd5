#include "evaluator.h"

#include "directory.h"

#include <QCoreApplication>
#include <QtAlgorithms>

#include <algorithm>

namespace Car {

// UserFacts holds a bit per rule.
static_assert(RuleSet::MaxRules <= 32);

namespace {

template<typename List, typename Pred> qint16 firstIndex(const List &list, Pred pred)
{
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (pred(list.at(i)))
            return qint16(i);
    }
    return -1;
}

// The one test of username patterns (domain §9) and of a recipient filter (§10), shared by the
// trace and by the user's facts: the first pattern that matches, or -1.
qint16 firstMatch(const QList<UsernamePattern> &patterns, QStringView username)
{
    return firstIndex(patterns, [&](const UsernamePattern &p) { return p.matches(username); });
}

// A filter that did not parse never holds; nor does any for a user not in the directory.
bool filterHolds(const std::optional<RecipientFilter> &filter, const DirectoryUser *user)
{
    return filter && filter->matches(user);
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
                m_candidates[candidateSlot(Protocol(p), AuthenticationType(a), middleTier != 0)] =
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
            const qint16 i = firstMatch(rule.patterns, c.username);
            record(ConditionKind::UsernamePatterns, false, i >= 0, i);
        }
    }
    if (done())
        return false;
    if (rule.hasFilter)
        record(ConditionKind::UserRecipientFilter, false, filterHolds(rule.filter, c.user), -1);
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
            const qint16 i = firstMatch(rule.exceptPatterns, c.username);
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

bool Evaluator::holdsForAddressAndPort(const CompiledRule &rule, const Connection &c)
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
    if (!rule.addresses.isEmpty() && !inAddresses(rule.addresses))
        return false;
    if (!rule.ports.isEmpty() && !inPorts(rule.ports))
        return false;
    if (!rule.exceptAddresses.isEmpty() && inAddresses(rule.exceptAddresses))
        return false;
    if (!rule.exceptPorts.isEmpty() && inPorts(rule.exceptPorts))
        return false;
    return true;
}

UserFacts Evaluator::userFactsFor(const DirectoryUser *user, QStringView username,
                                  quint32 rules) const
{
    UserFacts facts;
    if (m_rules.size() < 32)
        rules &= (1u << m_rules.size()) - 1;
    for (; rules != 0; rules &= rules - 1) {
        const int i = qCountTrailingZeroBits(rules);
        const CompiledRule &rule = m_rules.at(i);
        if (rule.hasFilter && !filterHolds(rule.filter, user))
            continue;
        facts.holdsWithoutPatterns |= 1u << i;
        if (!rule.patterns.isEmpty() && firstMatch(rule.patterns, username) < 0)
            continue;
        if (!rule.exceptPatterns.isEmpty() && firstMatch(rule.exceptPatterns, username) >= 0)
            continue;
        facts.holds |= 1u << i;
    }
    return facts;
}

UserFacts Evaluator::userFacts(const DirectoryUser *user, const QString &userText) const
{
    return userFactsFor(
        user, usernameString(user, userText, m_source.environment(), m_source.netbiosDomain()));
}

int Evaluator::decide(const Connection &connection, const UserFacts &facts) const
{
    // The same decision as evaluate() (the tests hold them equal), without a trace: the
    // precomputed mask leaves out the rules whose protocol, authentication, scope or enabled
    // state rule the connection out, the user's facts those whose filter or username patterns
    // do, and the rest check the connection's address and port.
    // Exchange ignores username patterns for UniversalOutlook (§3): the condition holds and
    // the exception never applies.
    const quint32 userHolds = connection.protocol == Protocol::UniversalOutlook
        ? facts.holdsWithoutPatterns
        : facts.holds;
    for (quint32 mask =
             candidates(connection.protocol, connection.authenticationType, connection.middleTier)
             & userHolds;
         mask != 0; mask &= mask - 1) {
        const int i = qCountTrailingZeroBits(mask);
        if (holdsForAddressAndPort(m_rules.at(i), connection))
            return i;
    }
    return -1;
}

int Evaluator::decide(const Connection &connection) const
{
    // The facts of the candidate rules only: the others cannot decide.
    return decide(connection,
                  userFactsFor(connection.user, connection.username,
                               candidates(connection.protocol, connection.authenticationType,
                                          connection.middleTier)));
}

} // namespace Car
