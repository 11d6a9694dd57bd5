#include "replayblock.h"

#include "csv.h"
#include "directory.h"

#include <QCoreApplication>

namespace Car {

namespace {

void widen(std::vector<char16_t> &out, QByteArrayView ascii)
{
    out.resize(std::size_t(ascii.size()));
    for (qsizetype i = 0; i < ascii.size(); ++i)
        out[std::size_t(i)] = char16_t(uchar(ascii[i]));
}

QStringView viewOf(const std::vector<char16_t> &text)
{
    return QStringView(text.data(), qsizetype(text.size()));
}

// An enum field through the worker's cache, else the general binder (whose successes are
// remembered). Declines non-ASCII text and errors, which the general path reports.
template<typename E, typename Binder>
std::optional<E> bindCached(ReplayEnumCache<E> &cache, Binder binder, QByteArrayView text,
                            bool ascii, std::vector<char16_t> &wide)
{
    if (const std::optional<E> value = cache.find(text))
        return value;
    if (!ascii)
        return std::nullopt;
    widen(wide, text);
    const EnumBinding<E> binding = binder(viewOf(wide));
    if (!binding)
        return std::nullopt;
    cache.insert(text, *binding.value);
    return binding.value;
}

} // namespace

ReplayContext::ReplayContext(const ReplayCore &replayCore, const ReplayColumns &replayColumns,
                             const ReplayDirectoryIndex *index, bool concurrent, int setupThreads)
    : core(replayCore)
    , columns(replayColumns)
    , users(replayCore.evaluator(), replayCore.directory(), index, concurrent, setupThreads)
{
    const RuleSet &rules = core.ruleSet();
    for (const Rule &rule : rules.rules())
        denies.push_back(rule.action == Action::DenyAccess);
    suffixes.reserve(rules.size() + 1);
    suffixes << QByteArray(",") + toString(Action::AllowAccess).toUtf8() + ",\r\n";
    for (const Rule &rule : rules.rules()) {
        QByteArray suffix(",");
        ReplayBlockProcessor::appendCsvField(suffix, toString(rule.action).toUtf8());
        suffix += ',';
        ReplayBlockProcessor::appendCsvField(suffix, rule.name.toUtf8());
        suffix += "\r\n";
        suffixes << suffix;
    }
}

ReplayBlockProcessor::ReplayBlockProcessor(const ReplayContext &context)
    : m_context(context)
{
    for (int i = 0; i < ProtocolCount; ++i)
        m_protocols.insert(toString(Protocol(i)).toLatin1(), Protocol(i));
    for (int i = 0; i < AuthenticationTypeCount; ++i)
        m_authentication.insert(toString(AuthenticationType(i)).toLatin1(), AuthenticationType(i));
}

void ReplayBlockProcessor::appendCsvField(QByteArray &out, QByteArrayView field)
{
    bool quote = false;
    for (const char c : field) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(field);
        return;
    }
    out.append('"');
    for (const char c : field) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

bool ReplayBlockProcessor::parseFast(FastRow &row)
{
    const ReplayColumns &columns = m_context.columns;
    const ReplayTokenizer &t = m_tokenizer;
    row.user = ReplayFields::trimmedAscii(t.field(columns.user));
    // QStringView::trimmed() also trims non-ASCII blanks (U+00A0, U+3000, ...): leave those to
    // the general path.
    if (row.user.isEmpty())
        return false;
    row.userAscii = t.fieldIsAscii(columns.user);
    if (!row.userAscii && ReplayFields::startsOrEndsWithNonAsciiSpace(row.user))
        return false;
    const std::optional<Protocol> protocol =
        bindCached(m_protocols, bindProtocol, t.field(columns.protocol),
                   t.fieldIsAscii(columns.protocol), m_wide);
    if (!protocol)
        return false;
    const std::optional<AuthenticationType> authentication =
        bindCached(m_authentication, bindAuthenticationType, t.field(columns.authentication),
                   t.fieldIsAscii(columns.authentication), m_wide);
    if (!authentication)
        return false;
    const QByteArrayView addressText = t.field(columns.address);
    std::optional<IpAddress> address = ReplayFields::parseAddress(addressText);
    if (!address) {
        if (!t.fieldIsAscii(columns.address))
            return false;
        widen(m_wide, addressText);
        address = IpAddress::parse(viewOf(m_wide));
        if (!address)
            return false;
    }
    const int port = ReplayFields::parseDigits(t.field(columns.port));
    if (port < 1 || port > 65535)
        return false;
    int middleTier = 0;
    if (columns.middleTier >= 0) {
        middleTier = ReplayFields::parseMiddleTier(t.field(columns.middleTier));
        if (middleTier < 0)
            return false;
    }
    row.record = t.recordBytes();
    row.indexed = m_context.users.indexed(row.user, row.userAscii);
    row.hash = m_context.users.hashFor(row.user, row.userAscii);
    row.protocol = *protocol;
    row.authentication = *authentication;
    row.address = *address;
    row.port = port;
    row.middleTier = middleTier == 1;
    return true;
}

void ReplayBlockProcessor::resolve(FastRow &row)
{
    // Only the facts: the row's decision reads neither the user's record nor its username string.
    const quint32 rules =
        m_context.core.evaluator().candidates(row.protocol, row.authentication, row.middleTier);
    const ReplayUsers::Location location =
        m_context.users.locate(row.user, row.hash, row.userAscii, rules, m_username);
    row.number = location.number;
    row.facts = location.facts;
    if (row.number >= 0)
        m_context.users.prefetchFacts(row.number);
}

void ReplayBlockProcessor::flush(ReplayBlock &block)
{
    // Passes over the batch, so that each row's cache misses (the table slot, prefetched as the
    // row was parsed, then the index entry) are in flight together with the other rows' instead
    // of one by one.
    for (int i = 0; i < m_batchCount; ++i)
        m_context.users.prefetchEntry(m_batch[std::size_t(i)].user, m_batch[std::size_t(i)].hash,
                                      m_batch[std::size_t(i)].indexed);
    for (int i = 0; i < m_batchCount; ++i)
        resolve(m_batch[std::size_t(i)]);
    for (int i = 0; i < m_batchCount; ++i)
        finish(m_batch[std::size_t(i)], false, block);
    m_batchCount = 0;
}

void ReplayBlockProcessor::finish(const FastRow &row, bool quoted, ReplayBlock &block)
{
    // decide() with the user's facts reads neither the user nor its texts: they stay empty.
    m_connection.protocol = row.protocol;
    m_connection.authenticationType = row.authentication;
    m_connection.address = row.address;
    m_connection.port = row.port;
    m_connection.middleTier = row.middleTier;
    const UserFacts &facts = row.number >= 0 ? m_context.users.factsOf(row.number) : row.facts;
    deliver(m_context.core.evaluator().decide(m_connection, facts), row.record, quoted, block);
}

void ReplayBlockProcessor::deliver(int rule, QByteArrayView record, bool quoted, ReplayBlock &block)
{
    if (rule >= 0) {
        ++block.perRule[rule];
        if (m_context.denies[std::size_t(rule)])
            ++block.denied;
        else
            ++block.allowed;
    } else {
        ++block.unmatched;
        ++block.allowed;
    }
    if (!quoted) {
        block.output.append(record);
    } else {
        for (qsizetype i = 0; i < m_tokenizer.fieldCount(); ++i) {
            if (i > 0)
                block.output.append(',');
            appendCsvField(block.output, m_tokenizer.field(i));
        }
    }
    block.output.append(m_context.suffixes[rule + 1]);
}

bool ReplayBlockProcessor::decideGeneral(int &rule, ReplayProblem &problem)
{
    const qsizetype count = m_tokenizer.fieldCount();
    m_generalFields.resize(count);
    m_generalViews.resize(count);
    for (qsizetype i = 0; i < count; ++i) {
        m_generalFields[i] = QString::fromUtf8(m_tokenizer.field(i));
        m_generalViews[i] = m_generalFields[i];
    }
    ReplayRowError error;
    if (!m_context.core.parse(m_generalViews.constData(), m_context.columns, m_generalUsers,
                              m_generalConnection, error)) {
        problem = {m_tokenizer.fieldLine(error.field), m_tokenizer.fieldColumn(error.field),
                   error.message};
        return false;
    }
    rule = m_context.core.decide(m_generalConnection);
    return true;
}

void ReplayBlockProcessor::process(ReplayBlock &block, const std::atomic<bool> *cancel)
{
    const RuleSet &rules = m_context.core.ruleSet();
    block.rows = block.allowed = block.denied = block.unmatched = block.badRows = 0;
    block.perRule.fill(0, rules.size());
    block.problems.clear();
    block.cancelled = false;
    block.output.resize(0);
    const qsizetype expected = block.inputBytes() + block.inputBytes() / 3 + 1024;
    if (block.output.capacity() < expected)
        block.output.reserve(expected);

    const int fieldCount = m_context.columns.count;
    m_tokenizer.reset(block.input.constData() + block.begin, block.inputBytes());
    m_batchCount = 0;
    ReplayProblem problem;
    for (;;) {
        if ((block.rows & 255) == 0 && cancel && cancel->load(std::memory_order_relaxed)) {
            block.cancelled = true;
            break;
        }
        const ReplayTokenizer::Status status = m_tokenizer.next();
        if (status == ReplayTokenizer::Status::End)
            break;
        ++block.rows;
        // Bad rows write nothing, so they need not wait for the batch before them.
        if (status == ReplayTokenizer::Status::Error) {
            ++block.badRows;
            block.problems.append(
                {m_tokenizer.errorLine(), m_tokenizer.errorColumn(), m_tokenizer.errorMessage()});
            continue;
        }
        if (m_tokenizer.fieldCount() != fieldCount) {
            ++block.badRows;
            block.problems.append(
                {m_tokenizer.recordLine(), 1,
                 QCoreApplication::translate("Car::Replay",
                                             "this row has %1 fields but the header has %2")
                     .arg(m_tokenizer.fieldCount())
                     .arg(fieldCount)});
            continue;
        }
        FastRow &row = m_batch[std::size_t(m_batchCount)];
        const bool quoted = m_tokenizer.recordHasQuotedField();
        if (parseFast(row)) {
            if (!quoted) {
                m_context.users.prefetchSlot(row.hash, row.indexed);
                if (++m_batchCount == BatchSize)
                    flush(block);
                continue;
            }
            // Its fields live only until the next record: decide it now, after the batch.
            FastRow now = row;
            flush(block);
            resolve(now);
            finish(now, true, block);
            continue;
        }
        int rule = -1;
        if (!decideGeneral(rule, problem)) {
            ++block.badRows;
            block.problems.append(std::move(problem));
            continue;
        }
        flush(block);
        deliver(rule, m_tokenizer.recordBytes(), quoted, block);
    }
    flush(block);
    block.lineBreaks = m_tokenizer.lineBreaks();
}

} // namespace Car
