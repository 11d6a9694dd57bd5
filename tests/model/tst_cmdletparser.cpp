#include "cmdletparser.h"

#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

QString shortName(Cmdlet cmdlet)
{
    return cmdletName(cmdlet).section(u'-', 0, 0);
}

QString items(const QList<CmdletValueItem> &list)
{
    QStringList parts;
    for (const CmdletValueItem &item : list)
        parts << u"'"_s + item.text + u"'"_s;
    return parts.join(u',');
}

/// A compact rendering of the calls: "New Name='x' Action='Deny'" one call per line.
QString render(const QList<CmdletCall> &calls)
{
    QStringList lines;
    for (const CmdletCall &call : calls) {
        QString line = shortName(call.cmdlet);
        for (const CmdletArgument &argument : call.arguments) {
            line += u' ' + argument.name + u'=';
            const CmdletValue &v = argument.value;
            switch (v.kind) {
            case CmdletValue::Kind::Switch:
                line += u"<switch>"_s;
                break;
            case CmdletValue::Kind::String:
            case CmdletValue::Kind::List:
                line += (v.kind == CmdletValue::Kind::List ? u"L:"_s : QString()) + items(v.items);
                break;
            case CmdletValue::Kind::Boolean:
                line += v.boolean ? u"$true"_s : u"$false"_s;
                break;
            case CmdletValue::Kind::Null:
                line += u"$null"_s;
                break;
            case CmdletValue::Kind::ScriptBlock:
                line += u"B:"_s + v.items.first().text;
                break;
            case CmdletValue::Kind::Hashtable: {
                QStringList entries;
                for (const CmdletHashEntry &e : v.entries)
                    entries << e.key + u':' + (e.isNull ? u"$null"_s : items(e.items));
                line += u"@{"_s + entries.join(u';') + u'}';
                break;
            }
            }
        }
        if (call.format != CmdletCall::Format::None) {
            line += call.format == CmdletCall::Format::List ? u" |fl"_s : u" |ft"_s;
            if (!call.formatProperties.isEmpty())
                line += u' ' + call.formatProperties.join(u',');
        }
        lines << line;
    }
    return lines.join(u'\n');
}

} // namespace

class TestCmdletParser : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void errors_data();
    void errors();
    void locations();
    void statementText_data();
    void statementText();
    void errorFormat();
    void itemLocationInsideString();
};

