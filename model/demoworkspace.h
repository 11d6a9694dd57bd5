#pragma once

#include "workspace.h"

namespace Car {

/// The demo workspace the console opens on first run (issue 3): the three rules of Microsoft's
/// seed article in the order the article leaves them,
///   1. "Always Allow Remote PowerShell"  AllowAccess, AnyOfProtocols RemotePowerShell
///   2. "Allow EAC access only for MGMT"   DenyAccess, ExchangeAdminCenter except from the
///      management network 192.168.10.0/24 (disabled: the article removes it before adding 3)
///   3. "Allow access to EAC only for IT" DenyAccess, ExchangeAdminCenter,
///      UserRecipientFilter {Department -ne 'IT'}
/// a directory of twelve contoso.com mailbox users in IT, HR, Marketing and Sales, and the
/// administrator settings (an IT user and a public address). Environment: ExchangeOnline.
WorkspaceData makeDemoWorkspace();

/// Names of the seed rules, for tests and the documentation.
namespace DemoRules {
inline constexpr char16_t AlwaysAllowRemotePowerShell[] = u"Always Allow Remote PowerShell";
inline constexpr char16_t EacOnlyForMgmt[] = u"Allow EAC access only for MGMT";
inline constexpr char16_t EacOnlyForIt[] = u"Allow access to EAC only for IT";
} // namespace DemoRules

/// The demo's management network and the administrator's public address.
inline constexpr char16_t DemoManagementNetwork[] = u"192.168.10.0/24";
inline constexpr char16_t DemoAdminAddress[] = u"203.0.113.25";
inline constexpr char16_t DemoAdminUser[] = u"nestor.wilke@contoso.com";

} // namespace Car
