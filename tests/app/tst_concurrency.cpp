// Two writers on one workspace (issue 6): real carconsole-cli processes started at the same
// moment, many times over. Every change a writer saw acknowledged (exit 0) must be in the final
// workspace, a writer that could not get the lock in time must say so clearly (and change
// nothing), the busy timeout must let a short wait succeed, and the file must never be damaged.
//
// CAR_CONCURRENCY_ROUNDS (default 40) sets the rounds of the parallel test.

#include "sqliteworkspacestore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Car;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
    qint64 ms = 0;
};

#define VERIFY_RUN(run, expected)                                                                  \
    QVERIFY2((run).code == (expected),                                                             \
             qPrintable(QStringLiteral("exit %1, stderr: %2")                                      \
                            .arg((run).code)                                                       \
                            .arg(QString::fromUtf8((run).err))))

/// The writer's own rules: `W<i>` (its port = the last acknowledged round) and `W<i>-<round>`.
QString writerScript(int writer, int round, int lastAcknowledged)
{
    QString script = QStringLiteral("New-ClientAccessRule -Name 'W%1-%2' -Action DenyAccess "
                                    "-AnyOfProtocols ExchangeActiveSync\n")
                         .arg(writer)
                         .arg(round);
    if (lastAcknowledged >= 0) {
        script += QStringLiteral("Remove-ClientAccessRule -Identity 'W%1-%2'\n")
                      .arg(writer)
                      .arg(lastAcknowledged);
    }
    script += QStringLiteral("Set-ClientAccessRule -Identity 'W%1' -AnyOfSourceTcpPortNumbers %2\n")
                  .arg(writer)
                  .arg(round + 1);
    return script;
}

} // namespace

class TestConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void parallelWritersLoseNothing();
    void shortLockIsWaitedFor();
    void writersQueuedBehindALockLoseNothing();
    void longLockGivesClearRetryMessage();

private:
    QProcess *start(const QStringList &arguments, const QByteArray &input = {}) const;
    Run finish(QProcess *process, const QElapsedTimer &timer) const;
    Run cli(const QStringList &arguments, const QByteArray &input = {}) const;
    QString integrity() const;
    /// Opens a raw connection that holds the write lock until released.
    bool lockWorkspace(const QString &connection) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestConcurrency::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = m_dir->filePath(QStringLiteral("shared.carws"));
}

QProcess *TestConcurrency::start(const QStringList &arguments, const QByteArray &input) const
{
    auto *process = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("xdg")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("xdg")));
    env.insert(QStringLiteral("HOME"), m_dir->filePath(QStringLiteral("xdg")));
    process->setProcessEnvironment(env);
    process->setWorkingDirectory(m_dir->path());
    process->start(QStringLiteral(CAR_CLI_PATH),
                   QStringList {QStringLiteral("--db"), m_db} + arguments);
    process->waitForStarted();
    if (!input.isEmpty())
        process->write(input);
    process->closeWriteChannel();
    return process;
}

Run TestConcurrency::finish(QProcess *process, const QElapsedTimer &timer) const
{
    Run run;
    if (!process->waitForFinished(120000)) {
        process->kill();
        process->waitForFinished();
    } else if (process->exitStatus() == QProcess::NormalExit) {
        run.code = process->exitCode();
    }
    run.ms = timer.elapsed();
    run.out = process->readAllStandardOutput();
    run.err = process->readAllStandardError();
    delete process;
    return run;
}

Run TestConcurrency::cli(const QStringList &arguments, const QByteArray &input) const
{
    QElapsedTimer timer;
    timer.start();
    return finish(start(arguments, input), timer);
}

QString TestConcurrency::integrity() const
{
    const QString connection = QStringLiteral("concurrency-check");
    QStringList rows;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        database.setDatabaseName(m_db);
        if (database.open()) {
            QSqlQuery query(database);
            query.exec(QStringLiteral("PRAGMA integrity_check"));
            while (query.next())
                rows << query.value(0).toString();
        } else {
            rows << database.lastError().text();
        }
        database.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return rows.join(u'\n');
}

bool TestConcurrency::lockWorkspace(const QString &connection) const
{
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    database.setDatabaseName(m_db);
    if (!database.open())
        return false;
    QSqlQuery query(database);
    return query.exec(QStringLiteral("BEGIN IMMEDIATE"));
}