void TestCmdletParser::parses_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty script has no calls") << u"  \n\n # only a comment\n"_s << QString();
    QTest::newRow("C01 verbatim")
        << u"New-ClientAccessRule -Name AllowRemotePS -Action Allow -AnyOfProtocols "
           "RemotePowerShell -Priority 1"_s
        << u"New Name='AllowRemotePS' Action='Allow' AnyOfProtocols='RemotePowerShell' "
           "Priority='1'"_s;
    QTest::newRow("C02 double-quoted name with a blank")
        << u"New-ClientAccessRule -Name \"Block ActiveSync\" -Action DenyAccess"_s
        << u"New Name='Block ActiveSync' Action='DenyAccess'"_s;
    QTest::newRow("C03 first positional of Set binds -Identity; hashtable Add")
        << u"Set-ClientAccessRule \"Allow IMAP4\" -AnyOfClientIPAddressesOrRanges "
           "@{Add=\"172.17.17.27/16\"}"_s
        << u"Set AnyOfClientIPAddressesOrRanges=@{Add:'172.17.17.27/16'} Identity='Allow IMAP4'"_s;
    QTest::newRow("C23 first positional of New binds -Name")
        << u"New-ClientAccessRule \"test\" -Priority 3 -Enabled $false"_s
        << u"New Priority='3' Enabled=$false Name='test'"_s;
    QTest::newRow("cmdlet and parameter names ignore case")
        << u"new-CLIENTACCESSRULE -nAME x -action deny"_s << u"New Name='x' Action='deny'"_s;
    QTest::newRow("unique parameter prefix binds")
        << u"New-ClientAccessRule -N x -Act d -Sc u -Pri 2"_s
        << u"New Name='x' Action='d' Scope='u' Priority='2'"_s;
    QTest::newRow("colon form binds its value")
        << u"New-ClientAccessRule -Name:x -Enabled:$false -Action: Deny"_s
        << u"New Name='x' Enabled=$false Action='Deny'"_s;
    QTest::newRow("switch with colon boolean, and bare switch")
        << u"Remove-ClientAccessRule -Identity x -Confirm:$false -WhatIf"_s
        << u"Remove Identity='x' Confirm=$false WhatIf=<switch>"_s;
    QTest::newRow("semicolon separates statements on one line")
        << u"Get-ClientAccessRule; Remove-ClientAccessRule a;Get-ClientAccessRule"_s
        << u"Get\nRemove Identity='a'\nGet"_s;
    QTest::newRow("line comment after a statement, comment lines")
        << u"# header\nRemove-ClientAccessRule a # why\n  # more\n"_s << u"Remove Identity='a'"_s;
    QTest::newRow("block comment spanning lines, and inline")
        << u"<# a\n multi-line # comment #>\nRemove-ClientAccessRule <# x #> a"_s
        << u"Remove Identity='a'"_s;
    QTest::newRow("backtick continues the line")
        << u"New-ClientAccessRule -Name x `\n    -Action Deny `\r\n  -Priority 2"_s
        << u"New Name='x' Action='Deny' Priority='2'"_s;
    QTest::newRow("single-quoted: doubled quote, no escapes, no expansion")
        << u"Remove-ClientAccessRule 'O''Brien `n $x'"_s << u"Remove Identity='O'Brien `n $x'"_s;
    QTest::newRow("double-quoted: doubled quote and backtick escapes")
        << u"Remove-ClientAccessRule \"a\"\"b `\"c`t`n`$d\""_s
        << u"Remove Identity='a\"b \"c\t\n$d'"_s;
    QTest::newRow("double-quoted: variables stay literal text")
        << u"Remove-ClientAccessRule \"$x $(Get-Date) ${y}\""_s
        << u"Remove Identity='$x $(Get-Date) ${y}'"_s;
    QTest::newRow("typographic single quotes (U+2018/U+2019) and doubled U+2019")
        << u"Remove-ClientAccessRule \u2018Tanya\u2019\u2019s rule\u2019"_s
        << u"Remove Identity='Tanya\u2019s rule'"_s;
    QTest::newRow("typographic double quotes (U+201C/U+201D/U+201E)")
        << u"Remove-ClientAccessRule \u201CBlock EAS\u201D; Remove-ClientAccessRule \u201Ex\u201C"_s
        << u"Remove Identity='Block EAS'\nRemove Identity='x'"_s;
    QTest::newRow("typographic dash before a parameter (copied from docs)")
        << u"New-ClientAccessRule \u2013Name x \u2014Action Deny"_s
        << u"New Name='x' Action='Deny'"_s;
    QTest::newRow("comma list with blanks and per-item quotes")
        << u"New-ClientAccessRule x -AnyOfProtocols IMAP4, 'POP3' ,\"REST\""_s
        << u"New AnyOfProtocols=L:'IMAP4','POP3','REST' Name='x'"_s;
    QTest::newRow("one quoted string with commas is one value")
        << u"New-ClientAccessRule x -AnyOfProtocols \"IMAP4,POP3\""_s
        << u"New AnyOfProtocols='IMAP4,POP3' Name='x'"_s;
    QTest::newRow("a trailing comma continues the list on the next line")
        << u"New-ClientAccessRule x -AnyOfProtocols IMAP4,\n   POP3 -Action Deny"_s
        << u"New AnyOfProtocols=L:'IMAP4','POP3' Action='Deny' Name='x'"_s;
    QTest::newRow("script block filter keeps braces and inner quotes")
        << u"New-ClientAccessRule x -UserRecipientFilter {City -eq \"Red}mond\"}"_s
        << u"New UserRecipientFilter=B:{City -eq \"Red}mond\"} Name='x'"_s;
    QTest::newRow("hashtable with both keys, lists, any key case")
        << u"Set-ClientAccessRule x -AnyOfProtocols @{ add = 'IMAP4','POP3' ; REMOVE=\"REST\" }"_s
        << u"Set AnyOfProtocols=@{add:'IMAP4','POP3';REMOVE:'REST'} Identity='x'"_s;
    QTest::newRow("hashtable entries on separate lines")
        << u"Set-ClientAccessRule x -AnyOfProtocols @{\n  Add = 'IMAP4'\n  Remove = 'POP3'\n}"_s
        << u"Set AnyOfProtocols=@{Add:'IMAP4';Remove:'POP3'} Identity='x'"_s;
    QTest::newRow("hashtable number values need no quotes")
        << u"Set-ClientAccessRule x -AnyOfSourceTcpPortNumbers @{Add=443,8443}"_s
        << u"Set AnyOfSourceTcpPortNumbers=@{Add:'443','8443'} Identity='x'"_s;
    QTest::newRow("$null clears (a value of its own)")
        << u"Set-ClientAccessRule x -AnyOfProtocols $NULL -UserRecipientFilter $null"_s
        << u"Set AnyOfProtocols=$null UserRecipientFilter=$null Identity='x'"_s;
    QTest::newRow("@( ) and ( ) lists of quoted values, over lines")
        << u"New-ClientAccessRule x -AnyOfProtocols @('IMAP4',\n'POP3') -ExceptAnyOfProtocols ('REST')"_s
        << u"New AnyOfProtocols=L:'IMAP4','POP3' ExceptAnyOfProtocols=L:'REST' Name='x'"_s;
    QTest::newRow("Get piped to fl with properties")
        << u"Get-ClientAccessRule -Identity \"Block\" | Format-List Name,Priority,Enabled"_s
        << u"Get Identity='Block' |fl Name,Priority,Enabled"_s;
    QTest::newRow("Get piped to ft -AutoSize, line break after the pipe")
        << u"Get-ClientAccessRule |\n  ft -AutoSize -Property Name"_s << u"Get |ft Name"_s;
    QTest::newRow("here-string value")
        << u"Remove-ClientAccessRule @'\nline 'one'\n'@"_s << u"Remove Identity='line 'one''"_s;
    QTest::newRow("bare word concatenates adjacent quoted parts")
        << u"Remove-ClientAccessRule ab'c d'\"e\""_s << u"Remove Identity='abc de'"_s;
    QTest::newRow("bare word keeps backslash, star, @, # inside")
        << u"New-ClientAccessRule x -UsernameMatchesAnyOfPatterns contoso\\*tan#ya*,jeff@x"_s
        << u"New UsernameMatchesAnyOfPatterns=L:'contoso\\*tan#ya*','jeff@x' Name='x'"_s;
    QTest::newRow("negative number is a value, not a parameter")
        << u"New-ClientAccessRule x -Priority -1"_s << u"New Priority='-1' Name='x'"_s;
    QTest::newRow("common parameters accepted")
        << u"Get-ClientAccessRule -DomainController dc1.contoso.com -Verbose"_s
        << u"Get DomainController='dc1.contoso.com' Verbose=<switch>"_s;
    QTest::newRow("Test-ClientAccessRule C06")
        << u"Test-ClientAccessRule -AuthenticationType BasicAuthentication -Protocol "
           "OutlookWebApp -RemoteAddress 172.17.17.26 -RemotePort 443 -User julia@contoso.com"_s
        << u"Test AuthenticationType='BasicAuthentication' Protocol='OutlookWebApp' "
           "RemoteAddress='172.17.17.26' RemotePort='443' User='julia@contoso.com'"_s;
    QTest::newRow("CRLF line ends")
        << u"Remove-ClientAccessRule a\r\nRemove-ClientAccessRule b\r\n"_s
        << u"Remove Identity='a'\nRemove Identity='b'"_s;
}

