// The user dimension of AnalysisSpace: username pattern combinations x recipient filter outcomes,
// built per set of rules that can still match (so only the patterns that matter are combined).
#include "analysisglob.h"
#include "analysisspace.h"

#include <QCoreApplication>
#include <QSet>

#include <map>
#include <tuple>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::AnalysisSpace", text);
}

QString folded(QStringView text)
{
    QString result;
    result.reserve(text.size());
    for (QChar c : text)
        result += c.toCaseFolded();
    return result;
}

// Hypothetical attribute assignments beyond this many are not enumerated ("cannot tell").
constexpr int MaxAttributeCombinations = 4096;

} // namespace

void AnalysisSpace::prepareUsers(const RuleSet &rules, const Directory &directory)
{
    m_environment = rules.environment();
    m_netbiosDomain = rules.netbiosDomain();
    m_directory = &directory;
    m_ruleUsers.resize(m_ruleCount);
    for (int r = 0; r < m_ruleCount; ++r) {
        const Rule &rule = rules.at(r);
        RuleUser &user = m_ruleUsers[r];
        user.patterns = rule.usernameMatchesAnyOfPatterns;
        user.exceptPatterns = rule.exceptUsernameMatchesAnyOfPatterns;
        if (!user.patterns.isEmpty() || !user.exceptPatterns.isEmpty())
            m_patternRules |= 1u << r;
        user.hasFilter = !rule.userRecipientFilter.trimmed().isEmpty();
        if (user.hasFilter) {
            m_filterRules |= 1u << r;
            user.filter = RecipientFilter::parse(rule.userRecipientFilter);
        }
    }
    // Directory users with distinct masks over every rule: the nicest examples.
    std::map<std::tuple<quint32, quint32, quint32>, int> seen;
    for (int i = 0; i < directory.size(); ++i) {
        if (isCancelled())
            return;
        const DirectoryUser &user = directory.user(i);
        const QString username =
            usernameString(&user, user.userPrincipalName, m_environment, m_netbiosDomain);
        const UserMasks masks = masksOf(username, &user);
        if (seen.emplace(std::make_tuple(masks.cond, masks.exc, masks.condIgnored), i).second)
            m_directoryUsers.append({i, masks});
    }
}

AnalysisSpace::UserMasks AnalysisSpace::masksOf(const QString &username,
                                                const DirectoryUser *user) const
{
    UserMasks masks;
    for (int r = 0; r < m_ruleCount; ++r) {
        const RuleUser &rule = m_ruleUsers[r];
        const auto any = [&username](const QList<UsernamePattern> &patterns) {
            return std::any_of(
                patterns.cbegin(), patterns.cend(),
                [&username](const UsernamePattern &p) { return p.matches(username); });
        };
        const bool filterHolds = !rule.hasFilter || (rule.filter && rule.filter->matches(user));
        if (filterHolds) {
            masks.condIgnored |= 1u << r;
            if (rule.patterns.isEmpty() || any(rule.patterns))
                masks.cond |= 1u << r;
        }
        if (any(rule.exceptPatterns))
            masks.exc |= 1u << r;
    }
    return masks;
}

