New-ClientAccessRule X -Action Deny
