#include "csv.h"

#include <QCoreApplication>
#include <QIODevice>

namespace Car {

namespace {

constexpr qint64 ChunkSize = 64 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::Csv", text);
}

bool isSpecial(char16_t c)
{
    return c == u',' || c == u'"' || c == u'\r' || c == u'\n' || c == 0;
}

} // namespace

CsvReader::CsvReader(QIODevice *device)
    : m_device(device)
    , m_decoder(QStringConverter::Utf8, QStringConverter::Flag::ConvertInvalidToNull)
{
    m_raw.resize(ChunkSize);
    m_text.reserve(256);
}

QStringList CsvReader::fields() const
{
    QStringList list;
    list.reserve(fieldCount());
    for (qsizetype i = 0; i < fieldCount(); ++i)
        list << field(i).toString();
    return list;
}

bool CsvReader::fill()
{
    m_buffer.resize(0);
    m_pos = 0;
    while (!m_eof) {
        const qint64 n = m_device->read(m_raw.data(), ChunkSize);
        if (n < 0) {
            m_deviceError = m_device->errorString();
            m_eof = true;
            break;
        }
        if (n == 0) {
            if (m_device->isSequential() && !m_device->atEnd() && m_device->waitForReadyRead(30000))
                continue;
            m_eof = true;
            break;
        }
        const QByteArrayView bytes(m_raw.constData(), n);
        m_buffer.resize(m_decoder.requiredSpace(n));
        QChar *end = m_decoder.appendToBuffer(m_buffer.data(), bytes);
        m_buffer.truncate(end - m_buffer.constData());
        if (!m_buffer.isEmpty())
            return true;
    }
    return false;
}

void CsvReader::advance(char16_t c)
{
    ++m_pos;
    if (c == u'\r') {
        ++m_line;
        m_column = 1;
        m_afterCr = true;
    } else if (c == u'\n') {
        if (!m_afterCr)
            ++m_line;
        m_column = 1;
        m_afterCr = false;
    } else {
        ++m_column;
        m_afterCr = false;
    }
}

void CsvReader::beginField()
{
    m_fieldStarts.push_back(qsizetype(m_text.size()));
    m_fieldLines.push_back(m_line);
    m_fieldColumns.push_back(m_column);
}

void CsvReader::endField()
{
    m_fieldEnds.push_back(qsizetype(m_text.size()));
}

CsvReader::Status CsvReader::fail(qint64 line, qint64 column, const QString &message)
{
    m_error = {line, column, message};
    skipRestOfLine();
    m_text.clear();
    m_fieldStarts.clear();
    m_fieldEnds.clear();
    m_fieldLines.clear();
    m_fieldColumns.clear();
    return Status::Error;
}

void CsvReader::skipRestOfLine()
{
    for (;;) {
        if (atBufferEnd() && !fill())
            return;
        const char16_t c = peek();
        if (c == u'\r' || c == u'\n')
            return;
        advance(c);
    }
}

