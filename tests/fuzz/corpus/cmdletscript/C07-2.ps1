New-ClientAccessRule "Deny Singapore OWA" -Action DenyAccess -AnyOfProtocols OutlookWebApp -UserRecipientFilter "CountryOrRegion -eq 'SG'"
