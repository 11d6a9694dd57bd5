New-ClientAccessRule "Deny Redmond braces" -Action DenyAccess -AnyOfProtocols OutlookWebApp -UserRecipientFilter {City -eq "Redmond"}
