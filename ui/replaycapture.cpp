#include "replaycapture.h"

#include "replay.h"
#include "replaytokenizer.h"

#include <QDir>

#include <algorithm>

namespace Car {

namespace {

constexpr qint64 ScanChunk = 4 * 1024 * 1024;

QList<QByteArrayView> fieldsOf(const ReplayTokenizer &tokenizer)
{
    QList<QByteArrayView> fields;
    fields.reserve(tokenizer.fieldCount());
    for (qsizetype i = 0; i < tokenizer.fieldCount(); ++i)
        fields << tokenizer.field(i);
    return fields;
}

QByteArrayView trimmed(QByteArrayView view)
{
    return view.trimmed();
}

} // namespace

ReplayCapture::ReplayCapture(const RuleSet &rules, QObject *parent)
    : QIODevice(parent)
    , m_rules(rules)
{
    for (int i = 0; i < rules.size(); ++i)
        m_ruleByName.insert(rules.at(i).name.toUtf8(), i);
}

ReplayCapture::~ReplayCapture() = default;

void ReplayCapture::setBaseline(std::shared_ptr<const ReplayCapture> baseline)
{
    m_baseline = std::move(baseline);
}

bool ReplayCapture::start(QString *error)
{
    if (!m_baseline) {
        m_file = std::make_unique<QTemporaryFile>();
        m_file->setFileTemplate(QDir::tempPath() + QStringLiteral("/carconsole-replay-XXXXXX.csv"));
        if (!m_file->open()) {
            if (error)
                *error = tr("cannot create a temporary file for the results: %1")
                             .arg(m_file->errorString());
            return false;
        }
    }
    return open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

qint64 ReplayCapture::readData(char *, qint64)
{
    return -1;
}

qint64 ReplayCapture::writeData(const char *data, qint64 size)
{
    if (m_file && m_file->write(data, size) != size) {
        setErrorString(m_file->errorString());
        return -1;
    }
    consume(data, qsizetype(size), false);
    return size;
}

void ReplayCapture::finish()
{
    if (!m_carry.isEmpty()) {
        const QByteArray rest = std::move(m_carry);
        m_carry.clear();
        consume(rest.constData(), rest.size(), true);
    }
    if (m_file)
        m_file->flush();
    if (isOpen())
        close();
}

void ReplayCapture::consume(const char *data, qsizetype size, bool atEnd)
{
    // Records may straddle writes: keep what follows the last complete record for the next one.
    QByteArray joined;
    const char *begin = data;
    qsizetype length = size;
    if (!m_carry.isEmpty() && !atEnd) {
        joined = m_carry + QByteArray::fromRawData(data, size);
        m_carry.clear();
        begin = joined.constData();
        length = joined.size();
    }
    const qsizetype complete = atEnd ? length : ReplayTokenizer::lastRecordBoundary(begin, length);
    ReplayTokenizer tokenizer;
    tokenizer.reset(begin, complete);
    qsizetype start = 0;
    for (;;) {
        const ReplayTokenizer::Status status = tokenizer.next();
        if (status == ReplayTokenizer::Status::End)
            break;
        const qsizetype end = tokenizer.position();
        if (status == ReplayTokenizer::Status::Record) {
            const QList<QByteArrayView> fields = fieldsOf(tokenizer);
            if (!m_headerSeen) {
                handleHeader(fields);
            } else {
                if (!m_baseline)
                    m_offsets.push_back(m_written + start);
                handleRow(fields);
            }
        }
        start = end;
    }
    if (complete < length)
        m_carry = QByteArray(begin + complete, length - complete);
    m_written += complete;
}

void ReplayCapture::handleHeader(const QList<QByteArrayView> &fields)
{
    m_headerSeen = true;
    for (QByteArrayView field : fields)
        m_header << QString::fromUtf8(field);
    // The output repeats the input columns, then Action and Rule.
    const QList<QString> input = m_header.mid(0, std::max<qsizetype>(0, m_header.size() - 2));
    const QList<QStringView> views(input.cbegin(), input.cend());
    QString error;
    int field = 0;
    if (const auto columns = ReplayColumns::fromHeader(views, &error, &field)) {
        m_userColumn = columns->user;
        m_protocolColumn = columns->protocol;
        m_authenticationColumn = columns->authentication;
        m_addressColumn = columns->address;
        m_portColumn = columns->port;
        m_middleTierColumn = columns->middleTier;
    }
}

void ReplayCapture::countKey(QHash<QString, qint64> &map, QByteArrayView key, bool &truncated)
{
    const QString text = QString::fromUtf8(trimmed(key));
    auto it = map.find(text);
    if (it != map.end()) {
        ++*it;
    } else if (map.size() < MaxDistinctKeys) {
        map.insert(text, 1);
    } else {
        truncated = true;
    }
}

void ReplayCapture::handleRow(const QList<QByteArrayView> &fields)
{
    const qsizetype count = fields.size();
    const int rule = count >= 2 ? m_ruleByName.value(fields.at(count - 1).toByteArray(), -1) : -1;
    const qint64 row = qint64(m_ruleOfRow.size());
    m_ruleOfRow.push_back(qint16(rule));
    const Action action = rule >= 0 ? m_rules.at(rule).action : Action::AllowAccess;
    const auto field = [&fields](int column) {
        return column >= 0 && column < fields.size() ? fields.at(column) : QByteArrayView();
    };

    if (!m_baseline) {
        if (action == Action::DenyAccess) {
            countKey(m_deniedUsers, field(m_userColumn), m_usersTruncated);
            countKey(m_deniedAddresses, field(m_addressColumn), m_addressesTruncated);
        }
        return;
    }
    if (row >= m_baseline->rowCount())
        return;
    const Action baselineAction = m_baseline->actionAt(row);
    if (baselineAction == action)
        return;
    m_changedRows.push_back(quint32(row));
    // This run is the "before" (e.g. a snapshot); the baseline holds the current decisions.
    const bool lost = action == Action::AllowAccess && baselineAction == Action::DenyAccess;
    const QString user = QString::fromUtf8(trimmed(field(m_userColumn)));
    const QByteArray protocolText = trimmed(field(m_protocolColumn)).toByteArray();
    auto cached = m_protocolCache.constFind(protocolText);
    if (cached == m_protocolCache.cend()) {
        const EnumBinding<Protocol> bound = bindProtocol(QString::fromUtf8(protocolText));
        cached = m_protocolCache.insert(protocolText, bound ? int(*bound.value) : -1);
    }
    UserImpact &impact = m_userImpact[user];
    const quint32 bit = *cached >= 0 ? (1u << unsigned(*cached)) : 0u;
    if (lost) {
        impact.lostProtocols |= bit;
        ++impact.lost;
    } else {
        impact.gainedProtocols |= bit;
        ++impact.gained;
    }
    const int baselineRule = m_baseline->ruleAt(row);
    auto group = std::find_if(m_ruleImpact.begin(), m_ruleImpact.end(), [&](const RuleImpact &r) {
        return r.lost == lost && r.baselineRule == baselineRule && r.rule == rule;
    });
    if (group == m_ruleImpact.end()) {
        RuleImpact added;
        added.lost = lost;
        added.baselineRule = baselineRule;
        added.rule = rule;
        m_ruleImpact.append(added);
        group = m_ruleImpact.end() - 1;
    }
    ++group->connections;
    group->users.insert(user);
}

Action ReplayCapture::actionAt(qint64 row) const
{
    const int rule = ruleAt(row);
    return rule >= 0 ? m_rules.at(rule).action : Action::AllowAccess;
}

bool ReplayCapture::comparable() const
{
    return !m_baseline || m_baseline->rowCount() == rowCount();
}

bool ReplayCapture::readRow(qint64 row, QStringList &fields) const
{
    fields.clear();
    if (!m_file || row < 0 || row >= qint64(m_offsets.size()))
        return false;
    if (!m_reader) {
        m_reader = std::make_unique<QFile>(m_file->fileName());
        if (!m_reader->open(QIODevice::ReadOnly)) {
            m_reader.reset();
            return false;
        }
    }
    const qint64 begin = m_offsets[std::size_t(row)];
    const qint64 end =
        row + 1 < qint64(m_offsets.size()) ? m_offsets[std::size_t(row + 1)] : m_written;
    if (!m_reader->seek(begin))
        return false;
    const QByteArray bytes = m_reader->read(end - begin);
    ReplayTokenizer tokenizer;
    tokenizer.reset(bytes.constData(), bytes.size());
    if (tokenizer.next() != ReplayTokenizer::Status::Record)
        return false;
    for (qsizetype i = 0; i < tokenizer.fieldCount(); ++i)
        fields << QString::fromUtf8(tokenizer.field(i));
    return true;
}

void ReplayCapture::scan(const std::function<bool(qint64, QByteArrayView)> &visit) const
{
    if (!m_file || m_offsets.empty())
        return;
    QFile file(m_file->fileName());
    if (!file.open(QIODevice::ReadOnly))
        return;
    const qint64 rows = qint64(m_offsets.size());
    qint64 row = 0;
    while (row < rows) {
        const qint64 chunkBegin = m_offsets[std::size_t(row)];
        // Whole records only: find the last row that ends within the chunk (at least one).
        qint64 last = row;
        while (last + 1 < rows && m_offsets[std::size_t(last + 1)] - chunkBegin < ScanChunk)
            ++last;
        const qint64 chunkEnd = last + 1 < rows ? m_offsets[std::size_t(last + 1)] : m_written;
        if (!file.seek(chunkBegin))
            return;
        const QByteArray chunk = file.read(chunkEnd - chunkBegin);
        for (qint64 r = row; r <= last; ++r) {
            const qint64 b = m_offsets[std::size_t(r)] - chunkBegin;
            const qint64 e =
                (r + 1 < rows ? m_offsets[std::size_t(r + 1)] : m_written) - chunkBegin;
            QByteArrayView record(chunk.constData() + b, std::min<qint64>(e, chunk.size()) - b);
            while (!record.isEmpty() && (record.back() == '\n' || record.back() == '\r'))
                record.chop(1);
            if (!visit(r, record))
                return;
        }
        row = last + 1;
    }
}

QList<ReplayCapture::Count> ReplayCapture::top(const QHash<QString, qint64> &map, int n)
{
    QList<Count> all;
    all.reserve(map.size());
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        all.append({it.key(), it.value()});
    const qsizetype keep = std::min<qsizetype>(n, all.size());
    std::partial_sort(all.begin(), all.begin() + keep, all.end(),
                      [](const Count &a, const Count &b) {
                          return a.count != b.count ? a.count > b.count : a.key < b.key;
                      });
    all.resize(keep);
    return all;
}

} // namespace Car
