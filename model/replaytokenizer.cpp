#include "replaytokenizer.h"

#include <QCoreApplication>
#include <QtAlgorithms>

#include <array>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace Car {

namespace {

enum ByteClass : uchar { Plain, Comma, Quote, Cr, Lf, Nul, High };

constexpr std::array<uchar, 256> makeClasses()
{
    std::array<uchar, 256> classes {};
    for (int i = 0x80; i < 0x100; ++i)
        classes[std::size_t(i)] = High;
    classes[0] = Nul;
    classes[std::size_t(',')] = Comma;
    classes[std::size_t('"')] = Quote;
    classes[std::size_t('\r')] = Cr;
    classes[std::size_t('\n')] = Lf;
    return classes;
}

constexpr std::array<uchar, 256> byteClasses = makeClasses();

inline uchar classOf(char c)
{
    return byteClasses[uchar(c)];
}

// The first position from `pos` on whose byte is not Plain (or `size`).
qsizetype skipPlain(const char *data, qsizetype pos, qsizetype size)
{
#ifdef __SSE2__
    // Sixteen bytes at a time: comma, quote, CR, LF, and (as signed bytes below 1) NUL and
    // every byte of a UTF-8 sequence.
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i one = _mm_set1_epi8(1);
    while (pos + 16 <= size) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + pos));
        const __m128i special =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                         _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)),
                                      _mm_cmplt_epi8(v, one)));
        const int bits = _mm_movemask_epi8(special);
        if (bits != 0)
            return pos + qCountTrailingZeroBits(quint32(bits));
        pos += 16;
    }
#endif
    while (pos < size && classOf(data[pos]) == Plain)
        ++pos;
    return pos;
}

bool isContinuation(uchar b)
{
    return (b & 0xC0) == 0x80;
}

} // namespace

int ReplayTokenizer::utf8SequenceLength(const uchar *p, const uchar *end)
{
    // Well-formed sequences of Unicode table 3-7: no overlong forms, no surrogates, <= U+10FFFF.
    const uchar b = p[0];
    const qsizetype available = end - p;
    if (b >= 0xC2 && b <= 0xDF)
        return available >= 2 && isContinuation(p[1]) ? 2 : 0;
    if (b >= 0xE0 && b <= 0xEF) {
        if (available < 3)
            return 0;
        const uchar low = b == 0xE0 ? 0xA0 : 0x80;
        const uchar high = b == 0xED ? 0x9F : 0xBF;
        return p[1] >= low && p[1] <= high && isContinuation(p[2]) ? 3 : 0;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        if (available < 4)
            return 0;
        const uchar low = b == 0xF0 ? 0x90 : 0x80;
        const uchar high = b == 0xF4 ? 0x8F : 0xBF;
        return p[1] >= low && p[1] <= high && isContinuation(p[2]) && isContinuation(p[3]) ? 4 : 0;
    }
    return 0;
}

void ReplayTokenizer::reset(const char *data, qsizetype size)
{
    m_data = data;
    m_size = size;
    m_pos = 0;
    m_line = 0;
    m_lineStart = 0;
    m_fields.clear();
    m_scratch.clear();
    m_recordQuoted = false;
    m_recordBegin = m_recordEnd = 0;
    m_recordLine = 0;
    m_error = ErrorKind::None;
}

// As CsvReader::advance: CR is a line break, LF is one unless it directly follows a CR. Bytes
// are consumed in order, so "directly follows" is the previous byte.
void ReplayTokenizer::lineBreakAt(qsizetype position)
{
    if (m_data[position] == '\r' || position == 0 || m_data[position - 1] != '\r')
        ++m_line;
    m_lineStart = position + 1;
}

qint64 ReplayTokenizer::column(qsizetype lineStart, qsizetype position) const
{
    // The bytes before `position` on its line were all validated, so counting lead bytes (and a
    // second unit for 4-byte sequences, which are surrogate pairs in UTF-16) gives the column.
    qint64 units = 0;
    for (qsizetype i = lineStart; i < position; ++i) {
        const uchar b = uchar(m_data[i]);
        if (!isContinuation(b))
            ++units;
        if (b >= 0xF0)
            ++units;
    }
    return units + 1;
}

