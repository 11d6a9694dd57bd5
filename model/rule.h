#pragma once

#include "enums.h"
#include "ipaddress.h"
#include "portrange.h"
#include "usernamepattern.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

namespace Car {

/// The customer parameters of New-/Set-ClientAccessRule (domain §3), in the order Exchange's
/// reference lists them. Used by validation messages, the cmdlet binder and the editors.
enum class RuleParameter : quint8 {
    Name,
    Action,
    Enabled,
    Scope,
    Priority,
    AnyOfProtocols,
    ExceptAnyOfProtocols,
    AnyOfAuthenticationTypes,
    ExceptAnyOfAuthenticationTypes,
    AnyOfClientIPAddressesOrRanges,
    ExceptAnyOfClientIPAddressesOrRanges,
    AnyOfSourceTcpPortNumbers,
    ExceptAnyOfSourceTcpPortNumbers,
    UsernameMatchesAnyOfPatterns,
    ExceptUsernameMatchesAnyOfPatterns,
    UserRecipientFilter,
};
inline constexpr int RuleParameterCount = 16;

/// "AnyOfProtocols" etc. (the cmdlet parameter name without the dash).
QString parameterName(RuleParameter parameter);

/// A validation finding: which parameter, which value, and why.
struct RuleProblem
{
    enum class Severity : quint8 { Error, Warning };

    Severity severity = Severity::Error;
    RuleParameter parameter = RuleParameter::Name;
    QString value; ///< the offending value as text (may be empty)
    QString message; ///< the reason, a full sentence without the parameter name

    bool isError() const { return severity == Severity::Error; }
    /// "-AnyOfAuthenticationTypes 'NonBasicAuthentication': OutlookWebApp does not support ..."
    QString toString() const;
};

/// One Client Access Rule. Priority is not a field: it is the rule's position in its RuleSet.
struct Rule
{
    static constexpr int MaxNameLength = 64;

    QUuid id; ///< stable identity inside the workspace (drag payloads, storage); not exported
    QString name;
    Action action = Action::DenyAccess;
    bool enabled = true;
    Scope scope = Scope::All;

    QList<Protocol> anyOfProtocols;
    QList<Protocol> exceptAnyOfProtocols;
    QList<AuthenticationType> anyOfAuthenticationTypes;
    QList<AuthenticationType> exceptAnyOfAuthenticationTypes;
    QList<IpRange> anyOfClientIPAddressesOrRanges;
    QList<IpRange> exceptAnyOfClientIPAddressesOrRanges;
    QList<PortRange> anyOfSourceTcpPortNumbers;
    QList<PortRange> exceptAnyOfSourceTcpPortNumbers;
    QList<UsernamePattern> usernameMatchesAnyOfPatterns;
    QList<UsernamePattern> exceptUsernameMatchesAnyOfPatterns;
    QString userRecipientFilter; ///< empty: no filter

    /// True when no condition is present: the rule matches every connection.
    bool hasNoConditions() const;
    bool hasExceptions() const;

    /// Drops repeated values from every list, keeping the first (domain §0).
    void removeDuplicates();

    /// Validates the rule on its own (domain §0, §3, §11) for `environment`: name, the
    /// protocol/authentication matrix, the recipient filter's syntax, protocols offered by the
    /// environment. Errors reject the rule; warnings (e.g. a pattern that can never match) do not.
    QList<RuleProblem> validate(Environment environment) const;

    /// Content equality (ignores `id`).
    friend bool operator==(const Rule &a, const Rule &b);
    friend bool operator!=(const Rule &a, const Rule &b) { return !(a == b); }
};

/// True if any problem in the list is an error.
bool hasErrors(const QList<RuleProblem> &problems);

/// One list parameter of a rule with the canonical text of each value, as cmdlets, exports and
/// diffs write it (enum names, normalised IP entries and ports, patterns as entered).
struct RuleListTexts
{
    RuleParameter parameter;
    QStringList values;
};

/// The ten list parameters of `rule`, in the reference's order (AnyOfProtocols first,
/// ExceptUsernameMatchesAnyOfPatterns last), including the empty ones.
QList<RuleListTexts> ruleListTexts(const Rule &rule);

} // namespace Car
