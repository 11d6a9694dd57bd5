#include "demoworkspace.h"

#include "ipaddress.h"
#include "ruleset.h"

#include <QUuid>

namespace Car {

namespace {

struct DemoUser
{
    const char16_t *upn;
    const char16_t *sam;
    const char16_t *alias;
    const char16_t *displayName;
    const char16_t *department;
    const char16_t *city;
    const char16_t *state;
    const char16_t *country;
    const char16_t *office;
    const char16_t *postalCode;
    const char16_t *street;
    const char16_t *customAttribute1;
};

// Twelve mailbox users: three per department, a few outside the US so that CountryOrRegion
// filters have something to tell apart. CustomAttribute1 carries a cost centre.
constexpr DemoUser demoUsers[] = {
    {u"nestor.wilke@contoso.com", u"nestorw", u"NestorW", u"Nestor Wilke", u"IT", u"Redmond", u"WA",
     u"US", u"Building 18/1101", u"98052", u"One Microsoft Way", u"CC-100"},
    {u"lee.gu@contoso.com", u"leeg", u"LeeG", u"Lee Gu", u"IT", u"Redmond", u"WA", u"US",
     u"Building 18/1104", u"98052", u"One Microsoft Way", u"CC-100"},
    {u"pradeep.gupta@contoso.com", u"pradeepg", u"PradeepG", u"Pradeep Gupta", u"IT", u"Singapore",
     u"", u"SG", u"Marina Bay 12-04", u"018989", u"8 Marina View", u"CC-100"},
    {u"diego.siciliani@contoso.com", u"diegos", u"DiegoS", u"Diego Siciliani", u"HR", u"Birmingham",
     u"AL", u"US", u"Building 2/210", u"35203", u"1900 5th Avenue North", u"CC-200"},
    {u"patti.fernandez@contoso.com", u"pattif", u"PattiF", u"Patti Fernandez", u"HR", u"Louisville",
     u"KY", u"US", u"Building 4/402", u"40202", u"401 West Main Street", u"CC-200"},
    {u"lynne.robbins@contoso.com", u"lynner", u"LynneR", u"Lynne Robbins", u"HR", u"Tulsa", u"OK",
     u"US", u"Building 3/310", u"74103", u"320 South Boston Avenue", u"CC-200"},
    {u"megan.bowen@contoso.com", u"meganb", u"MeganB", u"Megan Bowen", u"Marketing", u"Pittsburgh",
     u"PA", u"US", u"Building 12/1203", u"15222", u"600 Grant Street", u"CC-300"},
    {u"alex.wilber@contoso.com", u"alexw", u"AlexW", u"Alex Wilber", u"Marketing", u"San Diego",
     u"CA", u"US", u"Building 5/512", u"92101", u"401 B Street", u"CC-300"},
    {u"miriam.graham@contoso.com", u"miriamg", u"MiriamG", u"Miriam Graham", u"Marketing",
     u"London", u"", u"GB", u"Cardinal Place 3.14", u"SW1E 5JL", u"100 Victoria Street", u"CC-300"},
    {u"isaiah.langer@contoso.com", u"isaiahl", u"IsaiahL", u"Isaiah Langer", u"Sales", u"Tulsa",
     u"OK", u"US", u"Building 3/318", u"74103", u"320 South Boston Avenue", u"CC-400"},
    {u"johanna.lorenz@contoso.com", u"johannal", u"JohannaL", u"Johanna Lorenz", u"Sales",
     u"Munich", u"BY", u"DE", u"Walter-Gropius-Strasse 5", u"80807", u"Walter-Gropius-Strasse 5",
     u"CC-400"},
    {u"julia@contoso.com", u"julia", u"Julia", u"Julia Ilyina", u"Sales", u"Sydney", u"NSW", u"AU",
     u"Level 10/1012", u"2000", u"1 Epping Road", u"CC-400"},
};

QString text(const char16_t *value)
{
    return QString::fromUtf16(value);
}

DirectoryUser toUser(const DemoUser &demo)
{
    DirectoryUser user;
    user.userPrincipalName = text(demo.upn);
    user.samAccountName = text(demo.sam);
    user.alias = text(demo.alias);
    user.displayName = text(demo.displayName);
    user.setAttribute(Attribute::Company, QStringLiteral("Contoso Ltd."));
    user.setAttribute(Attribute::Department, text(demo.department));
    user.setAttribute(Attribute::City, text(demo.city));
    user.setAttribute(Attribute::StateOrProvince, text(demo.state));
    user.setAttribute(Attribute::CountryOrRegion, text(demo.country));
    user.setAttribute(Attribute::Office, text(demo.office));
    user.setAttribute(Attribute::PostalCode, text(demo.postalCode));
    user.setAttribute(Attribute::StreetAddress, text(demo.street));
    user.setAttribute(Attribute::CustomAttribute1, text(demo.customAttribute1));
    return user;
}

Rule makeRule(const char16_t *name, Action action)
{
    Rule rule;
    rule.id = QUuid::createUuid();
    rule.name = text(name);
    rule.action = action;
    return rule;
}

} // namespace

WorkspaceData makeDemoWorkspace()
{
    WorkspaceData data;
    data.ruleSet.setEnvironment(Environment::ExchangeOnline);
    data.ruleSet.setNetbiosDomain(QStringLiteral("CONTOSO"));

    Rule allowRps = makeRule(DemoRules::AlwaysAllowRemotePowerShell, Action::AllowAccess);
    allowRps.anyOfProtocols = {Protocol::RemotePowerShell};
    data.ruleSet.insertRule(allowRps);

    Rule mgmt = makeRule(DemoRules::EacOnlyForMgmt, Action::DenyAccess);
    mgmt.anyOfProtocols = {Protocol::ExchangeAdminCenter};
    if (const auto network = IpRange::parse(DemoManagementNetwork))
        mgmt.exceptAnyOfClientIPAddressesOrRanges = {*network};
    mgmt.enabled = false;
    data.ruleSet.insertRule(mgmt);

    Rule itOnly = makeRule(DemoRules::EacOnlyForIt, Action::DenyAccess);
    itOnly.anyOfProtocols = {Protocol::ExchangeAdminCenter};
    itOnly.userRecipientFilter = QStringLiteral("{Department -ne 'IT'}");
    data.ruleSet.insertRule(itOnly);

    for (const DemoUser &demo : demoUsers)
        data.directory.addUser(toUser(demo));

    data.admin.user = text(DemoAdminUser);
    data.admin.address = text(DemoAdminAddress);
    return data;
}

} // namespace Car
