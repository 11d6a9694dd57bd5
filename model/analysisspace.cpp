#include "analysisspace.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <unordered_map>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::AnalysisSpace", text);
}

// Address arithmetic on the 128-bit value (IPv4 lives in the low 32 bits).
IpAddress plusOne(IpAddress a)
{
    if (++a.lo == 0)
        ++a.hi;
    return a;
}

IpAddress maxAddress(bool v6)
{
    IpAddress a;
    a.v6 = v6;
    a.hi = v6 ? ~quint64(0) : 0;
    a.lo = v6 ? ~quint64(0) : quint64(0xFFFFFFFFu);
    return a;
}

// Example addresses from the documentation ranges, used when they fall in a class.
IpAddress niceAddress(bool v6)
{
    return *IpAddress::parse(v6 ? QStringLiteral("2001:db8::10") : QStringLiteral("203.0.113.10"));
}

// Inserts a class keyed by its masks; keeps the best (lowest) quality example.
template<typename Item> struct Deduper
{
    QHash<quint64, int> index[2];
    QList<Item> items;
    QList<int> quality;

    void add(quint32 cond, quint32 exc, bool flag, int q, const Item &item)
    {
        const quint64 key = quint64(cond) | (quint64(exc) << 32);
        auto it = index[flag].constFind(key);
        if (it == index[flag].cend()) {
            index[flag].insert(key, int(items.size()));
            items.append(item);
            quality.append(q);
        } else if (q < quality[*it]) {
            items[*it] = item;
            quality[*it] = q;
        }
    }
};

} // namespace

AnalysisSpace::AnalysisSpace(const RuleSet &rules, const Directory &directory,
                             const std::atomic_bool *cancel)
    : m_cancel(cancel)
    , m_ruleCount(std::min(rules.size(), MaxRules))
{
    if (rules.size() > MaxRules)
        markInexact(tr("only the first %1 rules were analysed").arg(MaxRules));
    for (int r = 0; r < m_ruleCount; ++r) {
        if (rules.at(r).enabled)
            m_enabled |= 1u << r;
        if (rules.at(r).scope == Scope::Users)
            m_usersScope |= 1u << r;
    }
    buildProtocolAuth(rules);
    buildAddresses(rules);
    buildPorts(rules);
    if (!isCancelled())
        prepareUsers(rules, directory);
}

void AnalysisSpace::markInexact(const QString &reason) const
{
    if (m_exact)
        m_inexactReason = reason;
    else if (!m_inexactReason.contains(reason))
        m_inexactReason += QStringLiteral("; ") + reason;
    m_exact = false;
}

void AnalysisSpace::buildProtocolAuth(const RuleSet &rules)
{
    for (const Protocol protocol : allProtocols()) {
        if (!isProtocolAvailable(protocol, rules.environment()))
            continue;
        const AuthenticationMask supported = supportedAuthentication(protocol);
        for (const AuthenticationType type : allAuthenticationTypes()) {
            ProtocolAuthClass c {protocol, type};
            c.patternsIgnored = protocol == Protocol::UniversalOutlook;
            // Nicer examples: protocols Test-ClientAccessRule accepts, authentication types the
            // protocol supports (Basic where it filters none).
            c.quality = (isTestableProtocol(protocol) ? 0 : 8)
                + ((supported ? (supported & authenticationBit(type))
                              : type == AuthenticationType::BasicAuthentication)
                       ? 0
                       : 2);
            for (int r = 0; r < m_ruleCount; ++r) {
                const Rule &rule = rules.at(r);
                const bool protocolHolds =
                    rule.anyOfProtocols.isEmpty() || rule.anyOfProtocols.contains(protocol);
                const bool authHolds = rule.anyOfAuthenticationTypes.isEmpty()
                    || rule.anyOfAuthenticationTypes.contains(type);
                if (protocolHolds && authHolds)
                    c.cond |= 1u << r;
                if (rule.exceptAnyOfProtocols.contains(protocol)
                    || rule.exceptAnyOfAuthenticationTypes.contains(type))
                    c.exc |= 1u << r;
            }
            m_protocolAuth.append(c);
        }
    }
    std::stable_sort(m_protocolAuth.begin(), m_protocolAuth.end(),
                     [](const ProtocolAuthClass &a, const ProtocolAuthClass &b) {
                         return a.quality < b.quality;
                     });
}

