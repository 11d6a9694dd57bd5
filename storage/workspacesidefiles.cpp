#include "workspacesidefiles.h"

#include <QFile>
#include <QFileInfo>

namespace Car {

namespace {

/// SQLite's wal-index is mapped in regions of 32 KiB; a -shm in use is at least one region long.
constexpr qint64 ShmRegionBytes = 32 * 1024;

QString walOf(const QString &path)
{
    return path + QStringLiteral("-wal");
}

QString shmOf(const QString &path)
{
    return path + QStringLiteral("-shm");
}

} // namespace

WorkspaceSideFiles WorkspaceSideFiles::of(const QString &path)
{
    WorkspaceSideFiles files;
    files.m_path = path;
    files.m_walExisted = QFileInfo::exists(walOf(path));
    files.m_shmExisted = QFileInfo::exists(shmOf(path));
    return files;
}

bool WorkspaceSideFiles::walHoldsChanges(const QString &path)
{
    const QFileInfo wal(walOf(path));
    return wal.exists() && !isEmptyWal(wal.filePath());
}

bool WorkspaceSideFiles::isEmptyWal(const QString &file)
{
    const QFileInfo info(file);
    return info.isFile() && info.size() == 0;
}

bool WorkspaceSideFiles::isEmptyShm(const QString &file)
{
    const QFileInfo info(file);
    return info.isFile() && info.size() < ShmRegionBytes;
}

void WorkspaceSideFiles::removeNewEmptyOnes() const
{
    if (!m_shmExisted && isEmptyShm(shmOf(m_path)))
        QFile::remove(shmOf(m_path));
    if (!m_walExisted && isEmptyWal(walOf(m_path)))
        QFile::remove(walOf(m_path));
}

bool WorkspaceSideFiles::removeCreatedWorkspace(const QString &path)
{
    if (isEmptyShm(shmOf(path)))
        QFile::remove(shmOf(path));
    if (isEmptyWal(walOf(path)))
        QFile::remove(walOf(path));
    if (QFileInfo::exists(shmOf(path)) || QFileInfo::exists(walOf(path)))
        return false; // someone has it open and is using it: it is theirs now
    return !QFileInfo::exists(path) || QFile::remove(path);
}

} // namespace Car
