#pragma once

// Whole-file reads and writes for the tests that check a workspace file is left byte-identical.

#include <QByteArray>
#include <QFile>
#include <QString>

namespace CarTest {

/// The file's bytes; "<absent>" when there is no file, "<unreadable>" when it cannot be read.
inline QByteArray bytesOf(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QByteArrayLiteral("<absent>");
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArrayLiteral("<unreadable>");
}

/// Replaces the file's content with `bytes`.
inline bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

} // namespace CarTest
