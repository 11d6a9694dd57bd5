#include "sqliteheader.h"

#include <QDir>
#include <QFile>
#include <QtEndian>

namespace Car {

namespace {

constexpr int HeaderSize = 100;
constexpr char Magic[] = "SQLite format 3"; // 16 bytes with the terminating NUL

quint32 readBigEndian32(const QByteArray &bytes, int offset)
{
    return qFromBigEndian<quint32>(bytes.constData() + offset);
}

} // namespace

bool SqliteHeader::read(const QString &path, bool walPresent, SqliteHeader *header, QString *error)
{
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the workspace '%1': %2").arg(shown, file.errorString());
        return false;
    }
    SqliteHeader result;
    result.fileSize = file.size();
    if (result.fileSize == 0) {
        *error = tr("The workspace '%1' is an empty file (0 bytes), not a CAR Console workspace.")
                     .arg(shown);
        return false;
    }
    const QByteArray bytes = file.read(HeaderSize);
    if (bytes.size() < int(sizeof Magic) || !bytes.startsWith(QByteArray(Magic, sizeof Magic))) {
        *error = tr("The file '%1' is not a CAR Console workspace: it is not an SQLite database.")
                     .arg(shown);
        return false;
    }
    if (bytes.size() < HeaderSize) {
        *error = tr("The workspace '%1' is damaged: the file ends inside the database header "
                    "(%2 bytes).")
                     .arg(shown)
                     .arg(bytes.size());
        return false;
    }

    const int rawPageSize = qFromBigEndian<quint16>(bytes.constData() + 16);
    result.pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
    if (result.pageSize < 512 || (result.pageSize & (result.pageSize - 1)) != 0) {
        *error = tr("The workspace '%1' is damaged: its header gives an impossible page size (%2).")
                     .arg(shown)
                     .arg(rawPageSize);
        return false;
    }
    result.walMode = quint8(bytes.at(18)) == 2 && quint8(bytes.at(19)) == 2;
    const quint32 changeCounter = readBigEndian32(bytes, 24);
    result.pageCount = readBigEndian32(bytes, 28);
    result.pageCountValid = result.pageCount != 0 && changeCounter == readBigEndian32(bytes, 92);
    result.userVersion = qint32(readBigEndian32(bytes, 60));
    result.applicationId = readBigEndian32(bytes, 68);

    // With a -wal file beside it, the main file is only brought up to date at checkpoints.
    if (!walPresent && result.pageCountValid) {
        const qint64 expected = qint64(result.pageCount) * result.pageSize;
        if (result.fileSize < expected || result.fileSize % result.pageSize != 0) {
            *error = tr("The workspace '%1' is damaged: it is %2 bytes long but its header "
                        "says %3 (a truncated or partial copy?).")
                         .arg(shown)
                         .arg(result.fileSize)
                         .arg(expected);
            return false;
        }
    }
    *header = result;
    return true;
}

} // namespace Car
