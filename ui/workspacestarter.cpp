#include "workspacestarter.h"

#include "cmdletwriter.h"
#include "demoworkspace.h"
#include "readonlynotice.h"
#include "workspaceproblemdialog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStorageInfo>

namespace Car {

namespace {

/// Below this much free space, a failure to open is most likely the full disk.
constexpr qint64 NearlyFullBytes = 1024 * 1024;

const QStringList &sideSuffixes()
{
    static const QStringList suffixes {QStringLiteral("-wal"), QStringLiteral("-shm"),
                                       QStringLiteral("-journal")};
    return suffixes;
}

} // namespace

WorkspaceStarter::WorkspaceStarter(Opener opener, Seeder seeder, Paths paths)
    : m_opener(std::move(opener))
    , m_seeder(std::move(seeder))
    , m_paths(std::move(paths))
{ }

StoreFactory WorkspaceStarter::storeFactory() const
{
    return [opener = m_opener](const QString &path, QString *error) {
        return opener(path, Access::ReadWrite, error);
    };
}

StoreFactory WorkspaceStarter::readOnlyStoreFactory() const
{
    return [opener = m_opener](const QString &path, QString *error) {
        return opener(path, Access::ReadOnly, error);
    };
}

WorkspaceStarter::Outcome WorkspaceStarter::start(MainWindow &window, const Request &request,
                                                  QString *error)
{
    // File > Open and Open Recent then open a read-only file read-only too.
    window.setReadOnlyStoreFactory(readOnlyStoreFactory());
    QString path = request.path;
    if (path.isEmpty())
        path = request.demo ? m_paths.demoWorkspace : m_paths.defaultWorkspace;
    path = QFileInfo(path).absoluteFilePath();
    Fill fill = request.demo     ? Fill::FreshDemo
        : request.path.isEmpty() ? Fill::DemoIfNew
                                 : Fill::AsIs;

    for (;;) {
        QString why;
        bool existed = false;
        if (tryOpen(window, path, fill, &why, &existed))
            return Outcome::Opened;
        if (request.headless) {
            if (error)
                *error = tr("Cannot open the workspace %1:\n%2").arg(path, why);
            return Outcome::Failed;
        }

        WorkspaceProblemDialog dialog({path, why, existed, diskHint(path, why)});
        dialog.setFileDialog(m_fileDialog);
        if (m_prompt)
            m_prompt(dialog);
        else
            dialog.exec();
        switch (dialog.choice()) {
        case WorkspaceChoice::OpenAnother:
            path = dialog.chosenPath();
            fill = Fill::AsIs;
            break;
        case WorkspaceChoice::CreateNew:
            path = dialog.chosenPath();
            fill = Fill::FreshEmpty;
            break;
        case WorkspaceChoice::OpenDemo:
            path = QFileInfo(m_paths.demoWorkspace).absoluteFilePath();
            fill = Fill::FreshDemo;
            break;
        case WorkspaceChoice::Quit:
            return Outcome::Quit;
        }
    }
}

bool WorkspaceStarter::tryOpen(MainWindow &window, const QString &path, Fill fill, QString *error,
                               bool *existed)
{
    *existed = QFileInfo::exists(path);
    if (fill == Fill::FreshDemo || fill == Fill::FreshEmpty) {
        if (!removeWorkspaceFiles(path, error))
            return false;
        *existed = false;
    }

    std::unique_ptr<RuleStore> store = m_opener(path, Access::ReadWrite, error);
    bool readOnly = false;
    if (!store && *existed && !ReadOnlyNotice::canWrite(path)) {
        QString whyNot;
        store = m_opener(path, Access::ReadOnly, &whyNot);
        readOnly = store != nullptr;
        if (!store && whyNot != *error)
            *error += QLatin1Char('\n') + whyNot;
    }
    // A store that cannot open or create a workspace leaves nothing behind by itself.
    if (!store)
        return false;
    const bool seed = fill == Fill::FreshDemo || (fill == Fill::DemoIfNew && !*existed);
    if (seed && !m_seeder(*store, error)) {
        // A half-seeded demo (a nearly full disk) is worth nothing: the file made here goes.
        store.reset();
        QString ignored;
        removeWorkspaceFiles(path, &ignored);
        return false;
    }
    if (!window.setStore(std::move(store), path, error))
        return false;
    if (readOnly)
        ReadOnlyNotice::show(&window, path);
    return true;
}

bool WorkspaceStarter::removeWorkspaceFiles(const QString &path, QString *error)
{
    QStringList files {path};
    for (const QString &suffix : sideSuffixes())
        files << path + suffix;
    for (const QString &file : std::as_const(files)) {
        QFile existing(file);
        if (existing.exists() && !existing.remove()) {
            *error = tr("Cannot replace the file %1: %2")
                         .arg(QDir::toNativeSeparators(file), existing.errorString());
            return false;
        }
    }
    return true;
}

QString WorkspaceStarter::diskHint(const QString &path, const QString &error)
{
    // The store says when the disk is full, with the free space and the mount point; this is
    // for an error it could not put down to the disk.
    if (error.contains(QLatin1String("disk is full"), Qt::CaseInsensitive))
        return QString();
    QDir folder = QFileInfo(path).absoluteDir();
    while (!folder.exists() && folder.cdUp()) { }
    const QStorageInfo storage(folder.absolutePath());
    if (!storage.isValid() || !storage.isReady() || storage.bytesAvailable() >= NearlyFullBytes)
        return QString();
    const QString free = QLocale().formattedDataSize(storage.bytesAvailable());
    const QString where = QDir::toNativeSeparators(storage.rootPath());
    return tr("The disk is full (%1 free on %2), which is most likely why. Free some "
              "space, then open the workspace again.")
        .arg(free, where);
}

bool WorkspaceStarter::seedDemo(RuleStore &store, QString *error)
{
    const WorkspaceData demo = makeDemoWorkspace();
    QStringList history;
    for (int i = 0; i < demo.ruleSet.size(); ++i)
        history << newRuleLine(demo.ruleSet.at(i), i + 1);
    for (const StoreResult &result :
         {store.saveRuleSet(demo.ruleSet, history, QStringLiteral("demo")),
          store.saveDirectory(demo.directory), store.saveAdmin(demo.admin)}) {
        if (!result) {
            if (error)
                *error = result.error;
            return false;
        }
    }
    return true;
}

} // namespace Car
