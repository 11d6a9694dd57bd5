#pragma once

// The opener carconsole gives WorkspaceStarter (app/console/main.cpp), for the ui tests that start
// the console on real workspace files.

#include "sqliteworkspacestore.h"
#include "workspacestarter.h"

#include <memory>

namespace CarTest {

inline std::unique_ptr<Car::RuleStore>
openSqliteStore(const QString &path, Car::WorkspaceStarter::Access access, QString *error)
{
    using Car::SqliteWorkspaceStore;
    auto opened = SqliteWorkspaceStore::open(path,
                                             access == Car::WorkspaceStarter::Access::ReadOnly
                                                 ? SqliteWorkspaceStore::OpenMode::ReadOnly
                                                 : SqliteWorkspaceStore::OpenMode::ReadWrite);
    if (!opened && error)
        *error = opened.error;
    return std::move(opened.store);
}

} // namespace CarTest
