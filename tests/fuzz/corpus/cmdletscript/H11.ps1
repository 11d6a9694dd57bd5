New-ClientAccessRule H11 -Action DenyAccess -UsernameMatchesAnyOfPatterns jeff*
