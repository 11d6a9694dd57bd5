New-ClientAccessRule H15 -Action DenyAccess -UserRecipientFilter "Department -ne 'Sales'"
