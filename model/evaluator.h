#pragma once

#include "enums.h"
#include "ipaddress.h"
#include "portrange.h"
#include "recipientfilter.h"
#include "ruleset.h"
#include "usernamepattern.h"

#include <QList>
#include <QString>
#include <QVarLengthArray>

#include <array>
#include <optional>

namespace Car {

class Directory;
struct DirectoryUser;

/// One client connection to decide, already resolved: the evaluator parses nothing.
/// Build it with makeConnection() (which resolves the user and forms the username string).
struct Connection
{
    const DirectoryUser *user = nullptr; ///< nullptr: not in the directory (filters are false)
    QString userText; ///< what was asked for ("julia@contoso.com")
    QString username; ///< the string patterns match ("contoso.com\julia")
    Protocol protocol = Protocol::ExchangeActiveSync;
    AuthenticationType authenticationType = AuthenticationType::BasicAuthentication;
    IpAddress address;
    int port = 443;
    bool middleTier = false;
};

/// Resolves `userText` in `directory` and forms the username string for the rule set's
/// environment (domain §0). The remaining fields are copied as given.
Connection makeConnection(const RuleSet &rules, const Directory &directory, const QString &userText,
                          Protocol protocol, AuthenticationType authenticationType,
                          const IpAddress &address, int port = 443, bool middleTier = false);

/// The condition and exception kinds a rule can carry, in evaluation/display order.
enum class ConditionKind : quint8 {
    Protocols,
    AuthenticationTypes,
    ClientIPAddresses,
    SourceTcpPorts,
    UsernamePatterns,
    UserRecipientFilter,
};
inline constexpr int ConditionKindCount = 6;

/// The trace of one present condition or exception of one rule.
struct ConditionTrace
{
    ConditionKind kind = ConditionKind::Protocols;
    bool exception = false; ///< an Except... list (or an ExceptAnyOf...) rather than a condition
    bool held = false; ///< the condition is true of the connection (for an exception: it applies)
    qint16 valueIndex = -1; ///< the list entry that made it hold, or -1
    bool notHonoured = false; ///< held vacuously: Exchange ignores it for this protocol (§3)
};

/// Why a rule did or did not match.
enum class RuleOutcome : quint8 {
    Matched, ///< every condition held and no exception applied
    ConditionFailed, ///< a condition did not hold
    ExceptionApplied, ///< conditions held but an exception applied: evaluation went on
    ScopeSkipped, ///< Scope Users rule, middle-tier connection
};

struct RuleTrace
{
    int ruleIndex = -1;
    RuleOutcome outcome = RuleOutcome::ConditionFailed;
    bool enabled = true;
    bool decided = false; ///< this rule decided the connection
    bool afterDecision = false; ///< an earlier rule already decided; production never gets here
    QVarLengthArray<ConditionTrace, 2 * ConditionKindCount> conditions;
};

/// The result of one evaluation. Reuse one object across calls to avoid allocation.
struct Evaluation
{
    Action action = Action::AllowAccess;
    int decidingRule = -1; ///< index into the rule set, -1: no match (implicit allow)
    QVarLengthArray<int, RuleSet::MaxRules>
        matching; ///< every matching rule, as Test-ClientAccessRule
    QVarLengthArray<RuleTrace, RuleSet::MaxRules> trace; ///< one entry per rule in priority order

    void clear()
    {
        action = Action::AllowAccess;
        decidingRule = -1;
        matching.clear();
        trace.clear();
    }
};

/// What a connection's user contributes to each rule of a compiled rule set: the conditions and
/// exceptions that depend on the user alone (its recipient filter, domain §10, and its username
/// string, §0/§9), so that many connections of one user need not read the user again. Bit i
/// is about rule i (a rule set holds at most RuleSet::MaxRules rules).
struct UserFacts
{
    /// Bit i: rule i's recipient filter (if any) holds for the user, one of its username patterns
    /// (if any) matches the username string, and none of its exception patterns does.
    quint32 holds = 0;
    /// The same for UniversalOutlook connections, for which Exchange does not honour username
    /// patterns (§3): bit i: rule i's recipient filter (if any) holds.
    quint32 holdsWithoutPatterns = 0;

    friend bool operator==(const UserFacts &a, const UserFacts &b)
    {
        return a.holds == b.holds && a.holdsWithoutPatterns == b.holdsWithoutPatterns;
    }
    friend bool operator!=(const UserFacts &a, const UserFacts &b) { return !(a == b); }
};

/// The one evaluator: compiles a RuleSet once (per change) and decides connections.
/// Domain §0/§5: a rule matches when every present condition holds and no exception holds; the
/// first enabled matching rule decides; no match means AllowAccess. Scope Users rules are skipped
/// for middle-tier connections. Disabled rules that match are listed (as Test-ClientAccessRule
/// does) but never decide. Evaluating allocates nothing for rule sets of up to 20 rules.
class Evaluator
{
public:
    Evaluator() = default;
    explicit Evaluator(const RuleSet &rules);

