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

QString rawString(const std::vector<char16_t> &text)
{
    // Borrows the buffer: no allocation, no reference count. Valid until the buffer changes.
    return QString::fromRawData(reinterpret_cast<const QChar *>(text.data()),
                                qsizetype(text.size()));
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
                             bool concurrent)
    : core(replayCore)
    , columns(replayColumns)
    , users(replayCore.ruleSet(), replayCore.directory(), concurrent)
{
    const RuleSet &rules = core.ruleSet();
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

bool ReplayBlockProcessor::decideFast(int &rule)
{
    const ReplayColumns &columns = m_context.columns;
    const ReplayTokenizer &t = m_tokenizer;
    if (!t.fieldIsAscii(columns.user))
        return false;
    const QByteArrayView user = ReplayFields::trimmedAscii(t.field(columns.user));
    if (user.isEmpty())
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

    const DirectoryUser *found = m_context.users.find(user);
    m_context.users.username(found, user, m_username);
    widen(m_userText, user);
    m_connection.user = found;
    m_connection.userText = rawString(m_userText);
    m_connection.username = rawString(m_username);
    m_connection.protocol = *protocol;
    m_connection.authenticationType = *authentication;
    m_connection.address = *address;
    m_connection.port = port;
    m_connection.middleTier = middleTier == 1;
    rule = m_context.core.decide(m_connection);
    return true;
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

bool ReplayBlockProcessor::decideRecord(int &rule, ReplayProblem &problem)
{
    return decideFast(rule) || decideGeneral(rule, problem);
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
        if (status == ReplayTokenizer::Status::Error) {
            ++block.badRows;
            block.problems.append({m_tokenizer.errorLine(), m_tokenizer.errorColumn(),
                                   m_tokenizer.errorMessage()});
            continue;
        }
        if (m_tokenizer.fieldCount() != fieldCount) {
            ++block.badRows;
            block.problems.append({m_tokenizer.recordLine(), 1,
                                   QCoreApplication::translate(
                                       "Car::Replay", "this row has %1 fields but the header has %2")
                                       .arg(m_tokenizer.fieldCount())
                                       .arg(fieldCount)});
            continue;
        }
        int rule = -1;
        if (!decideRecord(rule, problem)) {
            ++block.badRows;
            block.problems.append(std::move(problem));
            continue;
        }
        if (rule >= 0 && rules.at(rule).action == Action::DenyAccess)
            ++block.denied;
        else
            ++block.allowed;
        if (rule >= 0)
            ++block.perRule[rule];
        else
            ++block.unmatched;

        if (!m_tokenizer.recordHasQuotedField()) {
            block.output.append(m_tokenizer.recordBytes());
        } else {
            for (qsizetype i = 0; i < fieldCount; ++i) {
                if (i > 0)
                    block.output.append(',');
                appendCsvField(block.output, m_tokenizer.field(i));
            }
        }
        block.output.append(m_context.suffixes[rule + 1]);
    }
    block.lineBreaks = m_tokenizer.lineBreaks();
}

} // namespace Car
