// Crash safety of the workspace under SIGKILL (issue 6), SQLite-style: the real carconsole-cli
// applies changes (single cmdlets, multi-line scripts, JSON imports, directory imports, snapshot
// saves and restores) and is killed at random moments, hundreds of times. After every kill:
// PRAGMA integrity_check is ok, the workspace opens, and its rules, directory and snapshots are
// exactly the state before the killed change or after it (never a part of a script), while every
// change the CLI acknowledged (exit 0 observed) is still there. `export --format json` of the CLI
// must show the same rules.
//
// The state after a killed change is computed only when needed, by applying the same change to a
// copy of the files taken before the run. Deterministic for a seed (the kill moments themselves
// depend on timing).
//
// The second test does the same to the console's write path: a child process (this executable
// with --document-child) edits through RuleSetDocument, as the window does (add, change, move,
// remove, undo, redo), printing each edit's expected state before it and the applied state
// after it. After a kill, the workspace holds the last applied state or the pending one.
//
// Environment: CAR_CRASH_KILLS (default 300, the CI run; e.g. 5000 for the long run),
// CAR_CRASH_SEED (default 20261127). The long run:
//   CAR_CRASH_KILLS=5000 ctest --test-dir build -R app/crash --timeout 3600 --output-on-failure

#include "cmdletwriter.h"
#include "directory.h"
#include "randomruleset.h"
#include "rulesetdocument.h"
#include "rulesetjson.h"
#include "sqliteworkspacestore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUndoStack>

#include <cstdio>
#include <functional>

#include <optional>

using namespace Car;

namespace {

/// What the harness compares: everything a change may touch.
struct State
{
    RuleSet rules;
    Directory directory;
    QStringList snapshots;

    friend bool operator==(const State &a, const State &b)
    {
        return a.rules == b.rules && a.directory == b.directory && a.snapshots == b.snapshots;
    }

