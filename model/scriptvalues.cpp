#include "scriptvalues.h"

#include "recipientfilter.h"

#include <QCoreApplication>

#include <algorithm>

namespace Car::ScriptValues {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::ScriptRunner", text);
}

Failure failure(const SourceLocation &at, const QString &message)
{
    return Failure {at, message};
}

/// "a list", "$true", "a script block", ... for messages about a value of the wrong kind.
QString describeKind(const CmdletValue &value)
{
    switch (value.kind) {
    case CmdletValue::Kind::Switch:
        return tr("no value");
    case CmdletValue::Kind::String:
        return QLatin1Char('\'') + value.items.first().text + QLatin1Char('\'');
    case CmdletValue::Kind::List:
        return tr("a list");
    case CmdletValue::Kind::Boolean:
        return value.boolean ? QStringLiteral("$true") : QStringLiteral("$false");
    case CmdletValue::Kind::Null:
        return QStringLiteral("$null");
    case CmdletValue::Kind::ScriptBlock:
        return tr("a script block");
    case CmdletValue::Kind::Hashtable:
        return tr("a hashtable");
    }
    return QString();
}

template<typename E>
Check toEnum(const CmdletArgument &argument, E *out, EnumBinding<E> (*bind)(QStringView))
{
    QString text;
    if (Check bad = toText(argument, &text))
        return bad;
    const EnumBinding<E> binding = bind(text);
    if (!binding)
        return failure(argument.value.location,
                       QLatin1Char('-') + argument.name + QLatin1String(": ") + binding.error);
    *out = *binding.value;
    return std::nullopt;
}

std::optional<Protocol> parseProtocol(QStringView text, QString *error)
{
    const EnumBinding<Protocol> binding = bindProtocol(text);
    if (!binding)
        *error = binding.error;
    return binding.value;
}

std::optional<AuthenticationType> parseAuthentication(QStringView text, QString *error)
{
    const EnumBinding<AuthenticationType> binding = bindAuthenticationType(text);
    if (!binding)
        *error = binding.error;
    return binding.value;
}

template<typename T, typename Parse>
Check parseItems(const CmdletArgument &argument, const QList<CmdletValueItem> &items, Parse parse,
                 QList<T> *out)
{
    for (const CmdletValueItem &item : items) {
        QString error;
        const std::optional<T> value = parse(item.text, &error);
        if (!value) {
            return failure(item.location,
                           QLatin1Char('-') + argument.name + QLatin1String(": ") + error);
        }
        out->append(*value);
    }
    return std::nullopt;
}

template<typename T, typename Parse>
Check applyListOf(const CmdletArgument &argument, QList<T> &target, Parse parse)
{
    const CmdletValue &value = argument.value;
    switch (value.kind) {
    case CmdletValue::Kind::Null:
        target.clear();
        return std::nullopt;
    case CmdletValue::Kind::String:
    case CmdletValue::Kind::List: {
        QList<T> values;
        if (Check bad = parseItems(argument, value.items, parse, &values))
            return bad;
        target = values; // a plain list replaces the whole list
        return std::nullopt;
    }
    case CmdletValue::Kind::Hashtable: {
        QList<T> removed;
        QList<T> added;
        if (const CmdletHashEntry *remove = value.entry(u"Remove")) {
            if (Check bad = parseItems(argument, remove->items, parse, &removed))
                return bad;
        }
        if (const CmdletHashEntry *add = value.entry(u"Add")) {
            if (Check bad = parseItems(argument, add->items, parse, &added))
                return bad;
        }
        for (const T &v : std::as_const(removed))
            target.removeAll(v); // compared after parsing; an absent value is fine
        target.append(added); // repeated values are dropped later, keeping the first
        return std::nullopt;
    }
    case CmdletValue::Kind::Switch:
    case CmdletValue::Kind::Boolean:
    case CmdletValue::Kind::ScriptBlock:
        break;
    }
    return failure(
        value.location,
        tr("-%1 expects one or more values, not %2").arg(argument.name, describeKind(value)));
}

/// The stored text of one list item, to find the item a validation problem names.
QString canonical(RuleParameter parameter, const QString &text)
{
    switch (parameter) {
    case RuleParameter::AnyOfProtocols:
    case RuleParameter::ExceptAnyOfProtocols:
        if (const auto p = bindProtocol(text))
            return toString(*p.value);
        break;
    case RuleParameter::AnyOfAuthenticationTypes:
    case RuleParameter::ExceptAnyOfAuthenticationTypes:
        if (const auto a = bindAuthenticationType(text))
            return toString(*a.value);
        break;
    case RuleParameter::AnyOfClientIPAddressesOrRanges:
    case RuleParameter::ExceptAnyOfClientIPAddressesOrRanges:
        if (const auto r = IpRange::parse(text))
            return r->toString();
        break;
    case RuleParameter::AnyOfSourceTcpPortNumbers:
    case RuleParameter::ExceptAnyOfSourceTcpPortNumbers:
        if (const auto r = PortRange::parse(text))
            return r->toString();
        break;
    default:
        break;
    }
    return text;
}

} // namespace

Check toText(const CmdletArgument &argument, QString *out)
{
    const CmdletValue &value = argument.value;
    if (value.kind != CmdletValue::Kind::String) {
        return failure(
            value.location,
            tr("-%1 expects a single value, not %2").arg(argument.name, describeKind(value)));
    }
    *out = value.items.first().text;
    return std::nullopt;
}

