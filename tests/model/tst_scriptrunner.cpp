#include "cmdletwriter.h"
#include "directory.h"
#include "scriptrunner.h"

#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

Directory contoso()
{
    Directory directory;
    const auto add = [&](const QString &upn, const QString &sam, const QString &city) {
        DirectoryUser user;
        user.userPrincipalName = upn;
        user.samAccountName = sam;
        user.alias = sam;
        user.setAttribute(Attribute::City, city);
        directory.addUser(user);
    };
    add(u"julia@contoso.com"_s, u"julia"_s, u"Redmond"_s);
    add(u"tanyas@contoso.com"_s, u"tanyas"_s, u"Paris"_s);
    return directory;
}

/// Rules named `names` (DenyAccess, no conditions), at priorities 1..N.
RuleSet plain(const QStringList &names)
{
    RuleSet set;
    for (const QString &name : names) {
        Rule rule;
        rule.name = name;
        if (!set.insertRule(rule).ok)
            qFatal("fixture");
    }
    return set;
}

QStringList names(const RuleSet &set)
{
    QStringList result;
    for (const Rule &rule : set.rules())
        result << rule.name;
    return result;
}

ScriptResult runScript(const QString &script, const RuleSet &before = RuleSet())
{
    static const Directory directory = contoso();
    return ScriptRunner::runText(script, u"s.ps1"_s, before, directory);
}

/// Fixture F1 of examples.md: C11, C02, C12 in that order.
const QString f1 =
    u"New-ClientAccessRule -Name \"Always Allow Remote PowerShell\" -Action Allow "
    "-AnyOfProtocols RemotePowerShell -Priority 1\n"
    "New-ClientAccessRule -Name \"Block ActiveSync\" -Action DenyAccess -AnyOfProtocols "
    "ExchangeActiveSync -ExceptAnyOfClientIPAddressesOrRanges 192.168.10.1/24\n"
    "New-ClientAccessRule -Name \"Restrict EAC Access\" -Action DenyAccess -AnyOfProtocols "
    "ExchangeAdminCenter -ExceptAnyOfClientIPAddressesOrRanges 192.168.10.1/24 "
    "-ExceptUsernameMatchesAnyOfPatterns *tanyas*\n"_s;

RuleSet fixtureF1()
{
    const ScriptResult result = runScript(f1);
    if (!result.ok())
        qFatal("F1: %s", qPrintable(result.error->toString()));
    return result.ruleSet;
}

} // namespace

class TestScriptRunner : public QObject
{
    Q_OBJECT

private slots:
    void priorities_data();
    void priorities();
    void values_data();
    void values();
    void errors_data();
    void errors();
    void atomicity();
    void historyAndWhatIf();
    void getOutputs();
    void testOutputs_data();
    void testOutputs();
    void warningsHaveLocations();
    void filterFindingsPointInsideTheFilter();
};

void TestScriptRunner::priorities_data()
{
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("order");
    QTest::addColumn<int>("warnings");

    const QStringList abcde {u"A"_s, u"B"_s, u"C"_s, u"D"_s, u"E"_s};
    const QStringList abc {u"A"_s, u"B"_s, u"C"_s};
    QTest::newRow("H1 Set E -Priority 2 moves E, others shift down")
        << abcde << u"Set-ClientAccessRule E -Priority 2"_s
        << QStringList {u"A"_s, u"E"_s, u"B"_s, u"C"_s, u"D"_s} << 0;
    QTest::newRow("H2 New at priority 1 shifts all")
        << abc << u"New-ClientAccessRule X -Action DenyAccess -Priority 1"_s
        << QStringList {u"X"_s, u"A"_s, u"B"_s, u"C"_s} << 0;
    QTest::newRow("H3 New without priority appends")
        << abc << u"New-ClientAccessRule X -Action DenyAccess"_s
        << QStringList {u"A"_s, u"B"_s, u"C"_s, u"X"_s} << 0;
    QTest::newRow("H4 Remove priority 2 closes the gap")
        << QStringList {u"A"_s, u"B"_s, u"C"_s, u"D"_s} << u"Remove-ClientAccessRule B"_s
        << QStringList {u"A"_s, u"C"_s, u"D"_s} << 0;
    QTest::newRow("H6 Set -Priority 99 moves last with a warning")
        << QStringList {u"A"_s, u"B"_s, u"C"_s, u"D"_s} << u"Set-ClientAccessRule A -Priority 99"_s
        << QStringList {u"B"_s, u"C"_s, u"D"_s, u"A"_s} << 1;
    QTest::newRow("New at N+1 appends without a warning")
        << abc << u"New-ClientAccessRule X -Action Deny -Priority 4"_s
        << QStringList {u"A"_s, u"B"_s, u"C"_s, u"X"_s} << 0;
    QTest::newRow("C14 Set by -Identity -Priority 2")
        << abc << u"Set-ClientAccessRule -Identity \"C\" -Priority 2"_s
        << QStringList {u"A"_s, u"C"_s, u"B"_s} << 0;
    QTest::newRow("Set without -Priority keeps the rule's place")
        << abc << u"Set-ClientAccessRule B -Enabled $false -Name B2"_s
        << QStringList {u"A"_s, u"B2"_s, u"C"_s} << 0;
    QTest::newRow("C15 Remove by -Identity, case-insensitive")
        << QStringList {u"Block POP3"_s, u"Other"_s}
        << u"Remove-ClientAccessRule -Identity \"block pop3\""_s << QStringList {u"Other"_s} << 0;
    QTest::newRow("C19 sequence: disable, add IP, move to 4, remove")
        << QStringList {u"Allow EAC"_s, u"Block EAC"_s, u"X"_s, u"Y"_s, u"Disable PowerShell"_s}
        << u"Set-ClientAccessRule -Identity \"Allow EAC\" -Enabled $false\n"
           "Set-ClientAccessRule -Identity \"Allow EAC\" -AnyOfClientIPAddressesOrRanges "
           "@{Add=\"172.17.17.27/16\"}\n"
           "Set-ClientAccessRule -Identity \"Disable PowerShell\" -Priority 4\n"
           "Remove-ClientAccessRule -Identity \"Block EAC\""_s
        << QStringList {u"Allow EAC"_s, u"X"_s, u"Disable PowerShell"_s, u"Y"_s} << 0;
}

