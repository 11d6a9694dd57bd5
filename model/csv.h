#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringConverter>
#include <QStringList>
#include <QStringView>

#include <vector>

class QIODevice;

namespace Car {

/// Where and why CSV input is malformed. `line` and `column` are 1-based; the column counts
/// characters (UTF-16 code units) within the physical line.
struct CsvError
{
    qint64 line = 0;
    qint64 column = 0;
    QString message;
};

/// Streaming RFC 4180 reader for UTF-8 text: one record at a time from a QIODevice, quoted fields
/// with embedded commas, doubled quotes and line breaks, CRLF, LF or lone CR line ends, an optional
/// byte order mark. Lines with no characters at all are skipped. Fields are views into a buffer
/// that is reused for the next record (no allocation per field), so copy what you keep.
///
/// Malformed input (a quote inside an unquoted field, text after a closing quote, an unclosed
/// quote, invalid UTF-8) gives Status::Error with the line and column; the reader then skips to the
/// next line and can go on, so a caller may report a bad row and continue.
class CsvReader
{
public:
    enum class Status : quint8 { Record, End, Error };

    /// Reads from `device`, which must be open and stay alive while reading.
    explicit CsvReader(QIODevice *device);

    /// Reads the next record. On Status::Error, error() says where and what.
    Status next();

    qsizetype fieldCount() const { return qsizetype(m_fieldStarts.size()); }
    /// Field `index` of the current record (valid until the next call to next()).
    QStringView field(qsizetype index) const
    {
        return QStringView(m_text.data() + m_fieldStarts[std::size_t(index)],
                           m_fieldEnds[std::size_t(index)] - m_fieldStarts[std::size_t(index)]);
    }
    /// The current record's fields as copies.
    QStringList fields() const;

    /// Physical line on which the current record starts.
    qint64 recordLine() const { return m_recordLine; }
    /// Physical line and column (1-based) on which field `index` of the current record starts.
    qint64 fieldLine(qsizetype index) const { return m_fieldLines[std::size_t(index)]; }
    qint64 fieldColumn(qsizetype index) const { return m_fieldColumns[std::size_t(index)]; }

    /// The last error (meaningful after next() returned Status::Error).
    const CsvError &error() const { return m_error; }
    /// An error reading the device itself (not malformed text); empty when none.
    QString deviceError() const { return m_deviceError; }

private:
    bool fill();
    bool atBufferEnd() const { return m_pos >= m_buffer.size(); }
    char16_t peek() const { return m_buffer.at(m_pos).unicode(); }
    void advance(char16_t c);
    Status fail(qint64 line, qint64 column, const QString &message);
    void skipRestOfLine();
    void beginField();
    void endField();

    QIODevice *m_device = nullptr;
    QStringDecoder m_decoder;
    QByteArray m_raw;
    QString m_buffer; ///< decoded input not yet consumed from m_pos on
    qsizetype m_pos = 0;
    bool m_eof = false;
    bool m_afterCr = false;

    qint64 m_line = 1;
    qint64 m_column = 1;

    std::vector<char16_t> m_text; ///< the current record's unquoted field text
    std::vector<qsizetype> m_fieldStarts;
    std::vector<qsizetype> m_fieldEnds;
    std::vector<qint64> m_fieldLines;
    std::vector<qint64> m_fieldColumns;
    qint64 m_recordLine = 0;
    CsvError m_error;
    QString m_deviceError;
};

/// RFC 4180 writer: UTF-8, CRLF line ends by default, a field quoted only when it holds a comma,
/// a quote or a line break (quotes doubled). Output is buffered; call flush() at the end.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice *device);
    ~CsvWriter();

    void setLineEnding(QByteArray ending) { m_lineEnding = std::move(ending); }

    void writeField(QStringView field);
    void endRecord();
    void writeRecord(const QStringList &fields);
    void writeRecord(std::initializer_list<QStringView> fields);

    /// Writes what is buffered to the device; false (and error()) when the device refused it.
    bool flush();
    QString error() const { return m_error; }

    /// One field as it would be written ("a,b" -> "\"a,b\"").
    static QString quoted(QStringView field);

private:
    QIODevice *m_device = nullptr;
    QStringEncoder m_encoder;
    QByteArray m_out;
    QByteArray m_lineEnding = QByteArrayLiteral("\r\n");
    int m_fieldsInRecord = 0;
    bool m_lastFieldEmpty = false;
    QString m_error;
};

} // namespace Car