    QString describe() const
    {
        QStringList names;
        for (const Rule &rule : rules.rules())
            names << rule.name;
        return QStringLiteral("%1 rules [%2], %3 users, snapshots [%4]")
            .arg(rules.size())
            .arg(names.join(QStringLiteral(", ")))
            .arg(directory.size())
            .arg(snapshots.join(QStringLiteral(", ")));
    }
};

enum class Kind { Cmdlet, Script, Json, Directory, SnapshotSave, SnapshotRestore };
constexpr int KindCount = 6;

QString kindName(Kind kind)
{
    static const char *const names[] = {"cmdlet",           "script",        "json import",
                                        "directory import", "snapshot save", "snapshot restore"};
    return QString::fromLatin1(names[int(kind)]);
}

struct Change
{
    Kind kind = Kind::Cmdlet;
    QStringList arguments; ///< after --db FILE
};

struct Outcome
{
    bool killed = false;
    bool acknowledged = false; ///< exited by itself with 0
    QByteArray err;
};

QStringList workspaceFiles(const QString &db)
{
    return {db, db + QStringLiteral("-wal"), db + QStringLiteral("-shm"),
            db + QStringLiteral("-journal")};
}

/// Copies the workspace and its side files (no process may be using them).
bool copyWorkspace(const QString &from, const QString &to)
{
    const QStringList sources = workspaceFiles(from);
    const QStringList targets = workspaceFiles(to);
    for (int i = 0; i < sources.size(); ++i) {
        QFile::remove(targets.at(i));
        if (QFile::exists(sources.at(i)) && !QFile::copy(sources.at(i), targets.at(i)))
            return false;
    }
    return true;
}

/// The child of documentEditsSurviveKills: edits the workspace through RuleSetDocument for ever.
/// Before each edit prints "pending <JSON>" (the rule set the edit must produce), after it
/// "applied <JSON>" (the document's rule set, which it has written through), base64 encoded.
int documentChild(const QString &db, quint32 seed)
{
    auto opened = SqliteWorkspaceStore::open(db);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error));
        return 2;
    }
    RuleSetDocument document(std::move(opened.store));
    if (!document.load())
        return 2;
    CarTest::RandomRuleSets random(seed);
    QUndoStack *stack = document.undoStack();
    QList<RuleSet> states {document.ruleSet()}; // states[i]: the rule set at undo index i
    const auto emitLine = [](const char *what, const RuleSet &rules) {
        std::printf("%s %s\n", what, RuleSetJson::write(rules).toBase64().constData());
        std::fflush(stdout);
    };
    for (int i = 0;; ++i) {
        const RuleSet &current = document.ruleSet();
        RuleSet expected = current;
        const int op = random.between(0, 9);
        std::function<RuleSet::Outcome()> edit;
        bool undoRedo = false;
        if (op == 0 && stack->canUndo()) {
            expected = states.at(stack->index() - 1);
            undoRedo = true;
            edit = [stack] {
                stack->undo();
                return RuleSet::Outcome {true, {}, {}, -1};
            };
        } else if (op == 1 && stack->canRedo()) {
            expected = states.at(stack->index() + 1);
            undoRedo = true;
            edit = [stack] {
                stack->redo();
                return RuleSet::Outcome {true, {}, {}, -1};
            };
        } else if ((op <= 4 || current.size() < 2) && current.size() < RuleSet::MaxRules) {
            const Rule rule = random.rule(current.environment(), QStringLiteral("D%1").arg(i));
            const int priority = random.between(1, current.size() + 1);
            if (!expected.insertRule(rule, priority).ok)
                continue;
            edit = [&document, rule, priority] {
                return document.addRule(rule, priority);
            };
        } else if (op <= 6) {
            const int index = random.between(0, current.size() - 1);
            Rule rule = current.at(index);
            rule.enabled = !rule.enabled;
            if (random.chance(50))
                rule.name = QStringLiteral("E%1").arg(i);
            if (!expected.updateRule(index, rule).ok)
                continue;
            edit = [&document, index, rule] {
                return document.updateRule(index, rule);
            };
        } else if (op <= 8) {
            const int from = random.between(0, current.size() - 1);
            const int to = random.between(0, current.size() - 1);
            if (from == to)
                continue;
            expected.moveRule(from, to);
            edit = [&document, from, to] {
                return document.moveRule(from, to);
            };
        } else {
            const int index = random.between(0, current.size() - 1);
            expected.removeRule(index);
            edit = [&document, index] {
                return document.removeRule(index);
            };
        }
        emitLine("pending", expected);
        const RuleSet::Outcome outcome = edit();
        if (!outcome.ok) {
            std::fprintf(stderr, "edit %d failed: %s\n", i, qPrintable(outcome.error));
            return 3;
        }
        if (!undoRedo) {
            states.resize(stack->index());
            states.append(document.ruleSet());
        }
        emitLine("applied", document.ruleSet());
    }
}

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killedChangesAreAllOrNothing();
    void documentEditsSurviveKills();

private:
    QProcess *startCli(const QString &db, const QStringList &arguments) const;
    Outcome runToEnd(const QString &db, const QStringList &arguments) const;
    Outcome runAndKill(const QString &db, const Change &change, int delayUs) const;
    /// Integrity check, open, load; nullopt (with `why`) when any of it fails.
    std::optional<State> readState(const QString &db, QString *why) const;
    QString integrityCheck(const QString &db) const;
    QByteArray cliExportJson(const QString &db, QString *why) const;
    Change makeChange(const State &state, int iteration);
    QString writeFile(const QString &name, const QByteArray &content) const;

    QTemporaryDir m_dir;
    CarTest::RandomRuleSets m_random {0};
    int m_snapshotCount = 0;
};

void TestCrash::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QDir(m_dir.path()).mkpath(QStringLiteral("xdg"));
    const quint32 seed = qEnvironmentVariableIsSet("CAR_CRASH_SEED")
        ? quint32(qEnvironmentVariableIntValue("CAR_CRASH_SEED"))
        : 20261127u;
    m_random = CarTest::RandomRuleSets(seed);
    qInfo("crash harness seed %u", seed);
}

