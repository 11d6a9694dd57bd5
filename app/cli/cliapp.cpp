#include "cliapp.h"

#include "sqliteworkspacestore.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace Car {

CliApp::CliApp(QIODevice *in, QIODevice *out, QIODevice *err)
    : m_in(in)
    , m_out(out)
    , m_err(err)
{ }

QString CliApp::usage()
{
    return tr("Usage: carconsole-cli [--db FILE] COMMAND [OPTIONS]\n"
              "\n"
              "Design, review and simulate Exchange Client Access Rules offline.\n"
              "\n"
              "Commands:\n"
              "  exec SCRIPT|-                 apply cmdlet lines (New-/Set-/Remove-/Get-/Test-\n"
              "                                ClientAccessRule) atomically; - reads stdin\n"
              "  get [--json]                  list the rules, like Get-ClientAccessRule\n"
              "  directory import USERS.csv    replace the directory with a users CSV\n"
              "  directory list                write the directory as CSV\n"
              "  test --user U --protocol P --authentication A --address IP [--port N]\n"
              "       [--middle-tier] [--json] decide one connection and show why\n"
              "  replay IN.csv [--output OUT.csv]\n"
              "                                decide every row of a connections CSV\n"
              "  export [--format ps1|json] [--output FILE]\n"
              "                                write the rules as a script or as JSON\n"
              "  import FILE                   a .ps1 script (as exec), or JSON from\n"
              "                                Get-ClientAccessRule | ConvertTo-Json (replaces\n"
              "                                the rules)\n"
              "  analyze [--json]              find shadowed, redundant, overlapping rules,\n"
              "                                lint and lockout risks, each with an example\n"
              "  matrix --user U --address IP [--port N] [--middle-tier] [--csv]\n"
              "                                the decision for every protocol and\n"
              "                                authentication type\n"
              "  snapshot save NAME [--note TEXT] | snapshot list [--json]\n"
              "  snapshot restore NAME | snapshot delete NAME\n"
              "                                named copies of the rule set\n"
              "  snapshot diff A [B] [--script | --rollback]\n"
              "                                what changed from A to B (default: current), or\n"
              "                                the cmdlets that turn A into B (B into A)\n"
              "  tests add NAME --user U --protocol P --authentication A --address IP\n"
              "       [--port N] [--middle-tier] --expect AllowAccess|DenyAccess [--rule R]\n"
              "  tests list [--json] | tests remove NAME\n"
              "                                saved test connections with expected decisions\n"
              "  check [--json]                run the saved tests; exit 3 when one fails\n"
              "\n"
              "Options:\n"
              "  --db FILE      the workspace file (default: %1)\n"
              "  -h, --help     show this help\n"
              "  -v, --version  show the version\n"
              "\n"
              "Exit codes: 0 done; 2 bad input (FILE:LINE:COL: error: WHAT, nothing changed);\n"
              "1 any other failure; 3 check: a saved test failed.\n")
        .arg(SqliteWorkspaceStore::defaultPath());
}

void CliApp::print(const QString &text) const
{
    m_out->write(text.toUtf8());
}

void CliApp::printError(const QString &text) const
{
    m_err->write(text.toUtf8());
}

int CliApp::badInput(const QString &file, qint64 line, qint64 column, const QString &message) const
{
    printError(
        QStringLiteral("%1:%2:%3: error: %4\n").arg(file).arg(line).arg(column).arg(message));
    return BadInput;
}

int CliApp::badArgument(int argumentIndex, const QString &message) const
{
    qint64 column = 1;
    for (int i = 0; i < argumentIndex && i < m_args.size(); ++i)
        column += m_args[i].size() + 1;
    return badInput(QStringLiteral("<command line>"), 1, column, message);
}

int CliApp::failure(const QString &message) const
{
    printError(QStringLiteral("carconsole-cli: error: %1\n").arg(message));
    return Failure;
}

bool CliApp::loadWorkspace(WorkspaceData &out, QString *error) const
{
    out = WorkspaceData();
    if (!QFileInfo::exists(m_db)) {
        rememberBase(out);
        return true;
    }
    SqliteWorkspaceStore::OpenResult opened =
        SqliteWorkspaceStore::open(m_db, SqliteWorkspaceStore::OpenMode::ReadOnly);
    if (!opened) {
        // An older schema needs its migration, which only a writable open performs.
        SqliteWorkspaceStore::OpenResult writable =
            SqliteWorkspaceStore::open(m_db, SqliteWorkspaceStore::OpenMode::ReadWrite);
        if (!writable) {
            *error = opened.error;
            return false;
        }
        opened = std::move(writable);
    }
    const StoreResult loaded = opened.store->load(out);
    if (!loaded)
        *error = loaded.error;
    else
        rememberBase(out);
    return loaded.ok;
}

