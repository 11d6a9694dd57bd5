New-ClientAccessRule "End users only" -Action DenyAccess -Scope Users -AnyOfProtocols ExchangeWebServices
New-ClientAccessRule "Everyone" -Action DenyAccess -Scope All -AnyOfProtocols REST
