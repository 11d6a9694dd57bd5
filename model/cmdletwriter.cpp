#include "cmdletwriter.h"

#include "cmdletscanner.h"

#include <QStringList>

namespace Car {

namespace {

QString quoteList(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted << quote(item);
    return quoted.join(QLatin1Char(','));
}

QString parameter(RuleParameter p)
{
    return QLatin1String(" -") + parameterName(p) + QLatin1Char(' ');
}

QString boolText(bool value)
{
    return value ? QStringLiteral("$true") : QStringLiteral("$false");
}

} // namespace

QString quote(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('\'');
    for (const QChar c : text) {
        if (CmdletScanner::isSingleQuote(c))
            out += c;
        out += c;
    }
    out += QLatin1Char('\'');
    return out;
}

QString newRuleLine(const Rule &rule, int priority)
{
    QString line = QStringLiteral("New-ClientAccessRule -Name ") + quote(rule.name)
        + parameter(RuleParameter::Action) + toString(rule.action);
    if (!rule.enabled)
        line += parameter(RuleParameter::Enabled) + boolText(false);
    if (rule.scope != Scope::All)
        line += parameter(RuleParameter::Scope) + toString(rule.scope);
    for (const RuleListTexts &list : ruleListTexts(rule)) {
        if (!list.values.isEmpty())
            line += parameter(list.parameter) + quoteList(list.values);
    }
    if (!rule.userRecipientFilter.isEmpty())
        line += parameter(RuleParameter::UserRecipientFilter) + quote(rule.userRecipientFilter);
    if (priority >= 1)
        line += parameter(RuleParameter::Priority) + QString::number(priority);
    return line;
}

QString setRuleLine(const Rule &before, const Rule &after, std::optional<int> newPriority)
{
    QString changes;
    if (after.name != before.name)
        changes += parameter(RuleParameter::Name) + quote(after.name);
    if (after.action != before.action)
        changes += parameter(RuleParameter::Action) + toString(after.action);
    if (after.enabled != before.enabled)
        changes += parameter(RuleParameter::Enabled) + boolText(after.enabled);
    if (after.scope != before.scope)
        changes += parameter(RuleParameter::Scope) + toString(after.scope);
    const QList<RuleListTexts> beforeLists = ruleListTexts(before);
    const QList<RuleListTexts> afterLists = ruleListTexts(after);
    for (qsizetype i = 0; i < afterLists.size(); ++i) {
        const QStringList &items = afterLists.at(i).values;
        if (items == beforeLists.at(i).values)
            continue;
        changes += parameter(afterLists.at(i).parameter)
            + (items.isEmpty() ? QStringLiteral("$null") : quoteList(items));
    }
    if (after.userRecipientFilter != before.userRecipientFilter) {
        changes += parameter(RuleParameter::UserRecipientFilter)
            + (after.userRecipientFilter.isEmpty() ? QStringLiteral("$null")
                                                   : quote(after.userRecipientFilter));
    }
    if (newPriority)
        changes += parameter(RuleParameter::Priority) + QString::number(*newPriority);
    if (changes.isEmpty())
        return QString();
    return QStringLiteral("Set-ClientAccessRule -Identity ") + quote(before.name) + changes;
}

QString setPriorityLine(const QString &name, int priority)
{
    return QStringLiteral("Set-ClientAccessRule -Identity ") + quote(name)
        + parameter(RuleParameter::Priority) + QString::number(priority);
}

QString removeRuleLine(const QString &name)
{
    return QStringLiteral("Remove-ClientAccessRule -Identity ") + quote(name);
}

} // namespace Car
