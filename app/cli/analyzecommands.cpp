// carconsole-cli commands that review a rule set as a whole: analyze (findings), matrix (the
// coverage matrix of one user and address).
#include "cliapp.h"

#include "analysis.h"
#include "coveragematrix.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Car {

namespace {

// The witness with the column names of replay input, so it can be pasted into a replay CSV.
QJsonValue witnessJson(const std::optional<Witness> &witness)
{
    if (!witness)
        return QJsonValue(QJsonValue::Null);
    QJsonObject object {
        {QStringLiteral("User"), witness->user},
        {QStringLiteral("Protocol"), toString(witness->protocol)},
        {QStringLiteral("AuthenticationType"), toString(witness->authenticationType)},
        {QStringLiteral("RemoteAddress"), witness->address.toString()},
        {QStringLiteral("RemotePort"), witness->port},
        {QStringLiteral("MiddleTier"), witness->middleTier},
    };
    if (witness->userKind == Witness::UserKind::Hypothetical) {
        // Not in the directory: the attribute values that make its recipient filters hold.
        QJsonObject attributes;
        for (const auto &[attribute, value] : witness->attributes)
            attributes.insert(toString(attribute), value);
        object.insert(QStringLiteral("UserAttributes"), attributes);
    }
    return object;
}

QJsonObject findingJson(const Finding &finding)
{
    return {
        {QStringLiteral("kind"), toString(finding.kind)},
        {QStringLiteral("severity"), toString(finding.severity)},
        {QStringLiteral("rule"),
         finding.ruleIndex >= 0 ? QJsonValue(finding.ruleName) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("by"), QJsonArray::fromStringList(finding.by)},
        {QStringLiteral("message"), finding.message},
        {QStringLiteral("witness"), witnessJson(finding.witness)},
    };
}

// A short cell for the text matrix: "Allow", "Allow #1", "Deny #2".
QString shortCell(const CoverageCell &cell)
{
    const QString action =
        cell.action == Action::AllowAccess ? QStringLiteral("Allow") : QStringLiteral("Deny");
    return cell.decidingRule < 0 ? action
                                 : QStringLiteral("%1 #%2").arg(action).arg(cell.decidingRule + 1);
}

} // namespace

