#pragma once

#include <QCoreApplication>
#include <QString>
#include <QtGlobal>

namespace Car {

/// The fields of an SQLite file's 100-byte header that decide whether we may open it, read with
/// plain file I/O so that a file we reject is never touched by SQLite at all.
/// See https://www.sqlite.org/fileformat.html#the_database_header.
struct SqliteHeader
{
    Q_DECLARE_TR_FUNCTIONS(SqliteHeader)

public:
    qint64 fileSize = 0;
    int pageSize = 0; ///< bytes per page (512..65536)
    quint32 pageCount = 0; ///< the in-header database size, when pageCountValid
    bool pageCountValid = false; ///< SQLite trusts pageCount only when the change counters agree
    bool walMode = false; ///< read/write versions are 2 (journal_mode=WAL)
    qint32 userVersion = 0; ///< PRAGMA user_version as committed to the main file
    quint32 applicationId = 0; ///< PRAGMA application_id

    /// Reads and checks the header of `path`. Fails, with a message naming the file, when the
    /// file cannot be read, is empty, is not an SQLite 3 database, or is shorter than its header
    /// says (a truncated copy). `walPresent` says a -wal file exists beside it, in which case the
    /// main file may legitimately lag behind and the length check is skipped.
    static bool read(const QString &path, bool walPresent, SqliteHeader *header, QString *error);
};

} // namespace Car
