#include "rule.h"

#include "recipientfilter.h"

#include <QCoreApplication>

#include <algorithm>
#include <type_traits>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::Rule", text);
}

template<typename T> void dedupe(QList<T> &list)
{
    QList<T> unique;
    unique.reserve(list.size());
    for (const T &value : std::as_const(list)) {
        if (!unique.contains(value))
            unique.append(value);
    }
    list.swap(unique);
}

template<typename T> QString joinNames(const QList<T> &values)
{
    QStringList names;
    for (const T &value : values)
        names << toString(value);
    return names.join(QLatin1String(", "));
}

RuleProblem error(RuleParameter parameter, const QString &value, const QString &message)
{
    return {RuleProblem::Severity::Error, parameter, value, message};
}

RuleProblem warning(RuleParameter parameter, const QString &value, const QString &message)
{
    return {RuleProblem::Severity::Warning, parameter, value, message};
}

const QString authenticationComboError = QStringLiteral(
    "Chosen authentication type and protocol combination is invalid. See "
    "'https://go.microsoft.com/fwlink/p/?linkid=869219' for supported combinations.");

void checkAuthentication(const Rule &rule, QList<RuleProblem> &problems)
{
    const bool hasAny = !rule.anyOfAuthenticationTypes.isEmpty();
    const bool hasExcept = !rule.exceptAnyOfAuthenticationTypes.isEmpty();
    if (!hasAny && !hasExcept)
        return;
    if (hasExcept && !hasAny) {
        problems << error(RuleParameter::ExceptAnyOfAuthenticationTypes,
                          joinNames(rule.exceptAnyOfAuthenticationTypes),
                          tr("ExceptAnyOfAuthenticationTypes needs AnyOfAuthenticationTypes. ")
                              + authenticationComboError);
    }
    if (rule.anyOfProtocols.isEmpty()) {
        const RuleParameter parameter = hasAny ? RuleParameter::AnyOfAuthenticationTypes
                                               : RuleParameter::ExceptAnyOfAuthenticationTypes;
        problems << error(
            parameter,
            joinNames(hasAny ? rule.anyOfAuthenticationTypes : rule.exceptAnyOfAuthenticationTypes),
            tr("authentication types need AnyOfProtocols to name the protocols they "
               "apply to. ")
                + authenticationComboError);
        return;
    }
    const auto checkList = [&](RuleParameter parameter, const QList<AuthenticationType> &types) {
        for (AuthenticationType type : types) {
            for (Protocol protocol : rule.anyOfProtocols) {
                if (protocolSupportsAuthentication(protocol, type))
                    continue;
                const QString why = supportedAuthentication(protocol) == 0
                    ? tr("%1 cannot be filtered by authentication type. ").arg(toString(protocol))
                    : tr("%1 does not support %2. ").arg(toString(protocol), toString(type));
                problems << error(parameter, toString(type), why + authenticationComboError);
            }
        }
    };
    checkList(RuleParameter::AnyOfAuthenticationTypes, rule.anyOfAuthenticationTypes);
    checkList(RuleParameter::ExceptAnyOfAuthenticationTypes, rule.exceptAnyOfAuthenticationTypes);
}

void checkEnvironment(const Rule &rule, Environment environment, QList<RuleProblem> &problems)
{
    const auto checkList = [&](RuleParameter parameter, const QList<Protocol> &protocols) {
        for (Protocol protocol : protocols) {
            if (!isProtocolAvailable(protocol, environment)) {
                problems << error(parameter, toString(protocol),
                                  tr("%1 is not available in Exchange Server 2019/SE, which offers "
                                     "only ExchangeAdminCenter and RemotePowerShell.")
                                      .arg(toString(protocol)));
            }
        }
    };
    checkList(RuleParameter::AnyOfProtocols, rule.anyOfProtocols);
    checkList(RuleParameter::ExceptAnyOfProtocols, rule.exceptAnyOfProtocols);
}

