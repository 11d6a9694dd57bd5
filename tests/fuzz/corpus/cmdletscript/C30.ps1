# C30's mocked Get-ClientAccessRule object as a cmdlet, enabled so that it can decide.
New-ClientAccessRule -Name 'ExampleCASRule' -Action AllowAccess -Enabled $true -Scope Users `
    -AnyOfAuthenticationTypes 'AdfsAuthentication','BasicAuthentication' `
    -AnyOfClientIPAddressesOrRanges '192.168.1.100','10.1.1.0/24','172.16.5.1-172.16.5.150' `
    -AnyOfProtocols 'ExchangeAdminCenter','OutlookWebApp' `
    -ExceptAnyOfClientIPAddressesOrRanges '10.1.1.13','172.16.5.2' `
    -ExceptUsernameMatchesAnyOfPatterns '*ThatGuy*','contoso\JohnDoe' `
    -UserRecipientFilter '{City -eq "Redmond"}'