void AnalysisSpace::buildAddresses(const RuleSet &rules)
{
    for (const bool v6 : {false, true}) {
        IpAddress min;
        min.v6 = v6;
        const IpAddress max = maxAddress(v6);
        QList<IpAddress> starts {min};
        for (int r = 0; r < m_ruleCount; ++r) {
            const Rule &rule = rules.at(r);
            for (const QList<IpRange> *list : {&rule.anyOfClientIPAddressesOrRanges,
                                               &rule.exceptAnyOfClientIPAddressesOrRanges}) {
                for (const IpRange &range : *list) {
                    if (range.isV6() != v6)
                        continue;
                    starts.append(range.low);
                    if (range.high != max)
                        starts.append(plusOne(range.high));
                }
            }
        }
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        const IpAddress nice = niceAddress(v6);
        for (int i = 0; i < starts.size(); ++i) {
            const IpAddress first = starts[i];
            const bool last = i + 1 == starts.size();
            // The class is [first, next start - 1]: pick an example inside it.
            IpAddress example = first;
            if (first <= nice && (last || nice < starts[i + 1]))
                example = nice;
            else if ((first.lo & 0xFF) == 0 && (last || plusOne(first) < starts[i + 1]))
                example = plusOne(first);
            AddressClass c {example};
            c.quality = example == nice ? 0 : 1;
            for (int r = 0; r < m_ruleCount; ++r) {
                const Rule &rule = rules.at(r);
                const auto contains = [&example](const IpRange &range) {
                    return range.contains(example);
                };
                const QList<IpRange> &any = rule.anyOfClientIPAddressesOrRanges;
                const QList<IpRange> &except = rule.exceptAnyOfClientIPAddressesOrRanges;
                if (any.isEmpty() || std::any_of(any.cbegin(), any.cend(), contains))
                    c.cond |= 1u << r;
                if (std::any_of(except.cbegin(), except.cend(), contains))
                    c.exc |= 1u << r;
            }
            m_addresses.append(c);
        }
    }
}

void AnalysisSpace::buildPorts(const RuleSet &rules)
{
    QList<int> starts {1};
    for (int r = 0; r < m_ruleCount; ++r) {
        const Rule &rule = rules.at(r);
        for (const QList<PortRange> *list :
             {&rule.anyOfSourceTcpPortNumbers, &rule.exceptAnyOfSourceTcpPortNumbers}) {
            for (const PortRange &range : *list) {
                starts.append(std::max(1, int(range.low)));
                if (range.high < 65535)
                    starts.append(range.high + 1);
            }
        }
    }
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    for (int i = 0; i < starts.size(); ++i) {
        const int end = i + 1 < starts.size() ? starts[i + 1] - 1 : 65535;
        PortClass c {starts[i] <= 443 && 443 <= end ? 443 : starts[i]};
        for (int r = 0; r < m_ruleCount; ++r) {
            const Rule &rule = rules.at(r);
            const auto contains = [&c](const PortRange &range) {
                return range.contains(c.port);
            };
            const QList<PortRange> &any = rule.anyOfSourceTcpPortNumbers;
            const QList<PortRange> &except = rule.exceptAnyOfSourceTcpPortNumbers;
            if (any.isEmpty() || std::any_of(any.cbegin(), any.cend(), contains))
                c.cond |= 1u << r;
            if (std::any_of(except.cbegin(), except.cend(), contains))
                c.exc |= 1u << r;
        }
        m_ports.append(c);
    }
}