ReplayTokenizer::Status ReplayTokenizer::fail(ErrorKind kind, qint64 line, qsizetype lineStart,
                                              qsizetype position)
{
    m_error = kind;
    m_errorLine = line;
    m_errorLineStart = lineStart;
    m_errorPosition = position;
    m_fields.clear();
    m_scratch.clear();
    // Skip the rest of the physical line; its line end is consumed by the next record.
    while (m_pos < m_size && m_data[m_pos] != '\r' && m_data[m_pos] != '\n')
        ++m_pos;
    return Status::Error;
}

QString ReplayTokenizer::errorMessage() const
{
    // The texts (and translation context) of CsvReader, which this tokenizer stands in for.
    const char *text = "";
    switch (m_error) {
    case ErrorKind::None:
        return QString();
    case ErrorKind::UnclosedQuote:
        text = "the quoted field that starts here is never closed";
        break;
    case ErrorKind::TextAfterQuote:
        text = "unexpected text after the closing quote of a field (a quote inside a quoted field "
               "is written twice)";
        break;
    case ErrorKind::QuoteInField:
        text = "a quote inside an unquoted field (quote the whole field and write the quote "
               "twice)";
        break;
    case ErrorKind::Invalid:
        text = "invalid UTF-8 or a NUL character";
        break;
    }
    return QCoreApplication::translate("Car::Csv", text);
}

qsizetype ReplayTokenizer::position()
{
    if (m_pos < m_size && m_data[m_pos] == '\n' && m_pos > 0 && m_data[m_pos - 1] == '\r') {
        lineBreakAt(m_pos);
        ++m_pos;
    }
    return m_pos;
}

