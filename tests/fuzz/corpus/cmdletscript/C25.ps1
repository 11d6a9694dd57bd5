New-ClientAccessRule "Allow OWA with Basic" -Priority 1 -Action AllowAccess -AnyOfProtocols OutlookWebApp -AnyOfAuthenticationTypes BasicAuthentication
New-ClientAccessRule "Restrict All except PS" -Priority 2 -Action DenyAccess -ExceptAnyOfProtocols RemotePowershell
