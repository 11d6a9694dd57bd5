#pragma once

#include <QByteArrayView>
#include <QString>

#include <vector>

namespace Car {

/// The byte-level twin of CsvReader for replay: splits a block of UTF-8 bytes into records and
/// fields without decoding to UTF-16 and without allocating per field. It accepts and rejects
/// exactly what CsvReader does (RFC 4180 quoting, CRLF/LF/CR line ends, empty lines skipped,
/// invalid UTF-8 and NUL are errors, after an error the rest of the physical line is skipped) and
/// reports the same lines, columns (UTF-16 code units, 1-based) and messages.
///
/// A block always starts at a record start, right after a complete line end (see
/// lastRecordBoundary()); the end of the block is treated as the end of the input.
class ReplayTokenizer
{
public:
    enum class Status : quint8 { Record, End, Error };

    /// Starts on `size` bytes at `data` (kept, not copied: they must outlive the tokenizer's use).
    void reset(const char *data, qsizetype size);

    /// Reads the next record.
    Status next();

    qsizetype fieldCount() const { return qsizetype(m_fields.size()); }
    /// The text of field `index` (unquoted and unescaped), valid until the next call to next().
    QByteArrayView field(qsizetype index) const
    {
        const FieldSpan &f = m_fields[std::size_t(index)];
        return QByteArrayView((f.quoted ? m_scratch.data() : m_data) + f.begin, f.end - f.begin);
    }
    /// Whether every byte of the field is ASCII (no UTF-8 sequences).
    bool fieldIsAscii(qsizetype index) const { return m_fields[std::size_t(index)].ascii; }
    /// Whether any field of the current record was quoted.
    bool recordHasQuotedField() const { return m_recordQuoted; }
    /// The record's bytes as they stand in the block, from its first field to the end of its last
    /// (without the line end). Equals the fields joined by commas when no field was quoted.
    QByteArrayView recordBytes() const
    {
        return QByteArrayView(m_data + m_recordBegin, m_recordEnd - m_recordBegin);
    }

    /// Line breaks between the block start and the start of the current record / field / error.
    qint64 recordLine() const { return m_recordLine; }
    qint64 fieldLine(qsizetype index) const { return m_fields[std::size_t(index)].line; }
    /// Column (1-based, UTF-16 code units within the physical line) where field `index` starts.
    qint64 fieldColumn(qsizetype index) const
    {
        const FieldSpan &f = m_fields[std::size_t(index)];
        return column(f.lineStart, f.position);
    }

    /// After Status::Error: where (line breaks from the block start, column) and why.
    qint64 errorLine() const { return m_errorLine; }
    qint64 errorColumn() const { return column(m_errorLineStart, m_errorPosition); }
    QString errorMessage() const;

    /// Line breaks consumed so far (after End: in the whole block).
    qint64 lineBreaks() const { return m_line; }
    /// Byte offset reached: after the current record's line end (and the LF of a CRLF).
    qsizetype position();

    /// The end of the last record in `data` that is certainly complete, i.e. a position right
    /// after a line end that CsvReader would also treat as the end of a record, followed by a
    /// byte that is known; 0 when there is none. `data` must start at a record start.
    static qsizetype lastRecordBoundary(const char *data, qsizetype size);

    /// Length of the valid UTF-8 sequence at `p` (2-4), or 0 when it is invalid or cut off.
    static int utf8SequenceLength(const uchar *p, const uchar *end);

private:
    enum class ErrorKind : quint8 { None, UnclosedQuote, TextAfterQuote, QuoteInField, Invalid };
    struct FieldSpan
    {
        qsizetype begin = 0;
        qsizetype end = 0;
        qsizetype position = 0;
        qsizetype lineStart = 0;
        qint64 line = 0;
        bool quoted = false;
        bool ascii = true;
    };

    Status fail(ErrorKind kind, qint64 line, qsizetype lineStart, qsizetype position);
    void lineBreakAt(qsizetype position);
    qint64 column(qsizetype lineStart, qsizetype position) const;

    const char *m_data = nullptr;
    qsizetype m_size = 0;
    qsizetype m_pos = 0;
    qint64 m_line = 0;
    qsizetype m_lineStart = 0;

    std::vector<FieldSpan> m_fields;
    std::vector<char> m_scratch;
    bool m_recordQuoted = false;
    qsizetype m_recordBegin = 0;
    qsizetype m_recordEnd = 0;
    qint64 m_recordLine = 0;

    ErrorKind m_error = ErrorKind::None;
    qint64 m_errorLine = 0;
    qsizetype m_errorLineStart = 0;
    qsizetype m_errorPosition = 0;
};

} // namespace Car
