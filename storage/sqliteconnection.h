#pragma once

#include "rulestore.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

class QSqlQuery;

namespace Car {

/// One uniquely named QSqlDatabase connection to an SQLite file, removed from Qt's registry when
/// this object dies, so that any number of stores can be open in one process.
class SqliteConnection
{
    Q_DECLARE_TR_FUNCTIONS(SqliteConnection)

public:
    enum class Access : quint8 {
        ReadWrite, ///< normal access; creates the file if it does not exist
        ReadOnly, ///< SQLite's read-only mode: never writes the database file
        /// Read-only and `immutable`: takes no locks and creates no -wal/-shm files. Used to look
        /// at a file we may reject, so that it stays byte-for-byte as it was.
        Inspect,
    };

    SqliteConnection();
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    /// Opens `path` with the QSQLITE driver and a 5 s busy timeout.
    StoreResult open(const QString &path, Access access);
    /// Closes the connection (queries made from it must be gone); open() may be called again.
    void close();
    bool isOpen() const { return m_database.isOpen(); }

    QSqlDatabase &database() { return m_database; }
    const QString &path() const { return m_path; }

    /// Runs one fixed statement without bound values (PRAGMAs, schema, BEGIN/COMMIT).
    /// On failure the message says what was being done (`what`) and SQLite's reason.
    StoreResult exec(const QString &sql, const QString &what);
    /// Runs a statement that yields one value (e.g. `PRAGMA user_version`) into `value`.
    StoreResult queryValue(const QString &sql, const QString &what, QVariant *value);

    /// `value` as a bound text: a null QString binds as SQL NULL, which the NOT NULL text
    /// columns refuse, so it becomes the empty string.
    static QString text(const QString &value)
    {
        return value.isNull() ? QStringLiteral("") : value;
    }

    /// "<what>: <SQLite's reason>", the shape of every storage error.
    static QString failure(const QString &what, const QSqlQuery &query);

private:
    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_database;
};

} // namespace Car
