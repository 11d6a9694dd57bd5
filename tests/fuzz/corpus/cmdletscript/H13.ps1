New-ClientAccessRule H13 -Action DenyAccess -UsernameMatchesAnyOfPatterns contoso.com\jeff
