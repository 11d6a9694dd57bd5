New-ClientAccessRule "Deny Redmond OWA" -Action DenyAccess -AnyOfProtocols OutlookWebApp -UserRecipientFilter "City -eq 'Redmond'"
