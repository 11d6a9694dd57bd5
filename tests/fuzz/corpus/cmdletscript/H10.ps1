New-ClientAccessRule H10 -Action DenyAccess -AnyOfClientIPAddressesOrRanges 2001:DB8::2AA:FF:C0A8:640A/64