    /// Recompiles after a change to the rule set.
    void compile(const RuleSet &rules);

    int ruleCount() const { return int(m_rules.size()); }
    const RuleSet &ruleSet() const { return m_source; }

    void evaluate(const Connection &connection, Evaluation &result) const;
    Evaluation evaluate(const Connection &connection) const
    {
        Evaluation result;
        evaluate(connection, result);
        return result;
    }

    /// Decision only, without the trace. Returns the deciding rule index or -1 (allowed).
    /// The same as decide(connection, userFacts(connection)).
    int decide(const Connection &connection) const;

    /// The user's part of every rule (see UserFacts): `user` as resolved in the directory (or
    /// nullptr), `userText` what was asked for; the username string is formed from them for the
    /// rule set's environment and NetBIOS domain, as makeConnection() forms it.
    UserFacts userFacts(const DirectoryUser *user, const QString &userText) const;
    /// The same with the username string already formed (usernameString() of the user, or of
    /// the text when the user is not in the directory).
    UserFacts userFactsFor(const DirectoryUser *user, QStringView username) const
    {
        return userFactsFor(user, username, ~quint32(0));
    }
    /// The same for the rules in `rules` (bit i: rule i) only; the other bits are 0.
    UserFacts userFactsFor(const DirectoryUser *user, QStringView username, quint32 rules) const;
    /// The same for the connection's user and username string.
    UserFacts userFacts(const Connection &connection) const
    {
        return userFactsFor(connection.user, connection.username);
    }
    /// The rules (bit i: rule i) that can decide a connection with this protocol, authentication
    /// and middle-tier flag: enabled, and not ruled out by their protocol, authentication and
    /// scope conditions and exceptions. decide() reads the user's facts of these rules only.
    quint32 candidates(Protocol protocol, AuthenticationType authentication, bool middleTier) const
    {
        return m_candidates[candidateSlot(protocol, authentication, middleTier)];
    }

    /// Decision only, from the connection's protocol, authentication, address, port and
    /// middle-tier flag and its user's `facts` (from userFacts() of this evaluator): reads
    /// neither connection.user nor connection.username (replay's hot path: the facts of a
    /// directory user are computed once per run). Returns the deciding rule index or -1.
    int decide(const Connection &connection, const UserFacts &facts) const;

    /// Text for one trace line, e.g. "203.0.113.9 is not in 192.168.10.0/24" or
    /// "protocol ExchangeAdminCenter is one of ExchangeAdminCenter".
    QString describe(const RuleTrace &rule, const ConditionTrace &condition,
                     const Connection &connection) const;
    /// Text for a rule's outcome: "matched: DenyAccess", "an exception applied", ...
    QString describeOutcome(const RuleTrace &rule) const;

private:
    struct CompiledRule
    {
        Action action = Action::DenyAccess;
        bool enabled = true;
        Scope scope = Scope::All;
        ProtocolMask protocols = 0, exceptProtocols = 0;
        AuthenticationMask authentication = 0, exceptAuthentication = 0;
        bool hasProtocols = false, hasExceptProtocols = false;
        bool hasAuthentication = false, hasExceptAuthentication = false;
        QList<IpRange> addresses, exceptAddresses;
        QList<PortRange> ports, exceptPorts;
        QList<UsernamePattern> patterns, exceptPatterns;
        std::optional<RecipientFilter> filter;
        bool hasFilter = false;
    };

    bool evaluateRule(const CompiledRule &rule, const Connection &connection,
                      RuleTrace *trace) const;
    /// decide()'s check of a candidate rule: the conditions and exceptions that neither the
    /// candidate masks nor the user's facts settle (addresses and ports).
    static bool holdsForAddressAndPort(const CompiledRule &rule, const Connection &connection);
    /// The slot of m_candidates for a connection.
    static std::size_t candidateSlot(Protocol protocol, AuthenticationType authentication,
                                     bool middleTier)
    {
        return std::size_t((int(protocol) * AuthenticationTypeCount + int(authentication)) * 2
                           + (middleTier ? 1 : 0));
    }

    RuleSet m_source;
    QList<CompiledRule> m_rules;
    /// For decide(): per protocol, authentication type and middle-tier flag, the enabled rules
    /// (bit i: rule i) whose protocol, authentication and scope conditions and exceptions let
    /// such a connection through. Only these rules need a closer look.
    std::array<quint32, ProtocolCount * AuthenticationTypeCount * 2> m_candidates {};
};

} // namespace Car