CsvReader::Status CsvReader::next()
{
    m_text.clear();
    m_fieldStarts.clear();
    m_fieldEnds.clear();
    m_fieldLines.clear();
    m_fieldColumns.clear();

    // Line ends left over from the previous record, and empty lines.
    for (;;) {
        if (atBufferEnd() && !fill())
            return Status::End;
        const char16_t c = peek();
        if (c != u'\r' && c != u'\n')
            break;
        advance(c);
    }

    m_recordLine = m_line;
    for (;;) {
        beginField();
        if (atBufferEnd() && !fill()) {
            endField(); // a trailing comma at the very end of the input
            return Status::Record;
        }
        if (peek() == u'"') {
            const qint64 quoteLine = m_line;
            const qint64 quoteColumn = m_column;
            advance(u'"');
            for (;;) {
                if (atBufferEnd() && !fill())
                    return fail(quoteLine, quoteColumn,
                                tr("the quoted field that starts here is never closed"));
                // Copy the run up to the next character that needs a closer look.
                const QChar *begin = m_buffer.constData() + m_pos;
                const QChar *end = m_buffer.constData() + m_buffer.size();
                const QChar *p = begin;
                while (p < end && !isSpecial(p->unicode()))
                    ++p;
                if (p != begin) {
                    m_text.insert(m_text.end(), reinterpret_cast<const char16_t *>(begin),
                                  reinterpret_cast<const char16_t *>(p));
                    m_column += p - begin;
                    m_pos += p - begin;
                    m_afterCr = false;
                    continue;
                }
                const char16_t c = peek();
                if (c == 0)
                    return fail(m_line, m_column, tr("invalid UTF-8 or a NUL character"));
                if (c == u'"') {
                    advance(c);
                    if (atBufferEnd() && !fill()) {
                        endField();
                        return Status::Record;
                    }
                    if (peek() == u'"') {
                        m_text.push_back(u'"');
                        advance(u'"');
                        continue;
                    }
                    break;
                }
                m_text.push_back(c); // comma or line break inside quotes
                advance(c);
            }
            const char16_t c = peek();
            if (c == u',') {
                endField();
                advance(c);
                continue;
            }
            if (c == u'\r' || c == u'\n') {
                endField();
                advance(c);
                return Status::Record;
            }
            return fail(m_line, m_column,
                        tr("unexpected text after the closing quote of a field (a quote inside a "
                           "quoted field is written twice)"));
        }
        for (;;) {
            if (atBufferEnd() && !fill()) {
                endField();
                return Status::Record;
            }
            const QChar *begin = m_buffer.constData() + m_pos;
            const QChar *end = m_buffer.constData() + m_buffer.size();
            const QChar *p = begin;
            while (p < end && !isSpecial(p->unicode()))
                ++p;
            if (p != begin) {
                m_text.insert(m_text.end(), reinterpret_cast<const char16_t *>(begin),
                              reinterpret_cast<const char16_t *>(p));
                m_column += p - begin;
                m_pos += p - begin;
                m_afterCr = false;
                continue;
            }
            const char16_t c = peek();
            if (c == u',') {
                endField();
                advance(c);
                break;
            }
            if (c == u'\r' || c == u'\n') {
                endField();
                advance(c);
                return Status::Record;
            }
            if (c == u'"')
                return fail(m_line, m_column,
                            tr("a quote inside an unquoted field (quote the whole field and write "
                               "the quote twice)"));
            return fail(m_line, m_column, tr("invalid UTF-8 or a NUL character"));
        }
    }
}

CsvWriter::CsvWriter(QIODevice *device)
    : m_device(device)
    , m_encoder(QStringConverter::Utf8)
{
    m_out.reserve(2 * ChunkSize);
}

CsvWriter::~CsvWriter()
{
    flush();
}

namespace {

void appendUtf8(QByteArray &out, QStringEncoder &encoder, QStringView text)
{
    const qsizetype old = out.size();
    out.resize(old + encoder.requiredSpace(text.size()));
    char *end = encoder.appendToBuffer(out.data() + old, text);
    out.truncate(end - out.constData());
}

bool needsQuotes(QStringView field)
{
    for (const QChar c : field) {
        const char16_t u = c.unicode();
        if (u == u',' || u == u'"' || u == u'\r' || u == u'\n')
            return true;
    }
    return false;
}

} // namespace

void CsvWriter::writeField(QStringView field)
{
    if (m_fieldsInRecord > 0)
        m_out.append(',');
    ++m_fieldsInRecord;
    m_lastFieldEmpty = field.isEmpty();
    if (!needsQuotes(field)) {
        appendUtf8(m_out, m_encoder, field);
        return;
    }
    m_out.append('"');
    qsizetype start = 0;
    for (;;) {
        const qsizetype quote = field.indexOf(u'"', start);
        if (quote < 0) {
            appendUtf8(m_out, m_encoder, field.mid(start));
            break;
        }
        appendUtf8(m_out, m_encoder, field.mid(start, quote + 1 - start));
        m_out.append('"');
        start = quote + 1;
    }
    m_out.append('"');
}

void CsvWriter::endRecord()
{
    // A record of one empty field would be an empty line, which readers skip.
    if (m_fieldsInRecord == 1 && m_lastFieldEmpty)
        m_out.append("\"\"");
    m_out.append(m_lineEnding);
    m_fieldsInRecord = 0;
    if (m_out.size() >= ChunkSize)
        flush();
}

void CsvWriter::writeRecord(const QStringList &fields)
{
    for (const QString &field : fields)
        writeField(field);
    endRecord();
}

void CsvWriter::writeRecord(std::initializer_list<QStringView> fields)
{
    for (const QStringView field : fields)
        writeField(field);
    endRecord();
}

bool CsvWriter::flush()
{
    if (m_out.isEmpty())
        return m_error.isEmpty();
    const qint64 written = m_device->write(m_out);
    if (written != m_out.size() && m_error.isEmpty())
        m_error = m_device->errorString();
    m_out.resize(0);
    return m_error.isEmpty();
}

QString CsvWriter::quoted(QStringView field)
{
    if (!needsQuotes(field))
        return field.toString();
    QString result = field.toString();
    result.replace(u'"', QLatin1String("\"\""));
    return QLatin1Char('"') + result + QLatin1Char('"');
}

} // namespace Car
