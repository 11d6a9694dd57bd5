#pragma once

#include <QCoreApplication>
#include <QString>

namespace Car {

/// Decides whether an existing file may be opened as a workspace, without writing to it: the
/// header is read with plain file I/O, then SQLite looks at it through an immutable read-only
/// connection (no locks, no -wal/-shm files). Only a file that passes is opened for writing.
class WorkspaceInspector
{
    Q_DECLARE_TR_FUNCTIONS(WorkspaceInspector)

public:
    struct Verdict
    {
        bool exists = false; ///< false: nothing at the path yet (a new workspace)
        int version = 0; ///< the file's schema version (PRAGMA user_version)
        /// A -wal file with changes lies beside it (in use, or not checkpointed). An empty -wal
        /// (see WorkspaceSideFiles) does not count: the main file is then the whole workspace.
        bool walPresent = false;
        QString error; ///< set when the file must not be opened; names the file
        bool ok() const { return error.isEmpty(); }
    };

    /// Inspects `path` for a build that understands schemas up to `latestVersion`. With
    /// `forWriting`, a read-only file or folder is an error too.
    static Verdict inspect(const QString &path, int latestVersion, bool forWriting);

    /// Whether we may write `path` (a file or a folder): the OS must allow it, and some write
    /// permission bit must be set, so that a file marked read-only stays so even for root or an
    /// administrator, whom the OS would let through.
    static bool isWritable(const QString &path);
};

} // namespace Car
