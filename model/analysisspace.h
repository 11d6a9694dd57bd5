#pragma once

#include "directory.h"
#include "enums.h"
#include "ipaddress.h"
#include "recipientfilter.h"
#include "ruleset.h"
#include "witness.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <atomic>
#include <optional>

namespace Car {

/// The condition space of a rule set split into finitely many classes, per dimension: within a
/// class every connection meets exactly the same conditions and exceptions of every rule.
///
/// - protocol x authentication type (finite), middle-tier (2);
/// - client address: the elementary intervals, per family, that the rules' entries induce;
/// - source port: the elementary intervals of 1..65535 the rules' entries induce;
/// - user: every combination of username patterns one username string can match (found exactly
///   with AnalysisGlob) times "not in the directory" or every combination of recipient filter
///   outcomes that attribute values can give (also found exactly, from the filters' compared
///   values); directory users are added first so that examples are real users where possible.
///
/// enumerate() then walks the product of the classes and reports each distinct set of rules that
/// match (conditions met, no exception) with one representative connection. The result is exact
/// unless a pattern or filter walk hit its limit: isExact() says so and inexactReason() why.
class AnalysisSpace
{
public:
    /// Indexes of one class per dimension.
    struct Point
    {
        int protocolAuthentication = 0;
        bool middleTier = false;
        int address = 0;
        int port = 0;
        int user = 0;
    };
    /// One distinct match set: bit r set when enabled rule r matches. `quality` is lower for a
    /// nicer example (a directory user, a testable protocol, a supported authentication type).
    struct Cell
    {
        quint32 mask = 0;
        Point point;
        int quality = 0;
    };
    /// Limits an enumeration to some protocols and/or one address family (4 or 6; 0: both).
    struct Restriction
    {
        ProtocolMask protocols = ProtocolMask((1u << ProtocolCount) - 1);
        int family = 0;
    };

    /// Builds the classes. `cancel` (may be null) is polled by the constructor and enumerate().
    AnalysisSpace(const RuleSet &rules, const Directory &directory,
                  const std::atomic_bool *cancel = nullptr);

    bool isExact() const { return m_exact; }
    QString inexactReason() const { return m_inexactReason; }
    bool isCancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }

    /// Rules that take part (enabled), as a bit mask over rule indexes.
    quint32 enabledMask() const { return m_enabled; }
    int ruleCount() const { return m_ruleCount; }

    /// Every distinct match set reachable under `restriction`, each with its best example.
    /// Returns false (and a partial list) when cancelled.
    bool enumerate(const Restriction &restriction, QList<Cell> &cells) const;

    /// The representative connection of a point, as a witness.
    Witness witness(const Point &point) const;
    /// The protocol of a point (for restrictions and messages).
    Protocol protocolOf(const Point &point) const;

    /// Sizes of the dimensions, for diagnostics and benchmarks (user classes built so far).
    QString statistics() const;

    /// The most rules the space handles (bits of a mask).
    static constexpr int MaxRules = 32;

private:
    struct ProtocolAuthClass
    {
        Protocol protocol;
        AuthenticationType authentication;
        quint32 cond = 0, exc = 0;
        bool patternsIgnored = false;
        int quality = 0;
    };
    struct AddressClass
    {
        IpAddress address;
        quint32 cond = 0, exc = 0;
        int quality = 0; ///< 0: a documentation address (203.0.113.10, 2001:db8::10)
    };
    struct PortClass
    {
        int port = 443;
        quint32 cond = 0, exc = 0;
    };
    struct UserClass
    {
        Witness::UserKind kind = Witness::UserKind::NotInDirectory;
        QString user;
        QString username;
        QList<QPair<Attribute, QString>> attributes;
        quint32 cond = 0, exc = 0; ///< patterns honoured
        quint32 condIgnored = 0, excIgnored = 0; ///< patterns not honoured (UniversalOutlook)
        int quality = 0;
    };

    void buildProtocolAuth(const RuleSet &rules);
    void buildAddresses(const RuleSet &rules);
    void buildPorts(const RuleSet &rules);
    /// Per rule: the user conditions (patterns, filter), prepared once.
    struct RuleUser
    {
        QList<UsernamePattern> patterns, exceptPatterns;
        bool hasFilter = false;
        std::optional<RecipientFilter> filter; ///< empty when it does not parse: never holds
    };
    /// Masks of one user over every rule (patterns honoured / ignored).
    struct UserMasks
    {
        quint32 cond = 0, exc = 0, condIgnored = 0;
    };

    void prepareUsers(const RuleSet &rules, const Directory &directory);
    UserMasks masksOf(const QString &username, const DirectoryUser *user) const;
    /// The user classes that tell apart the rules of `live` (the only rules that can still match
    /// at some combination of the other dimensions), built on first use and cached.
    const QList<int> &usersFor(quint32 live, bool patternsIgnored) const;
    void markInexact(const QString &reason) const;

    const std::atomic_bool *m_cancel = nullptr;
    int m_ruleCount = 0;
    Environment m_environment = Environment::ExchangeOnline;
    QString m_netbiosDomain;
    const Directory *m_directory = nullptr;
    quint32 m_enabled = 0;
    quint32 m_usersScope = 0; ///< Scope Users rules (skipped for middle-tier connections)
    quint32 m_patternRules = 0; ///< rules with username patterns (conditions or exceptions)
    quint32 m_filterRules = 0; ///< rules with a recipient filter
    QList<RuleUser> m_ruleUsers;
    /// Directory users with distinct masks (the first of each), as examples.
    QList<QPair<int, UserMasks>> m_directoryUsers;
    QList<ProtocolAuthClass> m_protocolAuth;
    QList<AddressClass> m_addresses;
    QList<PortClass> m_ports;
    // Built lazily by usersFor() during enumerate() (which is const); not thread-safe: one
    // AnalysisSpace per thread.
    mutable bool m_exact = true;
    mutable QString m_inexactReason;
    mutable QList<UserClass> m_users;
    mutable QHash<quint64, QList<int>> m_userCache;
};

} // namespace Car
