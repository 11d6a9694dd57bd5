New-ClientAccessRule H12 -Action DenyAccess -UsernameMatchesAnyOfPatterns *jeff*
