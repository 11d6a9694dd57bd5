#include "replay.h"

#include <QCoreApplication>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::Replay", text);
}

} // namespace

std::optional<ReplayColumns> ReplayColumns::fromHeader(const QList<QStringView> &header,
                                                       QString *error, int *errorField)
{
    ReplayColumns columns;
    columns.count = int(header.size());
    struct Binding
    {
        const char16_t *name;
        int ReplayColumns::*slot;
    };
    const Binding bindings[] = {
        {u"User", &ReplayColumns::user},
        {u"Protocol", &ReplayColumns::protocol},
        {u"AuthenticationType", &ReplayColumns::authentication},
        {u"RemoteAddress", &ReplayColumns::address},
        {u"RemotePort", &ReplayColumns::port},
        {u"MiddleTier", &ReplayColumns::middleTier},
    };
    for (int i = 0; i < header.size(); ++i) {
        for (const Binding &binding : bindings) {
            if (header[i].trimmed().compare(QStringView(binding.name), Qt::CaseInsensitive) != 0)
                continue;
            if (columns.*binding.slot >= 0) {
                if (error)
                    *error =
                        tr("the column '%1' is named twice").arg(QString::fromUtf16(binding.name));
                if (errorField)
                    *errorField = i;
                return std::nullopt;
            }
            columns.*binding.slot = i;
        }
    }
    QStringList missing;
    for (const Binding &binding : bindings) {
        if (columns.*binding.slot < 0 && binding.slot != &ReplayColumns::middleTier)
            missing << QString::fromUtf16(binding.name);
    }
    if (!missing.isEmpty()) {
        if (error)
            *error = tr("the header lacks the column(s) %1; expected "
                        "User,Protocol,AuthenticationType,RemoteAddress,RemotePort[,MiddleTier]")
                         .arg(missing.join(QLatin1String(", ")));
        if (errorField)
            *errorField = 0;
        return std::nullopt;
    }
    return columns;
}

const ReplayUserCache::Entry &ReplayUserCache::resolve(QStringView text, const RuleSet &rules,
                                                       const Directory &directory)
{
    m_key.resize(0);
    m_key.append(text);
    if (const auto it = m_entries.constFind(m_key); it != m_entries.constEnd())
        return *it;
    if (m_entries.size() >= MaxEntries)
        m_entries.clear(); // bounded memory for inputs with very many distinct users
    const Connection resolved = makeConnection(rules, directory, m_key, Protocol::REST,
                                               AuthenticationType::BasicAuthentication, {});
    Entry entry {resolved.user, resolved.userText, resolved.username};
    return *m_entries.insert(m_key, std::move(entry));
}

ReplayCore::ReplayCore(const RuleSet &rules, const Directory &directory)
    : m_evaluator(rules)
    , m_directory(directory)
{ }

bool ReplayCore::parse(const QStringView *fields, const ReplayColumns &columns,
                       ReplayUserCache &cache, Connection &connection, ReplayRowError &error) const
{
    const QStringView user = fields[columns.user].trimmed();
    if (user.isEmpty()) {
        error = {columns.user, tr("the User is empty")};
        return false;
    }
    const EnumBinding<Protocol> protocol = bindProtocol(fields[columns.protocol]);
    if (!protocol) {
        error = {columns.protocol, tr("Protocol: %1").arg(protocol.error)};
        return false;
    }
    const EnumBinding<AuthenticationType> authentication =
        bindAuthenticationType(fields[columns.authentication]);
    if (!authentication) {
        error = {columns.authentication, tr("AuthenticationType: %1").arg(authentication.error)};
        return false;
    }
    QString addressError;
    const std::optional<IpAddress> address =
        IpAddress::parse(fields[columns.address], &addressError);
    if (!address) {
        error = {columns.address, tr("RemoteAddress: %1").arg(addressError)};
        return false;
    }
    bool portOk = false;
    const int port = fields[columns.port].trimmed().toInt(&portOk);
    if (!portOk || port < 1 || port > 65535) {
        error = {columns.port,
                 tr("RemotePort: '%1' is not a port number from 1 to 65535")
                     .arg(fields[columns.port].toString())};
        return false;
    }
    bool middleTier = false;
    if (columns.middleTier >= 0) {
        const QStringView text = fields[columns.middleTier].trimmed();
        if (text == u"1" || text.compare(u"true", Qt::CaseInsensitive) == 0) {
            middleTier = true;
        } else if (!(text.isEmpty() || text == u"0"
                     || text.compare(u"false", Qt::CaseInsensitive) == 0)) {
            error = {columns.middleTier,
                     tr("MiddleTier: '%1' is not true, false, 1, 0 or empty").arg(text.toString())};
            return false;
        }
    }
    const ReplayUserCache::Entry &entry = cache.resolve(user, ruleSet(), m_directory);
    connection.user = entry.user;
    connection.userText = entry.userText;
    connection.username = entry.username;
    connection.protocol = *protocol.value;
    connection.authenticationType = *authentication.value;
    connection.address = *address;
    connection.port = port;
    connection.middleTier = middleTier;
    return true;
}

double ReplaySummary::rowsPerSecond() const
{
    if (elapsedNs > 0)
        return double(rows) * 1e9 / double(elapsedNs);
    return elapsedMs > 0 ? double(rows) * 1000.0 / double(elapsedMs) : double(rows) * 1000.0;
}

QString ReplaySummary::toText(const RuleSet &rules) const
{
    QString text = tr("rows: %1 (allowed %2, denied %3, bad %4)\n")
                       .arg(rows)
                       .arg(allowed)
                       .arg(denied)
                       .arg(badRows);
    for (int i = 0; i < perRule.size() && i < rules.size(); ++i) {
        if (perRule[i] > 0)
            text += tr("  %1 (%2): %3\n")
                        .arg(rules.at(i).name, toString(rules.at(i).action))
                        .arg(perRule[i]);
    }
    text += tr("  no rule matched (AllowAccess): %1\n").arg(unmatched);
    text += tr("rows per second: %1\n").arg(qint64(rowsPerSecond()));
    text += threads > 0 ? tr("worker threads: %1\n").arg(threads)
                        : tr("worker threads: none (everything on one thread)\n");
    return text;
}

} // namespace Car