Check toBool(const CmdletArgument &argument, bool *out)
{
    const CmdletValue &value = argument.value;
    if (value.kind == CmdletValue::Kind::Boolean) {
        *out = value.boolean;
        return std::nullopt;
    }
    if (value.kind == CmdletValue::Kind::String && !value.items.first().quoted) {
        bool ok = false;
        const qlonglong number = value.items.first().text.toLongLong(&ok);
        if (ok) {
            *out = number != 0;
            return std::nullopt;
        }
    }
    return failure(
        value.location,
        tr("-%1 expects $true or $false, not %2").arg(argument.name, describeKind(value)));
}

Check toInt(const CmdletArgument &argument, int *out, int minimum, int maximum)
{
    QString text;
    if (Check bad = toText(argument, &text))
        return bad;
    bool ok = false;
    const qlonglong number = text.trimmed().toLongLong(&ok);
    if (!ok) {
        return failure(argument.value.location,
                       tr("-%1 expects a whole number, not '%2'").arg(argument.name, text));
    }
    if (number < minimum || number > maximum) {
        return failure(argument.value.location,
                       tr("-%1 %2 is out of range (%3 to %4)")
                           .arg(argument.name, text)
                           .arg(minimum)
                           .arg(maximum));
    }
    *out = int(number);
    return std::nullopt;
}

Check toAction(const CmdletArgument &argument, Action *out)
{
    return toEnum(argument, out, &bindAction);
}

Check toScope(const CmdletArgument &argument, Scope *out)
{
    return toEnum(argument, out, &bindScope);
}

Check toProtocol(const CmdletArgument &argument, Protocol *out)
{
    return toEnum(argument, out, &bindProtocol);
}

Check toAuthenticationType(const CmdletArgument &argument, AuthenticationType *out)
{
    return toEnum(argument, out, &bindAuthenticationType);
}

std::optional<RuleParameter> ruleParameter(const QString &name)
{
    for (int i = 0; i < RuleParameterCount; ++i) {
        if (parameterName(RuleParameter(i)).compare(name, Qt::CaseInsensitive) == 0)
            return RuleParameter(i);
    }
    return std::nullopt;
}

Check applyList(const CmdletArgument &argument, RuleParameter parameter, Rule &rule)
{
    switch (parameter) {
    case RuleParameter::AnyOfProtocols:
        return applyListOf(argument, rule.anyOfProtocols, parseProtocol);
    case RuleParameter::ExceptAnyOfProtocols:
        return applyListOf(argument, rule.exceptAnyOfProtocols, parseProtocol);
    case RuleParameter::AnyOfAuthenticationTypes:
        return applyListOf(argument, rule.anyOfAuthenticationTypes, parseAuthentication);
    case RuleParameter::ExceptAnyOfAuthenticationTypes:
        return applyListOf(argument, rule.exceptAnyOfAuthenticationTypes, parseAuthentication);
    case RuleParameter::AnyOfClientIPAddressesOrRanges:
        return applyListOf(argument, rule.anyOfClientIPAddressesOrRanges, &IpRange::parse);
    case RuleParameter::ExceptAnyOfClientIPAddressesOrRanges:
        return applyListOf(argument, rule.exceptAnyOfClientIPAddressesOrRanges, &IpRange::parse);
    case RuleParameter::AnyOfSourceTcpPortNumbers:
        return applyListOf(argument, rule.anyOfSourceTcpPortNumbers, &PortRange::parse);
    case RuleParameter::ExceptAnyOfSourceTcpPortNumbers:
        return applyListOf(argument, rule.exceptAnyOfSourceTcpPortNumbers, &PortRange::parse);
    case RuleParameter::UsernameMatchesAnyOfPatterns:
        return applyListOf(argument, rule.usernameMatchesAnyOfPatterns, &UsernamePattern::parse);
    case RuleParameter::ExceptUsernameMatchesAnyOfPatterns:
        return applyListOf(argument, rule.exceptUsernameMatchesAnyOfPatterns,
                           &UsernamePattern::parse);
    default:
        break;
    }
    return failure(argument.location, tr("-%1 is not a list parameter").arg(argument.name));
}

Check applyFilter(const CmdletArgument &argument, Rule &rule)
{
    const CmdletValue &value = argument.value;
    if (value.kind == CmdletValue::Kind::Null) {
        rule.userRecipientFilter.clear();
        return std::nullopt;
    }
    if (value.kind != CmdletValue::Kind::String && value.kind != CmdletValue::Kind::ScriptBlock) {
        return failure(value.location,
                       tr("-UserRecipientFilter expects a filter in quotes or braces, not %1")
                           .arg(describeKind(value)));
    }
    const CmdletValueItem &item = value.items.first();
    if (item.text.trimmed().isEmpty()) {
        rule.userRecipientFilter.clear();
        return std::nullopt;
    }
    FilterError error;
    if (!RecipientFilter::parse(item.text, &error)) {
        return failure(item.locationAt(std::max(0, error.column - 1)),
                       tr("-UserRecipientFilter: %1 (column %2 of the filter)")
                           .arg(error.message)
                           .arg(error.column));
    }
    rule.userRecipientFilter = item.text;
    return std::nullopt;
}

SourceLocation locateValue(const CmdletArgument &argument, RuleParameter parameter,
                           const QString &value)
{
    QList<CmdletValueItem> items = argument.value.items;
    if (const CmdletHashEntry *add = argument.value.entry(u"Add"))
        items << add->items;
    for (const CmdletValueItem &item : std::as_const(items)) {
        if (canonical(parameter, item.text).compare(value, Qt::CaseInsensitive) == 0)
            return item.location;
    }
    return argument.location;
}

} // namespace Car::ScriptValues