void checkPatterns(const Rule &rule, QList<RuleProblem> &problems)
{
    const auto checkList = [&](RuleParameter parameter, const QList<UsernamePattern> &patterns) {
        for (const UsernamePattern &pattern : patterns) {
            const QString text = pattern.warning();
            if (!text.isEmpty())
                problems << warning(parameter, pattern.text(), text);
        }
    };
    checkList(RuleParameter::UsernameMatchesAnyOfPatterns, rule.usernameMatchesAnyOfPatterns);
    checkList(RuleParameter::ExceptUsernameMatchesAnyOfPatterns,
              rule.exceptUsernameMatchesAnyOfPatterns);
    if (!rule.usernameMatchesAnyOfPatterns.isEmpty()
        && rule.anyOfProtocols.contains(Protocol::UniversalOutlook)) {
        problems << warning(RuleParameter::UsernameMatchesAnyOfPatterns, QString(),
                            tr("Exchange does not honour username patterns for UniversalOutlook "
                               "connections."));
    }
}

} // namespace

QString parameterName(RuleParameter parameter)
{
    static const char *const names[RuleParameterCount] = {
        "Name",
        "Action",
        "Enabled",
        "Scope",
        "Priority",
        "AnyOfProtocols",
        "ExceptAnyOfProtocols",
        "AnyOfAuthenticationTypes",
        "ExceptAnyOfAuthenticationTypes",
        "AnyOfClientIPAddressesOrRanges",
        "ExceptAnyOfClientIPAddressesOrRanges",
        "AnyOfSourceTcpPortNumbers",
        "ExceptAnyOfSourceTcpPortNumbers",
        "UsernameMatchesAnyOfPatterns",
        "ExceptUsernameMatchesAnyOfPatterns",
        "UserRecipientFilter",
    };
    return QLatin1String(names[int(parameter)]);
}

QString RuleProblem::toString() const
{
    QString text = QLatin1Char('-') + parameterName(parameter);
    if (!value.isEmpty())
        text += QLatin1String(" '") + value + QLatin1Char('\'');
    return text + QLatin1String(": ") + message;
}

bool Rule::hasNoConditions() const
{
    return anyOfProtocols.isEmpty() && anyOfAuthenticationTypes.isEmpty()
        && anyOfClientIPAddressesOrRanges.isEmpty() && anyOfSourceTcpPortNumbers.isEmpty()
        && usernameMatchesAnyOfPatterns.isEmpty() && userRecipientFilter.trimmed().isEmpty();
}

bool Rule::hasExceptions() const
{
    return !exceptAnyOfProtocols.isEmpty() || !exceptAnyOfAuthenticationTypes.isEmpty()
        || !exceptAnyOfClientIPAddressesOrRanges.isEmpty()
        || !exceptAnyOfSourceTcpPortNumbers.isEmpty()
        || !exceptUsernameMatchesAnyOfPatterns.isEmpty();
}

void Rule::removeDuplicates()
{
    dedupe(anyOfProtocols);
    dedupe(exceptAnyOfProtocols);
    dedupe(anyOfAuthenticationTypes);
    dedupe(exceptAnyOfAuthenticationTypes);
    dedupe(anyOfClientIPAddressesOrRanges);
    dedupe(exceptAnyOfClientIPAddressesOrRanges);
    dedupe(anyOfSourceTcpPortNumbers);
    dedupe(exceptAnyOfSourceTcpPortNumbers);
    dedupe(usernameMatchesAnyOfPatterns);
    dedupe(exceptUsernameMatchesAnyOfPatterns);
}

QList<RuleProblem> Rule::validate(Environment environment) const
{
    QList<RuleProblem> problems;
    const QString trimmedName = name.trimmed();
    if (trimmedName.isEmpty()) {
        problems << error(RuleParameter::Name, name, tr("a rule needs a name."));
    } else if (name.size() > MaxNameLength) {
        problems << error(RuleParameter::Name, name,
                          tr("the name is %1 characters long; at most %2 are allowed.")
                              .arg(name.size())
                              .arg(MaxNameLength));
    } else if (trimmedName != name) {
        problems << error(RuleParameter::Name, name,
                          tr("the name must not begin or end with blanks."));
    }
    checkEnvironment(*this, environment, problems);
    checkAuthentication(*this, problems);
    checkPatterns(*this, problems);
    if (!userRecipientFilter.trimmed().isEmpty()) {
        FilterError filterError;
        const auto filter = RecipientFilter::parse(userRecipientFilter, &filterError);
        if (!filter) {
            problems << error(RuleParameter::UserRecipientFilter, userRecipientFilter,
                              tr("column %1: %2").arg(filterError.column).arg(filterError.message));
        } else {
            for (const QString &text : filter->warnings())
                problems << warning(RuleParameter::UserRecipientFilter, userRecipientFilter, text);
        }
    }
    return problems;
}

