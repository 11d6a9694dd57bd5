#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace Car {

/// Protocols of ClientAccessProtocol, in Exchange's ordinal order (domain §4).
enum class Protocol : quint8 {
    ExchangeWebServices,
    RemotePowerShell,
    OutlookAnywhere,
    POP3,
    IMAP4,
    OutlookWebApp,
    ExchangeAdminCenter,
    ExchangeActiveSync,
    OfflineAddressBook,
    PowerShellWebServices,
    REST,
    UniversalOutlook,
};
inline constexpr int ProtocolCount = 12;

/// ClientAccessAuthenticationMethod, in Exchange's ordinal order.
enum class AuthenticationType : quint8 {
    BasicAuthentication,
    NonBasicAuthentication,
    AdfsAuthentication,
    CertificateBasedAuthentication,
    OAuthAuthentication,
};
inline constexpr int AuthenticationTypeCount = 5;

enum class Action : quint8 { AllowAccess, DenyAccess };
inline constexpr int ActionCount = 2;

enum class Scope : quint8 { All, Users };
inline constexpr int ScopeCount = 2;

/// Which Exchange a rule set targets (domain §0): decides protocols offered and the username
/// string.
enum class Environment : quint8 { ExchangeOnline, ExchangeServer };
inline constexpr int EnvironmentCount = 2;

/// The filterable user attributes of UserRecipientFilter (domain §10), in display order.
enum class Attribute : quint8 {
    City,
    Company,
    CountryOrRegion,
    CustomAttribute1,
    CustomAttribute2,
    CustomAttribute3,
    CustomAttribute4,
    CustomAttribute5,
    CustomAttribute6,
    CustomAttribute7,
    CustomAttribute8,
    CustomAttribute9,
    CustomAttribute10,
    CustomAttribute11,
    CustomAttribute12,
    CustomAttribute13,
    CustomAttribute14,
    CustomAttribute15,
    Department,
    Office,
    PostalCode,
    StateOrProvince,
    StreetAddress,
};
inline constexpr int AttributeCount = 23;

/// Bit sets over the small enums, for evaluation without allocation.
using ProtocolMask = quint16;
using AuthenticationMask = quint8;
constexpr ProtocolMask protocolBit(Protocol p)
{
    return ProtocolMask(1u << unsigned(p));
}
constexpr AuthenticationMask authenticationBit(AuthenticationType a)
{
    return AuthenticationMask(1u << unsigned(a));
}

QString toString(Protocol value);
QString toString(AuthenticationType value);
QString toString(Action value);
QString toString(Scope value);
QString toString(Environment value);
QString toString(Attribute value);

/// A short human name for the UI ("Outlook on the web", "Basic").
QString displayName(Protocol value);
QString displayName(AuthenticationType value);
QString displayName(Action value);

/// Result of binding enum text the way PowerShell does: exact name, then case-insensitive name,
/// then a unique case-insensitive prefix, then a numeric ordinal. `error` says why it failed
/// ("'Ex' is ambiguous: ExchangeWebServices, ExchangeAdminCenter, ...").
template<typename E> struct EnumBinding
{
    std::optional<E> value;
    QString error;
    explicit operator bool() const { return value.has_value(); }
};

EnumBinding<Protocol> bindProtocol(QStringView text);
EnumBinding<AuthenticationType> bindAuthenticationType(QStringView text);
EnumBinding<Action> bindAction(QStringView text);
EnumBinding<Scope> bindScope(QStringView text);
EnumBinding<Environment> bindEnvironment(QStringView text);

/// Attribute names bind exactly (ignoring case), as the OPATH parser requires; no prefixes.
std::optional<Attribute> attributeFromName(QStringView text);

QList<Protocol> allProtocols();
QList<AuthenticationType> allAuthenticationTypes();
QList<Attribute> allAttributes();

/// The protocols a rule may name in this environment (ExchangeServer: EAC and RemotePowerShell).
bool isProtocolAvailable(Protocol protocol, Environment environment);

/// Domain §11: whether connections over `protocol` can be filtered by `type`.
bool protocolSupportsAuthentication(Protocol protocol, AuthenticationType type);
/// The authentication types `protocol` supports, as a mask (0: no auth-type filtering at all).
AuthenticationMask supportedAuthentication(Protocol protocol);

/// Whether Test-ClientAccessRule accepts the protocol (all but UniversalOutlook).
bool isTestableProtocol(Protocol protocol);

} // namespace Car
