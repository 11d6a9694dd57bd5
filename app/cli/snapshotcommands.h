#pragma once

// Shared by the CLI's snapshot and saved-test commands (snapshotcommands.cpp,
// checkcommands.cpp): opening the workspace store the way the other commands do.

#include "sqliteworkspacestore.h"

#include <memory>

namespace Car::CliWorkspace {

/// Opens the workspace at `path` for reading, as CliApp::loadWorkspace() does: read-only when it
/// is current, for writing only when an older schema must be upgraded first. Returns nullptr
/// with `error` empty when the file does not exist (an empty workspace), and nullptr with
/// `error` set when it cannot be opened.
std::unique_ptr<SqliteWorkspaceStore> openForReading(const QString &path, QString *error);

/// Opens (or creates) the workspace at `path` for writing; nullptr with `error` on failure.
std::unique_ptr<SqliteWorkspaceStore> openForWriting(const QString &path, QString *error);

} // namespace Car::CliWorkspace