void TestScriptRunner::priorities()
{
    QFETCH(QStringList, existing);
    QFETCH(QString, script);
    QFETCH(QStringList, order);
    QFETCH(int, warnings);
    const ScriptResult result = runScript(script, plain(existing));
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(names(result.ruleSet), order);
    QCOMPARE(result.warnings.size(), warnings);
}

void TestScriptRunner::values_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("rule"); // which rule to show
    QTest::addColumn<QString>("expected"); // newRuleLine of it

    QTest::newRow("C01 -Action Allow binds AllowAccess")
        << u"New-ClientAccessRule -Name AllowRemotePS -Action Allow -AnyOfProtocols "
           "RemotePowerShell -Priority 1"_s
        << u"AllowRemotePS"_s
        << u"New-ClientAccessRule -Name 'AllowRemotePS' -Action AllowAccess -AnyOfProtocols "
           "'RemotePowerShell' -Priority 1"_s;
    QTest::newRow("C02 CIDR host bits cleared")
        << u"New-ClientAccessRule -Name \"Block ActiveSync\" -Action DenyAccess -AnyOfProtocols "
           "ExchangeActiveSync -ExceptAnyOfClientIPAddressesOrRanges 192.168.10.1/24"_s
        << u"Block ActiveSync"_s
        << u"New-ClientAccessRule -Name 'Block ActiveSync' -Action DenyAccess -AnyOfProtocols "
           "'ExchangeActiveSync' -ExceptAnyOfClientIPAddressesOrRanges '192.168.10.0/24' "
           "-Priority 1"_s;
    QTest::newRow("C03 @{Add=...} keeps the list and adds, normalised")
        << u"New-ClientAccessRule \"Allow IMAP4\" -Action Allow -AnyOfClientIPAddressesOrRanges "
           u"10.0.0.1\n"
           "Set-ClientAccessRule \"Allow IMAP4\" -AnyOfClientIPAddressesOrRanges @{Add=\"172.17.17.27/16\"}"_s
        << u"Allow IMAP4"_s
        << u"New-ClientAccessRule -Name 'Allow IMAP4' -Action AllowAccess "
           "-AnyOfClientIPAddressesOrRanges '10.0.0.1','172.17.0.0/16' -Priority 1"_s;
    QTest::newRow("C12 exceptions by IP and pattern")
        << u"New-ClientAccessRule -Name \"Restrict EAC Access\" -Action DenyAccess -AnyOfProtocols "
           "ExchangeAdminCenter -ExceptAnyOfClientIPAddressesOrRanges 192.168.10.1/24 "
           "-ExceptUsernameMatchesAnyOfPatterns *tanyas*"_s
        << u"Restrict EAC Access"_s
        << u"New-ClientAccessRule -Name 'Restrict EAC Access' -Action DenyAccess -AnyOfProtocols "
           "'ExchangeAdminCenter' -ExceptAnyOfClientIPAddressesOrRanges '192.168.10.0/24' "
           "-ExceptUsernameMatchesAnyOfPatterns '*tanyas*' -Priority 1"_s;
    QTest::newRow("C13 Set -Enabled $false")
        << u"New-ClientAccessRule \"Allow IMAP4\" -Action Allow\n"
           "Set-ClientAccessRule -Identity \"Allow IMAP4\" -Enabled $false"_s
        << u"Allow IMAP4"_s
        << u"New-ClientAccessRule -Name 'Allow IMAP4' -Action AllowAccess -Enabled $false -Priority 1"_s;
    QTest::newRow("C21 blog rules: lowercase params, -enabled $true, lists")
        << u"New-ClientAccessRule -Name \"Always Allow Remote PowerShell\" -Action Allow "
           u"-AnyOfProtocols RemotePowerShell -Priority 1\n"
           "New-ClientAccessRule -Name \"Always Permitted Users\" -priority 2 -enabled $true "
           "-Action AllowAccess -UsernameMatchesAnyOfPatterns "
           "your.domain\\Bob.Scroggins,your.domain\\will,your.domain\\gemma.arterton\n"
           "New-ClientAccessRule -Name \"Allow Internal Network\" -priority 3 -enabled $true "
           "-Action AllowAccess -AnyOfClientIPAddressesOrRanges "
           "185.205.21.121,192.76.64.118,108.178.148.194\n"
           "New-ClientAccessRule -Name \"Block everything else\" -priority 4 -enabled $true -Action DenyAccess"_s
        << u"Always Permitted Users"_s
        << u"New-ClientAccessRule -Name 'Always Permitted Users' -Action AllowAccess "
           "-UsernameMatchesAnyOfPatterns 'your.domain\\Bob.Scroggins','your.domain\\will',"
           "'your.domain\\gemma.arterton' -Priority 2"_s;
    QTest::newRow("C25 RemotePowershell casing, auth filter valid for OWA")
        << u"New-ClientAccessRule \"Allow OWA with Basic\" -Priority 1 -Action AllowAccess "
           u"-AnyOfProtocols OutlookWebApp -AnyOfAuthenticationTypes BasicAuthentication\n"
           "New-ClientAccessRule \"Restrict All except PS\" -Priority 2 -Action DenyAccess -ExceptAnyOfProtocols RemotePowershell"_s
        << u"Restrict All except PS"_s
        << u"New-ClientAccessRule -Name 'Restrict All except PS' -Action DenyAccess "
           "-ExceptAnyOfProtocols 'RemotePowerShell' -Priority 2"_s;
    QTest::newRow("H16 -Action Deny, -Scope u prefixes")
        << u"New-ClientAccessRule X -Action Deny -Scope u"_s << u"X"_s
        << u"New-ClientAccessRule -Name 'X' -Action DenyAccess -Scope Users -Priority 1"_s;
    QTest::newRow("H17 UniversalOutlook with patterns is accepted")
        << u"New-ClientAccessRule X -Action Deny -AnyOfProtocols UniversalOutlook -UsernameMatchesAnyOfPatterns *bob*"_s
        << u"X"_s
        << u"New-ClientAccessRule -Name 'X' -Action DenyAccess -AnyOfProtocols 'UniversalOutlook' "
           "-UsernameMatchesAnyOfPatterns '*bob*' -Priority 1"_s;
    QTest::newRow("repeated values dropped, first kept")
        << u"New-ClientAccessRule X -Action Deny -AnyOfProtocols POP3,IMAP4,pop3 -AnyOfClientIPAddressesOrRanges 10.1.1.1/8,10.0.0.0/8"_s
        << u"X"_s
        << u"New-ClientAccessRule -Name 'X' -Action DenyAccess -AnyOfProtocols 'POP3','IMAP4' "
           "-AnyOfClientIPAddressesOrRanges '10.0.0.0/8' -Priority 1"_s;
    QTest::newRow("Set Remove compares parsed values (10.9.9.9/8 removes 10.0.0.0/8)")
        << u"New-ClientAccessRule X -Action Deny -AnyOfClientIPAddressesOrRanges "
           u"10.0.0.0/8,1.2.3.4\n"
           "Set-ClientAccessRule X -AnyOfClientIPAddressesOrRanges @{Remove='10.9.9.9/8'}"_s
        << u"X"_s
        << u"New-ClientAccessRule -Name 'X' -Action DenyAccess -AnyOfClientIPAddressesOrRanges '1.2.3.4' -Priority 1"_s;
    QTest::newRow("Set Remove applies before Add (same value stays, at the end)")
        << u"New-ClientAccessRule X -Action Deny -AnyOfProtocols IMAP4,POP3\n"
           "Set-ClientAccessRule X -AnyOfProtocols @{Add='IMAP4','REST'; Remove='imap4'}"_s
        << u"X"_s
        << u"New-ClientAccessRule -Name 'X' -Action DenyAccess -AnyOfProtocols 'POP3','IMAP4','REST' -Priority 1"_s;
    QTest::newRow("Set removing an absent value is fine")
        << u"New-ClientAccessRule X -Action Deny -AnyOfProtocols IMAP4\n"
           "Set-ClientAccessRule X -AnyOfProtocols @{Remove='POP3'}"_s
        << u"X"_s
        << u"New-ClientAccessRule -Name 'X' -Action DenyAccess -AnyOfProtocols 'IMAP4' -Priority 1"_s;
    QTest::newRow("Set Add of a present value keeps one copy")
        << u"New-ClientAccessRule X -Action Deny -UsernameMatchesAnyOfPatterns *bob*\n"
           "Set-ClientAccessRule X -UsernameMatchesAnyOfPatterns @{Add='*BOB*','*al*'}"_s
        << u"X"_s
        << u"New-ClientAccessRule -Name 'X' -Action DenyAccess -UsernameMatchesAnyOfPatterns '*bob*','*al*' -Priority 1"_s;
    QTest::newRow("Set plain list replaces the whole list")
        << u"New-ClientAccessRule X -Action Deny -AnyOfSourceTcpPortNumbers 443,8443\n"
           "Set-ClientAccessRule X -AnyOfSourceTcpPortNumbers 1000-2000"_s
        << u"X"_s
        << u"New-ClientAccessRule -Name 'X' -Action DenyAccess -AnyOfSourceTcpPortNumbers '1000-2000' -Priority 1"_s;
    QTest::newRow("Set $null clears a list and the filter")
        << u"New-ClientAccessRule X -Action Deny -AnyOfProtocols IMAP4 -UserRecipientFilter \"City "
           u"-eq 'Redmond'\"\n"
           "Set-ClientAccessRule X -AnyOfProtocols $null -UserRecipientFilter $null"_s
        << u"X"_s << u"New-ClientAccessRule -Name 'X' -Action DenyAccess -Priority 1"_s;
    QTest::newRow("C08 filter in braces kept as written")
        << u"New-ClientAccessRule X -Action Deny -UserRecipientFilter {City -eq \"Redmond\"}"_s
        << u"X"_s
        << u"New-ClientAccessRule -Name 'X' -Action DenyAccess -UserRecipientFilter '{City -eq \"Redmond\"}' -Priority 1"_s;
    QTest::newRow("Set validation uses the rule after the change (auth added with protocol)")
        << u"New-ClientAccessRule X -Action Deny -AnyOfProtocols OutlookWebApp\n"
           "Set-ClientAccessRule X -AnyOfAuthenticationTypes Adfs"_s
        << u"X"_s
        << u"New-ClientAccessRule -Name 'X' -Action DenyAccess -AnyOfProtocols 'OutlookWebApp' "
           "-AnyOfAuthenticationTypes 'AdfsAuthentication' -Priority 1"_s;
    QTest::newRow("Set rename with -Name")
        << u"New-ClientAccessRule X -Action Deny\nSet-ClientAccessRule x -Name Y"_s << u"Y"_s
        << u"New-ClientAccessRule -Name 'Y' -Action DenyAccess -Priority 1"_s;
    QTest::newRow("Enabled by number, colon forms, -Confirm:$false, -DomainController ignored")
        << u"New-ClientAccessRule X -Action:Deny -Enabled:0 -Confirm:$false -DomainController dc1"_s
        << u"X"_s
        << u"New-ClientAccessRule -Name 'X' -Action DenyAccess -Enabled $false -Priority 1"_s;
}

