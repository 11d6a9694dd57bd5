#pragma once

#include "workspace.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

class QIODevice;

namespace Car {

/// carconsole-cli: parses the command line and runs one command against a workspace file.
/// Output and errors go to the given devices, so tests can drive it in-process as well as
/// through the real executable.
///
/// Exit codes: 0 done; 2 bad input (an error `FILE:LINE:COL: error: WHAT` on `err`, and the
/// workspace is left as it was); 1 any other failure; 3 `check` found a failing saved test.
class CliApp
{
    Q_DECLARE_TR_FUNCTIONS(Car::CliApp)

public:
    /// TestsFailed: `check` ran the saved tests and at least one failed.
    enum ExitCode : int { Success = 0, Failure = 1, BadInput = 2, TestsFailed = 3 };

    CliApp(QIODevice *in, QIODevice *out, QIODevice *err);

    /// Runs `arguments` (without the program name).
    int run(const QStringList &arguments);

    static QString usage();

    // Used by the command implementations (one file per group of commands).
    void print(const QString &text) const;
    void printError(const QString &text) const;
    /// Prints `FILE:LINE:COL: error: WHAT` and returns BadInput.
    int badInput(const QString &file, qint64 line, qint64 column, const QString &message) const;
    /// A bad command-line argument: reported as `<command line>:1:COL` where COL is where the
    /// argument starts in the space-joined argument list.
    int badArgument(int argumentIndex, const QString &message) const;
    /// Prints `carconsole-cli: error: WHAT` and returns Failure.
    int failure(const QString &message) const;

    /// Loads the workspace without writing anything (an absent file is an empty workspace).
    bool loadWorkspace(WorkspaceData &out, QString *error) const;
    /// Opens the workspace for writing and stores the rule set with its history lines.
    bool saveRuleSet(const RuleSet &rules, const QStringList &history, QString *error) const;
    bool saveDirectory(const Directory &directory, QString *error) const;

    QIODevice *input() const { return m_in; }
    QIODevice *output() const { return m_out; }
    const QString &databasePath() const { return m_db; }

private:
    void rememberBase(const WorkspaceData &data) const;
    int dispatch(const QString &command, int commandIndex);

    int runExec(int first);
    int runGet(int first);
    int runDirectory(int first);
    int runTest(int first);
    int runReplay(int first);
    int runExport(int first);
    int runImport(int first);
    int runAnalyze(int first); // analyzecommands.cpp
    int runMatrix(int first); // analyzecommands.cpp
    int runSnapshot(int first); // snapshotcommands.cpp
    int runTests(int first); // checkcommands.cpp
    int runCheck(int first); // checkcommands.cpp
    int importJson(const QString &file, const QByteArray &data);
    int applyScript(const QString &file, const QString &text);

    /// Reads a file (or stdin for "-"); on failure prints the error and returns false.
    bool readInput(const QString &file, QByteArray &data, int &exitCode) const;
    /// Opens `file` for writing (stdout when empty or "-").
    bool writeOutput(const QString &file, const QByteArray &data, QString *error) const;

    QIODevice *m_in;
    QIODevice *m_out;
    QIODevice *m_err;
    QString m_db;
    QStringList m_args;
    /// What loadWorkspace() read last: saves are written over it (SqliteWorkspaceStore::
    /// saveRuleSetOver), so a change another program made in between is never overwritten.
    mutable std::optional<RuleSet> m_baseRules;
    mutable std::optional<Directory> m_baseDirectory;
};

} // namespace Car
