#include "rulesetjson.h"

#include "rulesetjsontree.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::RuleSetJson", text);
}

// ---- writing -------------------------------------------------------------------------------

void appendJsonString(QString &out, const QString &value)
{
    out += QLatin1Char('"');
    for (const QChar c : value) {
        switch (c.unicode()) {
        case u'"':
            out += QLatin1String("\\\"");
            break;
        case u'\\':
            out += QLatin1String("\\\\");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
}

template<typename T, typename ToText>
void appendList(QString &out, const QList<T> &values, ToText toText)
{
    out += QLatin1Char('[');
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += QLatin1String(", ");
        appendJsonString(out, toText(values[i]));
    }
    out += QLatin1Char(']');
}

void appendRule(QString &out, const Rule &rule, int priority)
{
    const QString indent = QStringLiteral("        ");
    auto key = [&](const char *name) {
        out += indent + QLatin1Char('"') + QLatin1String(name) + QLatin1String("\": ");
    };
    auto str = [](const auto &value) {
        return value.toString();
    };
    auto enumText = [](auto value) {
        return toString(value);
    };
    auto patternText = [](const UsernamePattern &p) {
        return p.text();
    };

    out += QLatin1String("    {\n");
    key("Name");
    appendJsonString(out, rule.name);
    out += QLatin1String(",\n");
    key("Priority");
    out += QString::number(priority) + QLatin1String(",\n");
    key("Enabled");
    out += (rule.enabled ? QLatin1String("true") : QLatin1String("false")) + QLatin1String(",\n");
    key("Action");
    appendJsonString(out, toString(rule.action));
    out += QLatin1String(",\n");
    key("AnyOfClientIPAddressesOrRanges");
    appendList(out, rule.anyOfClientIPAddressesOrRanges, str);
    out += QLatin1String(",\n");
    key("ExceptAnyOfClientIPAddressesOrRanges");
    appendList(out, rule.exceptAnyOfClientIPAddressesOrRanges, str);
    out += QLatin1String(",\n");
    key("AnyOfSourceTcpPortNumbers");
    appendList(out, rule.anyOfSourceTcpPortNumbers, str);
    out += QLatin1String(",\n");
    key("ExceptAnyOfSourceTcpPortNumbers");
    appendList(out, rule.exceptAnyOfSourceTcpPortNumbers, str);
    out += QLatin1String(",\n");
    key("UsernameMatchesAnyOfPatterns");
    appendList(out, rule.usernameMatchesAnyOfPatterns, patternText);
    out += QLatin1String(",\n");
    key("ExceptUsernameMatchesAnyOfPatterns");
    appendList(out, rule.exceptUsernameMatchesAnyOfPatterns, patternText);
    out += QLatin1String(",\n");
    key("AnyOfAuthenticationTypes");
    appendList(out, rule.anyOfAuthenticationTypes, enumText);
    out += QLatin1String(",\n");
    key("ExceptAnyOfAuthenticationTypes");
    appendList(out, rule.exceptAnyOfAuthenticationTypes, enumText);
    out += QLatin1String(",\n");
    key("AnyOfProtocols");
    appendList(out, rule.anyOfProtocols, enumText);
    out += QLatin1String(",\n");
    key("ExceptAnyOfProtocols");
    appendList(out, rule.exceptAnyOfProtocols, enumText);
    out += QLatin1String(",\n");
    key("UserRecipientFilter");
    if (rule.userRecipientFilter.isEmpty())
        out += QLatin1String("null");
    else
        appendJsonString(out, rule.userRecipientFilter);
    out += QLatin1String(",\n");
    key("RuleScope");
    appendJsonString(out, toString(rule.scope));
    out += QLatin1String("\n    }");
}

// ---- reading -------------------------------------------------------------------------------

struct Failure
{
    const JsonNode *node = nullptr;
    QString message;
};

class RuleReader
{
public:
    RuleReader(const JsonNode &object, int index)
        : m_object(object)
        , m_index(index)
    { }

    bool read();

    Rule rule;
    std::optional<int> priority;
    Failure failure;

    /// "rule 'X'" or "rule #3" when it has no name yet.
    QString ruleLabel() const
    {
        return rule.name.isEmpty() ? tr("rule #%1").arg(m_index + 1)
                                   : tr("rule '%1'").arg(rule.name);
    }
    bool fail(const JsonNode *node, const QString &property, const QString &message)
    {
        failure.node = node ? node : &m_object;
        failure.message = property.isEmpty()
            ? ruleLabel() + QLatin1String(": ") + message
            : ruleLabel() + QLatin1String(", ") + property + QLatin1String(": ") + message;
        return false;
    }

    const JsonNode *propertyNode(RuleParameter parameter) const
    {
        if (parameter == RuleParameter::Scope) {
            if (const JsonNode *n = m_object.member(u"RuleScope"))
                return n;
            return m_object.member(u"Scope");
        }
        return m_object.member(parameterName(parameter));
    }

private:
    bool readName();
    bool readEnabled();
    bool readPriority();
    template<typename E>
    bool readEnum(const JsonNode &node, const QString &property,
                  EnumBinding<E> (*bind)(QStringView), E &out);
    bool listItems(const QString &property, QList<const JsonNode *> &items);
    template<typename E>
    bool readEnumList(RuleParameter parameter, EnumBinding<E> (*bind)(QStringView), QList<E> &out);
    bool readIpList(RuleParameter parameter, QList<IpRange> &out);
    bool readPortList(RuleParameter parameter, QList<PortRange> &out);
    bool readPatternList(RuleParameter parameter, QList<UsernamePattern> &out);
    bool readInternal();

    const JsonNode &m_object;
    int m_index = 0;
};

bool isTypeName(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(System|Microsoft)\\.[A-Za-z0-9_.`]+(\\[[^\\]]*\\])*(\\[\\])?$"));
    return pattern.match(text).hasMatch();
}

bool RuleReader::readName()
{
    const JsonNode *node = m_object.member(u"Name");
    if (!node || node->isNull())
        node = m_object.member(u"Identity");
    if (!node || node->isNull())
        return fail(nullptr, QString(), tr("the rule has no Name"));
    if (node->type != JsonNode::Type::String)
        return fail(node, QStringLiteral("Name"),
                    tr("expected a string, not %1").arg(node->describe()));
    rule.name = node->text;
    return true;
}

bool RuleReader::readEnabled()
{
    const JsonNode *node = m_object.member(u"Enabled");
    if (!node || node->isNull())
        return true;
    const QString property = QStringLiteral("Enabled");
    switch (node->type) {
    case JsonNode::Type::Bool:
        rule.enabled = node->boolean;
        return true;
    case JsonNode::Type::Number:
        if (node->number == 0 || node->number == 1) {
            rule.enabled = node->number == 1;
            return true;
        }
        break;
    case JsonNode::Type::String: {
        const QString t = node->text.trimmed();
        if (t.compare(u"true", Qt::CaseInsensitive) == 0
            || t.compare(u"$true", Qt::CaseInsensitive) == 0) {
            rule.enabled = true;
            return true;
        }
        if (t.compare(u"false", Qt::CaseInsensitive) == 0
            || t.compare(u"$false", Qt::CaseInsensitive) == 0) {
            rule.enabled = false;
            return true;
        }
        break;
    }
    default:
        break;
    }
    return fail(node, property,
                tr("'%1' is not a boolean (expected true or false)").arg(node->describe()));
}

bool RuleReader::readPriority()
{
    const JsonNode *node = m_object.member(u"Priority");
    if (!node || node->isNull())
        return true;
    bool ok = false;
    int value = 0;
    if (node->type == JsonNode::Type::Number || node->type == JsonNode::Type::String)
        value = node->text.trimmed().toInt(&ok);
    if (!ok || value < 0)
        return fail(node, QStringLiteral("Priority"),
                    tr("'%1' is not a whole number of 0 or more").arg(node->describe()));
    priority = value;
    return true;
}

template<typename E>
bool RuleReader::readEnum(const JsonNode &node, const QString &property,
                          EnumBinding<E> (*bind)(QStringView), E &out)
{
    if (node.type != JsonNode::Type::String && node.type != JsonNode::Type::Number)
        return fail(&node, property,
                    tr("expected a name or an ordinal, not %1").arg(node.describe()));
    const EnumBinding<E> binding = bind(node.text);
    if (!binding)
        return fail(&node, property, binding.error);
    out = *binding.value;
    return true;
}

bool RuleReader::listItems(const QString &property, QList<const JsonNode *> &items)
{
    items.clear();
    const JsonNode *node = m_object.member(property);
    if (!node || node->isNull())
        return true;
    if (node->type == JsonNode::Type::Object) {
        // Windows PowerShell sometimes writes a list as {"value": [...], "Count": n}.
        const JsonNode *value = node->member(u"value");
        if (value && value->type == JsonNode::Type::Array && node->member(u"Count"))
            node = value;
    }
    if (node->type == JsonNode::Type::Array) {
        for (const JsonNode &item : node->items) {
            if (item.type == JsonNode::Type::Array)
                return fail(&item, property, tr("a list inside a list is not a valid value"));
            if (!item.isNull())
                items << &item;
        }
        return true;
    }
    if (node->type == JsonNode::Type::String) {
        if (isTypeName(node->text))
            return fail(node, property,
                        tr("'%1' is a .NET type name, not the values: the list was lost when it "
                           "was exported (Export-Csv does this); export with ConvertTo-Json "
                           "instead")
                            .arg(node->text));
        if (node->text.trimmed().isEmpty())
            return true;
    }
    if (node->type == JsonNode::Type::Bool)
        return fail(node, property, tr("expected a list of values, not %1").arg(node->describe()));
    items << node;
    return true;
}

template<typename E>
bool RuleReader::readEnumList(RuleParameter parameter, EnumBinding<E> (*bind)(QStringView),
                              QList<E> &out)
{
    const QString property = parameterName(parameter);
    QList<const JsonNode *> items;
    if (!listItems(property, items))
        return false;
    for (const JsonNode *item : items) {
        E value {};
        if (!readEnum(*item, property, bind, value))
            return false;
        out << value;
    }
    return true;
}

// An IPAddress may come as a string or as an object with IPAddressToString.
QString addressText(const JsonNode *node)
{
    if (!node)
        return QString();
    if (node->type == JsonNode::Type::String)
        return node->text;
    if (node->type == JsonNode::Type::Object) {
        if (const JsonNode *text = node->member(u"IPAddressToString");
            text && text->type == JsonNode::Type::String)
            return text->text;
    }
    return QString();
}

bool RuleReader::readIpList(RuleParameter parameter, QList<IpRange> &out)
{
    const QString property = parameterName(parameter);
    QList<const JsonNode *> items;
    if (!listItems(property, items))
        return false;
    for (const JsonNode *item : items) {
        QString text;
        if (item->type == JsonNode::Type::String) {
            text = item->text;
        } else if (item->type == JsonNode::Type::Object) {
            const JsonNode *expression = item->member(u"Expression");
            if (expression && expression->type == JsonNode::Type::String) {
                text = expression->text;
            } else {
                const QString low = addressText(item->member(u"LowerBound"));
                const QString high = addressText(item->member(u"UpperBound"));
                const JsonNode *format = item->member(u"RangeFormat");
                const QString formatText = format ? format->text : QString();
                const JsonNode *length = item->member(u"CIDRLength");
                if (low.isEmpty())
                    return fail(item, property,
                                tr("an IP range object needs Expression or LowerBound"));
                if ((formatText.compare(u"CIDR", Qt::CaseInsensitive) == 0 || formatText == u"2")
                    && length && length->type == JsonNode::Type::Number)
                    text = low + QLatin1Char('/') + length->text;
                else if (high.isEmpty() || high == low
                         || formatText.compare(u"SingleAddress", Qt::CaseInsensitive) == 0
                         || formatText == u"0")
                    text = low;
                else
                    text = low + QLatin1Char('-') + high;
            }
        } else {
            return fail(item, property,
                        tr("'%1' is not an IP address or range").arg(item->describe()));
        }
        QString error;
        const std::optional<IpRange> range = IpRange::parse(text, &error);
        if (!range)
            return fail(item, property, error);
        out << *range;
    }
    return true;
}

bool RuleReader::readPortList(RuleParameter parameter, QList<PortRange> &out)
{
    const QString property = parameterName(parameter);
    QList<const JsonNode *> items;
    if (!listItems(property, items))
        return false;
    for (const JsonNode *item : items) {
        QString text;
        if (item->type == JsonNode::Type::String || item->type == JsonNode::Type::Number) {
            text = item->text;
        } else if (item->type == JsonNode::Type::Object) {
            const JsonNode *low = item->member(u"LowerBound");
            const JsonNode *high = item->member(u"UpperBound");
            if (!low || low->type != JsonNode::Type::Number)
                return fail(item, property, tr("a port range object needs a LowerBound number"));
            text = low->text;
            if (high && high->type == JsonNode::Type::Number && high->text != low->text)
                text += QLatin1Char('-') + high->text;
        } else {
            return fail(item, property,
                        tr("'%1' is not a port or port range").arg(item->describe()));
        }
        QString error;
        const std::optional<PortRange> range = PortRange::parse(text, &error);
        if (!range)
            return fail(item, property, error);
        out << *range;
    }
    return true;
}

bool RuleReader::readPatternList(RuleParameter parameter, QList<UsernamePattern> &out)
{
    const QString property = parameterName(parameter);
    QList<const JsonNode *> items;
    if (!listItems(property, items))
        return false;
    for (const JsonNode *item : items) {
        if (item->type != JsonNode::Type::String)
            return fail(item, property,
                        tr("expected a pattern string, not %1").arg(item->describe()));
        QString error;
        const std::optional<UsernamePattern> pattern = UsernamePattern::parse(item->text, &error);
        if (!pattern)
            return fail(item, property, error);
        out << *pattern;
    }
    return true;
}

bool RuleReader::readInternal()
{
    for (const char16_t *name : {u"UserIsMemberOf", u"ExceptUserIsMemberOf"}) {
        const QString property = QString::fromUtf16(name);
        QList<const JsonNode *> items;
        if (!listItems(property, items))
            return false;
        if (!items.isEmpty())
            return fail(items.first(), property,
                        tr("'%1': this parameter is reserved for internal Microsoft use and "
                           "cannot be imported")
                            .arg(items.first()->describe()));
    }
    const JsonNode *datacenter = m_object.member(u"DatacenterAdminsOnly");
    if (datacenter && datacenter->type == JsonNode::Type::Bool && datacenter->boolean)
        return fail(
            datacenter, QStringLiteral("DatacenterAdminsOnly"),
            tr("true: this is a Microsoft-internal datacenter rule and cannot be imported"));
    return true;
}

bool RuleReader::read()
{
    if (!readName() || !readEnabled() || !readPriority() || !readInternal())
        return false;

    const JsonNode *action = m_object.member(u"Action");
    if (!action || action->isNull())
        return fail(nullptr, QString(), tr("the rule has no Action"));
    if (!readEnum(*action, QStringLiteral("Action"), &bindAction, rule.action))
        return false;

    const JsonNode *scope = propertyNode(RuleParameter::Scope);
    if (scope && !scope->isNull()
        && !readEnum(*scope,
                     m_object.member(u"RuleScope") ? QStringLiteral("RuleScope")
                                                   : QStringLiteral("Scope"),
                     &bindScope, rule.scope))
        return false;

    if (const JsonNode *filter = m_object.member(u"UserRecipientFilter");
        filter && !filter->isNull()) {
        if (filter->type != JsonNode::Type::String)
            return fail(filter, QStringLiteral("UserRecipientFilter"),
                        tr("expected a string, not %1").arg(filter->describe()));
        rule.userRecipientFilter = filter->text.trimmed();
    }

    return readEnumList(RuleParameter::AnyOfProtocols, &bindProtocol, rule.anyOfProtocols)
        && readEnumList(RuleParameter::ExceptAnyOfProtocols, &bindProtocol,
                        rule.exceptAnyOfProtocols)
        && readEnumList(RuleParameter::AnyOfAuthenticationTypes, &bindAuthenticationType,
                        rule.anyOfAuthenticationTypes)
        && readEnumList(RuleParameter::ExceptAnyOfAuthenticationTypes, &bindAuthenticationType,
                        rule.exceptAnyOfAuthenticationTypes)
        && readIpList(RuleParameter::AnyOfClientIPAddressesOrRanges,
                      rule.anyOfClientIPAddressesOrRanges)
        && readIpList(RuleParameter::ExceptAnyOfClientIPAddressesOrRanges,
                      rule.exceptAnyOfClientIPAddressesOrRanges)
        && readPortList(RuleParameter::AnyOfSourceTcpPortNumbers, rule.anyOfSourceTcpPortNumbers)
        && readPortList(RuleParameter::ExceptAnyOfSourceTcpPortNumbers,
                        rule.exceptAnyOfSourceTcpPortNumbers)
        && readPatternList(RuleParameter::UsernameMatchesAnyOfPatterns,
                           rule.usernameMatchesAnyOfPatterns)
        && readPatternList(RuleParameter::ExceptUsernameMatchesAnyOfPatterns,
                           rule.exceptUsernameMatchesAnyOfPatterns);
}

RuleSetJson::Result failAt(const JsonNode *node, const QString &message)
{
    RuleSetJson::Result result;
    result.line = node ? node->line : 1;
    result.column = node ? node->column : 1;
    result.error = message;
    return result;
}

} // namespace

QByteArray RuleSetJson::write(const RuleSet &ruleSet)
{
    QString out = QStringLiteral("[");
    for (int i = 0; i < ruleSet.size(); ++i) {
        out += i == 0 ? QLatin1String("\n") : QLatin1String(",\n");
        appendRule(out, ruleSet.at(i), i + 1);
    }
    out += ruleSet.isEmpty() ? QLatin1String("]\n") : QLatin1String("\n]\n");
    return out.toUtf8();
}

RuleSetJson::Result RuleSetJson::read(QByteArrayView json, RuleSet &ruleSet)
{
    const QString text = QString::fromUtf8(json);
    JsonError jsonError;
    const std::optional<JsonNode> root = parseJsonTree(text, &jsonError);
    if (!root) {
        Result result;
        result.line = jsonError.line;
        result.column = jsonError.column;
        result.error = tr("invalid JSON: %1").arg(jsonError.message);
        return result;
    }

    QList<const JsonNode *> objects;
    if (root->type == JsonNode::Type::Object) {
        const JsonNode *value = root->member(u"value");
        if (value && value->type == JsonNode::Type::Array && !root->member(u"Name"))
            for (const JsonNode &item : value->items)
                objects << &item;
        else
            objects << &*root;
    } else if (root->type == JsonNode::Type::Array) {
        for (const JsonNode &item : root->items)
            objects << &item;
    } else {
        return failAt(
            &*root,
            tr("expected a rule object or an array of rule objects, not %1").arg(root->describe()));
    }

    struct Pending
    {
        Rule rule;
        std::optional<int> priority;
        const JsonNode *node = nullptr;
    };
    QList<Pending> pending;
    for (int i = 0; i < objects.size(); ++i) {
        const JsonNode *object = objects[i];
        if (object->type != JsonNode::Type::Object)
            return failAt(object,
                          tr("element %1 of the array is %2, not a rule object")
                              .arg(i + 1)
                              .arg(object->describe()));
        RuleReader reader(*object, i);
        if (!reader.read())
            return failAt(reader.failure.node, reader.failure.message);
        pending.append({reader.rule, reader.priority, object});
    }
    // Priority is positional in exports: sort on it, rules without one keep their order last.
    std::stable_sort(pending.begin(), pending.end(), [](const Pending &a, const Pending &b) {
        if (a.priority.has_value() != b.priority.has_value())
            return a.priority.has_value();
        return a.priority.value_or(0) < b.priority.value_or(0);
    });

    Result result;
    RuleSet imported = ruleSet;
    imported.clear();
    for (int i = 0; i < pending.size(); ++i) {
        const Pending &p = pending[i];
        const QList<RuleProblem> problems = p.rule.validate(imported.environment());
        for (const RuleProblem &problem : problems) {
            if (!problem.isError())
                continue;
            RuleReader locate(*p.node, i);
            locate.rule.name = p.rule.name;
            const JsonNode *where = locate.propertyNode(problem.parameter);
            return failAt(where ? where : p.node,
                          locate.ruleLabel() + QLatin1String(": ") + problem.toString());
        }
        const RuleSet::Outcome outcome = imported.insertRule(p.rule);
        if (!outcome.ok) {
            const JsonNode *name = p.node->member(u"Name");
            return failAt(name ? name : p.node,
                          tr("rule '%1': %2").arg(p.rule.name, outcome.error));
        }
        for (const RuleProblem &problem : problems)
            result.warnings << tr("rule '%1': %2").arg(p.rule.name, problem.toString());
    }
    ruleSet = imported;
    result.ok = true;
    return result;
}

} // namespace Car