void TestScriptRunner::values()
{
    QFETCH(QString, script);
    QFETCH(QString, rule);
    QFETCH(QString, expected);
    const ScriptResult result = runScript(script);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    const int index = result.ruleSet.indexOfName(rule);
    QVERIFY(index >= 0);
    QCOMPARE(newRuleLine(result.ruleSet.at(index), index + 1), expected);
}

void TestScriptRunner::errors_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    const QString combination = u"Chosen authentication type and protocol combination is invalid"_s;
    QTest::newRow("C23 Except auth types without AnyOf auth types")
        << u"New-ClientAccessRule \"test\" -Priority 3 -Enabled $false -Action DenyAccess "
           "-AnyOfProtocols OutlookWebApp -ExceptAnyOfAuthenticationTypes BasicAuthentication"_s
        << 1 << 138 << combination;
    QTest::newRow("C24 auth types without any protocol")
        << u"New-ClientAccessRule Allow_BasicAuth -Priority 2 -Action AllowAccess "
           "-AnyOfAuthenticationTypes BasicAuthentication -AnyOfClientIPAddressesOrRanges 10.0.0.1"_s
        << 1 << 96 << combination;
    QTest::newRow("H18 NonBasic with OutlookWebApp")
        << u"New-ClientAccessRule X -Action Deny -AnyOfAuthenticationTypes Basic,NonBasicAuthentication -AnyOfProtocols OutlookWebApp"_s
        << 1 << 69 << combination;
    QTest::newRow("H19 EWS has no authentication filtering")
        << u"New-ClientAccessRule X -Action Deny -AnyOfAuthenticationTypes BasicAuthentication -AnyOfProtocols ExchangeWebServices"_s
        << 1 << 63 << combination;
    QTest::newRow("H8 range start after end, at the item")
        << u"New-ClientAccessRule X -Action Deny -AnyOfClientIPAddressesOrRanges 192.168.0.254-192.168.0.1"_s
        << 1 << 69 << u"-AnyOfClientIPAddressesOrRanges"_s;
    QTest::newRow("bad IP in a list points at that item")
        << u"New-ClientAccessRule X -Action Deny `\n  -AnyOfClientIPAddressesOrRanges 10.0.0.1, 10.0.0.300,1.1.1.1"_s
        << 2 << 45 << u"10.0.0.300"_s;
    QTest::newRow("bad value in a Set hashtable points at the item")
        << u"New-ClientAccessRule X -Action Deny\nSet-ClientAccessRule X -AnyOfProtocols @{Add='IMAP4','Bogus'}"_s
        << 2 << 54 << u"'Bogus' is not a valid protocol"_s;
    QTest::newRow("ambiguous enum prefix names the candidates")
        << u"New-ClientAccessRule X -Action Deny -AnyOfProtocols Exchange"_s << 1 << 53
        << u"ambiguous"_s;
    QTest::newRow("unknown action") << u"New-ClientAccessRule X -Action Block"_s << 1 << 32
                                    << u"-Action: 'Block' is not a valid action"_s;
    QTest::newRow("UserIsMemberOf is reserved")
        << u"New-ClientAccessRule X -Action Deny -UserIsMemberOf Admins"_s << 1 << 37
        << u"-UserIsMemberOf is reserved for internal Microsoft use"_s;
    QTest::newRow("ExceptUserIsMemberOf is reserved (Set)")
        << u"New-ClientAccessRule X -Action Deny\nSet-ClientAccessRule X -ExceptUserIsMemberOf @{Add='g'}"_s
        << 2 << 24 << u"reserved for internal Microsoft use"_s;
    QTest::newRow("DatacenterAdminsOnly is reserved")
        << u"New-ClientAccessRule X -Action Deny -DatacenterAdminsOnly $true"_s << 1 << 37
        << u"-DatacenterAdminsOnly is reserved for internal Microsoft use"_s;
    QTest::newRow("OAuthClaims is not simulated")
        << u"Test-ClientAccessRule -User a -Protocol POP3 -AuthenticationType Basic -RemoteAddress 1.1.1.1 -RemotePort 1 -OAuthClaims @{a='b'}"_s
        << 1 << 109 << u"not simulated"_s;
    QTest::newRow("New without -Action")
        << u"Get-ClientAccessRule\n  New-ClientAccessRule X"_s << 2 << 3 << u"needs -Action"_s;
    QTest::newRow("New without -Name and -Action")
        << u"New-ClientAccessRule -Enabled $true"_s << 1 << 1 << u"needs -Name and -Action"_s;
    QTest::newRow("Set of an unknown identity")
        << u"Set-ClientAccessRule -Identity 'Nope' -Enabled $false"_s << 1 << 32
        << u"there is no rule 'Nope'"_s;
    QTest::newRow("Remove of an unknown identity")
        << u"Remove-ClientAccessRule Nope"_s << 1 << 25 << u"there is no rule 'Nope'"_s;
    QTest::newRow("H5 priority 0 is an error at the value")
        << u"New-ClientAccessRule X -Action Deny -Priority 0"_s << 1 << 47
        << u"priorities start at 1"_s;
    QTest::newRow("priority not a number")
        << u"New-ClientAccessRule X -Action Deny -Priority first"_s << 1 << 47
        << u"-Priority expects a whole number"_s;
    QTest::newRow("duplicate name ignoring case points at the name")
        << u"New-ClientAccessRule X -Action Deny\nNew-ClientAccessRule -Name x -Action Deny"_s << 2
        << 28 << u"already exists"_s;
    QTest::newRow("rename onto another rule's name")
        << u"New-ClientAccessRule X -Action Deny\nNew-ClientAccessRule Y -Action Deny\nSet-ClientAccessRule Y -Name x"_s
        << 3 << 30 << u"already exists"_s;
    QTest::newRow("name longer than 64 characters")
        << (u"New-ClientAccessRule "_s + QString(65, u'n') + u" -Action Deny"_s) << 1 << 22
        << u"at most 64"_s;
    QTest::newRow("-Enabled given a quoted word")
        << u"New-ClientAccessRule X -Action Deny -Enabled 'yes'"_s << 1 << 46
        << u"-Enabled expects $true or $false"_s;
    QTest::newRow("-Name given $null on Set")
        << u"New-ClientAccessRule X -Action Deny\nSet-ClientAccessRule X -Name $null"_s << 2 << 30
        << u"-Name expects a single value, not $null"_s;
    QTest::newRow("C07 filter typo: error column inside the filter mapped to the script")
        << u"New-ClientAccessRule X -Action Deny -UserRecipientFilter \"CustomAttribute1 -eq 'AllowOWA' -and CountryOrRegion -eq AU'\""_s
        << 1 << -1 << u"-UserRecipientFilter"_s;
    QTest::newRow("unknown filter attribute")
        << u"New-ClientAccessRule X -Action Deny -UserRecipientFilter {Colour -eq 'x'}"_s << 1 << -1
        << u"-UserRecipientFilter"_s;
    QTest::newRow("Test with UniversalOutlook is not testable")
        << u"Test-ClientAccessRule -User julia -Protocol UniversalOutlook -AuthenticationType Basic -RemoteAddress 1.1.1.1 -RemotePort 443"_s
        << 1 << 45 << u"cannot be tested"_s;
    QTest::newRow("Test with port 0")
        << u"Test-ClientAccessRule -User julia -Protocol POP3 -AuthenticationType Basic -RemoteAddress 1.1.1.1 -RemotePort 0"_s
        << 1 << 111 << u"out of range (1 to 65535)"_s;
    QTest::newRow("Test with a bad address")
        << u"Test-ClientAccessRule -User julia -Protocol POP3 -AuthenticationType Basic -RemoteAddress 1.1.1 -RemotePort 1"_s
        << 1 << 91 << u"-RemoteAddress"_s;
    QTest::newRow("Test missing parameters are named")
        << u"Test-ClientAccessRule -User julia -Protocol POP3"_s << 1 << 1
        << u"needs -AuthenticationType, -RemoteAddress, -RemotePort"_s;
    QTest::newRow("H7 the 21st rule names the limit") << [] {
        QString s;
        for (int i = 1; i <= 21; ++i)
            s += u"New-ClientAccessRule R%1 -Action Deny\n"_s.arg(i);
        return s;
    }() << 20 << 1 << u"at most 20 rules"_s; // one rule exists already
    QTest::newRow("H20 OutlookWebApp is not offered by Exchange Server")
        << u"New-ClientAccessRule X -Action Deny -AnyOfProtocols ExchangeAdminCenter,OutlookWebApp"_s
        << 1 << -2 << u"not available in Exchange Server"_s;
    QTest::newRow("syntax errors come through with their location")
        << u"Get-ClientAccessRule\nRemove-ClientAccessRule 'x"_s << 2 << 25
        << u"unterminated string"_s;
}

