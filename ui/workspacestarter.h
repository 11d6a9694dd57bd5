#pragma once

#include "mainwindow.h"

#include <QCoreApplication>

#include <functional>
#include <memory>

namespace Car {

class WorkspaceProblemDialog;

/// Brings the console up on a workspace: the one asked for on the command line, the default one
/// (seeded with the demo on first run) or the demo. A workspace that cannot be opened is never
/// the end of it: the WorkspaceProblemDialog says what is wrong and offers another file, a new
/// workspace, the demo or Quit, until something opens or the user quits. A file that cannot be
/// written is opened read-only, with a notice. Only headless runs (--screenshot) stop at the first
/// error. The store comes from app/ through an Opener, so ui/ stays free of storage.
class WorkspaceStarter
{
    Q_DECLARE_TR_FUNCTIONS(Car::WorkspaceStarter)

public:
    enum class Access : quint8 { ReadWrite, ReadOnly };
    /// Opens (ReadWrite: or creates) the workspace at `path`; nullptr with `error` when it cannot.
    using Opener = std::function<std::unique_ptr<RuleStore>(const QString &path, Access access,
                                                            QString *error)>;
    /// Fills a new, empty workspace (the demo); false with `error` when a write fails.
    using Seeder = std::function<bool(RuleStore &store, QString *error)>;
    /// Shows the problem dialog and returns once the user chose (the default: dialog.exec()).
    using Prompt = std::function<void(WorkspaceProblemDialog &dialog)>;

    struct Paths
    {
        QString defaultWorkspace; ///< opened when no file is given; seeded on first run
        QString demoWorkspace; ///< replaced by a fresh demo for --demo and "Open the Demo"
    };

    struct Request
    {
        QString path; ///< the file given on the command line; empty: the default (or the demo)
        bool demo = false; ///< --demo: a freshly seeded demo in `path` or Paths::demoWorkspace
        bool headless = false; ///< --screenshot: no dialog, fail at the first error
    };

    enum class Outcome : quint8 {
        Opened, ///< the window shows a workspace
        Quit, ///< the user chose Quit in the problem dialog
        Failed, ///< headless, and the workspace could not be opened (see `error`)
    };

    WorkspaceStarter(Opener opener, Seeder seeder, Paths paths);

    /// The opener as MainWindow's factory (read-write), for File > Open and New.
    StoreFactory storeFactory() const;
    /// The opener as MainWindow's read-only factory; start() gives it to the window, so that
    /// File > Open and Open Recent open a file that cannot be written read-only, as start-up does.
    StoreFactory readOnlyStoreFactory() const;

    void setPrompt(Prompt prompt) { m_prompt = std::move(prompt); }
    /// The file dialogs of the problem dialog (tests answer them).
    void setFileDialog(FileDialog dialog) { m_fileDialog = std::move(dialog); }

    /// Puts a workspace into `window` as `request` asks. On Failed, `error` holds the message
    /// ("Cannot open the workspace <path>:\n<why>").
    Outcome start(MainWindow &window, const Request &request, QString *error = nullptr);

    /// Writes the demo workspace (makeDemoWorkspace()) into `store`, the rules as cmdlet history.
    static bool seedDemo(RuleStore &store, QString *error);

private:
    enum class Fill : quint8 {
        AsIs, ///< open the file as it is (create it empty if missing)
        DemoIfNew, ///< as AsIs, and seed the demo when the file did not exist (first run)
        FreshDemo, ///< remove the file, create it and seed the demo
        FreshEmpty, ///< remove the file, create it empty
    };

    bool tryOpen(MainWindow &window, const QString &path, Fill fill, QString *error, bool *existed);
    /// Removes `path` and its SQLite side files; false with `error` when one stays.
    static bool removeWorkspaceFiles(const QString &path, QString *error);
    /// A diagnosis the store did not give: the disk holding `path` is (nearly) full. Empty when
    /// the store's `error` names the full disk itself.
    static QString diskHint(const QString &path, const QString &error);

    Opener m_opener;
    Seeder m_seeder;
    Paths m_paths;
    Prompt m_prompt;
    FileDialog m_fileDialog;
};

} // namespace Car
