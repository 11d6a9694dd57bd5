#include "rulesetrows.h"

#include <optional>

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "sqliteconnection.h"

namespace Car {

namespace {

// Values are stored as the text a user would type, one row per value.
QString textOf(Protocol value)
{
    return toString(value);
}
QString textOf(AuthenticationType value)
{
    return toString(value);
}
QString textOf(const IpRange &value)
{
    return value.toString();
}
QString textOf(const PortRange &value)
{
    return value.toString();
}
QString textOf(const UsernamePattern &value)
{
    return value.text();
}

// Stored enum names must match exactly: the lenient cmdlet binding (prefixes, ordinals) would
// hide a damaged value.
template<typename E> std::optional<E> enumFromName(const QString &text, const QList<E> &all)
{
    for (E value : all) {
        if (toString(value) == text)
            return value;
    }
    return std::nullopt;
}

bool parseInto(const QString &text, Protocol *out, QString *error)
{
    const std::optional<Protocol> value = enumFromName(text, allProtocols());
    if (!value)
        *error = RuleSetRows::tr("not a protocol name");
    else
        *out = *value;
    return value.has_value();
}

bool parseInto(const QString &text, AuthenticationType *out, QString *error)
{
    const std::optional<AuthenticationType> value = enumFromName(text, allAuthenticationTypes());
    if (!value)
        *error = RuleSetRows::tr("not an authentication type name");
    else
        *out = *value;
    return value.has_value();
}

template<typename T> bool parseInto(const QString &text, T *out, QString *error)
{
    const std::optional<T> value = T::parse(text, error);
    if (value)
        *out = *value;
    return value.has_value();
}

/// One list of a rule: its rule_values.list name (the cmdlet parameter) and how to get its
/// values out as text and back in.
struct ValueList
{
    const char16_t *name;
    QStringList (*texts)(const Rule &rule);
    bool (*append)(Rule &rule, const QString &text, QString *error);
};

template<typename T, QList<T> Rule::*member> QStringList textsOf(const Rule &rule)
{
    QStringList texts;
    texts.reserve((rule.*member).size());
    for (const T &value : rule.*member)
        texts.append(textOf(value));
    return texts;
}

template<typename T, QList<T> Rule::*member>
bool appendTo(Rule &rule, const QString &text, QString *error)
{
    T value;
    if (!parseInto(text, &value, error))
        return false;
    (rule.*member).append(value);
    return true;
}

#define CAR_VALUE_LIST(Type, member, name)                                                         \
    ValueList                                                                                      \
    {                                                                                              \
        u##name, &textsOf<Type, &Rule::member>, &appendTo<Type, &Rule::member>                     \
    }

// Frozen names: they are data in existing workspaces.
const ValueList valueLists[] = {
    CAR_VALUE_LIST(Protocol, anyOfProtocols, "AnyOfProtocols"),
    CAR_VALUE_LIST(Protocol, exceptAnyOfProtocols, "ExceptAnyOfProtocols"),
    CAR_VALUE_LIST(AuthenticationType, anyOfAuthenticationTypes, "AnyOfAuthenticationTypes"),
    CAR_VALUE_LIST(AuthenticationType, exceptAnyOfAuthenticationTypes,
                   "ExceptAnyOfAuthenticationTypes"),
    CAR_VALUE_LIST(IpRange, anyOfClientIPAddressesOrRanges, "AnyOfClientIPAddressesOrRanges"),
    CAR_VALUE_LIST(IpRange, exceptAnyOfClientIPAddressesOrRanges,
                   "ExceptAnyOfClientIPAddressesOrRanges"),
    CAR_VALUE_LIST(PortRange, anyOfSourceTcpPortNumbers, "AnyOfSourceTcpPortNumbers"),
    CAR_VALUE_LIST(PortRange, exceptAnyOfSourceTcpPortNumbers, "ExceptAnyOfSourceTcpPortNumbers"),
    CAR_VALUE_LIST(UsernamePattern, usernameMatchesAnyOfPatterns, "UsernameMatchesAnyOfPatterns"),
    CAR_VALUE_LIST(UsernamePattern, exceptUsernameMatchesAnyOfPatterns,
                   "ExceptUsernameMatchesAnyOfPatterns"),
};

#undef CAR_VALUE_LIST

const ValueList *valueListNamed(const QString &name)
{
    for (const ValueList &list : valueLists) {
        if (name == QStringView(list.name))
            return &list;
    }
    return nullptr;
}

QString ruleLabel(const Rule &rule, int position)
{
    return RuleSetRows::tr("rule '%1' (priority %2)").arg(rule.name).arg(position);
}

} // namespace

StoreResult RuleSetRows::write(QSqlDatabase &database, int ruleSetId, const RuleSet &ruleSet)
{
    QSqlQuery query(database);
    query.prepare(QStringLiteral("INSERT INTO rule_sets (id, environment, netbios_domain) "
                                 "VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                                 "environment = excluded.environment, "
                                 "netbios_domain = excluded.netbios_domain"));
    query.addBindValue(ruleSetId);
    query.addBindValue(toString(ruleSet.environment()));
    query.addBindValue(SqliteConnection::text(ruleSet.netbiosDomain()));
    if (!query.exec())
        return StoreResult::failure(SqliteConnection::failure(tr("saving the environment"), query));

    query.prepare(QStringLiteral("DELETE FROM rule_values WHERE rule_id IN "
                                 "(SELECT id FROM rules WHERE rule_set_id = ?)"));
    query.addBindValue(ruleSetId);
    if (!query.exec())
        return StoreResult::failure(SqliteConnection::failure(tr("removing the old rules"), query));
    query.prepare(QStringLiteral("DELETE FROM rules WHERE rule_set_id = ?"));
    query.addBindValue(ruleSetId);
    if (!query.exec())
        return StoreResult::failure(SqliteConnection::failure(tr("removing the old rules"), query));

    QSqlQuery insertRule(database);
    insertRule.prepare(QStringLiteral(
        "INSERT INTO rules (rule_set_id, position, uuid, name, action, enabled, scope, "
        "user_recipient_filter) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery insertValue(database);
    insertValue.prepare(QStringLiteral(
        "INSERT INTO rule_values (rule_id, list, position, value) VALUES (?, ?, ?, ?)"));

    for (int i = 0; i < ruleSet.size(); ++i) {
        const Rule &rule = ruleSet.at(i);
        const int position = i + 1;
        if (rule.id.isNull()) {
            return StoreResult::failure(tr("%1 has no id; rules get one when they join a rule set")
                                            .arg(ruleLabel(rule, position)));
        }
        insertRule.addBindValue(ruleSetId);
        insertRule.addBindValue(position);
        insertRule.addBindValue(rule.id.toString(QUuid::WithoutBraces));
        insertRule.addBindValue(SqliteConnection::text(rule.name));
        insertRule.addBindValue(toString(rule.action));
        insertRule.addBindValue(rule.enabled ? 1 : 0);
        insertRule.addBindValue(toString(rule.scope));
        insertRule.addBindValue(SqliteConnection::text(rule.userRecipientFilter));
        if (!insertRule.exec()) {
            return StoreResult::failure(SqliteConnection::failure(
                tr("saving %1").arg(ruleLabel(rule, position)), insertRule));
        }
        const qint64 rowId = insertRule.lastInsertId().toLongLong();
        for (const ValueList &list : valueLists) {
            const QStringList texts = list.texts(rule);
            for (int v = 0; v < texts.size(); ++v) {
                insertValue.addBindValue(rowId);
                insertValue.addBindValue(QString::fromUtf16(list.name));
                insertValue.addBindValue(v + 1);
                insertValue.addBindValue(SqliteConnection::text(texts.at(v)));
                if (!insertValue.exec()) {
                    return StoreResult::failure(
                        SqliteConnection::failure(tr("saving the %1 value '%2' of %3")
                                                      .arg(QString::fromUtf16(list.name),
                                                           texts.at(v), ruleLabel(rule, position)),
                                                  insertValue));
                }
            }
        }
    }
    return StoreResult::success();
}

StoreResult RuleSetRows::read(QSqlDatabase &database, int ruleSetId, RuleSet *ruleSet)
{
    RuleSet result;
    QSqlQuery query(database);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT environment, netbios_domain FROM rule_sets WHERE id = ?"));
    query.addBindValue(ruleSetId);
    if (!query.exec())
        return StoreResult::failure(
            SqliteConnection::failure(tr("reading the environment"), query));
    if (!query.next())
        return StoreResult::failure(tr("the rule set %1 is missing").arg(ruleSetId));
    const QString environmentText = query.value(0).toString();
    const std::optional<Environment> environment =
        enumFromName(environmentText,
                     QList<Environment> {Environment::ExchangeOnline, Environment::ExchangeServer});
    if (!environment)
        return StoreResult::failure(tr("the environment '%1' is unknown").arg(environmentText));
    result.setEnvironment(*environment);
    result.setNetbiosDomain(query.value(1).toString());

    query.prepare(QStringLiteral("SELECT id, uuid, name, action, enabled, scope, "
                                 "user_recipient_filter FROM rules WHERE rule_set_id = ? "
                                 "ORDER BY position"));
    query.addBindValue(ruleSetId);
    if (!query.exec())
        return StoreResult::failure(SqliteConnection::failure(tr("reading the rules"), query));
    QList<Rule> rules;
    QHash<qint64, int> indexOfRow;
    while (query.next()) {
        Rule rule;
        const int position = int(rules.size()) + 1;
        rule.name = query.value(2).toString();
        const QString uuidText = query.value(1).toString();
        rule.id = QUuid::fromString(uuidText);
        if (rule.id.isNull()) {
            return StoreResult::failure(tr("%1 has the id '%2', which is not a GUID")
                                            .arg(ruleLabel(rule, position), uuidText));
        }
        const QString actionText = query.value(3).toString();
        const auto action =
            enumFromName(actionText, QList<Action> {Action::AllowAccess, Action::DenyAccess});
        if (!action) {
            return StoreResult::failure(tr("%1 has the action '%2', which is unknown")
                                            .arg(ruleLabel(rule, position), actionText));
        }
        rule.action = *action;
        rule.enabled = query.value(4).toInt() != 0; // CHECK (enabled IN (0, 1))
        const QString scopeText = query.value(5).toString();
        const auto scope = enumFromName(scopeText, QList<Scope> {Scope::All, Scope::Users});
        if (!scope) {
            return StoreResult::failure(tr("%1 has the scope '%2', which is unknown")
                                            .arg(ruleLabel(rule, position), scopeText));
        }
        rule.scope = *scope;
        rule.userRecipientFilter = query.value(6).toString();
        indexOfRow.insert(query.value(0).toLongLong(), int(rules.size()));
        rules.append(rule);
    }
    if (query.lastError().isValid())
        return StoreResult::failure(SqliteConnection::failure(tr("reading the rules"), query));

    query.prepare(QStringLiteral("SELECT v.rule_id, v.list, v.value FROM rule_values v "
                                 "JOIN rules r ON r.id = v.rule_id WHERE r.rule_set_id = ? "
                                 "ORDER BY v.rule_id, v.list, v.position"));
    query.addBindValue(ruleSetId);
    if (!query.exec())
        return StoreResult::failure(
            SqliteConnection::failure(tr("reading the rule values"), query));
    while (query.next()) {
        const int index = indexOfRow.value(query.value(0).toLongLong(), -1);
        if (index < 0)
            continue; // the JOIN makes this impossible
        Rule &rule = rules[index];
        const QString listName = query.value(1).toString();
        const QString text = query.value(2).toString();
        const ValueList *list = valueListNamed(listName);
        if (!list) {
            return StoreResult::failure(tr("%1 has a value '%2' in an unknown list '%3'")
                                            .arg(ruleLabel(rule, index + 1), text, listName));
        }
        QString error;
        if (!list->append(rule, text, &error)) {
            return StoreResult::failure(
                tr("%1 has the %2 value '%3', which does not parse: %4")
                    .arg(ruleLabel(rule, index + 1), listName, text, error));
        }
    }
    if (query.lastError().isValid())
        return StoreResult::failure(
            SqliteConnection::failure(tr("reading the rule values"), query));

    for (int i = 0; i < rules.size(); ++i) {
        const RuleSet::Outcome outcome = result.insertRule(rules.at(i));
        if (!outcome.ok) {
            return StoreResult::failure(
                tr("%1 is not a valid rule: %2").arg(ruleLabel(rules.at(i), i + 1), outcome.error));
        }
    }
    *ruleSet = result;
    return StoreResult::success();
}

} // namespace Car
