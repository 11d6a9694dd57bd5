# Fixture F2 (examples.md section E, C21).
New-ClientAccessRule -Name "Always Allow Remote PowerShell" -Action Allow -AnyOfProtocols RemotePowerShell -Priority 1
New-ClientAccessRule -Name "Always Permitted Users" -priority 2 -enabled $true -Action AllowAccess -UsernameMatchesAnyOfPatterns your.domain\Bob.Scroggins,your.domain\will,your.domain\gemma.arterton
New-ClientAccessRule -Name "Allow Internal Network" -priority 3 -enabled $true -Action AllowAccess -AnyOfClientIPAddressesOrRanges 185.205.21.121,192.76.64.118,108.178.148.194
New-ClientAccessRule -Name "Block everything else" -priority 4 -enabled $true -Action DenyAccess
