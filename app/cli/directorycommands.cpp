// carconsole-cli directory commands: import a users CSV, list the directory as CSV.
#include "cliapp.h"

#include "directorycsv.h"

#include <QBuffer>
#include <QFile>

namespace Car {

int CliApp::runDirectory(int first)
{
    if (first >= m_args.size())
        return badArgument(first - 1, tr("directory needs 'import USERS.csv' or 'list'"));
    const QString &sub = m_args[first];
    if (sub == QLatin1String("list")) {
        if (first + 1 < m_args.size())
            return badArgument(first + 1, tr("unexpected argument '%1'").arg(m_args[first + 1]));
        WorkspaceData workspace;
        QString error;
        if (!loadWorkspace(workspace, &error))
            return failure(error);
        if (!DirectoryCsv::write(workspace.directory, m_out, &error))
            return failure(error);
        return Success;
    }
    if (sub != QLatin1String("import"))
        return badArgument(first,
                           tr("unknown directory command '%1': expected import or list").arg(sub));
    if (first + 1 >= m_args.size())
        return badArgument(first, tr("directory import needs a users CSV file"));
    if (first + 2 < m_args.size())
        return badArgument(first + 2, tr("unexpected argument '%1'").arg(m_args[first + 2]));
    const QString file = m_args[first + 1];
    QByteArray data;
    int exitCode = Success;
    if (!readInput(file, data, exitCode))
        return exitCode;
    const QString name = file == QLatin1String("-") ? QStringLiteral("<stdin>") : file;

    WorkspaceData workspace;
    QString error;
    if (!loadWorkspace(workspace, &error))
        return failure(error);
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    Directory directory;
    const DirectoryCsv::Result result = DirectoryCsv::read(&buffer, directory);
    if (!result.ok)
        return badInput(name, result.error.line, result.error.column, result.error.message);
    for (const QString &warning : result.warnings)
        printError(QStringLiteral("%1: warning: %2\n").arg(name, warning));
    if (!saveDirectory(directory, &error))
        return failure(error);
    print(tr("imported %n user(s) from %1\n", nullptr, result.userCount).arg(name));
    return Success;
}

} // namespace Car