void TestCmdletParser::parses()
{
    QFETCH(QString, script);
    QFETCH(QString, expected);
    const CmdletScript result = CmdletParser::parse(script, u"t.ps1"_s);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(render(result.calls), expected);
}

void TestCmdletParser::errors_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown cmdlet") << u"Get-ClientAccessRule\n  Get-Mailbox x"_s << 2 << 3
                                    << u"unknown cmdlet 'Get-Mailbox'"_s;
    QTest::newRow("unknown parameter") << u"New-ClientAccessRule x -Colour red"_s << 1 << 24
                                       << u"New-ClientAccessRule has no parameter -Colour"_s;
    QTest::newRow("ambiguous prefix -Ex lists the candidates")
        << u"New-ClientAccessRule x -Ex IMAP4"_s << 1 << 24
        << u"-Ex is ambiguous; it could be: -ExceptAnyOfProtocols, "
           "-ExceptAnyOfAuthenticationTypes"_s;
    QTest::newRow("ambiguous prefix -D (DatacenterAdminsOnly, DomainController)")
        << u"Set-ClientAccessRule x -D y"_s << 1 << 24
        << u"-DatacenterAdminsOnly, -DomainController"_s;
    QTest::newRow("parameter given twice (by prefix the second time)")
        << u"New-ClientAccessRule -Name x -Action Deny -act Allow"_s << 1 << 43
        << u"-Action is given twice (first at line 1, column 30)"_s;
    QTest::newRow("list to a single-valued parameter points at the 2nd item")
        << u"New-ClientAccessRule -Name a,b"_s << 1 << 30
        << u"-Name takes a single value, not a list"_s;
    QTest::newRow("second positional value")
        << u"Remove-ClientAccessRule a b"_s << 1 << 27 << u"second positional value 'b'"_s;
    QTest::newRow("positional value when -Name is named")
        << u"New-ClientAccessRule x -Name y"_s << 1 << 22
        << u"positional value 'x' cannot be bound: -Name is already given"_s;
    QTest::newRow("switch followed by a separate boolean hints the colon form")
        << u"Remove-ClientAccessRule -Identity a -Confirm $false"_s << 1 << 46
        << u"write -Confirm:$false"_s;
    QTest::newRow("variable other than $true/$false/$null")
        << u"New-ClientAccessRule x -Action $deny"_s << 1 << 32
        << u"variable $deny is not supported"_s;
    QTest::newRow("variable inside a bare word") << u"New-ClientAccessRule x -Action Deny$y"_s << 1
                                                 << 36 << u"variable $y is not supported"_s;
    QTest::newRow("environment variable")
        << u"Remove-ClientAccessRule $env:RULE"_s << 1 << 25 << u"variable $env:RULE"_s;
    QTest::newRow("subexpression outside quotes")
        << u"Remove-ClientAccessRule $(Get-Date)"_s << 1 << 25 << u"subexpressions"_s;
    QTest::newRow("statement starting with an assignment")
        << u"$x = 1"_s << 1 << 1 << u"variable $x is not supported"_s;
    QTest::newRow("unterminated single-quoted string points at its quote")
        << u"Remove-ClientAccessRule a\nRemove-ClientAccessRule 'b\n"_s << 2 << 25
        << u"unterminated string"_s;
    QTest::newRow("unterminated double-quoted string (escaped quote does not close)")
        << u"Remove-ClientAccessRule \"b`\""_s << 1 << 25 << u"unterminated string"_s;
    QTest::newRow("unterminated typographic string")
        << u"Remove-ClientAccessRule \u201Cb"_s << 1 << 25 << u"unterminated string"_s;
    QTest::newRow("unterminated script block")
        << u"New-ClientAccessRule x -UserRecipientFilter {City -eq 'x'"_s << 1 << 45
        << u"unterminated script block"_s;
    QTest::newRow("unterminated hashtable")
        << u"Set-ClientAccessRule x -AnyOfProtocols @{Add='IMAP4'"_s << 1 << 40
        << u"unterminated hashtable"_s;
    QTest::newRow("unterminated block comment") << u"Get-ClientAccessRule\n  <# never closed"_s << 2
                                                << 3 << u"unterminated block comment"_s;
    QTest::newRow("missing value at the end of the line")
        << u"New-ClientAccessRule x -Action\n-Priority 1"_s << 1 << 24
        << u"missing a value for parameter -Action"_s;
    QTest::newRow("missing value before the next parameter")
        << u"New-ClientAccessRule x -Action -Priority 1"_s << 1 << 24
        << u"missing a value for parameter -Action"_s;
    QTest::newRow("hashtable on New- is not allowed")
        << u"New-ClientAccessRule x -AnyOfProtocols @{Add='IMAP4'}"_s << 1 << 40
        << u"-AnyOfProtocols does not take a hashtable"_s;
    QTest::newRow("hashtable on a single-valued Set- parameter")
        << u"Set-ClientAccessRule x -Name @{Add='y'}"_s << 1 << 30
        << u"-Name does not take a hashtable"_s;
    QTest::newRow("hashtable key other than Add/Remove")
        << u"Set-ClientAccessRule x -AnyOfProtocols @{Add='a'; Replace='b'}"_s << 1 << 51
        << u"unknown key 'Replace'"_s;
    QTest::newRow("hashtable key twice")
        << u"Set-ClientAccessRule x -AnyOfProtocols @{Add='a'; add='b'}"_s << 1 << 51
        << u"the key 'add' appears twice"_s;
    QTest::newRow("bare word inside a hashtable needs quotes")
        << u"Set-ClientAccessRule x -AnyOfProtocols @{Add=IMAP4}"_s << 1 << 46
        << u"'IMAP4' needs quotes here"_s;
    QTest::newRow("script block for a string parameter")
        << u"New-ClientAccessRule -Name {x}"_s << 1 << 28
        << u"-Name does not take a script block"_s;
    QTest::newRow("switch given a non-boolean through the colon")
        << u"Remove-ClientAccessRule a -WhatIf:yes"_s << 1 << 35 << u"-WhatIf is a switch"_s;
    QTest::newRow("Test- has no positional parameter")
        << u"Test-ClientAccessRule julia"_s << 1 << 23
        << u"Test-ClientAccessRule takes no positional value"_s;
    QTest::newRow("pipeline after New- is not supported")
        << u"New-ClientAccessRule x -Action Deny | Format-List"_s << 1 << 37
        << u"only supported after Get-ClientAccessRule"_s;
    QTest::newRow("pipeline to something other than a formatter")
        << u"Get-ClientAccessRule | Sort-Object Priority"_s << 1 << 24 << u"not 'Sort-Object'"_s;
    QTest::newRow("$null inside a list") << u"New-ClientAccessRule x -AnyOfProtocols IMAP4,$null"_s
                                         << 1 << 46 << u"$null cannot be part of a list"_s;
    QTest::newRow("empty list item between commas")
        << u"New-ClientAccessRule x -AnyOfProtocols IMAP4,,POP3"_s << 1 << 46
        << u"missing a value before ','"_s;
    QTest::newRow("unexpected closing brace")
        << u"Remove-ClientAccessRule a }"_s << 1 << 27 << u"unexpected '}'"_s;
    QTest::newRow("error on a later line has the right line and column")
        << u"Get-ClientAccessRule\n\n# c\n   New-ClientAccessRule x -Bogus 1"_s << 4 << 27
        << u"no parameter -Bogus"_s;
    QTest::newRow("column counts characters after a non-BMP character")
        << u"Remove-ClientAccessRule '\U0001F600' -Nope"_s << 1 << 29 << u"-Nope"_s;
}

