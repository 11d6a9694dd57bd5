New-ClientAccessRule -Name X -Action DenyAccess -AnyOfProtocols OutlookWebApp,ExchangeAdminCenter -WhatIf
<# block
comment #>
New-ClientAccessRule `
  -Name Y -Action DenyAccess -Scope Users -UserRecipientFilter {Department -eq 'Sales' -and City -like 'Z*'}
