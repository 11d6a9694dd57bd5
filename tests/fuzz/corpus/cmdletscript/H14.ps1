New-ClientAccessRule "Block EWS for Sales" -Action DenyAccess -AnyOfProtocols ExchangeWebServices -UserRecipientFilter "Department -eq 'Sales'"
