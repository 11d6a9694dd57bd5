#include "sqliteconnection.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QVariant>

namespace Car {

namespace {

QAtomicInteger<quint64> connectionCounter;

constexpr int BusyTimeoutMs = 5000;

// SQLite's primary result codes (sqlite3.h), as QSqlError::nativeErrorCode() gives them.
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;
constexpr int SqliteFull = 13;

} // namespace

SqliteConnection::SqliteConnection()
    : m_connectionName(
        QStringLiteral("car-workspace-%1").arg(connectionCounter.fetchAndAddRelaxed(1)))
{ }

SqliteConnection::~SqliteConnection()
{
    close();
    m_database = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

StoreResult SqliteConnection::open(const QString &path, Access access)
{
    close();
    m_path = path;
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        return StoreResult::failure(
            tr("Cannot open the workspace '%1': the SQLite driver of Qt (QSQLITE) is not "
               "installed.")
                .arg(QDir::toNativeSeparators(path)));
    }
    if (!QSqlDatabase::contains(m_connectionName))
        m_database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);

    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs);
    switch (access) {
    case Access::ReadWrite:
        m_database.setDatabaseName(path);
        break;
    case Access::ReadOnly:
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
        m_database.setDatabaseName(path);
        break;
    case Access::Inspect: {
        // A URI so that `immutable=1` can be given; QUrl percent-encodes '?', '#' and '%'.
        options += QStringLiteral(";QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI");
        QUrl url = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
        url.setQuery(QStringLiteral("mode=ro&immutable=1"));
        m_database.setDatabaseName(url.toString(QUrl::FullyEncoded));
        break;
    }
    }
    m_database.setConnectOptions(options);
    if (!m_database.open()) {
        return StoreResult::failure(
            tr("Cannot open the workspace '%1': %2")
                .arg(QDir::toNativeSeparators(path), m_database.lastError().text()));
    }
    return StoreResult::success();
}

void SqliteConnection::close()
{
    if (m_database.isOpen())
        m_database.close();
}

StoreResult SqliteConnection::exec(const QString &sql, const QString &what)
{
    QSqlQuery query(m_database);
    if (!query.exec(sql))
        return StoreResult::failure(failure(what, query));
    return StoreResult::success();
}

StoreResult SqliteConnection::queryValue(const QString &sql, const QString &what, QVariant *value)
{
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return StoreResult::failure(failure(what, query));
    if (!query.next())
        return StoreResult::failure(tr("%1: the statement returned no row").arg(what));
    *value = query.value(0);
    return StoreResult::success();
}

QString SqliteConnection::failure(const QString &what, const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    QString reason = error.databaseText();
    if (reason.isEmpty())
        reason = error.text();
    if (reason.isEmpty())
        reason = tr("unknown SQLite error");
    // The two failures a user can do something about get a sentence that says what to do.
    bool isNumber = false;
    const int code = error.nativeErrorCode().toInt(&isNumber) & 0xff; // primary result code
    if (isNumber && (code == SqliteBusy || code == SqliteLocked)) {
        reason = tr("another program (the console or carconsole-cli) is writing to the workspace "
                    "and kept it locked for more than %1 seconds; nothing was written. Try again "
                    "when it has finished (SQLite: %2)")
                     .arg(BusyTimeoutMs / 1000)
                     .arg(reason);
    } else if (isNumber && code == SqliteFull) {
        reason = tr("the disk is full; free some space and try again (SQLite: %1)").arg(reason);
    }
    return tr("%1: %2").arg(what, reason);
}

} // namespace Car