QProcess *TestCrash::startCli(const QString &db, const QStringList &arguments) const
{
    auto *process = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString xdg = m_dir.filePath(QStringLiteral("xdg"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), xdg);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), xdg);
    env.insert(QStringLiteral("HOME"), xdg);
    process->setProcessEnvironment(env);
    process->setWorkingDirectory(m_dir.path());
    process->start(QStringLiteral(CAR_CLI_PATH),
                   QStringList {QStringLiteral("--db"), db} + arguments);
    return process;
}

Outcome TestCrash::runToEnd(const QString &db, const QStringList &arguments) const
{
    std::unique_ptr<QProcess> process(startCli(db, arguments));
    Outcome outcome;
    if (!process->waitForFinished(60000)) {
        process->kill();
        process->waitForFinished();
        outcome.err = "timed out";
        return outcome;
    }
    outcome.err = process->readAllStandardError();
    outcome.acknowledged =
        process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0;
    return outcome;
}

Outcome TestCrash::runAndKill(const QString &db, const Change &change, int delayUs) const
{
    std::unique_ptr<QProcess> process(startCli(db, change.arguments));
    Outcome outcome;
    if (!process->waitForStarted()) {
        outcome.err = "could not start";
        return outcome;
    }
    QThread::usleep(ulong(delayUs));
    if (process->state() != QProcess::NotRunning)
        process->kill(); // SIGKILL; does nothing if it has just ended by itself
    process->waitForFinished(60000);
    outcome.err = process->readAllStandardError();
    // A process that ended by itself before the signal reports its real exit.
    outcome.killed = process->exitStatus() == QProcess::CrashExit;
    outcome.acknowledged =
        process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0;
    return outcome;
}

