#include "enums.h"

#include <QCoreApplication>

#include <array>

namespace Car {

namespace {

constexpr std::array<const char16_t *, ProtocolCount> protocolNames = {
    u"ExchangeWebServices",
    u"RemotePowerShell",
    u"OutlookAnywhere",
    u"POP3",
    u"IMAP4",
    u"OutlookWebApp",
    u"ExchangeAdminCenter",
    u"ExchangeActiveSync",
    u"OfflineAddressBook",
    u"PowerShellWebServices",
    u"REST",
    u"UniversalOutlook",
};

constexpr std::array<const char16_t *, AuthenticationTypeCount> authenticationNames = {
    u"BasicAuthentication", u"NonBasicAuthentication",
    u"AdfsAuthentication",  u"CertificateBasedAuthentication",
    u"OAuthAuthentication",
};

constexpr std::array<const char16_t *, ActionCount> actionNames = {u"AllowAccess", u"DenyAccess"};
constexpr std::array<const char16_t *, ScopeCount> scopeNames = {u"All", u"Users"};
constexpr std::array<const char16_t *, EnvironmentCount> environmentNames = {u"ExchangeOnline",
                                                                             u"ExchangeServer"};

constexpr std::array<const char16_t *, AttributeCount> attributeNames = {
    u"City",
    u"Company",
    u"CountryOrRegion",
    u"CustomAttribute1",
    u"CustomAttribute2",
    u"CustomAttribute3",
    u"CustomAttribute4",
    u"CustomAttribute5",
    u"CustomAttribute6",
    u"CustomAttribute7",
    u"CustomAttribute8",
    u"CustomAttribute9",
    u"CustomAttribute10",
    u"CustomAttribute11",
    u"CustomAttribute12",
    u"CustomAttribute13",
    u"CustomAttribute14",
    u"CustomAttribute15",
    u"Department",
    u"Office",
    u"PostalCode",
    u"StateOrProvince",
    u"StreetAddress",
};

template<std::size_t N> QString nameAt(const std::array<const char16_t *, N> &names, int index)
{
    if (index < 0 || index >= int(N))
        return QString();
    return QString::fromUtf16(names[std::size_t(index)]);
}

// PowerShell's enum conversion: exact, case-insensitive, unique prefix, ordinal.
template<typename E, std::size_t N>
EnumBinding<E> bindEnum(QStringView text, const std::array<const char16_t *, N> &names,
                        const char *typeName)
{
    EnumBinding<E> result;
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        result.error = QCoreApplication::translate("Car::Enums", "an empty value is not a valid %1")
                           .arg(QLatin1String(typeName));
        return result;
    }
    for (std::size_t i = 0; i < N; ++i) {
        if (trimmed.compare(QStringView(names[i]), Qt::CaseInsensitive) == 0) {
            result.value = E(i);
            return result;
        }
    }
    bool isNumber = false;
    const int ordinal = trimmed.toInt(&isNumber);
    if (isNumber) {
        if (ordinal >= 0 && ordinal < int(N))
            result.value = E(ordinal);
        else
            result.error =
                QCoreApplication::translate("Car::Enums", "%1 is not a valid %2 ordinal (0-%3)")
                    .arg(ordinal)
                    .arg(QLatin1String(typeName))
                    .arg(int(N) - 1);
        return result;
    }
    QStringList candidates;
    std::size_t found = 0;
    for (std::size_t i = 0; i < N; ++i) {
        if (QStringView(names[i]).startsWith(trimmed, Qt::CaseInsensitive)) {
            candidates << QString::fromUtf16(names[i]);
            found = i;
        }
    }
    if (candidates.size() == 1) {
        result.value = E(found);
        return result;
    }
    QStringList all;
    for (const char16_t *name : names)
        all << QString::fromUtf16(name);
    if (candidates.isEmpty()) {
        result.error =
            QCoreApplication::translate("Car::Enums", "'%1' is not a valid %2; expected one of: %3")
                .arg(trimmed.toString(), QLatin1String(typeName), all.join(QLatin1String(", ")));
    } else {
        result.error =
            QCoreApplication::translate("Car::Enums", "'%1' is ambiguous for %2; it could be: %3")
                .arg(trimmed.toString(), QLatin1String(typeName),
                     candidates.join(QLatin1String(", ")));
    }
    return result;
}

template<typename E, int N> QList<E> allOf()
{
    QList<E> list;
    list.reserve(N);
    for (int i = 0; i < N; ++i)
        list << E(i);
    return list;
}

} // namespace

QString toString(Protocol value)
{
    return nameAt(protocolNames, int(value));
}
QString toString(AuthenticationType value)
{
    return nameAt(authenticationNames, int(value));
}
QString toString(Action value)
{
    return nameAt(actionNames, int(value));
}
QString toString(Scope value)
{
    return nameAt(scopeNames, int(value));
}
QString toString(Environment value)
{
    return nameAt(environmentNames, int(value));
}
QString toString(Attribute value)
{
    return nameAt(attributeNames, int(value));
}