void TestConcurrency::parallelWritersLoseNothing()
{
    const int rounds = qEnvironmentVariableIsSet("CAR_CONCURRENCY_ROUNDS")
        ? qEnvironmentVariableIntValue("CAR_CONCURRENCY_ROUNDS")
        : 40;
    constexpr int Writers = 2;
    VERIFY_RUN(cli({QStringLiteral("exec"), QStringLiteral("-")},
                   "New-ClientAccessRule -Name 'W0' -Action DenyAccess -AnyOfProtocols POP3\n"
                   "New-ClientAccessRule -Name 'W1' -Action DenyAccess -AnyOfProtocols IMAP4\n"),
               0);
    int lastAcknowledged[Writers] = {-1, -1};
    int acknowledged = 0, refused = 0;
    for (int round = 0; round < rounds; ++round) {
        QElapsedTimer timer;
        timer.start();
        QProcess *processes[Writers];
        for (int w = 0; w < Writers; ++w) {
            processes[w] = start({QStringLiteral("exec"), QStringLiteral("-")},
                                 writerScript(w, round, lastAcknowledged[w]).toUtf8());
        }
        for (int w = 0; w < Writers; ++w) {
            const Run run = finish(processes[w], timer);
            if (run.code == 0) {
                lastAcknowledged[w] = round;
                ++acknowledged;
            } else {
                // Only a lock that could not be had is an acceptable refusal, and it must say so.
                ++refused;
                const QString err = QString::fromUtf8(run.err);
                QVERIFY2(err.contains(QLatin1String("try again"), Qt::CaseInsensitive),
                         qPrintable(QStringLiteral("round %1 writer %2: exit %3: %4")
                                        .arg(round)
                                        .arg(w)
                                        .arg(run.code)
                                        .arg(err)));
            }
        }
        // Every acknowledged change so far must be there now.
        const Run get =
            cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("ps1")});
        VERIFY_RUN(get, 0);
        const QString rules = QString::fromUtf8(get.out);
        for (int w = 0; w < Writers; ++w) {
            if (lastAcknowledged[w] < 0)
                continue;
            const QString own = QStringLiteral("-Name 'W%1-%2'").arg(w).arg(lastAcknowledged[w]);
            const QString port = QStringLiteral("-Name 'W%1' ").arg(w);
            const qsizetype at = rules.indexOf(port);
            QVERIFY2(rules.contains(own) && at >= 0,
                     qPrintable(QStringLiteral("round %1: writer %2's acknowledged change "
                                               "(round %3) is lost:\n%4")
                                    .arg(round)
                                    .arg(w)
                                    .arg(lastAcknowledged[w])
                                    .arg(rules)));
            const QString line = rules.mid(at, rules.indexOf(u'\n', at) - at);
            QVERIFY2(
                line.contains(
                    QStringLiteral("-AnyOfSourceTcpPortNumbers '%1'").arg(lastAcknowledged[w] + 1)),
                qPrintable(QStringLiteral("round %1: writer %2's port of round %3 is lost: %4")
                               .arg(round)
                               .arg(w)
                               .arg(lastAcknowledged[w])
                               .arg(line)));
            // Exactly one W<w>-<n> rule: a stale write would bring back a removed one.
            QCOMPARE(rules.count(QStringLiteral("-Name 'W%1-").arg(w)), 1);
        }
    }
    QCOMPARE(integrity(), QStringLiteral("ok"));
    qInfo("%d acknowledged changes, %d refused with a retry message", acknowledged, refused);
    QVERIFY(acknowledged >= rounds); // the busy timeout lets most waits succeed
}

void TestConcurrency::shortLockIsWaitedFor()
{
    VERIFY_RUN(cli({QStringLiteral("exec"), QStringLiteral("-")},
                   "New-ClientAccessRule -Name 'First' -Action DenyAccess -AnyOfProtocols POP3\n"),
               0);
    const QString connection = QStringLiteral("short-lock");
    {
        QVERIFY(lockWorkspace(connection));
        QElapsedTimer timer;
        timer.start();
        QProcess *writer = start({QStringLiteral("exec"), QStringLiteral("-")},
                                 "New-ClientAccessRule -Name 'Second' -Action DenyAccess "
                                 "-AnyOfProtocols IMAP4\n");
        // Hold the lock for a second (an edit of the other process), then commit.
        QTest::qWait(1000);
        QSqlDatabase database = QSqlDatabase::database(connection);
        QSqlQuery(database).exec(QStringLiteral("COMMIT"));
        database.close();
        const Run run = finish(writer, timer);
        VERIFY_RUN(run, 0);
        QVERIFY2(run.ms >= 1000, qPrintable(QString::number(run.ms)));
    }
    QSqlDatabase::removeDatabase(connection);
    const Run get = cli({QStringLiteral("get")});
    QVERIFY(get.out.contains("First") && get.out.contains("Second"));
}

