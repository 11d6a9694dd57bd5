#pragma once

#include "directory.h"
#include "ruleset.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Car {

/// Preferences kept in the workspace: who the administrator is, for the lockout guard.
struct AdminSettings
{
    QString user; ///< the administrator's user (UPN or DOMAIN\name)
    QString address; ///< the administrator's public address, as seen by Exchange
    friend bool operator==(const AdminSettings &a, const AdminSettings &b)
    {
        return a.user == b.user && a.address == b.address;
    }
};

/// One entry of the change history: when, where from, and the change as a cmdlet line.
struct HistoryEntry
{
    QDateTime when; ///< UTC
    QString source; ///< "cli", "console", "import", ...
    QString cmdlet; ///< e.g. Set-ClientAccessRule -Identity 'Block EAS' -Enabled $false
};

/// Everything one workspace file holds.
struct WorkspaceData
{
    RuleSet ruleSet; ///< carries the environment and NetBIOS domain
    Directory directory;
    AdminSettings admin;
};

} // namespace Car
