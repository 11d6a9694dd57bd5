// carconsole-cli snapshot commands: save, list, restore, delete, diff (text or change script).
#include "snapshotcommands.h"

#include "changescript.h"
#include "cliapp.h"
#include "rulesetdiff.h"
#include "rulesethistory.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Car {

namespace CliWorkspace {

std::unique_ptr<SqliteWorkspaceStore> openForReading(const QString &path, QString *error)
{
    error->clear();
    if (!QFileInfo::exists(path))
        return nullptr;
    auto opened = SqliteWorkspaceStore::open(path, SqliteWorkspaceStore::OpenMode::ReadOnly);
    if (!opened) {
        // An older schema needs its migration, which only a writable open performs.
        auto writable = SqliteWorkspaceStore::open(path);
        if (!writable) {
            *error = opened.error;
            return nullptr;
        }
        return std::move(writable.store);
    }
    return std::move(opened.store);
}

std::unique_ptr<SqliteWorkspaceStore> openForWriting(const QString &path, QString *error)
{
    auto opened = SqliteWorkspaceStore::open(path);
    if (!opened)
        *error = opened.error;
    return std::move(opened.store);
}

} // namespace CliWorkspace

namespace {

/// One `snapshot ...` command line: `first` is the index of the first argument after the
/// sub-command.
class SnapshotCommand
{
    Q_DECLARE_TR_FUNCTIONS(Car::CliApp)

public:
    SnapshotCommand(CliApp &app, const QStringList &args)
        : m_app(app)
        , m_args(args)
    { }

    int save(int first);
    int list(int first);
    int restore(int first);
    int remove(int first);
    int diff(int first);

private:
    /// Collects exactly one NAME argument (its index in `*index`); anything else is an error.
    bool oneName(int first, const char *command, int *index, int *exitCode) const;
    /// The snapshots of the workspace (none when it does not exist). False: `exitCode` is set.
    bool listSnapshots(QList<SnapshotInfo> *out, int *exitCode) const;
    /// The rules named by argument `index`: `current` or a snapshot. False: `exitCode` is set.
    bool resolve(int index, const WorkspaceData &workspace, RuleSet *out, int *exitCode) const;
    int noSuchSnapshot(int index) const;

