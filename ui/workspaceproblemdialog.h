#pragma once

#include "mainwindow.h"

#include <QDialog>

namespace Car {

/// A workspace that could not be opened, as the start-up dialog shows it.
struct WorkspaceProblem
{
    QString path; ///< the file that was tried
    QString error; ///< the store's message: what is wrong with it
    bool fileExisted = true; ///< false: nothing was at the path, and nothing was left there
    QString hint; ///< an extra diagnosis (e.g. the disk is full); may be empty
};

/// What the user chose in the dialog.
enum class WorkspaceChoice : quint8 {
    OpenAnother, ///< chosenPath() is an existing file to open
    CreateNew, ///< chosenPath() is where a new, empty workspace goes
    OpenDemo, ///< the demo workspace, freshly seeded
    Quit, ///< end start-up without a window
};

/// The start-up dialog for a workspace that cannot be opened: which file, what is wrong, that the
/// file was not changed, and the ways on ("openAnotherButton", "createNewButton",
/// "openDemoButton", "quitButton"). Open Another and Create New ask for a file first; cancelling
/// that keeps the dialog open. Closing the dialog means Quit.
class WorkspaceProblemDialog : public QDialog
{
    Q_OBJECT

public:
    explicit WorkspaceProblemDialog(const WorkspaceProblem &problem, QWidget *parent = nullptr);

    /// Replaces the file dialogs of Open Another and Create New (an empty function restores
    /// QFileDialog).
    void setFileDialog(FileDialog dialog) { m_fileDialog = std::move(dialog); }

    WorkspaceChoice choice() const { return m_choice; }
    QString chosenPath() const { return m_chosenPath; }
    const WorkspaceProblem &problem() const { return m_problem; }

public slots:
    void openAnother();
    void createNew();
    void openDemo();
    void quit();

private:
    QString askFileName(const QString &caption, const QString &filter, bool save);
    void choose(WorkspaceChoice choice, const QString &path);

    WorkspaceProblem m_problem;
    FileDialog m_fileDialog;
    WorkspaceChoice m_choice = WorkspaceChoice::Quit;
    QString m_chosenPath;
};

} // namespace Car
