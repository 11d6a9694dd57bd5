// carconsole-cli commands that evaluate connections: test (one), replay (a CSV of many).
#include "cliapp.h"

#include "clitext.h"
#include "replay.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace Car {

int CliApp::runTest(int first)
{
    struct Value
    {
        QString text;
        int index = -1;
    };
    Value user, protocolText, authenticationText, addressText, portText;
    bool middleTier = false;
    bool json = false;
    for (int i = first; i < m_args.size(); ++i) {
        const QString &arg = m_args[i];
        Value *target = nullptr;
        if (arg == QLatin1String("--user"))
            target = &user;
        else if (arg == QLatin1String("--protocol"))
            target = &protocolText;
        else if (arg == QLatin1String("--authentication"))
            target = &authenticationText;
        else if (arg == QLatin1String("--address"))
            target = &addressText;
        else if (arg == QLatin1String("--port"))
            target = &portText;
        if (target) {
            if (i + 1 >= m_args.size())
                return badArgument(i, tr("%1 needs a value").arg(arg));
            *target = {m_args[i + 1], i + 1};
            ++i;
        } else if (arg == QLatin1String("--middle-tier")) {
            middleTier = true;
        } else if (arg == QLatin1String("--json")) {
            json = true;
        } else {
            return badArgument(i, tr("unexpected argument '%1' for test").arg(arg));
        }
    }
    const QList<QPair<const Value *, const char *>> required = {
        {&user, "--user"},
        {&protocolText, "--protocol"},
        {&authenticationText, "--authentication"},
        {&addressText, "--address"}};
    for (const auto &[value, name] : required) {
        if (value->index < 0)
            return badArgument(first - 1, tr("test needs %1").arg(QLatin1String(name)));
    }
    if (user.text.trimmed().isEmpty())
        return badArgument(user.index, tr("the user is empty"));
    const EnumBinding<Protocol> protocol = bindProtocol(protocolText.text);
    if (!protocol)
        return badArgument(protocolText.index, tr("--protocol: %1").arg(protocol.error));
    if (!isTestableProtocol(*protocol.value))
        return badArgument(protocolText.index,
                           tr("--protocol: Test-ClientAccessRule does not accept %1")
                               .arg(toString(*protocol.value)));
    const EnumBinding<AuthenticationType> authentication =
        bindAuthenticationType(authenticationText.text);
    if (!authentication)
        return badArgument(authenticationText.index,
                           tr("--authentication: %1").arg(authentication.error));
    QString addressError;
    const std::optional<IpAddress> address = IpAddress::parse(addressText.text, &addressError);
    if (!address)
        return badArgument(addressText.index, tr("--address: %1").arg(addressError));
    int port = 443;
    if (portText.index >= 0) {
        bool ok = false;
        port = portText.text.trimmed().toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return badArgument(
                portText.index,
                tr("--port: '%1' is not a port number from 1 to 65535").arg(portText.text));
    }

    WorkspaceData workspace;
    QString error;
    if (!loadWorkspace(workspace, &error))
        return failure(error);
    const Evaluator evaluator(workspace.ruleSet);
    const Connection connection =
        makeConnection(workspace.ruleSet, workspace.directory, user.text.trimmed(), *protocol.value,
                       *authentication.value, *address, port, middleTier);
    const Evaluation evaluation = evaluator.evaluate(connection);
    if (json)
        m_out->write(QJsonDocument(CliText::testJson(evaluator, connection, evaluation))
                         .toJson(QJsonDocument::Indented));
    else
        print(CliText::testText(evaluator, connection, evaluation));
    return Success;
}

int CliApp::runReplay(int first)
{
    QString inputFile;
    QString outputFile;
    int threads = Replay::OnePerCore;
    for (int i = first; i < m_args.size(); ++i) {
        const QString &arg = m_args[i];
        if (arg == QLatin1String("--output")) {
            if (i + 1 >= m_args.size())
                return badArgument(i, tr("--output needs a file name"));
            outputFile = m_args[++i];
        } else if (arg == QLatin1String("--threads")) {
            if (i + 1 >= m_args.size())
                return badArgument(i, tr("--threads needs a number"));
            bool ok = false;
            threads = m_args[i + 1].toInt(&ok);
            if (!ok || threads < 0 || threads > 256)
                return badArgument(i + 1,
                                   tr("--threads: '%1' is not a number of worker threads from 0 "
                                      "(everything on one thread) to 256")
                                       .arg(m_args[i + 1]));
            ++i;
        } else if (inputFile.isEmpty() && (arg == QLatin1String("-") || !arg.startsWith(u'-'))) {
            inputFile = arg;
        } else {
            return badArgument(i, tr("unexpected argument '%1' for replay").arg(arg));
        }
    }
    if (inputFile.isEmpty())
        return badArgument(first - 1, tr("replay needs a connections CSV file"));

    WorkspaceData workspace;
    QString error;
    if (!loadWorkspace(workspace, &error))
        return failure(error);

    QFile inFile;
    QIODevice *input = m_in;
    QString inputName = QStringLiteral("<stdin>");
    if (inputFile != QLatin1String("-")) {
        inFile.setFileName(inputFile);
        if (!inFile.open(QIODevice::ReadOnly))
            return failure(tr("cannot read '%1': %2").arg(inputFile, inFile.errorString()));
        input = &inFile;
        inputName = inputFile;
    }
    QSaveFile outFile;
    QIODevice *output = m_out;
    if (!outputFile.isEmpty() && outputFile != QLatin1String("-")) {
        outFile.setFileName(outputFile);
        if (!outFile.open(QIODevice::WriteOnly))
            return failure(tr("cannot write '%1': %2").arg(outputFile, outFile.errorString()));
        output = &outFile;
    }

    Replay replay(workspace.ruleSet, workspace.directory);
    replay.setThreads(threads);
    ReplaySummary summary;
    ReplayProblem fatal;
    const bool ok = replay.run(
        input, output,
        [this, &inputName](const ReplayProblem &problem) {
            badInput(inputName, problem.line, problem.column, problem.message);
        },
        summary, &fatal);
    if (!ok) {
        if (fatal.line > 0)
            return badInput(inputName, fatal.line, fatal.column, fatal.message);
        return failure(fatal.message);
    }
    if (output == &outFile && !outFile.commit())
        return failure(tr("cannot write '%1': %2").arg(outputFile, outFile.errorString()));
    printError(summary.toText(workspace.ruleSet));
    return summary.badRows > 0 ? BadInput : Success;
}

} // namespace Car
