#pragma once

#include <QString>

namespace Car {

/// The -wal and -shm files that SQLite keeps beside a workspace in write-ahead-logging mode.
///
/// A failed open (a full disk: no room to grow the -shm file) leaves them in a shape that holds
/// nothing: a 0-byte -wal (SQLite writes a -wal's header with its first commit and treats an empty
/// one as absent) and a -shm shorter than the 32 KiB of SQLite's first wal-index region (every
/// working connection grows it to at least that, and the -shm is rebuilt from the -wal anyway).
/// Such files are removed by the open that made them, and ignored when a workspace is inspected.
/// A side file of any other shape may belong to a program using the workspace and is never
/// touched.
class WorkspaceSideFiles
{
public:
    /// Notes which side files exist beside the workspace `path` now.
    static WorkspaceSideFiles of(const QString &path);

    /// Whether a -wal beside `path` may hold changes not yet in the main file: false when there
    /// is no -wal or it is empty, in which case the main file alone is the whole workspace.
    static bool walHoldsChanges(const QString &path);

    /// Removes the side files that were not there when this was taken and hold nothing (see
    /// above): what a failed open of an existing workspace left behind.
    void removeNewEmptyOnes() const;

    /// Removes the empty side files (see above) and then the workspace itself, unless a side
    /// file that may be in use remains. For a workspace this process has just created and could
    /// not open: returns whether nothing is left at the path.
    static bool removeCreatedWorkspace(const QString &path);

private:
    static bool isEmptyWal(const QString &file);
    static bool isEmptyShm(const QString &file);

    QString m_path;
    bool m_walExisted = false;
    bool m_shmExisted = false;
};

} // namespace Car
