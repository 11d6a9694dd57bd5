# The seed scenario of issue 2: keep Remote PowerShell open, limit the classic EAC to the
# management network and to the IT department.
New-ClientAccessRule -Name "Always Allow Remote PowerShell" -Action Allow -AnyOfProtocols RemotePowerShell -Priority 1
New-ClientAccessRule -Name "Restrict EAC to management" -Action DenyAccess -AnyOfProtocols ExchangeAdminCenter `
    -ExceptAnyOfClientIPAddressesOrRanges 192.168.10.1/24
New-ClientAccessRule -Name "EAC only for IT" -Action DenyAccess -AnyOfProtocols ExchangeAdminCenter -UserRecipientFilter "Department -ne 'IT'"