void TestScriptRunner::errors()
{
    QFETCH(QString, script);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    RuleSet before = plain({u"Existing"_s});
    if (column == -2) { // the environment case
        before.setEnvironment(Environment::ExchangeServer);
        column = 73;
    }
    const ScriptResult result = runScript(script, before);
    QVERIFY(!result.ok());
    QVERIFY2(result.error->message.contains(message), qPrintable(result.error->toString()));
    QCOMPARE(result.error->file, u"s.ps1"_s);
    QCOMPARE(result.error->line, line);
    if (column > 0) {
        QCOMPARE(result.error->column, column);
    } else {
        // Filter errors: the column lies inside the filter's string, past its opening quote.
        const int filterStart = int(script.indexOf(u"-UserRecipientFilter"_s)) + 22;
        QVERIFY2(result.error->column > filterStart, qPrintable(result.error->toString()));
    }
    QVERIFY(result.ruleSet == before);
    QVERIFY(result.history.isEmpty());
    QVERIFY(result.outputs.isEmpty());
}

void TestScriptRunner::atomicity()
{
    const RuleSet before = fixtureF1();
    const QString script =
        u"Set-ClientAccessRule \"Block ActiveSync\" -Enabled $false\n"
        "Remove-ClientAccessRule \"Restrict EAC Access\"\n"
        "New-ClientAccessRule Z -Action Deny -AnyOfClientIPAddressesOrRanges 10.0.0.999\n"_s;
    const ScriptResult result = runScript(script, before);
    QVERIFY(!result.ok());
    QCOMPARE(result.error->line, 3);
    QCOMPARE(result.error->column, 69);
    QVERIFY(result.ruleSet == before);
    QCOMPARE(names(result.ruleSet).size(), 3);
    QVERIFY(result.ruleSet.at(1).enabled);

    // The same script without the bad line applies all of it.
    const ScriptResult good = runScript(script.section(u'\n', 0, 1), before);
    QVERIFY(good.ok());
    QCOMPARE(good.ruleSet.size(), 2);
    QVERIFY(!good.ruleSet.at(1).enabled);
}