QString displayName(Protocol value)
{
    switch (value) {
    case Protocol::ExchangeWebServices:
        return QCoreApplication::translate("Car::Enums", "Exchange Web Services");
    case Protocol::RemotePowerShell:
        return QCoreApplication::translate("Car::Enums", "Remote PowerShell");
    case Protocol::OutlookAnywhere:
        return QCoreApplication::translate("Car::Enums", "Outlook Anywhere (incl. MAPI/HTTP)");
    case Protocol::POP3:
        return QCoreApplication::translate("Car::Enums", "POP3");
    case Protocol::IMAP4:
        return QCoreApplication::translate("Car::Enums", "IMAP4");
    case Protocol::OutlookWebApp:
        return QCoreApplication::translate("Car::Enums", "Outlook on the web");
    case Protocol::ExchangeAdminCenter:
        return QCoreApplication::translate("Car::Enums", "Exchange admin center (classic)");
    case Protocol::ExchangeActiveSync:
        return QCoreApplication::translate("Car::Enums", "Exchange ActiveSync");
    case Protocol::OfflineAddressBook:
        return QCoreApplication::translate("Car::Enums", "Offline Address Book");
    case Protocol::PowerShellWebServices:
        return QCoreApplication::translate("Car::Enums", "PowerShell Web Services");
    case Protocol::REST:
        return QCoreApplication::translate("Car::Enums", "REST");
    case Protocol::UniversalOutlook:
        return QCoreApplication::translate("Car::Enums", "Mail and Calendar app");
    }
    return QString();
}

QString displayName(AuthenticationType value)
{
    switch (value) {
    case AuthenticationType::BasicAuthentication:
        return QCoreApplication::translate("Car::Enums", "Basic");
    case AuthenticationType::NonBasicAuthentication:
        return QCoreApplication::translate("Car::Enums", "Non-basic");
    case AuthenticationType::AdfsAuthentication:
        return QCoreApplication::translate("Car::Enums", "AD FS");
    case AuthenticationType::CertificateBasedAuthentication:
        return QCoreApplication::translate("Car::Enums", "Certificate-based");
    case AuthenticationType::OAuthAuthentication:
        return QCoreApplication::translate("Car::Enums", "OAuth");
    }
    return QString();
}

QString displayName(Action value)
{
    return value == Action::AllowAccess ? QCoreApplication::translate("Car::Enums", "Allow")
                                        : QCoreApplication::translate("Car::Enums", "Deny");
}

EnumBinding<Protocol> bindProtocol(QStringView text)
{
    return bindEnum<Protocol>(text, protocolNames, "protocol");
}

EnumBinding<AuthenticationType> bindAuthenticationType(QStringView text)
{
    return bindEnum<AuthenticationType>(text, authenticationNames, "authentication type");
}

EnumBinding<Action> bindAction(QStringView text)
{
    return bindEnum<Action>(text, actionNames, "action");
}

EnumBinding<Scope> bindScope(QStringView text)
{
    return bindEnum<Scope>(text, scopeNames, "scope");
}

EnumBinding<Environment> bindEnvironment(QStringView text)
{
    return bindEnum<Environment>(text, environmentNames, "environment");
}

std::optional<Attribute> attributeFromName(QStringView text)
{
    for (std::size_t i = 0; i < attributeNames.size(); ++i) {
        if (text.compare(QStringView(attributeNames[i]), Qt::CaseInsensitive) == 0)
            return Attribute(i);
    }
    return std::nullopt;
}

QList<Protocol> allProtocols()
{
    return allOf<Protocol, ProtocolCount>();
}
QList<AuthenticationType> allAuthenticationTypes()
{
    return allOf<AuthenticationType, AuthenticationTypeCount>();
}
QList<Attribute> allAttributes()
{
    return allOf<Attribute, AttributeCount>();
}

bool isProtocolAvailable(Protocol protocol, Environment environment)
{
    if (environment == Environment::ExchangeOnline)
        return true;
    return protocol == Protocol::ExchangeAdminCenter || protocol == Protocol::RemotePowerShell;
}

AuthenticationMask supportedAuthentication(Protocol protocol)
{
    using A = AuthenticationType;
    switch (protocol) {
    case Protocol::ExchangeActiveSync:
        return authenticationBit(A::BasicAuthentication) | authenticationBit(A::OAuthAuthentication)
            | authenticationBit(A::CertificateBasedAuthentication);
    case Protocol::ExchangeAdminCenter:
    case Protocol::OutlookWebApp:
        return authenticationBit(A::BasicAuthentication) | authenticationBit(A::AdfsAuthentication);
    case Protocol::IMAP4:
    case Protocol::POP3:
        return authenticationBit(A::BasicAuthentication)
            | authenticationBit(A::OAuthAuthentication);
    case Protocol::RemotePowerShell:
        return authenticationBit(A::BasicAuthentication)
            | authenticationBit(A::NonBasicAuthentication);
    case Protocol::ExchangeWebServices:
    case Protocol::OfflineAddressBook:
    case Protocol::OutlookAnywhere:
    case Protocol::PowerShellWebServices:
    case Protocol::REST:
    case Protocol::UniversalOutlook:
        return 0;
    }
    return 0;
}

bool protocolSupportsAuthentication(Protocol protocol, AuthenticationType type)
{
    return (supportedAuthentication(protocol) & authenticationBit(type)) != 0;
}

bool isTestableProtocol(Protocol protocol)
{
    return protocol != Protocol::UniversalOutlook;
}

} // namespace Car