int CliApp::runAnalyze(int first)
{
    bool json = false;
    for (int i = first; i < m_args.size(); ++i) {
        if (m_args[i] == QLatin1String("--json"))
            json = true;
        else
            return badArgument(i, tr("unexpected argument '%1' for analyze").arg(m_args[i]));
    }
    WorkspaceData workspace;
    QString error;
    if (!loadWorkspace(workspace, &error))
        return failure(error);
    AnalysisOptions options;
    options.admin = workspace.admin;
    const AnalysisResult result = analyzeRuleSet(workspace.ruleSet, workspace.directory, options);

    if (json) {
        QJsonArray array;
        for (const Finding &finding : result.findings)
            array.append(findingJson(finding));
        m_out->write(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return Success;
    }
    if (result.findings.isEmpty()) {
        print(tr("No findings: %n rule(s) analysed.\n", nullptr, workspace.ruleSet.size()));
        return Success;
    }
    const struct
    {
        FindingSeverity severity;
        QString title;
    } groups[] = {{FindingSeverity::Error, tr("Errors")},
                  {FindingSeverity::Warning, tr("Warnings")},
                  {FindingSeverity::Info, tr("Notes")}};
    QString text;
    for (const auto &group : groups) {
        QString lines;
        int count = 0;
        for (const Finding &finding : result.findings) {
            if (finding.severity != group.severity)
                continue;
            ++count;
            const QString where = finding.ruleIndex >= 0
                ? tr("rule %1 '%2'").arg(finding.ruleIndex + 1).arg(finding.ruleName)
                : tr("rule set");
            lines += QStringLiteral("  [%1] %2: %3\n")
                         .arg(toString(finding.kind), where, finding.message);
            if (finding.witness)
                lines += tr("      example: %1\n").arg(finding.witness->toString());
        }
        if (count)
            text += QStringLiteral("%1 (%2):\n%3").arg(group.title).arg(count).arg(lines);
    }
    if (!result.exact)
        text += tr("Some claims could not be decided: %1.\n").arg(result.inexactReason);
    print(text);
    return Success;
}

int CliApp::runMatrix(int first)
{
    QString user, addressText, portText;
    int userIndex = -1, addressIndex = -1, portIndex = -1;
    bool middleTier = false;
    bool csv = false;
    for (int i = first; i < m_args.size(); ++i) {
        const QString &arg = m_args[i];
        QString *target = nullptr;
        int *index = nullptr;
        if (arg == QLatin1String("--user")) {
            target = &user;
            index = &userIndex;
        } else if (arg == QLatin1String("--address")) {
            target = &addressText;
            index = &addressIndex;
        } else if (arg == QLatin1String("--port")) {
            target = &portText;
            index = &portIndex;
        }
        if (target) {
            if (i + 1 >= m_args.size())
                return badArgument(i, tr("%1 needs a value").arg(arg));
            *target = m_args[++i];
            *index = i;
        } else if (arg == QLatin1String("--middle-tier")) {
            middleTier = true;
        } else if (arg == QLatin1String("--csv")) {
            csv = true;
        } else {
            return badArgument(i, tr("unexpected argument '%1' for matrix").arg(arg));
        }
    }
    if (userIndex < 0)
        return badArgument(first - 1, tr("matrix needs --user"));
    if (addressIndex < 0)
        return badArgument(first - 1, tr("matrix needs --address"));
    if (user.trimmed().isEmpty())
        return badArgument(userIndex, tr("the user is empty"));
    QString addressError;
    const std::optional<IpAddress> address = IpAddress::parse(addressText, &addressError);
    if (!address)
        return badArgument(addressIndex, tr("--address: %1").arg(addressError));
    int port = 443;
    if (portIndex >= 0) {
        bool ok = false;
        port = portText.trimmed().toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return badArgument(
                portIndex, tr("--port: '%1' is not a port number from 1 to 65535").arg(portText));
    }

    WorkspaceData workspace;
    QString error;
    if (!loadWorkspace(workspace, &error))
        return failure(error);
    const Evaluator evaluator(workspace.ruleSet);
    const CoverageMatrix matrix = CoverageMatrix::compute(
        evaluator, workspace.directory, user.trimmed(), *address, port, middleTier);
    if (csv) {
        print(matrix.toCsv());
        return Success;
    }

    QString text = tr("%1 (%2%3) from %4, port %5%6\n")
                       .arg(matrix.user(), matrix.username(),
                            matrix.userInDirectory() ? QString() : tr(", not in the directory"),
                            address->toString())
                       .arg(port)
                       .arg(middleTier ? tr(", middle-tier") : QString());
    int width = 0;
    for (const Protocol protocol : matrix.protocols())
        width = std::max(width, int(toString(protocol).size()));
    constexpr int cellWidth = 11;
    const auto endLine = [](QString line) {
        while (line.endsWith(u' '))
            line.chop(1);
        return line + u'\n';
    };
    QString header = QString(width, u' ');
    for (const AuthenticationType type : matrix.authenticationTypes())
        header += QStringLiteral("  ") + displayName(type).left(cellWidth).leftJustified(cellWidth);
    text += endLine(header);
    QList<int> used;
    for (int row = 0; row < matrix.rowCount(); ++row) {
        QString line = toString(matrix.protocols()[row]).leftJustified(width);
        for (int column = 0; column < matrix.columnCount(); ++column) {
            const CoverageCell &cell = matrix.cell(row, column);
            line += QStringLiteral("  ") + shortCell(cell).leftJustified(cellWidth);
            if (cell.decidingRule >= 0 && !used.contains(cell.decidingRule))
                used.append(cell.decidingRule);
        }
        text += endLine(line);
    }
    std::sort(used.begin(), used.end());
    for (const int rule : std::as_const(used))
        text += QStringLiteral("#%1 %2\n").arg(rule + 1).arg(workspace.ruleSet.at(rule).name);
    print(text);
    return Success;
}

} // namespace Car