void TestScriptRunner::historyAndWhatIf()
{
    const QString script =
        u"New-ClientAccessRule   X `\n   -Action Deny  # first\n"
        "Get-ClientAccessRule\n"
        "Remove-ClientAccessRule X -WhatIf\n"
        "Set-ClientAccessRule X -Enabled:$false; Set-ClientAccessRule X -Priority 1 -WhatIf:$true"_s;
    const ScriptResult result = runScript(script);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.history,
             (QStringList {u"New-ClientAccessRule X -Action Deny"_s,
                           u"Set-ClientAccessRule X -Enabled:$false"_s}));
    QCOMPARE(result.ruleSet.size(), 1); // -WhatIf removed nothing
    QCOMPARE(result.outputs.size(), 3);
    QCOMPARE(result.outputs.at(1).kind, ScriptOutput::Kind::WhatIf);
    QVERIFY(result.outputs.at(1).message.contains(u"remove the rule 'X'"_s));
    QCOMPARE(result.outputs.at(2).kind, ScriptOutput::Kind::WhatIf);
    QCOMPARE(result.outputs.at(2).callIndex, 4);

    // -WhatIf still checks the statement.
    const ScriptResult bad =
        runScript(u"New-ClientAccessRule X -Action Deny -Priority 0 -WhatIf"_s);
    QVERIFY(!bad.ok());
}

