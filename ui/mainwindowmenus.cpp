// MainWindow: its actions (with shortcuts) and menus. Split from mainwindow.cpp to keep that
// file about assembling the window.

#include "mainwindow.h"

#include "semanticcolor.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>

namespace Car {

void MainWindow::createActions()
{
    const auto make = [this](const QString &text, const char *name,
                             const QKeySequence &shortcut = QKeySequence()) {
        auto *action = new QAction(text, this);
        action->setObjectName(QLatin1String(name));
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        addAction(action);
        return action;
    };
    m_newWorkspaceAction =
        make(tr("&New Workspace\u2026"), "actionNewWorkspace", QKeySequence::New);
    m_openAction = make(tr("&Open Workspace\u2026"), "actionOpen", QKeySequence::Open);
    m_importAction = make(tr("&Import Script or JSON\u2026"), "actionImport",
                          QKeySequence(Qt::CTRL | Qt::Key_I));
    m_exportAction = make(tr("&Export Script or JSON\u2026"), "actionExport",
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_quitAction = make(tr("&Quit"), "actionQuit", QKeySequence::Quit);
    m_undoAction = make(tr("&Undo"), "actionUndo", QKeySequence::Undo);
    m_redoAction = make(tr("&Redo"), "actionRedo", QKeySequence::Redo);
    m_newRuleAction = make(tr("New &Rule"), "actionNewRule", QKeySequence(Qt::CTRL | Qt::Key_R));
    m_duplicateAction =
        make(tr("D&uplicate Rule"), "actionDuplicate", QKeySequence(Qt::CTRL | Qt::Key_D));
    m_deleteAction = make(tr("&Delete Rule"), "actionDelete", QKeySequence::Delete);
    m_moveUpAction = make(tr("Move &Up"), "actionMoveUp", QKeySequence(Qt::CTRL | Qt::Key_Up));
    m_moveDownAction =
        make(tr("Move Do&wn"), "actionMoveDown", QKeySequence(Qt::CTRL | Qt::Key_Down));
    m_moveTopAction =
        make(tr("Move to &Top"), "actionMoveTop", QKeySequence(Qt::CTRL | Qt::Key_Home));
    m_moveBottomAction =
        make(tr("Move to &Bottom"), "actionMoveBottom", QKeySequence(Qt::CTRL | Qt::Key_End));
    m_toggleEnabledAction =
        make(tr("&Disable Rule"), "actionToggleEnabled", QKeySequence(Qt::CTRL | Qt::Key_E));
    m_findAction = make(tr("&Filter Rules"), "actionFind", QKeySequence::Find);
    m_preferencesAction =
        make(tr("&Preferences\u2026"), "actionPreferences", QKeySequence::Preferences);
    if (m_preferencesAction->shortcut().isEmpty())
        m_preferencesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_aboutAction = make(tr("&About CAR Console"), "actionAbout");

    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_newRuleAction->setIcon(consoleIcon("rule"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    m_preferencesAction->setMenuRole(QAction::PreferencesRole);

    connect(m_newWorkspaceAction, &QAction::triggered, this, &MainWindow::newWorkspace);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openWorkspaceDialog);
    connect(m_importAction, &QAction::triggered, this, &MainWindow::importRules);
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportRules);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_newRuleAction, &QAction::triggered, this, &MainWindow::newRule);
    connect(m_duplicateAction, &QAction::triggered, this, &MainWindow::duplicateRule);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteRule);
    connect(m_moveUpAction, &QAction::triggered, this, &MainWindow::moveRuleUp);
    connect(m_moveDownAction, &QAction::triggered, this, &MainWindow::moveRuleDown);
    connect(m_moveTopAction, &QAction::triggered, this, &MainWindow::moveRuleToTop);
    connect(m_moveBottomAction, &QAction::triggered, this, &MainWindow::moveRuleToBottom);
    connect(m_toggleEnabledAction, &QAction::triggered, this, &MainWindow::toggleRuleEnabled);
    connect(m_preferencesAction, &QAction::triggered, this, &MainWindow::showPreferences);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_findAction, &QAction::triggered, this, [this] {
        if (m_filterEdit) {
            m_filterEdit->setFocus();
            m_filterEdit->selectAll();
        }
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newWorkspaceAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addSeparator();
    file->addAction(m_importAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_preferencesAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_newRuleAction);
    edit->addAction(m_duplicateAction);
    edit->addAction(m_deleteAction);
    edit->addSeparator();
    edit->addAction(m_moveUpAction);
    edit->addAction(m_moveDownAction);
    edit->addAction(m_moveTopAction);
    edit->addAction(m_moveBottomAction);
    edit->addSeparator();
    edit->addAction(m_toggleEnabledAction);
    edit->addSeparator();
    edit->addAction(m_findAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));

    m_toolsMenu = menuBar()->addMenu(tr("&Tools"));
    m_toolsMenu->setObjectName(QStringLiteral("toolsMenu"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
}

} // namespace Car
