#include "clitext.h"

#include <QJsonArray>

namespace Car {

namespace {

QList<int> allIndexes(const RuleSet &rules, const QList<int> &indexes)
{
    if (!indexes.isEmpty())
        return indexes;
    QList<int> all;
    for (int i = 0; i < rules.size(); ++i)
        all << i;
    return all;
}

QString boolText(bool value)
{
    return value ? QStringLiteral("True") : QStringLiteral("False");
}

template<typename T, typename F> QString joined(const QList<T> &values, F toText)
{
    QStringList parts;
    for (const T &value : values)
        parts << toText(value);
    return QLatin1Char('{') + parts.join(QLatin1String(", ")) + QLatin1Char('}');
}

QString conditionKindName(ConditionKind kind, bool exception)
{
    switch (kind) {
    case ConditionKind::Protocols:
        return exception ? QStringLiteral("ExceptAnyOfProtocols")
                         : QStringLiteral("AnyOfProtocols");
    case ConditionKind::AuthenticationTypes:
        return exception ? QStringLiteral("ExceptAnyOfAuthenticationTypes")
                         : QStringLiteral("AnyOfAuthenticationTypes");
    case ConditionKind::ClientIPAddresses:
        return exception ? QStringLiteral("ExceptAnyOfClientIPAddressesOrRanges")
                         : QStringLiteral("AnyOfClientIPAddressesOrRanges");
    case ConditionKind::SourceTcpPorts:
        return exception ? QStringLiteral("ExceptAnyOfSourceTcpPortNumbers")
                         : QStringLiteral("AnyOfSourceTcpPortNumbers");
    case ConditionKind::UsernamePatterns:
        return exception ? QStringLiteral("ExceptUsernameMatchesAnyOfPatterns")
                         : QStringLiteral("UsernameMatchesAnyOfPatterns");
    case ConditionKind::UserRecipientFilter:
        return QStringLiteral("UserRecipientFilter");
    }
    return QString();
}

} // namespace

QString CliText::rulesTable(const RuleSet &rules, const QList<int> &indexes)
{
    const QList<int> shown = allIndexes(rules, indexes);
    if (shown.isEmpty())
        return QString();
    qsizetype nameWidth = 4;
    for (const int i : shown)
        nameWidth = std::max(nameWidth, rules.at(i).name.size());
    QString text =
        QStringLiteral("%1 Priority Enabled Action\n").arg(QStringLiteral("Name"), -int(nameWidth));
    text += QStringLiteral("%1 -------- ------- ------\n").arg(QString(nameWidth, u'-'));
    for (const int i : shown) {
        const Rule &rule = rules.at(i);
        text += QStringLiteral("%1 %2 %3 %4\n")
                    .arg(rule.name, -int(nameWidth))
                    .arg(i + 1, 8)
                    .arg(boolText(rule.enabled), -7)
                    .arg(toString(rule.action));
    }
    return text;
}

QString CliText::rulesList(const RuleSet &rules, const QList<int> &indexes)
{
    QString text;
    auto str = [](const auto &value) {
        return value.toString();
    };
    auto enumText = [](auto value) {
        return toString(value);
    };
    auto patternText = [](const UsernamePattern &p) {
        return p.text();
    };
    for (const int i : allIndexes(rules, indexes)) {
        const Rule &r = rules.at(i);
        const QList<QPair<const char *, QString>> rows = {
            {"Name", r.name},
            {"Priority", QString::number(i + 1)},
            {"Enabled", boolText(r.enabled)},
            {"Action", toString(r.action)},
            {"AnyOfClientIPAddressesOrRanges", joined(r.anyOfClientIPAddressesOrRanges, str)},
            {"ExceptAnyOfClientIPAddressesOrRanges",
             joined(r.exceptAnyOfClientIPAddressesOrRanges, str)},
            {"AnyOfSourceTcpPortNumbers", joined(r.anyOfSourceTcpPortNumbers, str)},
            {"ExceptAnyOfSourceTcpPortNumbers", joined(r.exceptAnyOfSourceTcpPortNumbers, str)},
            {"UsernameMatchesAnyOfPatterns", joined(r.usernameMatchesAnyOfPatterns, patternText)},
            {"ExceptUsernameMatchesAnyOfPatterns",
             joined(r.exceptUsernameMatchesAnyOfPatterns, patternText)},
            {"AnyOfAuthenticationTypes", joined(r.anyOfAuthenticationTypes, enumText)},
            {"ExceptAnyOfAuthenticationTypes", joined(r.exceptAnyOfAuthenticationTypes, enumText)},
            {"AnyOfProtocols", joined(r.anyOfProtocols, enumText)},
            {"ExceptAnyOfProtocols", joined(r.exceptAnyOfProtocols, enumText)},
            {"UserRecipientFilter", r.userRecipientFilter},
            {"RuleScope", toString(r.scope)},
        };
        if (!text.isEmpty())
            text += QLatin1Char('\n');
        for (const auto &row : rows)
            text += QStringLiteral("%1 : %2\n").arg(QLatin1String(row.first), -36).arg(row.second);
    }
    return text;
}

QString CliText::testText(const Evaluator &evaluator, const Connection &connection,
                          const Evaluation &evaluation)
{
    const RuleSet &rules = evaluator.ruleSet();
    QString text = tr("Decision:      %1\n").arg(toString(evaluation.action));
    if (evaluation.decidingRule >= 0)
        text += tr("Deciding rule: %1 (priority %2)\n")
                    .arg(rules.at(evaluation.decidingRule).name)
                    .arg(evaluation.decidingRule + 1);
    else
        text += tr("Deciding rule: none (no enabled rule matched: allowed)\n");
    text +=
        tr("Username:      %1%2\n")
            .arg(connection.username, connection.user ? QString() : tr(" (not in the directory)"));
    text += tr("Matching rules (as Test-ClientAccessRule lists them):\n");
    if (evaluation.matching.isEmpty())
        text += tr("  (none)\n");
    for (const int index : evaluation.matching) {
        const Rule &rule = rules.at(index);
        text += QStringLiteral("  %1. %2  %3%4\n")
                    .arg(index + 1)
                    .arg(rule.name, toString(rule.action),
                         rule.enabled ? QString() : tr("  (disabled)"));
    }
    text += tr("Trace:\n");
    for (const RuleTrace &trace : evaluation.trace) {
        const Rule &rule = rules.at(trace.ruleIndex);
        text += QStringLiteral("  %1. %2: %3\n")
                    .arg(trace.ruleIndex + 1)
                    .arg(rule.name, evaluator.describeOutcome(trace));
        if (rule.hasNoConditions() && trace.conditions.isEmpty())
            text += tr("       no conditions: matches every connection\n");
        for (const ConditionTrace &condition : trace.conditions) {
            text += QStringLiteral("       [%1] %2\n")
                        .arg(condition.held ? QStringLiteral("x") : QStringLiteral(" "),
                             evaluator.describe(trace, condition, connection));
        }
    }
    return text;
}

QJsonObject CliText::testJson(const Evaluator &evaluator, const Connection &connection,
                              const Evaluation &evaluation)
{
    const RuleSet &rules = evaluator.ruleSet();
    QJsonObject object;
    object.insert(QStringLiteral("action"), toString(evaluation.action));
    object.insert(QStringLiteral("rule"),
                  evaluation.decidingRule >= 0 ? QJsonValue(rules.at(evaluation.decidingRule).name)
                                               : QJsonValue(QJsonValue::Null));
    object.insert(QStringLiteral("username"), connection.username);
    QJsonArray matching;
    for (const int index : evaluation.matching) {
        const Rule &rule = rules.at(index);
        matching.append(QJsonObject {
            {QStringLiteral("name"), rule.name},
            {QStringLiteral("priority"), index + 1},
            {QStringLiteral("action"), toString(rule.action)},
            {QStringLiteral("enabled"), rule.enabled},
        });
    }
    object.insert(QStringLiteral("matching"), matching);
    QJsonArray trace;
    for (const RuleTrace &ruleTrace : evaluation.trace) {
        const Rule &rule = rules.at(ruleTrace.ruleIndex);
        QJsonArray conditions;
        for (const ConditionTrace &condition : ruleTrace.conditions) {
            conditions.append(QJsonObject {
                {QStringLiteral("property"),
                 conditionKindName(condition.kind, condition.exception)},
                {QStringLiteral("exception"), condition.exception},
                {QStringLiteral("held"), condition.held},
                {QStringLiteral("text"), evaluator.describe(ruleTrace, condition, connection)},
            });
        }
        trace.append(QJsonObject {
            {QStringLiteral("name"), rule.name},
            {QStringLiteral("priority"), ruleTrace.ruleIndex + 1},
            {QStringLiteral("enabled"), ruleTrace.enabled},
            {QStringLiteral("matched"), ruleTrace.outcome == RuleOutcome::Matched},
            {QStringLiteral("decided"), ruleTrace.decided},
            {QStringLiteral("outcome"), evaluator.describeOutcome(ruleTrace)},
            {QStringLiteral("conditions"), conditions},
        });
    }
    object.insert(QStringLiteral("trace"), trace);
    return object;
}

} // namespace Car