void TestScriptRunner::getOutputs()
{
    const RuleSet f1set = fixtureF1();
    const ScriptResult result =
        runScript(u"Get-ClientAccessRule\n"
                  "Get-ClientAccessRule \"block activesync\" | Format-List Name,Priority\n"
                  "Get-ClientAccessRule -Identity $null\n"
                  "Get-ClientAccessRule Nope\n"
                  "Remove-ClientAccessRule \"Block ActiveSync\"\n"
                  "Get-ClientAccessRule | ft"_s,
                  f1set);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.outputs.size(), 5);
    QCOMPARE(result.outputs.at(0).ruleIndexes, (QList<int> {0, 1, 2}));
    QCOMPARE(result.outputs.at(1).ruleIndexes, (QList<int> {1}));
    QCOMPARE(result.outputs.at(1).format, CmdletCall::Format::List);
    QCOMPARE(result.outputs.at(1).properties, (QStringList {u"Name"_s, u"Priority"_s}));
    QCOMPARE(result.outputs.at(2).ruleIndexes, (QList<int> {0, 1, 2}));
    QCOMPARE(result.outputs.at(3).ruleIndexes, (QList<int> {0, 1, 2})); // unknown: all
    QCOMPARE(result.warnings.size(), 1);
    QCOMPARE(result.warnings.first().line, 4);
    // Each output carries the rule set as it stood.
    QCOMPARE(result.outputs.at(4).ruleSet.size(), 2);
    QCOMPARE(result.outputs.at(4).ruleIndexes, (QList<int> {0, 1}));
    QCOMPARE(result.outputs.at(4).format, CmdletCall::Format::Table);
    QCOMPARE(result.outputs.at(0).ruleSet.size(), 3);
}

