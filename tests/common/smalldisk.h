#pragma once

// A small tmpfs for the full-disk tests: mounting needs root (CI runs as root); the tests skip
// when mount() gives an empty path.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

#include <algorithm>

#include <sys/mount.h>
#include <unistd.h>

namespace CarTest {

class SmallDisk
{
public:
    SmallDisk() = default;
    SmallDisk(const SmallDisk &) = delete;
    SmallDisk &operator=(const SmallDisk &) = delete;
    ~SmallDisk() { unmount(); }

    /// Mounts a tmpfs of `size` ("64k", "1m") at `folder` (made if missing) and returns it; an
    /// empty string when that is not possible (not root, or the mount failed).
    QString mount(const QString &folder, const char *size)
    {
        QDir().mkpath(folder);
        if (::geteuid() != 0
            || ::mount("tmpfs", QFile::encodeName(folder).constData(), "tmpfs", 0,
                       (QByteArray("size=") + size).constData())
                != 0)
            return QString();
        unmount();
        m_mount = folder;
        return folder;
    }

    /// Detaches the tmpfs (lazily: open files do not keep it mounted for us).
    void unmount()
    {
        if (m_mount.isEmpty())
            return;
        ::umount2(QFile::encodeName(m_mount).constData(), MNT_DETACH);
        m_mount.clear();
    }

    /// Fills the disk holding `folder` with the file "filler", up to the last `leaveBytes`.
    static bool fill(const QString &folder, qint64 leaveBytes = 0)
    {
        QFile filler(folder + QStringLiteral("/filler"));
        if (!filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
            return false;
        const QByteArray block(1024, 'x');
        while (filler.write(block) == block.size()) { }
        filler.close();
        return filler.resize(std::max<qint64>(0, filler.size() - leaveBytes));
    }

private:
    QString m_mount;
};

} // namespace CarTest
