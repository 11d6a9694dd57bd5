New-ClientAccessRule H9 -Action DenyAccess -AnyOfClientIPAddressesOrRanges 192.168.0.1-192.168.0.254