void TestCmdletParser::errors()
{
    QFETCH(QString, script);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const CmdletScript result = CmdletParser::parse(script, u"bad.ps1"_s);
    QVERIFY(!result.ok());
    QVERIFY(result.calls.isEmpty());
    const ScriptError &error = *result.error;
    QVERIFY2(error.message.contains(message), qPrintable(error.toString()));
    QCOMPARE(error.file, u"bad.ps1"_s);
    QCOMPARE(error.line, line);
    QCOMPARE(error.column, column);
}

void TestCmdletParser::locations()
{
    const QString script =
        u"Get-ClientAccessRule\n  New-ClientAccessRule 'x' -AnyOfProtocols IMAP4,  "
        "POP3 `\n   -Act Deny"_s;
    const CmdletScript result = CmdletParser::parse(script);
    QVERIFY(result.ok());
    QCOMPARE(result.calls.size(), 2);
    const CmdletCall &call = result.calls.at(1);
    QCOMPARE(call.location, (SourceLocation {2, 3}));
    const CmdletArgument *protocols = call.argument(u"anyofprotocols");
    QVERIFY(protocols);
    QCOMPARE(protocols->location, (SourceLocation {2, 28}));
    QCOMPARE(protocols->written, u"-AnyOfProtocols"_s);
    QCOMPARE(protocols->value.items.at(0).location, (SourceLocation {2, 44}));
    QCOMPARE(protocols->value.items.at(1).location, (SourceLocation {2, 52}));
    const CmdletArgument *action = call.argument(u"Action");
    QVERIFY(action);
    QCOMPARE(action->written, u"-Act"_s);
    QCOMPARE(action->location, (SourceLocation {3, 4}));
    const CmdletArgument *name = call.argument(u"Name");
    QVERIFY(name && name->positional);
    QCOMPARE(name->location, (SourceLocation {2, 24}));
    QVERIFY(name->value.items.first().quoted);
}