void CliApp::rememberBase(const WorkspaceData &data) const
{
    m_baseRules = data.ruleSet;
    m_baseDirectory = data.directory;
}

bool CliApp::saveRuleSet(const RuleSet &rules, const QStringList &history, QString *error) const
{
    SqliteWorkspaceStore::OpenResult opened = SqliteWorkspaceStore::open(m_db);
    if (!opened) {
        *error = opened.error;
        return false;
    }
    // Written over what loadWorkspace() read, so that another program's change in between is
    // refused ("try again") rather than silently overwritten.
    const StoreResult saved = m_baseRules
        ? opened.store->saveRuleSetOver(*m_baseRules, rules, history, QStringLiteral("cli"))
        : opened.store->saveRuleSet(rules, history, QStringLiteral("cli"));
    if (!saved)
        *error = saved.error;
    else if (m_baseRules)
        m_baseRules = rules;
    return saved.ok;
}

bool CliApp::saveDirectory(const Directory &directory, QString *error) const
{
    SqliteWorkspaceStore::OpenResult opened = SqliteWorkspaceStore::open(m_db);
    if (!opened) {
        *error = opened.error;
        return false;
    }
    const StoreResult saved = m_baseDirectory
        ? opened.store->saveDirectoryOver(*m_baseDirectory, directory)
        : opened.store->saveDirectory(directory);
    if (!saved)
        *error = saved.error;
    else if (m_baseDirectory)
        m_baseDirectory = directory;
    return saved.ok;
}

bool CliApp::readInput(const QString &file, QByteArray &data, int &exitCode) const
{
    if (file == QLatin1String("-")) {
        data = m_in->readAll();
        return true;
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        exitCode = failure(tr("cannot read '%1': %2").arg(file, f.errorString()));
        return false;
    }
    data = f.readAll();
    return true;
}

bool CliApp::writeOutput(const QString &file, const QByteArray &data, QString *error) const
{
    if (file.isEmpty() || file == QLatin1String("-")) {
        m_out->write(data);
        return true;
    }
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        *error = tr("cannot write '%1': %2").arg(file, f.errorString());
        return false;
    }
    return true;
}

int CliApp::run(const QStringList &arguments)
{
    m_args = arguments;
    m_db = SqliteWorkspaceStore::defaultPath();
    for (int i = 0; i < m_args.size(); ++i) {
        const QString &arg = m_args[i];
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            print(usage());
            return Success;
        }
        if (arg == QLatin1String("-v") || arg == QLatin1String("--version")) {
            print(QStringLiteral("carconsole-cli %1\n").arg(QLatin1String(CAR_VERSION_STRING)));
            return Success;
        }
        if (arg == QLatin1String("--db")) {
            if (i + 1 >= m_args.size())
                return badArgument(i, tr("--db needs a file name"));
            m_db = m_args[++i];
            continue;
        }
        if (arg.startsWith(QLatin1String("--db="))) {
            m_db = arg.mid(5);
            continue;
        }
        if (arg.startsWith(QLatin1Char('-')))
            return badArgument(i, tr("unknown option '%1' (see --help)").arg(arg));
        return dispatch(arg, i);
    }
    printError(usage());
    return BadInput;
}

int CliApp::dispatch(const QString &command, int commandIndex)
{
    const int first = commandIndex + 1;
    if (command == QLatin1String("exec"))
        return runExec(first);
    if (command == QLatin1String("get"))
        return runGet(first);
    if (command == QLatin1String("directory"))
        return runDirectory(first);
    if (command == QLatin1String("test"))
        return runTest(first);
    if (command == QLatin1String("replay"))
        return runReplay(first);
    if (command == QLatin1String("export"))
        return runExport(first);
    if (command == QLatin1String("import"))
        return runImport(first);
    if (command == QLatin1String("analyze"))
        return runAnalyze(first);
    if (command == QLatin1String("matrix"))
        return runMatrix(first);
    if (command == QLatin1String("snapshot"))
        return runSnapshot(first);
    if (command == QLatin1String("tests"))
        return runTests(first);
    if (command == QLatin1String("check"))
        return runCheck(first);
    if (command == QLatin1String("help")) {
        print(usage());
        return Success;
    }
    return badArgument(commandIndex, tr("unknown command '%1' (see --help)").arg(command));
}

} // namespace Car
