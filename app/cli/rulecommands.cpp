// carconsole-cli commands that read or change the rule set: exec, get, export, import.
#include "cliapp.h"

#include "clitext.h"
#include "cmdletwriter.h"
#include "rulesethistory.h"
#include "rulesetjson.h"
#include "scriptrunner.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace Car {

namespace {

QString decodeText(const QByteArray &data)
{
    QString text = QString::fromUtf8(data);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return text;
}

QString outputText(const ScriptOutput &output)
{
    switch (output.kind) {
    case ScriptOutput::Kind::Rules:
        if (output.format == CmdletCall::Format::List)
            return CliText::rulesList(output.ruleSet, output.ruleIndexes);
        return CliText::rulesTable(output.ruleSet, output.ruleIndexes);
    case ScriptOutput::Kind::Test: {
        const Evaluator evaluator(output.ruleSet);
        return CliText::testText(evaluator, output.connection, output.evaluation);
    }
    case ScriptOutput::Kind::WhatIf:
        return output.message + QLatin1Char('\n');
    }
    return QString();
}

} // namespace

int CliApp::applyScript(const QString &file, const QString &text)
{
    WorkspaceData workspace;
    QString error;
    if (!loadWorkspace(workspace, &error))
        return failure(error);
    const ScriptResult result =
        ScriptRunner::runText(text, file, workspace.ruleSet, workspace.directory);
    if (!result.ok()) {
        printError(result.error->toString() + QLatin1Char('\n'));
        return BadInput;
    }
    for (const ScriptDiagnostic &warning : result.warnings)
        printError(warning.toString() + QLatin1Char('\n'));
    for (int i = 0; i < result.outputs.size(); ++i) {
        if (i > 0)
            print(QStringLiteral("\n"));
        print(outputText(result.outputs[i]));
    }
    if (result.ruleSet != workspace.ruleSet || !result.history.isEmpty()) {
        if (!saveRuleSet(result.ruleSet, result.history, &error))
            return failure(error);
    }
    return Success;
}

int CliApp::runExec(int first)
{
    if (first >= m_args.size())
        return badArgument(first - 1, tr("exec needs a script file, or - for standard input"));
    if (first + 1 < m_args.size())
        return badArgument(first + 1, tr("unexpected argument '%1'").arg(m_args[first + 1]));
    const QString file = m_args[first];
    QByteArray data;
    int exitCode = Success;
    if (!readInput(file, data, exitCode))
        return exitCode;
    return applyScript(file == QLatin1String("-") ? QStringLiteral("<stdin>") : file,
                       decodeText(data));
}

int CliApp::runGet(int first)
{
    bool json = false;
    for (int i = first; i < m_args.size(); ++i) {
        if (m_args[i] == QLatin1String("--json"))
            json = true;
        else
            return badArgument(i, tr("unexpected argument '%1' for get").arg(m_args[i]));
    }
    WorkspaceData workspace;
    QString error;
    if (!loadWorkspace(workspace, &error))
        return failure(error);
    if (json)
        m_out->write(RuleSetJson::write(workspace.ruleSet));
    else
        print(CliText::rulesTable(workspace.ruleSet));
    return Success;
}

int CliApp::runExport(int first)
{
    QString format = QStringLiteral("ps1");
    QString file;
    for (int i = first; i < m_args.size(); ++i) {
        const QString &arg = m_args[i];
        if ((arg == QLatin1String("--format") || arg == QLatin1String("--output"))
            && i + 1 >= m_args.size())
            return badArgument(i, tr("%1 needs a value").arg(arg));
        if (arg == QLatin1String("--format")) {
            format = m_args[++i];
            if (format != QLatin1String("ps1") && format != QLatin1String("json"))
                return badArgument(i, tr("unknown format '%1': expected ps1 or json").arg(format));
        } else if (arg == QLatin1String("--output")) {
            file = m_args[++i];
        } else {
            return badArgument(i, tr("unexpected argument '%1' for export").arg(arg));
        }
    }
    WorkspaceData workspace;
    QString error;
    if (!loadWorkspace(workspace, &error))
        return failure(error);
    QByteArray data;
    if (format == QLatin1String("json")) {
        data = RuleSetJson::write(workspace.ruleSet);
    } else {
        for (int i = 0; i < workspace.ruleSet.size(); ++i)
            data += (newRuleLine(workspace.ruleSet.at(i), i + 1) + QLatin1Char('\n')).toUtf8();
    }
    if (!writeOutput(file, data, &error))
        return failure(error);
    return Success;
}

int CliApp::importJson(const QString &file, const QByteArray &data)
{
    WorkspaceData workspace;
    QString error;
    if (!loadWorkspace(workspace, &error))
        return failure(error);
    RuleSet imported = workspace.ruleSet;
    const RuleSetJson::Result result = RuleSetJson::read(data, imported);
    if (!result.ok)
        return badInput(file, result.line, result.column, result.error);
    for (const QString &warning : result.warnings)
        printError(QStringLiteral("%1: warning: %2\n").arg(file, warning));
    if (imported != workspace.ruleSet
        && !saveRuleSet(imported, historyLines(workspace.ruleSet, imported), &error))
        return failure(error);
    print(tr("imported %n rule(s) from %1\n", nullptr, imported.size()).arg(file));
    return Success;
}

int CliApp::runImport(int first)
{
    if (first >= m_args.size())
        return badArgument(first - 1, tr("import needs a .ps1 script or a JSON file"));
    if (first + 1 < m_args.size())
        return badArgument(first + 1, tr("unexpected argument '%1'").arg(m_args[first + 1]));
    const QString file = m_args[first];
    QByteArray data;
    int exitCode = Success;
    if (!readInput(file, data, exitCode))
        return exitCode;
    const QString name = file == QLatin1String("-") ? QStringLiteral("<stdin>") : file;
    const QString text = decodeText(data);
    const QString start = text.trimmed().left(1);
    const bool json = QFileInfo(file).suffix().compare(u"json", Qt::CaseInsensitive) == 0
        || start == QLatin1String("[") || start == QLatin1String("{");
    // A script block starts with '{' too, but never a whole script of cmdlets.
    if (json)
        return importJson(name, data);
    return applyScript(name, text);
}

} // namespace Car
