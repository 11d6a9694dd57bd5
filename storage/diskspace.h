#pragma once

#include <QCoreApplication>
#include <QString>

namespace Car {

/// Says when a full disk is why SQLite failed. SQLite reports the commonest case, no room to
/// create the -shm file beside a workspace, only as "disk I/O error", which alone would read as
/// a damaged file; this looks at the free space of the disk that holds the workspace.
class DiskSpace
{
    Q_DECLARE_TR_FUNCTIONS(DiskSpace)

public:
    /// Below this much free space a failed open or write is put down to the full disk: opening a
    /// workspace for writing needs 32 KiB for its -shm file, then room for its -wal pages.
    static constexpr qint64 NearlyFullBytes = 1024 * 1024;

    /// "the disk is full (12 KiB free on /mnt/usb)" when the disk holding `path` (or, for a path
    /// that does not exist yet, its nearest existing folder) has less than NearlyFullBytes free;
    /// an empty string otherwise, or when the free space cannot be told.
    static QString fullReason(const QString &path);

    /// Whether `sqliteError` (a message from SQLite, possibly wrapped in ours) is one that a full
    /// disk causes: an I/O error, "database or disk is full", or a file that cannot be created.
    static bool isDiskError(const QString &sqliteError);
};

} // namespace Car
