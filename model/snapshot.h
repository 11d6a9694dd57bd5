#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace Car {

/// What a workspace lists about one snapshot: a named, frozen copy of the rule set ("applied to
/// Exchange 2026-11-27"). The rules themselves are read with RuleStore::loadSnapshot().
struct SnapshotInfo
{
    QString name; ///< unique in the workspace, ignoring case
    QDateTime created; ///< UTC, set by the store when the snapshot is saved
    QString note; ///< free text; may be empty
    int ruleCount = 0;

    friend bool operator==(const SnapshotInfo &a, const SnapshotInfo &b)
    {
        return a.name == b.name && a.created == b.created && a.note == b.note
            && a.ruleCount == b.ruleCount;
    }
};

/// The rules for snapshot names, shared by every store and by the CLI and console.
class SnapshotNames
{
    Q_DECLARE_TR_FUNCTIONS(Car::SnapshotNames)

public:
    /// The longest name accepted, in UTF-16 code units.
    static constexpr int MaxLength = 200;

    /// The name that stands for the current (working) rule set in `snapshot diff`; no snapshot
    /// may take it (ignoring case).
    static QString current() { return QStringLiteral("current"); }

    /// Empty when `name` may name a snapshot; otherwise why not: empty, leading or trailing
    /// blanks, a control character (a line break would break listings), too long, or the
    /// reserved name `current`.
    static QString validate(const QString &name);

    /// The key two names are compared by (Unicode case folding): "Before Go-Live" and
    /// "before go-live" are the same snapshot.
    static QString key(const QString &name) { return name.toCaseFolded(); }
};

/// The name checks snapshots and saved tests share. `what` names the thing in messages
/// ("snapshot name"). Empty when valid.
QString validateStoredName(const QString &name, const QString &what, int maxLength);

} // namespace Car
