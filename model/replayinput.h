#pragma once

#include <QByteArray>
#include <QString>

class QIODevice;

namespace Car {

/// Reads a replay input in blocks of whole records: each block ends right after a record that
/// is certainly complete (ReplayTokenizer::lastRecordBoundary), and the rest is carried over to
/// the next block. Skips a UTF-8 byte order mark at the start and, at the very end, an incomplete
/// UTF-8 sequence (as CsvReader's decoder does). Memory: about one block, or the longest record.
class ReplayInput
{
public:
    ReplayInput(QIODevice *device, qsizetype blockSize);

    /// Replaces `block` with the next records; false (and an empty block) at the end of input.
    bool read(QByteArray &block);

    /// An error reading the device (the input then ends early); empty when none.
    const QString &deviceError() const { return m_deviceError; }
    /// Bytes read from the device so far.
    qint64 bytesRead() const { return m_bytesRead; }

    /// Number of bytes at the end of `data` that start a UTF-8 sequence without finishing it.
    static qsizetype incompleteUtf8Tail(const char *data, qsizetype size);

private:
    /// Appends up to `bytes` from the device; false at the end of input.
    bool fill(QByteArray &block, qsizetype bytes);

    QIODevice *m_device = nullptr;
    qsizetype m_blockSize = 0;
    QByteArray m_carry;
    bool m_eof = false;
    bool m_started = false;
    qint64 m_bytesRead = 0;
    QString m_deviceError;
};

} // namespace Car