namespace {

// Qt 6.4's QList<enum>::operator== memcmp()s two empty lists when one of them still has storage
// (after clear(), say), passing a null pointer: undefined behaviour that UBSan stops on.
template<typename T> bool sameList(const QList<T> &a, const QList<T> &b)
{
    return a.size() == b.size() && (a.isEmpty() || a == b);
}

} // namespace

bool operator==(const Rule &a, const Rule &b)
{
    return a.name == b.name && a.action == b.action && a.enabled == b.enabled && a.scope == b.scope
        && sameList(a.anyOfProtocols, b.anyOfProtocols)
        && sameList(a.exceptAnyOfProtocols, b.exceptAnyOfProtocols)
        && sameList(a.anyOfAuthenticationTypes, b.anyOfAuthenticationTypes)
        && sameList(a.exceptAnyOfAuthenticationTypes, b.exceptAnyOfAuthenticationTypes)
        && a.anyOfClientIPAddressesOrRanges == b.anyOfClientIPAddressesOrRanges
        && a.exceptAnyOfClientIPAddressesOrRanges == b.exceptAnyOfClientIPAddressesOrRanges
        && a.anyOfSourceTcpPortNumbers == b.anyOfSourceTcpPortNumbers
        && a.exceptAnyOfSourceTcpPortNumbers == b.exceptAnyOfSourceTcpPortNumbers
        && std::equal(
               a.usernameMatchesAnyOfPatterns.cbegin(), a.usernameMatchesAnyOfPatterns.cend(),
               b.usernameMatchesAnyOfPatterns.cbegin(), b.usernameMatchesAnyOfPatterns.cend(),
               [](const UsernamePattern &x, const UsernamePattern &y) {
                   return x.text() == y.text();
               })
        && std::equal(a.exceptUsernameMatchesAnyOfPatterns.cbegin(),
                      a.exceptUsernameMatchesAnyOfPatterns.cend(),
                      b.exceptUsernameMatchesAnyOfPatterns.cbegin(),
                      b.exceptUsernameMatchesAnyOfPatterns.cend(),
                      [](const UsernamePattern &x, const UsernamePattern &y) {
                          return x.text() == y.text();
                      })
        && a.userRecipientFilter == b.userRecipientFilter;
}

namespace {

template<typename T> QStringList valueTexts(const QList<T> &values)
{
    QStringList result;
    result.reserve(values.size());
    for (const T &value : values) {
        if constexpr (std::is_enum_v<T>)
            result << toString(value);
        else if constexpr (std::is_same_v<T, UsernamePattern>)
            result << value.text();
        else
            result << value.toString();
    }
    return result;
}

} // namespace

QList<RuleListTexts> ruleListTexts(const Rule &rule)
{
    using P = RuleParameter;
    return {
        {P::AnyOfProtocols, valueTexts(rule.anyOfProtocols)},
        {P::ExceptAnyOfProtocols, valueTexts(rule.exceptAnyOfProtocols)},
        {P::AnyOfAuthenticationTypes, valueTexts(rule.anyOfAuthenticationTypes)},
        {P::ExceptAnyOfAuthenticationTypes, valueTexts(rule.exceptAnyOfAuthenticationTypes)},
        {P::AnyOfClientIPAddressesOrRanges, valueTexts(rule.anyOfClientIPAddressesOrRanges)},
        {P::ExceptAnyOfClientIPAddressesOrRanges,
         valueTexts(rule.exceptAnyOfClientIPAddressesOrRanges)},
        {P::AnyOfSourceTcpPortNumbers, valueTexts(rule.anyOfSourceTcpPortNumbers)},
        {P::ExceptAnyOfSourceTcpPortNumbers, valueTexts(rule.exceptAnyOfSourceTcpPortNumbers)},
        {P::UsernameMatchesAnyOfPatterns, valueTexts(rule.usernameMatchesAnyOfPatterns)},
        {P::ExceptUsernameMatchesAnyOfPatterns,
         valueTexts(rule.exceptUsernameMatchesAnyOfPatterns)},
    };
}

bool hasErrors(const QList<RuleProblem> &problems)
{
    return std::any_of(problems.cbegin(), problems.cend(),
                       [](const RuleProblem &p) { return p.isError(); });
}

} // namespace Car