void TestScriptRunner::testOutputs_data()
{
    QTest::addColumn<QString>("test");
    QTest::addColumn<int>("deciding"); // -1: no rule (allow)
    QTest::addColumn<QString>("action");

    const auto row = [](const char *name, const QString &user, const QString &protocol,
                        const QString &auth, const QString &address, int deciding,
                        const QString &action) {
        QTest::newRow(name)
            << u"Test-ClientAccessRule -User %1 -Protocol %2 -AuthenticationType %3 "
               "-RemoteAddress %4 -RemotePort 443"_s.arg(user, protocol, auth, address)
            << deciding << action;
    };
    row("D1 OWA not covered", u"julia@contoso.com"_s, u"OutlookWebApp"_s, u"Basic"_s,
        u"172.17.17.26"_s, -1, u"AllowAccess"_s);
    row("D2 EAS from outside", u"julia@contoso.com"_s, u"ExchangeActiveSync"_s, u"Basic"_s,
        u"203.0.113.10"_s, 1, u"DenyAccess"_s);
    row("D3 EAS from inside (exception)", u"julia@contoso.com"_s, u"ExchangeActiveSync"_s,
        u"Basic"_s, u"192.168.10.77"_s, -1, u"AllowAccess"_s);
    row("D4 EAC from outside", u"julia@contoso.com"_s, u"ExchangeAdminCenter"_s, u"Basic"_s,
        u"198.51.100.4"_s, 2, u"DenyAccess"_s);
    row("D5 tanyas excused by pattern", u"tanyas@contoso.com"_s, u"ExchangeAdminCenter"_s,
        u"AdfsAuthentication"_s, u"198.51.100.4"_s, -1, u"AllowAccess"_s);
    row("D6 RemotePowerShell allowed by rule 1", u"julia@contoso.com"_s, u"RemotePowerShell"_s,
        u"NonBasic"_s, u"198.51.100.4"_s, 0, u"AllowAccess"_s);
    row("D7 CIDR is inclusive", u"julia@contoso.com"_s, u"ExchangeActiveSync"_s, u"Basic"_s,
        u"192.168.10.255"_s, -1, u"AllowAccess"_s);
    row("D8 just outside the CIDR", u"julia@contoso.com"_s, u"ExchangeActiveSync"_s, u"Basic"_s,
        u"192.168.11.1"_s, 1, u"DenyAccess"_s);
}

