#pragma once

#include "rulestore.h"

#include <QMainWindow>
#include <QUuid>

#include <functional>
#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QTimer;

namespace Car {

class CmdletPreview;
class DirectoryView;
class ExternalChangeBar;
class FeatureDocks;
class RuleEditor;
class RuleFilterProxyModel;
class RuleListModel;
class RuleListView;
class RuleSetDocument;
class TestConnectionPanel;
struct ExternalChange;

/// Opens (or creates) a workspace file; on failure returns nullptr and sets `error`. Provided by
/// app/console (ui/ never includes storage).
using StoreFactory = std::function<std::unique_ptr<RuleStore>(const QString &path, QString *error)>;

/// Asks for a file name: `save` chooses a save dialog; `selectedFilter` (may be nullptr) receives
/// the chosen filter. Returns an empty string when cancelled.
using FileDialog =
    std::function<QString(QWidget *parent, const QString &caption, const QString &directory,
                          const QString &filter, bool save, QString *selectedFilter)>;

/// The console window. It assembles the rule list (with its filter box), the rule editor with the
/// cmdlet preview under it, and the Test connection and Directory docks over one
/// RuleSetDocument, and maps menus and shortcuts onto the document's edits. It implements no
/// feature itself.
///
/// Other programs on the same workspace (issue 6): the window asks the document every second
/// and whenever it is activated whether another program committed (a cheap change stamp), and
/// has it reload. The user keeps their place: the selected rule (by id), the list's scroll
/// position, the filter, the editor tab, the docks and the Test panel's inputs. The notice bar
/// (objectName "externalChangeBar") says what changed, whether the selected rule was changed or
/// deleted, whether text typed in the editor was not applied, and that the undo history was
/// cleared.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(StoreFactory factory, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Shows the workspace of `store` (already open) saved at `path`; fails if it cannot load.
    bool setStore(std::unique_ptr<RuleStore> store, const QString &path, QString *error = nullptr);
    /// Opens the workspace file through the factory and shows it. A file that can be read but
    /// not written (see ReadOnlyNotice::canWrite()) is opened through the read-only factory, when
    /// there is one, and shown with the read-only notice, as at start-up. File > Open and Open
    /// Recent come here.
    bool openWorkspace(const QString &path, QString *error = nullptr);
    /// Sets the factory that opens an existing workspace read-only (see openWorkspace()).
    void setReadOnlyStoreFactory(StoreFactory factory) { m_readOnlyFactory = std::move(factory); }

    /// Replaces the file dialogs of Open, New, Import and Export (tests answer them; an empty
    /// function restores QFileDialog).
    void setFileDialog(FileDialog dialog) { m_fileDialog = std::move(dialog); }

    RuleSetDocument *document() const { return m_document; }
    QString workspacePath() const { return m_path; }
    RuleListModel *ruleModel() const { return m_model; }
    RuleFilterProxyModel *filterModel() const { return m_filter; }
    RuleListView *ruleListView() const { return m_list; }
    RuleEditor *ruleEditor() const { return m_editor; }
    TestConnectionPanel *testPanel() const { return m_testPanel; }
    /// The analysis, tests, coverage, replay and snapshot features over the open document.
    FeatureDocks *features() const { return m_features; }
    /// The notice shown after another program changed the workspace.
    ExternalChangeBar *externalChangeBar() const { return m_externalBar; }
    /// How often to look for changes by other programs (default 1000 ms; tests go faster).
    void setExternalCheckInterval(int milliseconds);

public slots:
    void newWorkspace();
    void openWorkspaceDialog();
    void importRules();
    void exportRules();
    void newRule();
    void duplicateRule();
    void deleteRule();
    void moveRuleUp();
    void moveRuleDown();
    void moveRuleToTop();
    void moveRuleToBottom();
    void toggleRuleEnabled();
    void showPreferences();
    void showAbout();
    /// Looks for a change by another program now and reloads (the timer and activation call it).
    /// Valid text still waiting in the editor is applied first (a checked write like any edit).
    void checkForExternalChange();

    /// Imports a .ps1 script (applied to the current rules) or a .json export (replacing them)
    /// as one undo step; returns false with `error` (file, line and column) and changes nothing.
    bool importFile(const QString &path, QString *error);
    /// Writes the rules as a .ps1 script (one New-ClientAccessRule line per rule) or .json.
    bool exportFile(const QString &path, QString *error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void buildForDocument();
    void connectDocument();
    void updateActions();
    void updateStatus();
    void updateTitle();
    void moveCurrentTo(int target);
    int currentIndex() const;
    void selectRuleAt(int index);
    void showError(const QString &message);
    void addRecent(const QString &path);
    void fillRecentMenu();
    void restoreSettings();
    void saveSettings();
    void saveListHeader();
    void restoreListHeader();
    // mainwindowexternal.cpp
    void notePlaceBeforeReload();
    void restorePlaceAfterReload(const ExternalChange &change);
    QString externalChangeText(const ExternalChange &change) const;
    /// Editor text that a reload would replace without applying it (an invalid name or list).
    bool editorHasUnappliedText() const;
    QString askFileName(const QString &caption, const QString &directory, const QString &filter,
                        bool save, QString *selectedFilter = nullptr);

    StoreFactory m_factory;
    StoreFactory m_readOnlyFactory;
    FileDialog m_fileDialog;
    RuleSetDocument *m_document = nullptr;
    QString m_path;

    RuleListModel *m_model = nullptr;
    RuleFilterProxyModel *m_filter = nullptr;
    QSplitter *m_splitter = nullptr;
    QSplitter *m_editorSplitter = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    RuleListView *m_list = nullptr;
    RuleEditor *m_editor = nullptr;
    CmdletPreview *m_preview = nullptr;
    TestConnectionPanel *m_testPanel = nullptr;
    DirectoryView *m_directoryView = nullptr;
    QDockWidget *m_testDock = nullptr;
    QDockWidget *m_directoryDock = nullptr;
    QLabel *m_countLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_toolsMenu = nullptr;
    FeatureDocks *m_features = nullptr;
    ExternalChangeBar *m_externalBar = nullptr;
    QTimer *m_externalTimer = nullptr;

    /// Where the user was when another program's change began to load.
    struct Place
    {
        QUuid rule;
        QString ruleName;
        int scroll = 0;
        bool unappliedText = false;
    };
    Place m_place;

    QAction *m_newWorkspaceAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_newRuleAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_moveUpAction = nullptr;
    QAction *m_moveDownAction = nullptr;
    QAction *m_moveTopAction = nullptr;
    QAction *m_moveBottomAction = nullptr;
    QAction *m_toggleEnabledAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_preferencesAction = nullptr;
    QAction *m_aboutAction = nullptr;
    bool m_restored = false;
};

} // namespace Car
