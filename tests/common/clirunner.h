#pragma once

// Runs the real carconsole-cli for the CLI process tests: a private temporary folder, a workspace
// in it, and an environment that keeps the program away from the real profile.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace CliTest {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

/// QVERIFY that a run ended with `expected`, printing its standard error otherwise.
#define CAR_VERIFY_RUN(run, expected)                                                              \
    QVERIFY2((run).code == (expected),                                                             \
             qPrintable(QStringLiteral("exit %1, stderr: %2")                                      \
                            .arg((run).code)                                                       \
                            .arg(QString::fromUtf8((run).err))))

/// Runs `carconsole-cli arguments...` in `workDir` with `input` on its standard input.
/// XDG_DATA_HOME, XDG_CONFIG_HOME and HOME point into `workDir`, so the default workspace lands
/// there too.
inline Run runCli(const QString &workDir, const QStringList &arguments,
                  const QByteArray &input = QByteArray())
{
    const QDir dir(workDir);
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("xdg-data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("xdg-config")));
    env.insert(QStringLiteral("HOME"), dir.filePath(QStringLiteral("home")));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(workDir);
    process.start(QStringLiteral(CAR_CLI_PATH), arguments);
    Run run;
    if (!process.waitForStarted()) {
        run.err = "could not start " CAR_CLI_PATH;
        return run;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
    }
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

class Runner
{
public:
    /// A fresh temporary folder; the workspace is `work.carws` in it.
    bool reset()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_db = path(QStringLiteral("work.carws"));
        return m_dir->isValid();
    }

    QString path(const QString &name) const { return m_dir->filePath(name); }
    const QString &db() const { return m_db; }
    void setDb(const QString &db) { m_db = db; }

    /// Runs `carconsole-cli --db DB arguments...` with `input` on its standard input.
    Run operator()(const QStringList &arguments, const QByteArray &input = QByteArray()) const
    {
        return runCli(m_dir->path(), QStringList {QStringLiteral("--db"), m_db} + arguments, input);
    }

    /// Writes `data` to `name` in the temporary folder; returns its path.
    QString writeFile(const QString &name, const QByteArray &data) const
    {
        QFile file(path(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
            qWarning("cannot write %s", qPrintable(name));
        return file.fileName();
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

inline QString dataFile(const char *name)
{
    return QLatin1String(CAR_TEST_DATA_DIR "/cli/") + QLatin1String(name);
}

inline QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray("<missing>");
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

} // namespace CliTest
