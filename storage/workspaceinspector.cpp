#include "workspaceinspector.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

#include "diskspace.h"
#include "schema.h"
#include "sqliteconnection.h"
#include "sqliteheader.h"
#include "workspacesidefiles.h"

namespace Car {

namespace {

QString newerMessage(const QString &shown, int version, int latestVersion)
{
    return WorkspaceInspector::tr(
               "The workspace '%1' was written by a newer version of CAR Console "
               "(schema %2, this build understands up to %3). Update CAR "
               "Console to open it.")
        .arg(shown)
        .arg(version)
        .arg(latestVersion);
}

QString foreignMessage(const QString &shown, quint32 applicationId)
{
    return WorkspaceInspector::tr("The file '%1' is an SQLite database of another program "
                                  "(application id 0x%2), not a CAR Console workspace.")
        .arg(shown)
        .arg(applicationId, 8, 16, QLatin1Char('0'));
}

/// When the disk holding the workspace is full and `reason` is an error that causes: the message
/// that says so (reading a workspace whose -wal holds changes needs room for its -shm file, and
/// that is not damage). Empty otherwise.
QString fullDiskMessage(const QString &shown, const QString &reason)
{
    const QString full = DiskSpace::isDiskError(reason)
        ? DiskSpace::fullReason(QDir::fromNativeSeparators(shown))
        : QString();
    if (full.isEmpty())
        return QString();
    return WorkspaceInspector::tr("Cannot read the workspace '%1': %2. Free some space, then open "
                                  "it again; the file was not changed. (%3)")
        .arg(shown, full, reason.trimmed());
}

QString damagedMessage(const QString &shown, const QString &reason)
{
    const QString full = fullDiskMessage(shown, reason);
    if (!full.isEmpty())
        return full;
    QString text = reason.trimmed();
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    return WorkspaceInspector::tr("The workspace '%1' is damaged: %2").arg(shown, text);
}

/// The SQLite part of the inspection; `verdict` already holds the header's findings.
void inspectWithSqlite(const QString &path, int latestVersion, WorkspaceInspector::Verdict &verdict)
{
    const QString shown = QDir::toNativeSeparators(path);
    SqliteConnection connection;
    // A -wal file must be read with the database (the main file may lag behind it), and then
    // the -shm file exists already, so plain read-only access leaves nothing new behind.
    const StoreResult opened =
        connection.open(path,
                        verdict.walPresent ? SqliteConnection::Access::ReadOnly
                                           : SqliteConnection::Access::Inspect);
    if (!opened) {
        const QString full = fullDiskMessage(shown, opened.error);
        verdict.error = full.isEmpty() ? opened.error : full;
        return;
    }
    QVariant value;
    StoreResult result =
        connection.queryValue(QStringLiteral("PRAGMA application_id"),
                              WorkspaceInspector::tr("reading the application id"), &value);
    if (!result) {
        verdict.error = damagedMessage(shown, result.error);
        return;
    }
    const quint32 applicationId = quint32(value.toLongLong());
    if (applicationId != Schema::ApplicationId) {
        verdict.error = foreignMessage(shown, applicationId);
        return;
    }
    result = connection.queryValue(QStringLiteral("PRAGMA user_version"),
                                   WorkspaceInspector::tr("reading the schema version"), &value);
    if (!result) {
        verdict.error = damagedMessage(shown, result.error);
        return;
    }
    verdict.version = value.toInt();
    if (verdict.version > latestVersion) {
        verdict.error = newerMessage(shown, verdict.version, latestVersion);
        return;
    }

    QSqlQuery query(connection.database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("PRAGMA quick_check(5)"))) {
        verdict.error = damagedMessage(
            shown,
            SqliteConnection::failure(WorkspaceInspector::tr("checking its integrity"), query));
        return;
    }
    QStringList findings;
    while (query.next()) {
        // One row may hold several lines, headed by "*** in database main ***".
        for (const QString &line : query.value(0).toString().split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty() && !line.startsWith(QLatin1String("***")))
                findings.append(line.trimmed());
        }
    }
    if (findings != QStringList {QStringLiteral("ok")}) {
        verdict.error =
            damagedMessage(shown,
                           WorkspaceInspector::tr("SQLite's integrity check reports: %1")
                               .arg(findings.join(QStringLiteral("; "))));
        return;
    }

    if (!query.exec(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table'"))) {
        verdict.error = damagedMessage(
            shown, SqliteConnection::failure(WorkspaceInspector::tr("reading its tables"), query));
        return;
    }
    QStringList tables;
    while (query.next())
        tables.append(query.value(0).toString());
    for (const QString &table : Schema::requiredTables(verdict.version)) {
        if (!tables.contains(table)) {
            verdict.error = damagedMessage(
                shown, WorkspaceInspector::tr("the table '%1' is missing").arg(table));
            return;
        }
    }
}

} // namespace

bool WorkspaceInspector::isWritable(const QString &path)
{
    const QFileInfo info(path);
    constexpr QFileDevice::Permissions anyWrite =
        QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
    return info.isWritable() && (info.permissions() & anyWrite);
}

WorkspaceInspector::Verdict WorkspaceInspector::inspect(const QString &path, int latestVersion,
                                                        bool forWriting)
{
    Verdict verdict;
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.exists())
        return verdict;
    verdict.exists = true;
    if (info.isDir()) {
        verdict.error = tr("'%1' is a folder, not a CAR Console workspace file.").arg(shown);
        return verdict;
    }
    verdict.walPresent = WorkspaceSideFiles::walHoldsChanges(path);

    // Plain file I/O first: SQLite never sees a file that is plainly not ours.
    SqliteHeader header;
    if (!SqliteHeader::read(path, verdict.walPresent, &header, &verdict.error))
        return verdict;
    if (header.applicationId != Schema::ApplicationId) {
        verdict.error = foreignMessage(shown, header.applicationId);
        return verdict;
    }
    if (header.userVersion > latestVersion) {
        verdict.error = newerMessage(shown, header.userVersion, latestVersion);
        return verdict;
    }

    inspectWithSqlite(path, latestVersion, verdict);
    if (!verdict.ok() || !forWriting)
        return verdict;

    if (!isWritable(path)) {
        verdict.error = tr("The workspace '%1' is read-only. Make the file writable, or open it "
                           "read-only.")
                            .arg(shown);
        return verdict;
    }
    const QFileInfo folder(info.absolutePath());
    if (!isWritable(folder.absoluteFilePath())) {
        verdict.error = tr("The folder '%1' of the workspace '%2' is read-only; a workspace needs "
                           "to create its journal files beside it.")
                            .arg(QDir::toNativeSeparators(folder.absoluteFilePath()), shown);
    }
    return verdict;
}

} // namespace Car