    CliApp &m_app;
    const QStringList &m_args;
};

bool SnapshotCommand::oneName(int first, const char *command, int *index, int *exitCode) const
{
    *index = -1;
    for (int i = first; i < m_args.size(); ++i) {
        if (*index >= 0 || m_args[i].startsWith(QLatin1Char('-'))) {
            *exitCode = m_app.badArgument(i,
                                          tr("unexpected argument '%1' for snapshot %2")
                                              .arg(m_args[i], QLatin1String(command)));
            return false;
        }
        *index = i;
    }
    if (*index < 0) {
        *exitCode = m_app.badArgument(first - 1,
                                      tr("snapshot %1 needs a NAME").arg(QLatin1String(command)));
        return false;
    }
    return true;
}

bool SnapshotCommand::listSnapshots(QList<SnapshotInfo> *out, int *exitCode) const
{
    out->clear();
    QString error;
    const auto store = CliWorkspace::openForReading(m_app.databasePath(), &error);
    if (!store) {
        if (error.isEmpty())
            return true;
        *exitCode = m_app.failure(error);
        return false;
    }
    const StoreResult result = store->snapshots(*out);
    if (!result)
        *exitCode = m_app.failure(result.error);
    return result.ok;
}

int SnapshotCommand::noSuchSnapshot(int index) const
{
    return m_app.badArgument(
        index, tr("there is no snapshot named '%1' (see snapshot list)").arg(m_args[index]));
}

bool SnapshotCommand::resolve(int index, const WorkspaceData &workspace, RuleSet *out,
                              int *exitCode) const
{
    const QString &name = m_args[index];
    if (SnapshotNames::key(name) == SnapshotNames::key(SnapshotNames::current())) {
        *out = workspace.ruleSet;
        return true;
    }
    QString error;
    const auto store = CliWorkspace::openForReading(m_app.databasePath(), &error);
    if (!store) {
        *exitCode = error.isEmpty() ? noSuchSnapshot(index) : m_app.failure(error);
        return false;
    }
    QList<SnapshotInfo> snapshots;
    StoreResult result = store->snapshots(snapshots);
    if (result) {
        const bool known = std::any_of(snapshots.cbegin(), snapshots.cend(), [&](const auto &s) {
            return SnapshotNames::key(s.name) == SnapshotNames::key(name);
        });
        if (!known) {
            *exitCode = noSuchSnapshot(index);
            return false;
        }
        result = store->loadSnapshot(name, *out);
    }
    if (!result)
        *exitCode = m_app.failure(result.error);
    return result.ok;
}

int SnapshotCommand::save(int first)
{
    int nameIndex = -1;
    QString note;
    for (int i = first; i < m_args.size(); ++i) {
        const QString &arg = m_args[i];
        if (arg == QLatin1String("--note")) {
            if (i + 1 >= m_args.size())
                return m_app.badArgument(i, tr("--note needs a text"));
            note = m_args[++i];
        } else if (nameIndex < 0 && !arg.startsWith(QLatin1Char('-'))) {
            nameIndex = i;
        } else {
            return m_app.badArgument(i, tr("unexpected argument '%1' for snapshot save").arg(arg));
        }
    }
    if (nameIndex < 0)
        return m_app.badArgument(first - 1, tr("snapshot save needs a NAME"));
    const QString name = m_args[nameIndex];
    const QString invalid = SnapshotNames::validate(name);
    if (!invalid.isEmpty())
        return m_app.badArgument(nameIndex, invalid);

    int exitCode = CliApp::Success;
    QList<SnapshotInfo> snapshots;
    if (!listSnapshots(&snapshots, &exitCode))
        return exitCode;
    for (const SnapshotInfo &snapshot : std::as_const(snapshots)) {
        if (SnapshotNames::key(snapshot.name) == SnapshotNames::key(name)) {
            return m_app.badArgument(
                nameIndex,
                tr("a snapshot named '%1' already exists (saved %2); choose another "
                   "name or delete it first")
                    .arg(snapshot.name, snapshot.created.toString(Qt::ISODate)));
        }
    }
    WorkspaceData workspace;
    QString error;
    if (!m_app.loadWorkspace(workspace, &error))
        return m_app.failure(error);
    const auto store = CliWorkspace::openForWriting(m_app.databasePath(), &error);
    if (!store)
        return m_app.failure(error);
    const StoreResult saved = store->saveSnapshot(name, note, workspace.ruleSet);
    if (!saved)
        return m_app.failure(saved.error);
    m_app.print(
        tr("saved snapshot '%1' (%n rule(s))\n", nullptr, workspace.ruleSet.size()).arg(name));
    return CliApp::Success;
}

int SnapshotCommand::list(int first)
{
    bool json = false;
    for (int i = first; i < m_args.size(); ++i) {
        if (m_args[i] == QLatin1String("--json"))
            json = true;
        else
            return m_app.badArgument(
                i, tr("unexpected argument '%1' for snapshot list").arg(m_args[i]));
    }
    int exitCode = CliApp::Success;
    QList<SnapshotInfo> snapshots;
    if (!listSnapshots(&snapshots, &exitCode))
        return exitCode;
    if (json) {
        QJsonArray array;
        for (const SnapshotInfo &snapshot : std::as_const(snapshots)) {
            array.append(QJsonObject {
                {QStringLiteral("name"), snapshot.name},
                {QStringLiteral("created"), snapshot.created.toString(Qt::ISODateWithMs)},
                {QStringLiteral("note"), snapshot.note},
                {QStringLiteral("rules"), snapshot.ruleCount}});
        }
        m_app.output()->write(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return CliApp::Success;
    }
    if (snapshots.isEmpty())
        return CliApp::Success;
    qsizetype nameWidth = 4;
    for (const SnapshotInfo &snapshot : std::as_const(snapshots))
        nameWidth = std::max(nameWidth, snapshot.name.size());
    QString text = QStringLiteral("%1 Created (UTC)        Rules Note\n")
                       .arg(QStringLiteral("Name"), -int(nameWidth));
    text += QStringLiteral("%1 ------------------- ----- ----\n").arg(QString(nameWidth, u'-'));
    for (const SnapshotInfo &snapshot : std::as_const(snapshots)) {
        text += QStringLiteral("%1 %2 %3 %4")
                    .arg(snapshot.name, -int(nameWidth))
                    .arg(snapshot.created.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                    .arg(snapshot.ruleCount, 5)
                    .arg(snapshot.note)
                    .trimmed()
            + QLatin1Char('\n');
    }
    m_app.print(text);
    return CliApp::Success;
}

int SnapshotCommand::restore(int first)
{
    int nameIndex = -1;
    int exitCode = CliApp::Success;
    if (!oneName(first, "restore", &nameIndex, &exitCode))
        return exitCode;
    WorkspaceData workspace;
    QString error;
    if (!m_app.loadWorkspace(workspace, &error))
        return m_app.failure(error);
    if (SnapshotNames::key(m_args[nameIndex]) == SnapshotNames::key(SnapshotNames::current()))
        return m_app.badArgument(nameIndex,
                                 tr("'current' is the rule set itself; name a snapshot"));
    RuleSet snapshot;
    if (!resolve(nameIndex, workspace, &snapshot, &exitCode))
        return exitCode;
    QStringList history {tr("# snapshot restore '%1'").arg(m_args[nameIndex])};
    history += historyLines(workspace.ruleSet, snapshot);
    if (!m_app.saveRuleSet(snapshot, history, &error))
        return m_app.failure(error);
    m_app.print(tr("restored snapshot '%1' (%n rule(s))\n", nullptr, snapshot.size())
                    .arg(m_args[nameIndex]));
    return CliApp::Success;
}

int SnapshotCommand::remove(int first)
{
    int nameIndex = -1;
    int exitCode = CliApp::Success;
    if (!oneName(first, "delete", &nameIndex, &exitCode))
        return exitCode;
    const QString name = m_args[nameIndex];
    QList<SnapshotInfo> snapshots;
    if (!listSnapshots(&snapshots, &exitCode))
        return exitCode;
    const bool known = std::any_of(snapshots.cbegin(), snapshots.cend(), [&](const auto &s) {
        return SnapshotNames::key(s.name) == SnapshotNames::key(name);
    });
    if (!known)
        return noSuchSnapshot(nameIndex);
    QString error;
    const auto store = CliWorkspace::openForWriting(m_app.databasePath(), &error);
    if (!store)
        return m_app.failure(error);
    const StoreResult deleted = store->deleteSnapshot(name);
    if (!deleted)
        return m_app.failure(deleted.error);
    m_app.print(tr("deleted snapshot '%1'\n").arg(name));
    return CliApp::Success;
}

int SnapshotCommand::diff(int first)
{
    QList<int> names;
    bool script = false;
    bool rollback = false;
    for (int i = first; i < m_args.size(); ++i) {
        const QString &arg = m_args[i];
        if (arg == QLatin1String("--script"))
            script = true;
        else if (arg == QLatin1String("--rollback"))
            rollback = true;
        else if (names.size() < 2 && !arg.startsWith(QLatin1Char('-')))
            names.append(i);
        else
            return m_app.badArgument(i, tr("unexpected argument '%1' for snapshot diff").arg(arg));
    }
    if (names.isEmpty())
        return m_app.badArgument(first - 1, tr("snapshot diff needs a snapshot NAME"));

    WorkspaceData workspace;
    QString error;
    if (!m_app.loadWorkspace(workspace, &error))
        return m_app.failure(error);
    int exitCode = CliApp::Success;
    RuleSet before;
    RuleSet after = workspace.ruleSet;
    if (!resolve(names.at(0), workspace, &before, &exitCode))
        return exitCode;
    if (names.size() > 1 && !resolve(names.at(1), workspace, &after, &exitCode))
        return exitCode;

    if (script || rollback) {
        const ChangeScript change =
            rollback ? ChangeScript::build(after, before) : ChangeScript::build(before, after);
        if (!change.ok())
            return m_app.failure(tr("cannot write the change script: %1").arg(change.error()));
        m_app.print(change.text());
        return CliApp::Success;
    }
    const RuleSetDiff difference = RuleSetDiff::compare(before, after);
    m_app.print(difference.isEmpty() ? tr("No differences.\n") : difference.toText());
    return CliApp::Success;
}

} // namespace

int CliApp::runSnapshot(int first)
{
    const QString usageText = tr("snapshot needs save, list, restore, delete or diff");
    if (first >= m_args.size())
        return badArgument(first - 1, usageText);
    const QString &sub = m_args[first];
    SnapshotCommand command(*this, m_args);
    if (sub == QLatin1String("save"))
        return command.save(first + 1);
    if (sub == QLatin1String("list"))
        return command.list(first + 1);
    if (sub == QLatin1String("restore"))
        return command.restore(first + 1);
    if (sub == QLatin1String("delete"))
        return command.remove(first + 1);
    if (sub == QLatin1String("diff"))
        return command.diff(first + 1);
    return badArgument(first, tr("unknown snapshot command '%1': %2").arg(sub, usageText));
}

} // namespace Car
