#include "scriptrunner.h"

#include "cmdletparser.h"
#include "directory.h"
#include "scriptvalues.h"

#include <QRegularExpression>

#include <limits>

namespace Car {

namespace {

using ScriptValues::Check;
using ScriptValues::Failure;

/// Runs statements one by one on a working copy; the first failure stops everything.
class Run
{
    Q_DECLARE_TR_FUNCTIONS(Car::ScriptRunner)

public:
    Run(const RuleSet &before, const Directory &directory, const QString &fileName)
        : m_working(before)
        , m_directory(directory)
        , m_fileName(fileName)
    { }

    std::optional<Failure> statement(int index, const CmdletCall &call);

    RuleSet m_working;
    const Directory &m_directory;
    QString m_fileName;
    QList<ScriptDiagnostic> m_warnings;
    QStringList m_history;
    QList<ScriptOutput> m_outputs;

private:
    Check rejectInternal(const CmdletCall &call);
    Check applyRuleParameters(const CmdletCall &call, Rule &rule);
    Check validate(const CmdletCall &call, const Rule &rule);
    Check resolve(const CmdletCall &call, int *index);
    Check commit(const CmdletCall &call, const RuleSet::Outcome &outcome);
    Check newRule(const CmdletCall &call, bool whatIf);
    Check setRule(const CmdletCall &call, bool whatIf);
    Check removeRule(const CmdletCall &call, bool whatIf);
    Check getRules(int index, const CmdletCall &call);
    Check testRules(int index, const CmdletCall &call);
    Check priority(const CmdletCall &call, std::optional<int> *out);
    void warn(const SourceLocation &at, const QString &message);
    void whatIf(int index, const CmdletCall &call, const QString &message);