void TestConcurrency::writersQueuedBehindALockLoseNothing()
{
    // Deterministic version of the race: both writers read the same state while a third holds
    // the write lock, then queue for it. The second to write must not overwrite the first.
    VERIFY_RUN(cli({QStringLiteral("exec"), QStringLiteral("-")},
                   "New-ClientAccessRule -Name 'First' -Action DenyAccess -AnyOfProtocols POP3\n"),
               0);
    const QString connection = QStringLiteral("queue-lock");
    Run runs[2];
    {
        QVERIFY(lockWorkspace(connection));
        QElapsedTimer timer;
        timer.start();
        QProcess *a = start({QStringLiteral("exec"), QStringLiteral("-")},
                            "New-ClientAccessRule -Name 'From A' -Action DenyAccess "
                            "-AnyOfProtocols IMAP4\n");
        QProcess *b = start({QStringLiteral("exec"), QStringLiteral("-")},
                            "Set-ClientAccessRule -Identity 'First' -Enabled $false\n");
        QTest::qWait(1500); // both have read and wait for the lock
        QSqlDatabase database = QSqlDatabase::database(connection);
        QSqlQuery(database).exec(QStringLiteral("COMMIT"));
        database.close();
        runs[0] = finish(a, timer);
        runs[1] = finish(b, timer);
    }
    QSqlDatabase::removeDatabase(connection);
    const QByteArray rules = cli({QStringLiteral("export")}).out;
    int acknowledged = 0;
    for (const Run &run : runs) {
        if (run.code == 0) {
            ++acknowledged;
            continue;
        }
        VERIFY_RUN(run, 1);
        QVERIFY2(run.err.contains("Try again"), run.err.constData());
    }
    QVERIFY(acknowledged >= 1);
    if (runs[0].code == 0)
        QVERIFY2(rules.contains("-Name 'From A'"), rules.constData());
    if (runs[1].code == 0) {
        const qsizetype at = rules.indexOf("-Name 'First'");
        QVERIFY2(at >= 0 && rules.mid(at, rules.indexOf('\n', at) - at).contains("-Enabled $false"),
                 rules.constData());
    }
    QCOMPARE(integrity(), QStringLiteral("ok"));
}

void TestConcurrency::longLockGivesClearRetryMessage()
{
    VERIFY_RUN(cli({QStringLiteral("exec"), QStringLiteral("-")},
                   "New-ClientAccessRule -Name 'First' -Action DenyAccess -AnyOfProtocols POP3\n"),
               0);
    const QByteArray before = cli({QStringLiteral("export")}).out;
    const QString connection = QStringLiteral("long-lock");
    Run run;
    {
        QVERIFY(lockWorkspace(connection));
        run = cli({QStringLiteral("exec"), QStringLiteral("-")},
                  "New-ClientAccessRule -Name 'Second' -Action DenyAccess -AnyOfProtocols IMAP4\n");
        QSqlDatabase database = QSqlDatabase::database(connection);
        QSqlQuery(database).exec(QStringLiteral("ROLLBACK"));
        database.close();
    }
    QSqlDatabase::removeDatabase(connection);
    VERIFY_RUN(run, 1);
    const QString err = QString::fromUtf8(run.err);
    // Names the workspace, says another program holds it, and what to do.
    QVERIFY2(err.contains(QDir::toNativeSeparators(m_db)), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("another program"), Qt::CaseInsensitive), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("try again"), Qt::CaseInsensitive), qPrintable(err));
    QVERIFY2(run.ms >= 4000, qPrintable(QString::number(run.ms))); // it did wait
    QCOMPARE(cli({QStringLiteral("export")}).out, before);
    QCOMPARE(integrity(), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