const QList<int> &AnalysisSpace::usersFor(quint32 live, bool patternsIgnored) const
{
    // Only the live rules with user conditions tell users apart; every other bit is neutral.
    const quint32 relevant =
        live & (patternsIgnored ? m_filterRules : m_patternRules | m_filterRules);
    const quint64 key = quint64(relevant) | (quint64(patternsIgnored) << 32);
    auto cached = m_userCache.constFind(key);
    if (cached != m_userCache.cend())
        return *cached;

    // The patterns of the relevant rules, and per attribute their filters' compared values.
    AnalysisGlob usernames;
    QSet<QString> patternTexts;
    std::map<Attribute, AnalysisGlob> attributeGlobs;
    std::map<Attribute, QSet<QPair<QString, bool>>> attributeValues;
    for (int r = 0; r < m_ruleCount; ++r) {
        if (!(relevant & (1u << r)))
            continue;
        const RuleUser &rule = m_ruleUsers[r];
        if (!patternsIgnored) {
            for (const QList<UsernamePattern> *list : {&rule.patterns, &rule.exceptPatterns}) {
                for (const UsernamePattern &p : *list) {
                    const QString text = folded(p.text());
                    if (!patternTexts.contains(text)) {
                        patternTexts.insert(text);
                        usernames.addPattern(text, true);
                    }
                }
            }
        }
        if (!rule.filter)
            continue;
        for (const RecipientFilter::Node &node : rule.filter->nodes()) {
            if (node.kind != RecipientFilter::NodeKind::Compare)
                continue;
            const bool wildcard = node.op == RecipientFilter::Operator::Like
                || node.op == RecipientFilter::Operator::NotLike;
            const QPair<QString, bool> value {node.isNull ? QString() : node.foldedValue, wildcard};
            if (attributeValues[node.attribute].contains(value))
                continue;
            attributeValues[node.attribute].insert(value);
            attributeGlobs[node.attribute].addPattern(value.first, wildcard);
        }
    }
    if (!usernames.explore(false))
        markInexact(tr("the username patterns have too many combinations to enumerate"));

    // Per attribute one example value per combination of its compared values; then assignments
    // over the attributes, one per distinct outcome of the relevant filters.
    QList<Attribute> attributes;
    QList<QList<QString>> values;
    qint64 combinations = 1;
    for (auto &[attribute, glob] : attributeGlobs) {
        if (!glob.explore(true))
            markInexact(tr("the values compared with %1 have too many combinations to enumerate")
                            .arg(toString(attribute)));
        attributes.append(attribute);
        values.append(glob.examples());
        combinations *= std::max<qsizetype>(1, glob.examples().size());
    }
    if (combinations > MaxAttributeCombinations)
        markInexact(tr("the recipient filters compare too many attributes to try every "
                       "combination of their values"));
    struct FilterClass
    {
        quint32 bits = 0;
        QList<QPair<Attribute, QString>> attributes;
    };
    QList<FilterClass> filterClasses;
    {
        QSet<quint32> seenBits;
        QList<int> odometer(attributes.size(), 0);
        for (int n = 0; n < MaxAttributeCombinations; ++n) {
            DirectoryUser user;
            FilterClass c;
            for (int a = 0; a < attributes.size(); ++a) {
                const QString value = values[a].value(odometer[a]);
                user.setAttribute(attributes[a], value);
                if (!value.isEmpty())
                    c.attributes.append({attributes[a], value});
            }
            for (int r = 0; r < m_ruleCount; ++r) {
                const RuleUser &rule = m_ruleUsers[r];
                if ((relevant & (1u << r)) && rule.filter && rule.filter->matches(&user))
                    c.bits |= 1u << r;
            }
            if (!seenBits.contains(c.bits)) {
                seenBits.insert(c.bits);
                filterClasses.append(c);
            }
            int a = 0;
            for (; a < attributes.size(); ++a) {
                if (++odometer[a] < values[a].size())
                    break;
                odometer[a] = 0;
            }
            if (a == attributes.size())
                break;
        }
    }

    QList<int> indexes;
    std::map<std::pair<quint32, quint32>, int> classIndex;
    // Projects full masks onto the relevant rules (neutral elsewhere) and keeps the best example.
    const auto add = [&](UserClass c, const UserMasks &masks) {
        const quint32 cond = patternsIgnored ? masks.condIgnored : masks.cond;
        const quint32 exc = patternsIgnored ? 0 : masks.exc;
        c.cond = c.condIgnored = (cond & relevant) | ~relevant;
        c.exc = c.excIgnored = exc & relevant;
        const auto key = std::make_pair(c.cond, c.exc);
        auto it = classIndex.find(key);
        if (it == classIndex.end()) {
            classIndex.emplace(key, int(m_users.size()));
            indexes.append(int(m_users.size()));
            m_users.append(c);
        } else if (c.quality < m_users[it->second].quality) {
            m_users[it->second] = c;
        }
    };

    for (const auto &[index, masks] : m_directoryUsers) {
        const DirectoryUser &user = m_directory->user(index);
        UserClass c;
        c.kind = Witness::UserKind::Directory;
        c.user = user.userPrincipalName;
        c.username = usernameString(&user, user.userPrincipalName, m_environment, m_netbiosDomain);
        c.quality = 0;
        add(c, masks);
    }
    QList<QString> examples = usernames.examples();
    if (examples.isEmpty())
        examples.append(QStringLiteral("x"));
    for (const QString &example : std::as_const(examples)) {
        UserClass c;
        c.kind = Witness::UserKind::NotInDirectory;
        c.user = example;
        c.username = example;
        const bool replayable = !m_directory->resolve(example)
            && usernameString(nullptr, example, m_environment, m_netbiosDomain) == example;
        c.quality = replayable ? 1 : 2;
        add(c, masksOf(example, nullptr));
        for (const FilterClass &filter : std::as_const(filterClasses)) {
            if (filter.bits == 0)
                continue;
            UserClass h = c;
            h.kind = Witness::UserKind::Hypothetical;
            h.attributes = filter.attributes;
            h.quality = 3;
            DirectoryUser user;
            user.userPrincipalName = example;
            for (const auto &[attribute, value] : filter.attributes)
                user.setAttribute(attribute, value);
            add(h, masksOf(example, &user));
        }
    }
    return *m_userCache.insert(key, indexes);
}

} // namespace Car