QString TestCrash::integrityCheck(const QString &db) const
{
    if (!QFile::exists(db))
        return QStringLiteral("ok");
    const QString connection = QStringLiteral("crash-integrity");
    QString result;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        database.setDatabaseName(db);
        if (!database.open()) {
            result = QStringLiteral("cannot open: ") + database.lastError().text();
        } else {
            QSqlQuery query(database);
            if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
                result = QStringLiteral("check failed: ") + query.lastError().text();
            QStringList rows;
            while (query.next())
                rows << query.value(0).toString();
            if (result.isEmpty())
                result = rows.join(u'\n');
        }
        database.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

std::optional<State> TestCrash::readState(const QString &db, QString *why) const
{
    const QString integrity = integrityCheck(db);
    if (integrity != QLatin1String("ok")) {
        *why = QStringLiteral("integrity_check: ") + integrity;
        return std::nullopt;
    }
    auto opened = SqliteWorkspaceStore::open(db);
    if (!opened) {
        *why = QStringLiteral("open: ") + opened.error;
        return std::nullopt;
    }
    WorkspaceData data;
    StoreResult result = opened.store->load(data);
    QList<SnapshotInfo> snapshots;
    if (result)
        result = opened.store->snapshots(snapshots);
    if (!result) {
        *why = QStringLiteral("load: ") + result.error;
        return std::nullopt;
    }
    State state;
    state.rules = data.ruleSet;
    state.directory = data.directory;
    for (const SnapshotInfo &info : std::as_const(snapshots))
        state.snapshots << info.name;
    return state;
}

QByteArray TestCrash::cliExportJson(const QString &db, QString *why) const
{
    std::unique_ptr<QProcess> process(startCli(
        db, {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")}));
    if (!process->waitForFinished(60000) || process->exitStatus() != QProcess::NormalExit
        || process->exitCode() != 0) {
        *why =
            QStringLiteral("export failed: ") + QString::fromUtf8(process->readAllStandardError());
        return QByteArray();
    }
    return process->readAllStandardOutput();
}

QString TestCrash::writeFile(const QString &name, const QByteArray &content) const
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

Change TestCrash::makeChange(const State &state, int iteration)
{
    const RuleSet &rules = state.rules;
    const Environment environment = rules.environment();
    Change change;
    change.kind = Kind(m_random.between(0, KindCount - 1));
    if (change.kind == Kind::SnapshotRestore && state.snapshots.isEmpty())
        change.kind = Kind::SnapshotSave;
    const QString stem = QStringLiteral("change-%1").arg(iteration);
    switch (change.kind) {
    case Kind::Cmdlet: {
        QString line;
        const int pick = m_random.between(0, 2);
        if (rules.size() < RuleSet::MaxRules && (pick == 0 || rules.isEmpty())) {
            line = newRuleLine(m_random.rule(environment, QStringLiteral("C%1").arg(iteration)),
                               m_random.between(1, rules.size() + 1));
        } else if (pick == 1 || rules.size() == RuleSet::MaxRules) {
            const Rule &rule = rules.at(m_random.between(0, rules.size() - 1));
            line = removeRuleLine(rule.name);
        } else {
            const Rule &rule = rules.at(m_random.between(0, rules.size() - 1));
            line = QStringLiteral("Set-ClientAccessRule -Identity %1 -Enabled $%2 -Priority %3")
                       .arg(quote(rule.name),
                            rule.enabled ? QStringLiteral("false") : QStringLiteral("true"))
                       .arg(m_random.between(1, rules.size()));
        }
        change.arguments = {QStringLiteral("exec"),
                            writeFile(stem + QStringLiteral(".ps1"), line.toUtf8())};
        break;
    }
    case Kind::Script: {
        // Removes up to three rules, adds several, moves one: a partial run would show.
        QStringList lines;
        QStringList names;
        for (const Rule &rule : rules.rules())
            names << rule.name;
        const int removals = std::min<int>(int(names.size()), m_random.between(0, 3));
        for (int i = 0; i < removals; ++i)
            lines << removeRuleLine(names.takeAt(m_random.between(0, int(names.size()) - 1)));
        const int additions =
            std::min<int>(RuleSet::MaxRules - int(names.size()), m_random.between(2, 8));
        for (int i = 0; i < additions; ++i) {
            const QString name = QStringLiteral("S%1-%2").arg(iteration).arg(i);
            lines << newRuleLine(m_random.rule(environment, name),
                                 m_random.between(1, int(names.size()) + 1));
            names << name;
        }
        if (!names.isEmpty()) {
            lines << setPriorityLine(names.at(m_random.between(0, int(names.size()) - 1)),
                                     m_random.between(1, int(names.size())));
        }
        change.arguments = {
            QStringLiteral("exec"),
            writeFile(stem + QStringLiteral(".ps1"), lines.join(u'\n').toUtf8() + '\n')};
        break;
    }
    case Kind::Json: {
        RuleSet imported = m_random.ruleSet(environment, m_random.between(1, RuleSet::MaxRules));
        change.arguments = {
            QStringLiteral("import"),
            writeFile(stem + QStringLiteral(".json"), RuleSetJson::write(imported))};
        break;
    }
    case Kind::Directory: {
        QByteArray csv = "UserPrincipalName,SamAccountName,City,Department\n";
        const int users =
            m_random.chance(30) ? m_random.between(1000, 4000) : m_random.between(1, 50);
        for (int i = 0; i < users; ++i) {
            csv += QStringLiteral("u%1-%2@contoso.com,u%1-%2,City %3,Dept %4\n")
                       .arg(iteration)
                       .arg(i)
                       .arg(m_random.between(0, 9))
                       .arg(m_random.between(0, 4))
                       .toUtf8();
        }
        change.arguments = {QStringLiteral("directory"), QStringLiteral("import"),
                            writeFile(stem + QStringLiteral(".csv"), csv)};
        break;
    }
    case Kind::SnapshotSave:
        change.arguments = {QStringLiteral("snapshot"), QStringLiteral("save"),
                            QStringLiteral("snap-%1").arg(++m_snapshotCount)};
        break;
    case Kind::SnapshotRestore:
        change.arguments = {
            QStringLiteral("snapshot"), QStringLiteral("restore"),
            state.snapshots.at(m_random.between(0, int(state.snapshots.size()) - 1))};
        break;
    }
    return change;
}

void TestCrash::killedChangesAreAllOrNothing()
{
    const int wantedKills = qEnvironmentVariableIsSet("CAR_CRASH_KILLS")
        ? qEnvironmentVariableIntValue("CAR_CRASH_KILLS")
        : 300;
    const QString db = m_dir.filePath(QStringLiteral("work.carws"));
    const QString backup = m_dir.filePath(QStringLiteral("backup.carws"));
    const QString reference = m_dir.filePath(QStringLiteral("reference.carws"));

    State acknowledged; // an empty workspace: what opening a missing file gives
    // Typical run time of each kind (µs), learnt from the runs that ended by themselves.
    QList<double> typicalUs(KindCount, 150000.0);
    int kills = 0, acknowledgedRuns = 0, landedKills = 0, referenceRuns = 0, restarts = 0;
    QElapsedTimer wall;
    wall.start();

    for (int iteration = 0; kills < wantedKills && iteration < wantedKills * 4; ++iteration) {
        // Now and then start again from no file at all, so kills also hit the creation.
        if (iteration > 0 && m_random.chance(3)) {
            for (const QString &file : workspaceFiles(db))
                QFile::remove(file);
            acknowledged = State();
            m_snapshotCount = 0;
            ++restarts;
        }
        const Change change = makeChange(acknowledged, iteration);
        const bool existed = QFile::exists(db);
        QVERIFY(copyWorkspace(db, backup));

        // Half of the kills anywhere in the run, half in its last 40% where the writing happens.
        const double typical = typicalUs[int(change.kind)];
        const double from = m_random.chance(50) ? 0.0 : 0.7 * typical;
        const int delayUs = int(from + m_random.rng().generateDouble() * (1.05 * typical - from));
        QElapsedTimer timer;
        timer.start();
        const Outcome outcome = runAndKill(db, change, delayUs);
        const QString context = QStringLiteral("iteration %1, %2 (%3), killed after %4 us: ")
                                    .arg(iteration)
                                    .arg(kindName(change.kind), change.arguments.join(u' '))
                                    .arg(delayUs);
        if (!outcome.killed) {
            const double took = double(timer.nsecsElapsed()) / 1000.0;
            typicalUs[int(change.kind)] = 0.7 * typical + 0.3 * took;
        }

        QString why;
        const std::optional<State> now = readState(db, &why);
        QVERIFY2(now,
                 qPrintable(context + why + QStringLiteral("\nstderr: ")
                            + QString::fromUtf8(outcome.err)));
        const QByteArray exported = cliExportJson(db, &why);
        QVERIFY2(!exported.isEmpty(), qPrintable(context + why));
        QCOMPARE(exported, RuleSetJson::write(now->rules));

        if (outcome.acknowledged) {
            ++acknowledgedRuns;
            acknowledged = *now;
            continue;
        }
        if (!outcome.killed) {
            // Refused by the CLI (e.g. a name taken): nothing may have changed.
            QVERIFY2(*now == acknowledged,
                     qPrintable(context + QStringLiteral("a refused change altered the workspace: ")
                                + now->describe() + QStringLiteral("\nstderr: ")
                                + QString::fromUtf8(outcome.err)));
            continue;
        }
        ++kills;
        if (*now == acknowledged)
            continue;
        // Something changed: it must be exactly the whole change. Apply it to the copy.
        ++landedKills;
        ++referenceRuns;
        if (existed) {
            QVERIFY(copyWorkspace(backup, reference));
        } else {
            for (const QString &file : workspaceFiles(reference))
                QFile::remove(file);
        }
        const Outcome full = runToEnd(reference, change.arguments);
        QVERIFY2(full.acknowledged,
                 qPrintable(context + QStringLiteral("the change fails when not killed: ")
                            + QString::fromUtf8(full.err)));
        const std::optional<State> after = readState(reference, &why);
        QVERIFY2(after, qPrintable(context + QStringLiteral("reference: ") + why));
        QVERIFY2(
            *now == *after,
            qPrintable(context + QStringLiteral("neither before nor after the change.\nnow:    ")
                       + now->describe() + QStringLiteral("\nbefore: ") + acknowledged.describe()
                       + QStringLiteral("\nafter:  ") + after->describe()));
        acknowledged = *now;
    }
    qInfo("%d kills (%d of them after the change had landed), %d acknowledged runs, "
          "%d reference runs, %d fresh starts, %lld s",
          kills, landedKills, acknowledgedRuns, referenceRuns, restarts, wall.elapsed() / 1000);
    QVERIFY2(kills >= wantedKills, "too few runs were killed: the kill delays are too long");
    QVERIFY2(landedKills > 0, "no kill hit after a change had landed: the delays are too short");
}

namespace {

/// "name (on|off), ..." of a rule set JSON: enough to see which edit is missing.
QString brief(const QByteArray &json)
{
    RuleSet rules;
    if (json.isEmpty() || !RuleSetJson::read(json, rules).ok)
        return QStringLiteral("(none)");
    QStringList parts;
    for (const Rule &rule : rules.rules())
        parts << rule.name + (rule.enabled ? QStringLiteral(" (on)") : QStringLiteral(" (off)"));
    return parts.join(QStringLiteral(", "));
}

} // namespace

void TestCrash::documentEditsSurviveKills()
{
    const int wantedKills = std::max(10,
                                     (qEnvironmentVariableIsSet("CAR_CRASH_KILLS")
                                          ? qEnvironmentVariableIntValue("CAR_CRASH_KILLS")
                                          : 300)
                                         / 3);
    const QString db = m_dir.filePath(QStringLiteral("document.carws"));
    for (const QString &file : workspaceFiles(db))
        QFile::remove(file);
    QString why;
    std::optional<State> state = readState(db, &why); // creates the empty workspace
    QVERIFY2(state, qPrintable(why));
    QByteArray acknowledged = RuleSetJson::write(state->rules);
    int edits = 0, pendingLanded = 0;
    for (int kill = 0; kill < wantedKills; ++kill) {
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--document-child"), db, QString::number(kill + 1)});
        QVERIFY(child.waitForStarted());
        QThread::usleep(ulong(m_random.between(20000, 400000)));
        child.kill();
        child.waitForFinished();
        const QString context = QStringLiteral("kill %1: ").arg(kill);
        QVERIFY2(child.exitStatus() == QProcess::CrashExit,
                 qPrintable(context + QString::fromUtf8(child.readAllStandardError())));
        QByteArray pending;
        QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
        lines.removeLast(); // complete lines only: the kill may cut the last one short
        for (const QByteArray &line : std::as_const(lines)) {
            if (line.startsWith("pending ")) {
                pending = QByteArray::fromBase64(line.mid(8));
            } else if (line.startsWith("applied ")) {
                acknowledged = QByteArray::fromBase64(line.mid(8));
                pending.clear();
                ++edits;
            }
        }
        state = readState(db, &why);
        QVERIFY2(state, qPrintable(context + why));
        const QByteArray now = RuleSetJson::write(state->rules);
        if (now != acknowledged) {
            QVERIFY2(!pending.isEmpty() && now == pending,
                     qPrintable(context
                                + QStringLiteral("the workspace lost an applied edit or "
                                                 "holds a partial one.\nnow: %1\n"
                                                 "applied: %2\npending: %3")
                                      .arg(brief(now), brief(acknowledged), brief(pending))));
            ++pendingLanded;
            acknowledged = now;
        }
    }
    qInfo("%d kills of the document writer, %d edits applied, %d in-flight edits had landed",
          wantedKills, edits, pendingLanded);
    QVERIFY(edits > wantedKills); // the kills did land among edits
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && qstrcmp(argv[1], "--document-child") == 0)
        return documentChild(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toUInt());
    TestCrash test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_crash.moc"
