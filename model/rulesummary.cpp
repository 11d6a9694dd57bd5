#include "rulesummary.h"

#include "rule.h"

#include <QCoreApplication>
#include <QStringList>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::RuleSummary", text);
}

QString shortList(const QStringList &values)
{
    constexpr int shown = 3;
    if (values.size() <= shown + 1)
        return values.join(QStringLiteral(", "));
    return values.mid(0, shown).join(QStringLiteral(", ")) + tr(" +%1").arg(values.size() - shown);
}

template<typename T, typename F> QStringList texts(const QList<T> &list, F toText)
{
    QStringList result;
    result.reserve(list.size());
    for (const T &value : list)
        result << toText(value);
    return result;
}

QStringList protocolTexts(const QList<Protocol> &list)
{
    return texts(list, [](Protocol p) { return shortProtocolName(p); });
}

QStringList authenticationTexts(const QList<AuthenticationType> &list)
{
    return texts(list, [](AuthenticationType a) { return displayName(a); });
}

QStringList addressTexts(const QList<IpRange> &list)
{
    return texts(list, [](const IpRange &r) { return r.toString(); });
}

QStringList portTexts(const QList<PortRange> &list)
{
    return texts(list, [](const PortRange &r) { return r.toString(); });
}

QStringList patternTexts(const QList<UsernamePattern> &list)
{
    return texts(list, [](const UsernamePattern &p) { return p.text(); });
}

QString bareFilter(QString filter)
{
    filter = filter.trimmed();
    if (filter.size() >= 2 && filter.startsWith(u'{') && filter.endsWith(u'}'))
        filter = filter.mid(1, filter.size() - 2).trimmed();
    return filter;
}

} // namespace

QString shortProtocolName(Protocol protocol)
{
    switch (protocol) {
    case Protocol::ExchangeWebServices:
        return tr("EWS");
    case Protocol::RemotePowerShell:
        return tr("Remote PowerShell");
    case Protocol::OutlookAnywhere:
        return tr("Outlook Anywhere");
    case Protocol::POP3:
        return tr("POP3");
    case Protocol::IMAP4:
        return tr("IMAP4");
    case Protocol::OutlookWebApp:
        return tr("OWA");
    case Protocol::ExchangeAdminCenter:
        return tr("EAC");
    case Protocol::ExchangeActiveSync:
        return tr("ActiveSync");
    case Protocol::OfflineAddressBook:
        return tr("OAB");
    case Protocol::PowerShellWebServices:
        return tr("PowerShell Web Services");
    case Protocol::REST:
        return tr("REST");
    case Protocol::UniversalOutlook:
        return tr("Mail and Calendar");
    }
    return QString();
}

QString summarizeRule(const Rule &rule)
{
    QStringList parts;
    if (!rule.anyOfProtocols.isEmpty())
        parts << shortList(protocolTexts(rule.anyOfProtocols));
    if (!rule.anyOfAuthenticationTypes.isEmpty())
        parts << tr("%1 auth").arg(shortList(authenticationTexts(rule.anyOfAuthenticationTypes)));
    if (!rule.anyOfClientIPAddressesOrRanges.isEmpty())
        parts << tr("from %1").arg(shortList(addressTexts(rule.anyOfClientIPAddressesOrRanges)));
    if (!rule.anyOfSourceTcpPortNumbers.isEmpty())
        parts << tr("source port %1").arg(shortList(portTexts(rule.anyOfSourceTcpPortNumbers)));
    if (!rule.usernameMatchesAnyOfPatterns.isEmpty())
        parts << tr("user %1").arg(shortList(patternTexts(rule.usernameMatchesAnyOfPatterns)));
    if (!rule.userRecipientFilter.trimmed().isEmpty())
        parts << bareFilter(rule.userRecipientFilter);
    if (parts.isEmpty())
        parts << tr("all connections");
    if (rule.scope == Scope::Users)
        parts << tr("end users only");

    if (!rule.exceptAnyOfProtocols.isEmpty())
        parts << tr("except %1").arg(shortList(protocolTexts(rule.exceptAnyOfProtocols)));
    if (!rule.exceptAnyOfAuthenticationTypes.isEmpty())
        parts << tr("except %1 auth")
                     .arg(shortList(authenticationTexts(rule.exceptAnyOfAuthenticationTypes)));
    if (!rule.exceptAnyOfClientIPAddressesOrRanges.isEmpty())
        parts << tr("except from %1")
                     .arg(shortList(addressTexts(rule.exceptAnyOfClientIPAddressesOrRanges)));
    if (!rule.exceptAnyOfSourceTcpPortNumbers.isEmpty())
        parts << tr("except source port %1")
                     .arg(shortList(portTexts(rule.exceptAnyOfSourceTcpPortNumbers)));
    if (!rule.exceptUsernameMatchesAnyOfPatterns.isEmpty())
        parts << tr("except user %1")
                     .arg(shortList(patternTexts(rule.exceptUsernameMatchesAnyOfPatterns)));
    return parts.join(QStringLiteral(" \u00b7 "));
}

QString searchableText(const Rule &rule)
{
    QStringList parts {rule.name, toString(rule.action), displayName(rule.action),
                       rule.userRecipientFilter};
    for (const auto &list : {rule.anyOfProtocols, rule.exceptAnyOfProtocols}) {
        for (Protocol p : list)
            parts << toString(p) << shortProtocolName(p) << displayName(p);
    }
    for (const auto &list : {rule.anyOfAuthenticationTypes, rule.exceptAnyOfAuthenticationTypes})
        parts << texts(list, [](AuthenticationType a) { return toString(a); });
    for (const auto &list :
         {rule.anyOfClientIPAddressesOrRanges, rule.exceptAnyOfClientIPAddressesOrRanges})
        parts << addressTexts(list);
    for (const auto &list : {rule.anyOfSourceTcpPortNumbers, rule.exceptAnyOfSourceTcpPortNumbers})
        parts << portTexts(list);
    for (const auto &list :
         {rule.usernameMatchesAnyOfPatterns, rule.exceptUsernameMatchesAnyOfPatterns})
        parts << patternTexts(list);
    parts << summarizeRule(rule);
    return parts.join(u'\n').toLower();
}

} // namespace Car
