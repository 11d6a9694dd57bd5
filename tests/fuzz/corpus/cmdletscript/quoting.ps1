New-ClientAccessRule -Name 'it''s `$(x); # <#' -Action AllowAccess -ExceptUsernameMatchesAnyOfPatterns '*\alice','bob*'
Set-ClientAccessRule -Identity "it's `$(x); # <#" -Enabled $false -Priority 1
Get-ClientAccessRule | Format-List Name
Test-ClientAccessRule -User alice -Protocol ExchangeActiveSync -AuthenticationType BasicAuthentication -RemoteAddress 10.0.0.1 -RemotePort 443
Remove-ClientAccessRule -Identity 'it''s `$(x); # <#' -Confirm:$false