    int m_index = -1;
};

bool isWhatIf(const CmdletCall &call)
{
    const CmdletArgument *a = call.argument(u"WhatIf");
    return a && (a->value.kind == CmdletValue::Kind::Switch || a->value.boolean);
}

void Run::warn(const SourceLocation &at, const QString &message)
{
    ScriptDiagnostic warning;
    warning.severity = ScriptDiagnostic::Severity::Warning;
    warning.file = m_fileName;
    warning.line = at.line;
    warning.column = at.column;
    warning.message = message;
    m_warnings << warning;
}

void Run::whatIf(int index, const CmdletCall &call, const QString &message)
{
    ScriptOutput output;
    output.kind = ScriptOutput::Kind::WhatIf;
    output.callIndex = index;
    output.location = call.location;
    output.statement = call.normalizedText;
    output.ruleSet = m_working;
    output.message = message;
    m_outputs << output;
}

std::optional<Failure> Run::statement(int index, const CmdletCall &call)
{
    m_index = index;
    if (Check bad = rejectInternal(call))
        return bad;
    const bool dryRun = isWhatIf(call);
    switch (call.cmdlet) {
    case Cmdlet::New:
        return newRule(call, dryRun);
    case Cmdlet::Set:
        return setRule(call, dryRun);
    case Cmdlet::Remove:
        return removeRule(call, dryRun);
    case Cmdlet::Get:
        return getRules(index, call);
    case Cmdlet::Test:
        return testRules(index, call);
    }
    return std::nullopt;
}

Check Run::rejectInternal(const CmdletCall &call)
{
    for (const CmdletArgument &argument : call.arguments) {
        if (argument.name == u"UserIsMemberOf" || argument.name == u"ExceptUserIsMemberOf"
            || argument.name == u"DatacenterAdminsOnly") {
            return Failure {argument.location,
                            tr("-%1 is reserved for internal Microsoft use").arg(argument.name)};
        }
        if (argument.name == u"OAuthClaims") {
            return Failure {argument.location,
                            tr("-OAuthClaims (a middle-tier application's claims) is not "
                               "simulated")};
        }
    }
    return std::nullopt;
}

Check Run::priority(const CmdletCall &call, std::optional<int> *out)
{
    const CmdletArgument *argument = call.argument(u"Priority");
    if (!argument)
        return std::nullopt;
    int value = 0;
    if (Check bad = ScriptValues::toInt(*argument, &value, std::numeric_limits<int>::min(),
                                        std::numeric_limits<int>::max())) {
        return bad;
    }
    if (value < 1) {
        return Failure {argument->value.location,
                        tr("-Priority %1 is not valid: priorities start at 1").arg(value)};
    }
    *out = value;
    return std::nullopt;
}

Check Run::applyRuleParameters(const CmdletCall &call, Rule &rule)
{
    for (const CmdletArgument &argument : call.arguments) {
        const std::optional<RuleParameter> parameter = ScriptValues::ruleParameter(argument.name);
        if (!parameter)
            continue; // Identity and the common parameters
        Check bad;
        switch (*parameter) {
        case RuleParameter::Name:
            bad = ScriptValues::toText(argument, &rule.name);
            break;
        case RuleParameter::Action:
            bad = ScriptValues::toAction(argument, &rule.action);
            break;
        case RuleParameter::Enabled:
            bad = ScriptValues::toBool(argument, &rule.enabled);
            break;
        case RuleParameter::Scope:
            bad = ScriptValues::toScope(argument, &rule.scope);
            break;
        case RuleParameter::Priority:
            break; // applied by the rule set
        case RuleParameter::UserRecipientFilter:
            bad = ScriptValues::applyFilter(argument, rule);
            break;
        default:
            bad = ScriptValues::applyList(argument, *parameter, rule);
            break;
        }
        if (bad)
            return bad;
    }
    rule.removeDuplicates();
    return std::nullopt;
}

Check Run::validate(const CmdletCall &call, const Rule &rule)
{
    const QList<RuleProblem> problems = rule.validate(m_working.environment());
    for (const RuleProblem &problem : problems) {
        SourceLocation at = call.location;
        const CmdletArgument *argument = call.argument(parameterName(problem.parameter));
        if (argument)
            at = ScriptValues::locateValue(*argument, problem.parameter, problem.value);
        if (argument && problem.parameter == RuleParameter::UserRecipientFilter
            && !argument->value.items.isEmpty()) {
            // Filter findings start with "column N:" (within the filter): point there.
            static const QRegularExpression column(QStringLiteral("^column (\\d+):"));
            const QRegularExpressionMatch match = column.match(problem.message);
            if (match.hasMatch()) {
                at = argument->value.items.first().locationAt(match.captured(1).toInt() - 1);
            }
        }
        if (problem.isError())
            return Failure {at, problem.toString()};
        // Set- warns only about what it touches, not about every older value again.
        if (argument || call.cmdlet == Cmdlet::New)
            warn(at, problem.toString());
    }
    return std::nullopt;
}

Check Run::commit(const CmdletCall &call, const RuleSet::Outcome &outcome)
{
    const CmdletArgument *priority = call.argument(u"Priority");
    const CmdletArgument *name = call.argument(u"Name");
    if (!outcome.ok) {
        SourceLocation at = call.location;
        if (priority && outcome.error.startsWith(u"-Priority"))
            at = priority->value.location;
        else if (name && outcome.error.startsWith(u"-Name"))
            at = name->value.location;
        return Failure {at, outcome.error};
    }
    if (!outcome.warning.isEmpty())
        warn(priority ? priority->value.location : call.location, outcome.warning);
    return std::nullopt;
}

Check Run::newRule(const CmdletCall &call, bool dryRun)
{
    QStringList missing;
    for (const char16_t *required : {u"Name", u"Action"}) {
        if (!call.has(required))
            missing << QLatin1Char('-') + QString::fromUtf16(required);
    }
    if (!missing.isEmpty()) {
        return Failure {
            call.location,
            tr("New-ClientAccessRule needs %1").arg(missing.join(QLatin1String(" and ")))};
    }
    Rule rule;
    std::optional<int> at;
    if (Check bad = applyRuleParameters(call, rule))
        return bad;
    if (Check bad = priority(call, &at))
        return bad;
    if (Check bad = validate(call, rule))
        return bad;
    RuleSet target = m_working;
    if (Check bad = commit(call, target.insertRule(rule, at)))
        return bad;
    if (dryRun) {
        whatIf(m_index, call, tr("What if: would create the rule '%1'").arg(rule.name));
        return std::nullopt;
    }
    m_working = target;
    m_history << call.normalizedText;
    return std::nullopt;
}

Check Run::resolve(const CmdletCall &call, int *index)
{
    const CmdletArgument *identity = call.argument(u"Identity");
    if (!identity)
        return Failure {call.location, tr("%1 needs -Identity").arg(cmdletName(call.cmdlet))};
    QString text;
    if (Check bad = ScriptValues::toText(*identity, &text))
        return bad;
    *index = m_working.indexOfIdentity(text);
    if (*index < 0)
        return Failure {identity->value.location, tr("there is no rule '%1'").arg(text)};
    return std::nullopt;
}

Check Run::setRule(const CmdletCall &call, bool dryRun)
{
    int index = -1;
    if (Check bad = resolve(call, &index))
        return bad;
    Rule rule = m_working.at(index);
    std::optional<int> at;
    if (Check bad = applyRuleParameters(call, rule))
        return bad;
    if (Check bad = priority(call, &at))
        return bad;
    if (Check bad = validate(call, rule))
        return bad;
    RuleSet target = m_working;
    if (Check bad = commit(call, target.updateRule(index, rule, at)))
        return bad;
    if (dryRun) {
        whatIf(m_index, call,
               tr("What if: would change the rule '%1'").arg(m_working.at(index).name));
        return std::nullopt;
    }
    m_working = target;
    m_history << call.normalizedText;
    return std::nullopt;
}

Check Run::removeRule(const CmdletCall &call, bool dryRun)
{
    int index = -1;
    if (Check bad = resolve(call, &index))
        return bad;
    if (dryRun) {
        whatIf(m_index, call,
               tr("What if: would remove the rule '%1'").arg(m_working.at(index).name));
        return std::nullopt;
    }
    m_working.removeRule(index);
    m_history << call.normalizedText;
    return std::nullopt;
}

Check Run::getRules(int index, const CmdletCall &call)
{
    ScriptOutput output;
    output.kind = ScriptOutput::Kind::Rules;
    output.callIndex = index;
    output.location = call.location;
    output.statement = call.normalizedText;
    output.ruleSet = m_working;
    output.format = call.format;
    output.properties = call.formatProperties;
    int found = -1;
    const CmdletArgument *identity = call.argument(u"Identity");
    if (identity && identity->value.kind != CmdletValue::Kind::Null) {
        QString text;
        if (Check bad = ScriptValues::toText(*identity, &text))
            return bad;
        found = m_working.indexOfIdentity(text);
        if (found < 0) {
            warn(identity->value.location,
                 tr("there is no rule '%1'; Get-ClientAccessRule lists every rule, as Exchange "
                    "does")
                     .arg(text));
        }
    }
    if (found >= 0) {
        output.ruleIndexes << found;
    } else {
        for (int i = 0; i < m_working.size(); ++i)
            output.ruleIndexes << i;
    }
    m_outputs << output;
    return std::nullopt;
}

Check Run::testRules(int index, const CmdletCall &call)
{
    QStringList missing;
    for (const char16_t *required :
         {u"User", u"Protocol", u"AuthenticationType", u"RemoteAddress", u"RemotePort"}) {
        if (!call.has(required))
            missing << QLatin1Char('-') + QString::fromUtf16(required);
    }
    if (!missing.isEmpty()) {
        return Failure {
            call.location,
            tr("Test-ClientAccessRule needs %1").arg(missing.join(QLatin1String(", ")))};
    }
    QString user;
    Protocol protocol = Protocol::ExchangeWebServices;
    AuthenticationType authentication = AuthenticationType::BasicAuthentication;
    QString addressText;
    int port = 0;
    if (Check bad = ScriptValues::toText(*call.argument(u"User"), &user))
        return bad;
    const CmdletArgument &protocolArgument = *call.argument(u"Protocol");
    if (Check bad = ScriptValues::toProtocol(protocolArgument, &protocol))
        return bad;
    if (!isTestableProtocol(protocol)) {
        return Failure {protocolArgument.value.location,
                        tr("-Protocol %1 cannot be tested (Test-ClientAccessRule does not "
                           "accept it)")
                            .arg(toString(protocol))};
    }
    if (Check bad = ScriptValues::toAuthenticationType(*call.argument(u"AuthenticationType"),
                                                       &authentication)) {
        return bad;
    }
    const CmdletArgument &addressArgument = *call.argument(u"RemoteAddress");
    if (Check bad = ScriptValues::toText(addressArgument, &addressText))
        return bad;
    QString addressError;
    const std::optional<IpAddress> address = IpAddress::parse(addressText, &addressError);
    if (!address) {
        return Failure {addressArgument.value.location,
                        QLatin1String("-RemoteAddress: ") + addressError};
    }
    if (Check bad = ScriptValues::toInt(*call.argument(u"RemotePort"), &port, 1, 65535))
        return bad;

    ScriptOutput output;
    output.kind = ScriptOutput::Kind::Test;
    output.callIndex = index;
    output.location = call.location;
    output.statement = call.normalizedText;
    output.ruleSet = m_working;
    output.connection =
        makeConnection(m_working, m_directory, user, protocol, authentication, *address, port);
    if (!output.connection.user) {
        warn(call.argument(u"User")->value.location,
             tr("'%1' is not in the directory: it has no attributes, so recipient filters do not "
                "match")
                 .arg(user));
    }
    output.evaluation = Evaluator(m_working).evaluate(output.connection);
    m_outputs << output;
    return std::nullopt;
}

} // namespace

ScriptResult ScriptRunner::run(const QList<CmdletCall> &calls, const RuleSet &before,
                               const Directory &directory, const QString &fileName)
{
    ScriptResult result;
    Run run(before, directory, fileName);
    for (int i = 0; i < calls.size(); ++i) {
        if (const std::optional<Failure> failure = run.statement(i, calls.at(i))) {
            ScriptError error;
            error.file = fileName;
            error.line = failure->location.line;
            error.column = failure->location.column;
            error.message = failure->message;
            result.error = error;
            result.ruleSet = before;
            return result;
        }
    }
    result.ruleSet = run.m_working;
    result.warnings = run.m_warnings;
    result.history = run.m_history;
    result.outputs = run.m_outputs;
    return result;
}

ScriptResult ScriptRunner::runText(const QString &text, const QString &fileName,
                                   const RuleSet &before, const Directory &directory)
{
    const CmdletScript script = CmdletParser::parse(text, fileName);
    if (!script.ok()) {
        ScriptResult result;
        result.error = script.error;
        result.ruleSet = before;
        return result;
    }
    return run(script.calls, before, directory, fileName);
}

} // namespace Car