void TestCmdletParser::statementText_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("normalized");

    QTest::newRow("blanks collapse, comments and continuations go")
        << u"  New-ClientAccessRule   -Name  x `\n   -Action   Deny  # note\n"_s
        << u"New-ClientAccessRule -Name x -Action Deny"_s;
    QTest::newRow("list blanks normalised but string content kept")
        << u"New-ClientAccessRule 'a  b' -AnyOfProtocols IMAP4,\n  POP3"_s
        << u"New-ClientAccessRule 'a  b' -AnyOfProtocols IMAP4, POP3"_s;
    QTest::newRow("hashtable over lines becomes one line with ;")
        << u"Set-ClientAccessRule x -AnyOfProtocols @{\n Add='IMAP4'\n Remove='POP3'\n}"_s
        << u"Set-ClientAccessRule x -AnyOfProtocols @{ Add='IMAP4'; Remove='POP3' }"_s;
    QTest::newRow("block comment inside is dropped")
        << u"Remove-ClientAccessRule <# why #> a"_s << u"Remove-ClientAccessRule a"_s;
    QTest::newRow("script block over lines becomes one line")
        << u"New-ClientAccessRule x -UserRecipientFilter {\n  City -eq 'x'\n}"_s
        << u"New-ClientAccessRule x -UserRecipientFilter { City -eq 'x' }"_s;
}

