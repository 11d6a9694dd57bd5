#include "diskspace.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QStorageInfo>

namespace Car {

QString DiskSpace::fullReason(const QString &path)
{
    QFileInfo info(path);
    QDir folder = info.isDir() ? QDir(info.absoluteFilePath()) : info.absoluteDir();
    while (!folder.exists() && folder.cdUp()) { }
    const QStorageInfo storage(folder.absolutePath());
    if (!storage.isValid() || !storage.isReady())
        return QString();
    const qint64 available = storage.bytesAvailable();
    if (available < 0 || available >= NearlyFullBytes)
        return QString();
    return tr("the disk is full (%1 free on %2)")
        .arg(QLocale().formattedDataSize(available, 0),
             QDir::toNativeSeparators(storage.rootPath()));
}

bool DiskSpace::isDiskError(const QString &sqliteError)
{
    // SQLite's own texts for SQLITE_IOERR, SQLITE_FULL and SQLITE_CANTOPEN (sqlite3ErrStr),
    // and SqliteConnection's sentence for SQLITE_FULL.
    for (const char *text : {"disk I/O error", "database or disk is full",
                             "unable to open database file", "disk is full"}) {
        if (sqliteError.contains(QLatin1String(text), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace Car