void TestScriptRunner::testOutputs()
{
    QFETCH(QString, test);
    QFETCH(int, deciding);
    QFETCH(QString, action);
    const ScriptResult result = runScript(test, fixtureF1());
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.outputs.size(), 1);
    const ScriptOutput &output = result.outputs.first();
    QCOMPARE(output.kind, ScriptOutput::Kind::Test);
    QVERIFY(output.connection.user); // found in the directory
    QCOMPARE(output.evaluation.decidingRule, deciding);
    QCOMPARE(toString(output.evaluation.action), action);
    QVERIFY(result.history.isEmpty()); // tests change nothing
}

void TestScriptRunner::warningsHaveLocations()
{
    const ScriptResult result = runScript(
        u"New-ClientAccessRule X -Action Deny\n"
        "New-ClientAccessRule Y -Action Deny -UsernameMatchesAnyOfPatterns '*ok*', jeff* -Priority "
        "7\n"
        "Test-ClientAccessRule -User nobody@fabrikam.com -Protocol POP3 -AuthenticationType Basic "
        "-RemoteAddress 1.1.1.1 -RemotePort 110"_s);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.warnings.size(), 3);
    // H11: a pattern without a leading * and without \ can never match: at that item.
    QCOMPARE(result.warnings.at(0).line, 2);
    QCOMPARE(result.warnings.at(0).column, 75);
    QVERIFY(result.warnings.at(0).toString().startsWith(u"s.ps1:2:75: warning: "_s));
    // A priority past the end: at the priority value.
    QCOMPARE(result.warnings.at(1).column, 91);
    QVERIFY(result.warnings.at(1).message.contains(u"past the end"_s));
    // A user not in the directory.
    QCOMPARE(result.warnings.at(2).line, 3);
    QCOMPARE(result.outputs.first().connection.username, u"fabrikam.com\\nobody"_s);
}

void TestScriptRunner::filterFindingsPointInsideTheFilter()
{
    // The mixed -and/-or warning names column 20 of the filter: the "-or" at script column 78.
    const ScriptResult result = runScript(
        u"New-ClientAccessRule X -Action Deny -UserRecipientFilter \"City -eq 'Redmond' -or "
        "City -eq 'x' -and Department -eq 'y'\""_s);
    QVERIFY(result.ok());
    QCOMPARE(result.warnings.size(), 1);
    QCOMPARE(result.warnings.first().column, 78);
    // In a script block spanning lines the error lands on the right line and column.
    const ScriptResult bad = runScript(
        u"New-ClientAccessRule X -Action Deny -UserRecipientFilter {\n  City -eq 'a' -and\n"
        "  Colour -eq 'b'}"_s);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error->line, 3);
    QCOMPARE(bad.error->column, 3);
    QVERIFY(bad.error->message.contains(u"Colour"_s));
}

QTEST_GUILESS_MAIN(TestScriptRunner)
#include "tst_scriptrunner.moc"