bool AnalysisSpace::enumerate(const Restriction &restriction, QList<Cell> &cells) const
{
    cells.clear();
    struct Combined
    {
        quint32 cond = 0, exc = 0;
        bool ignored = false;
        Point point;
    };

    // Protocol/authentication x middle-tier, then address x port, each deduplicated by masks.
    Deduper<Combined> first;
    for (int i = 0; i < m_protocolAuth.size(); ++i) {
        const ProtocolAuthClass &pa = m_protocolAuth[i];
        if (!(restriction.protocols & protocolBit(pa.protocol)))
            continue;
        for (const bool middleTier : {false, true}) {
            Combined c;
            c.cond = pa.cond & (middleTier ? ~m_usersScope : ~0u);
            c.exc = pa.exc;
            c.ignored = pa.patternsIgnored;
            c.point.protocolAuthentication = i;
            c.point.middleTier = middleTier;
            first.add(c.cond, c.exc, c.ignored, pa.quality + (middleTier ? 1 : 0), c);
        }
    }
    Deduper<Combined> second;
    for (int a = 0; a < m_addresses.size(); ++a) {
        const AddressClass &address = m_addresses[a];
        if ((restriction.family == 4 && address.address.v6)
            || (restriction.family == 6 && !address.address.v6))
            continue;
        for (int p = 0; p < m_ports.size(); ++p) {
            Combined c;
            c.cond = address.cond & m_ports[p].cond;
            c.exc = address.exc | m_ports[p].exc;
            c.point.address = a;
            c.point.port = p;
            second.add(c.cond, c.exc, false,
                       address.quality + (address.address.v6 ? 2 : 0)
                           + (m_ports[p].port == 443 ? 0 : 1),
                       c);
        }
    }
    Deduper<Combined> outer;
    for (int i = 0; i < first.items.size(); ++i) {
        for (int j = 0; j < second.items.size(); ++j) {
            const Combined &x = first.items[i];
            const Combined &y = second.items[j];
            Combined c = x;
            c.cond = x.cond & y.cond;
            c.exc = x.exc | y.exc;
            c.point.address = y.point.address;
            c.point.port = y.point.port;
            outer.add(c.cond, c.exc, c.ignored, first.quality[i] + second.quality[j], c);
        }
    }

    // The innermost loop runs over the user classes; a table over all masks finds repeats.
    const bool table = m_ruleCount <= 20;
    std::vector<int> seen(table ? std::size_t(1) << m_ruleCount : 0, -1);
    std::unordered_map<quint32, int> seenMap;
    for (int i = 0; i < outer.items.size(); ++i) {
        if (isCancelled())
            return false;
        const Combined &x = outer.items[i];
        const int baseQuality = outer.quality[i];
        const quint32 live = x.cond & ~x.exc & m_enabled;
        const QList<int> &users = usersFor(live, x.ignored);
        for (const int u : users) {
            const UserClass &user = m_users[u];
            const quint32 cond = x.cond & (x.ignored ? user.condIgnored : user.cond);
            const quint32 exc = x.exc | (x.ignored ? user.excIgnored : user.exc);
            const quint32 mask = cond & ~exc & m_enabled;
            const int quality = user.quality * 16 + baseQuality;
            int *slot;
            if (table) {
                slot = &seen[mask];
            } else {
                auto [it, inserted] = seenMap.emplace(mask, -1);
                slot = &it->second;
            }
            if (*slot < 0) {
                *slot = int(cells.size());
                Cell cell {mask, x.point, quality};
                cell.point.user = u;
                cells.append(cell);
            } else if (quality < cells[*slot].quality) {
                Cell &cell = cells[*slot];
                cell.point = x.point;
                cell.point.user = u;
                cell.quality = quality;
            }
        }
    }
    return true;
}

Witness AnalysisSpace::witness(const Point &point) const
{
    const ProtocolAuthClass &pa = m_protocolAuth[point.protocolAuthentication];
    const UserClass &user = m_users[point.user];
    Witness w;
    w.userKind = user.kind;
    w.user = user.user;
    w.username = user.username;
    w.attributes = user.attributes;
    w.protocol = pa.protocol;
    w.authenticationType = pa.authentication;
    w.address = m_addresses[point.address].address;
    w.port = m_ports[point.port].port;
    w.middleTier = point.middleTier;
    return w;
}

Protocol AnalysisSpace::protocolOf(const Point &point) const
{
    return m_protocolAuth[point.protocolAuthentication].protocol;
}

QString AnalysisSpace::statistics() const
{
    return QStringLiteral("%1 protocol/authentication, %2 address, %3 port, %4 user classes")
        .arg(m_protocolAuth.size())
        .arg(m_addresses.size())
        .arg(m_ports.size())
        .arg(m_users.size());
}

} // namespace Car