ReplayTokenizer::Status ReplayTokenizer::next()
{
    m_fields.clear();
    m_scratch.clear();
    m_recordQuoted = false;
    m_error = ErrorKind::None;

    while (m_pos < m_size && (m_data[m_pos] == '\r' || m_data[m_pos] == '\n')) {
        lineBreakAt(m_pos);
        ++m_pos;
    }
    if (m_pos >= m_size)
        return Status::End;

    m_recordLine = m_line;
    m_recordBegin = m_pos;
    const uchar *const bytes = reinterpret_cast<const uchar *>(m_data);
    const uchar *const end = bytes + m_size;
    for (;;) {
        FieldSpan field;
        field.position = m_pos;
        field.line = m_line;
        field.lineStart = m_lineStart;
        if (m_pos >= m_size) { // a trailing comma at the very end of the input
            field.begin = field.end = m_pos;
            m_fields.push_back(field);
            m_recordEnd = m_pos;
            return Status::Record;
        }
        if (m_data[m_pos] == '"') {
            field.quoted = true;
            m_recordQuoted = true;
            field.begin = qsizetype(m_scratch.size());
            const qint64 quoteLine = m_line;
            const qsizetype quoteLineStart = m_lineStart;
            const qsizetype quotePosition = m_pos;
            ++m_pos;
            for (;;) {
                if (m_pos >= m_size)
                    return fail(ErrorKind::UnclosedQuote, quoteLine, quoteLineStart, quotePosition);
                const char c = m_data[m_pos];
                const uchar kind = classOf(c);
                if (kind == Plain) {
                    const qsizetype run = skipPlain(m_data, m_pos + 1, m_size);
                    m_scratch.insert(m_scratch.end(), m_data + m_pos, m_data + run);
                    m_pos = run;
                } else if (kind == High) {
                    const int length = utf8SequenceLength(bytes + m_pos, end);
                    if (length == 0)
                        return fail(ErrorKind::Invalid, m_line, m_lineStart, m_pos);
                    m_scratch.insert(m_scratch.end(), m_data + m_pos, m_data + m_pos + length);
                    m_pos += length;
                    field.ascii = false;
                } else if (kind == Quote) {
                    ++m_pos;
                    if (m_pos >= m_size) {
                        field.end = qsizetype(m_scratch.size());
                        m_fields.push_back(field);
                        m_recordEnd = m_pos;
                        return Status::Record;
                    }
                    if (m_data[m_pos] != '"')
                        break;
                    m_scratch.push_back('"');
                    ++m_pos;
                } else if (kind == Nul) {
                    return fail(ErrorKind::Invalid, m_line, m_lineStart, m_pos);
                } else { // comma or line break inside quotes
                    m_scratch.push_back(c);
                    if (kind != Comma)
                        lineBreakAt(m_pos);
                    ++m_pos;
                }
            }
            field.end = qsizetype(m_scratch.size());
            const char c = m_data[m_pos];
            if (c == ',') {
                m_fields.push_back(field);
                ++m_pos;
                continue;
            }
            if (c == '\r' || c == '\n') {
                m_fields.push_back(field);
                m_recordEnd = m_pos;
                lineBreakAt(m_pos);
                ++m_pos;
                return Status::Record;
            }
            return fail(ErrorKind::TextAfterQuote, m_line, m_lineStart, m_pos);
        }
        field.begin = m_pos;
        for (;;) {
            if (m_pos >= m_size) {
                field.end = m_pos;
                m_fields.push_back(field);
                m_recordEnd = m_pos;
                return Status::Record;
            }
            const uchar kind = classOf(m_data[m_pos]);
            if (kind == Plain) {
                m_pos = skipPlain(m_data, m_pos + 1, m_size);
                continue;
            }
            if (kind == High) {
                const int length = utf8SequenceLength(bytes + m_pos, end);
                if (length == 0)
                    return fail(ErrorKind::Invalid, m_line, m_lineStart, m_pos);
                m_pos += length;
                field.ascii = false;
                continue;
            }
            if (kind == Comma) {
                field.end = m_pos;
                m_fields.push_back(field);
                ++m_pos;
                break;
            }
            if (kind == Cr || kind == Lf) {
                field.end = m_pos;
                m_fields.push_back(field);
                m_recordEnd = m_pos;
                lineBreakAt(m_pos);
                ++m_pos;
                return Status::Record;
            }
            if (kind == Quote)
                return fail(ErrorKind::QuoteInField, m_line, m_lineStart, m_pos);
            return fail(ErrorKind::Invalid, m_line, m_lineStart, m_pos);
        }
    }
}

qsizetype ReplayTokenizer::lastRecordBoundary(const char *data, qsizetype size)
{
    if (size <= 0)
        return 0;
    if (!std::memchr(data, '"', std::size_t(size))) {
        // Without quotes every line end ends a record. A CR is only certain when the byte after
        // it is known (a following LF belongs to it).
        for (qsizetype i = size - 1; i >= 0; --i) {
            if (data[i] == '\n')
                return i + 1;
        }
        for (qsizetype i = size - 2; i >= 0; --i) {
            if (data[i] == '\r')
                return i + 1;
        }
        return 0;
    }
    // Quotes may hide line ends: walk the records exactly as the tokenizer will.
    ReplayTokenizer tokenizer;
    tokenizer.reset(data, size);
    qsizetype safe = 0;
    for (;;) {
        const Status status = tokenizer.next();
        if (status == Status::End)
            return safe;
        qsizetype lineEnd = -1; // the line end that closed this record, if any
        if (status == Status::Record) {
            if (tokenizer.m_pos > 0 && tokenizer.m_recordEnd == tokenizer.m_pos - 1)
                lineEnd = tokenizer.m_recordEnd;
        } else if (tokenizer.m_pos < size) {
            lineEnd = tokenizer.m_pos;
        }
        if (lineEnd < 0)
            return safe;
        if (data[lineEnd] == '\n') {
            safe = lineEnd + 1;
        } else if (lineEnd + 1 < size) {
            safe = data[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
        } else {
            return safe;
        }
        // Continue right after the boundary (the tokenizer would skip the LF of a CRLF anyway).
        if (tokenizer.m_pos < safe) {
            tokenizer.m_pos = safe;
            tokenizer.m_lineStart = safe;
        }
    }
}

} // namespace Car
