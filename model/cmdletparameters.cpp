#include "cmdletparameters.h"

#include <QCoreApplication>

#include <array>

namespace Car {

namespace {

CmdletParameterSpec single(const char16_t *name)
{
    return {QString::fromUtf16(name), ParameterArity::Single, false, false, false};
}

CmdletParameterSpec multi(const char16_t *name, bool addRemove)
{
    return {QString::fromUtf16(name), ParameterArity::Multi, addRemove, addRemove, false};
}

CmdletParameterSpec switchParameter(const char16_t *name)
{
    return {QString::fromUtf16(name), ParameterArity::Switch, false, false, false};
}

/// The rule parameters of New- (addRemove false) and Set- (addRemove true), domain §3.
QList<CmdletParameterSpec> ruleParameters(bool addRemove)
{
    QList<CmdletParameterSpec> list;
    list << single(u"Name") << single(u"Action") << single(u"Enabled") << single(u"Scope")
         << single(u"Priority");
    for (const char16_t *name :
         {u"AnyOfProtocols", u"ExceptAnyOfProtocols", u"AnyOfAuthenticationTypes",
          u"ExceptAnyOfAuthenticationTypes", u"AnyOfClientIPAddressesOrRanges",
          u"ExceptAnyOfClientIPAddressesOrRanges", u"AnyOfSourceTcpPortNumbers",
          u"ExceptAnyOfSourceTcpPortNumbers", u"UsernameMatchesAnyOfPatterns",
          u"ExceptUsernameMatchesAnyOfPatterns"}) {
        list << multi(name, addRemove);
    }
    CmdletParameterSpec filter = single(u"UserRecipientFilter");
    filter.acceptsScriptBlock = true;
    list << filter << multi(u"UserIsMemberOf", addRemove)
         << multi(u"ExceptUserIsMemberOf", addRemove) << single(u"DatacenterAdminsOnly");
    return list;
}

QList<CmdletParameterSpec> commonParameters(bool withConfirm)
{
    QList<CmdletParameterSpec> list;
    if (withConfirm)
        list << switchParameter(u"Confirm") << switchParameter(u"WhatIf");
    list << single(u"DomainController") << switchParameter(u"Verbose");
    return list;
}

QList<CmdletParameterSpec> buildParameters(Cmdlet cmdlet)
{
    QList<CmdletParameterSpec> list;
    switch (cmdlet) {
    case Cmdlet::New:
        list << ruleParameters(false) << commonParameters(true);
        break;
    case Cmdlet::Set:
        list << single(u"Identity") << ruleParameters(true) << commonParameters(true);
        break;
    case Cmdlet::Get:
        list << single(u"Identity") << commonParameters(false);
        break;
    case Cmdlet::Remove:
        list << single(u"Identity") << commonParameters(true);
        break;
    case Cmdlet::Test: {
        list << single(u"User") << single(u"Protocol") << single(u"AuthenticationType")
             << single(u"RemoteAddress") << single(u"RemotePort");
        CmdletParameterSpec claims = single(u"OAuthClaims");
        claims.acceptsHashtable = true;
        list << claims << commonParameters(true);
        break;
    }
    }
    return list;
}

} // namespace

const QList<CmdletParameterSpec> &cmdletParameters(Cmdlet cmdlet)
{
    static const std::array<QList<CmdletParameterSpec>, 5> tables = {
        buildParameters(Cmdlet::New), buildParameters(Cmdlet::Set), buildParameters(Cmdlet::Get),
        buildParameters(Cmdlet::Remove), buildParameters(Cmdlet::Test)};
    return tables[std::size_t(cmdlet)];
}

QString positionalParameter(Cmdlet cmdlet)
{
    switch (cmdlet) {
    case Cmdlet::New:
        return QStringLiteral("Name");
    case Cmdlet::Set:
    case Cmdlet::Get:
    case Cmdlet::Remove:
        return QStringLiteral("Identity");
    case Cmdlet::Test:
        break;
    }
    return {};
}

std::optional<Cmdlet> cmdletFromName(QStringView name)
{
    for (Cmdlet c : {Cmdlet::New, Cmdlet::Set, Cmdlet::Get, Cmdlet::Remove, Cmdlet::Test}) {
        if (name.compare(cmdletName(c), Qt::CaseInsensitive) == 0)
            return c;
    }
    return std::nullopt;
}

ParameterBinding bindParameter(Cmdlet cmdlet, QStringView written)
{
    ParameterBinding result;
    const QList<CmdletParameterSpec> &specs = cmdletParameters(cmdlet);
    QList<const CmdletParameterSpec *> candidates;
    for (const CmdletParameterSpec &spec : specs) {
        if (written.compare(spec.name, Qt::CaseInsensitive) == 0) {
            result.spec = &spec;
            return result;
        }
        if (!written.isEmpty() && QStringView(spec.name).startsWith(written, Qt::CaseInsensitive))
            candidates << &spec;
    }
    if (candidates.size() == 1) {
        result.spec = candidates.first();
        return result;
    }
    if (candidates.isEmpty()) {
        result.error = QCoreApplication::translate("Car::CmdletParser", "%1 has no parameter -%2")
                           .arg(cmdletName(cmdlet), written.toString());
        return result;
    }
    QStringList names;
    for (const CmdletParameterSpec *spec : candidates)
        names << QLatin1Char('-') + spec->name;
    result.error = QCoreApplication::translate("Car::CmdletParser",
                                               "parameter -%1 is ambiguous; it could be: %2")
                       .arg(written.toString(), names.join(QLatin1String(", ")));
    return result;
}

} // namespace Car