void TestCmdletParser::statementText()
{
    QFETCH(QString, script);
    QFETCH(QString, normalized);
    const CmdletScript result = CmdletParser::parse(script);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.calls.size(), 1);
    QCOMPARE(result.calls.first().normalizedText, normalized);
    QVERIFY(script.contains(result.calls.first().text));
    // The normalized text parses again and is its own normal form.
    const CmdletScript again = CmdletParser::parse(normalized);
    QVERIFY(again.ok());
    QCOMPARE(again.calls.first().normalizedText, normalized);
    if (!normalized.contains(u'{'))
        QCOMPARE(render(again.calls), render(result.calls));
}

void TestCmdletParser::errorFormat()
{
    const CmdletScript result = CmdletParser::parse(u"\n  Bogus-Thing"_s, u"rules.ps1"_s);
    QVERIFY(!result.ok());
    QCOMPARE(result.error->toString(),
             u"rules.ps1:2:3: error: unknown cmdlet 'Bogus-Thing'; expected New-, Set-, Get-, "
             "Remove- or Test-ClientAccessRule"_s);
}

void TestCmdletParser::itemLocationInsideString()
{
    const CmdletScript result =
        CmdletParser::parse(u"New-ClientAccessRule x -UserRecipientFilter \"City -eq 'x'\""_s);
    QVERIFY(result.ok());
    const CmdletValueItem &item =
        result.calls.first().argument(u"UserRecipientFilter")->value.items.first();
    QVERIFY(item.verbatim);
    QCOMPARE(item.locationAt(0), (SourceLocation {1, 46}));
    QCOMPARE(item.locationAt(5), (SourceLocation {1, 51}));
    // An escaped string cannot be mapped character by character: falls back to the quote.
    const CmdletScript escaped =
        CmdletParser::parse(u"New-ClientAccessRule x -UserRecipientFilter \"a`tb\""_s);
    const CmdletValueItem &e =
        escaped.calls.first().argument(u"UserRecipientFilter")->value.items.first();
    QVERIFY(!e.verbatim);
    QCOMPARE(e.locationAt(2), (SourceLocation {1, 45}));
}

QTEST_GUILESS_MAIN(TestCmdletParser)
#include "tst_cmdletparser.moc"
