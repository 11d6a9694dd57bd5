#pragma once

#include "workspace.h"

#include <QString>
#include <QStringList>

namespace Car {

/// Errors come back as values; the caller decides how to show them.
struct StoreResult
{
    bool ok = true;
    QString error;

    static StoreResult success() { return {}; }
    static StoreResult failure(const QString &message) { return {false, message}; }
    explicit operator bool() const { return ok; }
};

/// Where a workspace lives. Implemented by SqliteWorkspaceStore in storage/ and by an in-memory
/// fake in tests. Every write is one transaction: it all lands or nothing does.
class RuleStore
{
public:
    virtual ~RuleStore() = default;

    /// Reads the whole workspace.
    virtual StoreResult load(WorkspaceData &out) = 0;

    /// Replaces the rule set (rules, order, environment, NetBIOS domain) and appends `history`
    /// (one cmdlet line each, source `source`) in one transaction.
    virtual StoreResult saveRuleSet(const RuleSet &rules, const QStringList &history,
                                    const QString &source) = 0;

    /// Replaces the whole directory in one transaction (CSV import).
    virtual StoreResult saveDirectory(const Directory &directory) = 0;

    /// Inserts a user, or replaces the one whose UserPrincipalName was `previousUpn` (ignoring
    /// case), keeping its place in the import order. One transaction.
    virtual StoreResult saveUser(const DirectoryUser &user, const QString &previousUpn) = 0;

    /// Removes the user with this UserPrincipalName (ignoring case). One transaction.
    virtual StoreResult removeUser(const QString &upn) = 0;

    /// Stores the administrator settings.
    virtual StoreResult saveAdmin(const AdminSettings &admin) = 0;

    /// The change history, oldest first.
    virtual StoreResult history(QList<HistoryEntry> &out) = 0;
};

} // namespace Car
