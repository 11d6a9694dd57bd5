#include "mainwindow.h"

#include "cmdletpreview.h"
#include "cmdletwriter.h"
#include "directoryview.h"
#include "externalchangebar.h"
#include "featuredocks.h"
#include "lockoutguard.h"
#include "lockoutguarddialog.h"
#include "preferencesdialog.h"
#include "readonlynotice.h"
#include "ruleeditor.h"
#include "rulefilterproxymodel.h"
#include "rulelistmodel.h"
#include "rulelistview.h"
#include "rulesetdocument.h"
#include "rulesetjson.h"
#include "scriptrunner.h"
#include "semanticcolor.h"
#include "testconnectionpanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace Car {

namespace {

constexpr int MaxRecent = 8;
const QString RecentKey = QStringLiteral("workspace/recent");

QString environmentText(Environment environment)
{
    return environment == Environment::ExchangeServer
        ? QCoreApplication::translate("Car::MainWindow", "Exchange Server 2019/SE")
        : QCoreApplication::translate("Car::MainWindow", "Exchange Online");
}

} // namespace

MainWindow::MainWindow(StoreFactory factory, QWidget *parent)
    : QMainWindow(parent)
    , m_factory(std::move(factory))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(consoleIcon("carconsole"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    // The Test panel (right) runs the full height; the feature docks sit under the rules.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("ruleCountLabel"));
    statusBar()->addPermanentWidget(m_countLabel);
    createActions();
    createMenus();
    updateActions();
    updateTitle();
    // Another console or carconsole-cli may write to the same workspace: look once a second.
    m_externalTimer = new QTimer(this);
    m_externalTimer->setInterval(1000);
    connect(m_externalTimer, &QTimer::timeout, this, &MainWindow::checkForExternalChange);
}

MainWindow::~MainWindow()
{
    // The widgets observe the document: take them down first.
    delete m_features;
    delete m_testDock;
    delete m_directoryDock;
    delete centralWidget();
    delete m_document;
}

bool MainWindow::openWorkspace(const QString &path, QString *error)
{
    QString why;
    std::unique_ptr<RuleStore> store = m_factory ? m_factory(path, &why) : nullptr;
    bool readOnly = false;
    if (!store && m_readOnlyFactory && QFileInfo::exists(path) && !ReadOnlyNotice::canWrite(path)) {
        QString whyNot;
        store = m_readOnlyFactory(path, &whyNot);
        readOnly = store != nullptr;
        if (!store && !whyNot.isEmpty() && whyNot != why)
            why += QLatin1Char('\n') + whyNot;
    }
    if (!store) {
        if (error)
            *error = why.isEmpty() ? tr("cannot open %1").arg(path) : why;
        return false;
    }
    if (!setStore(std::move(store), path, error))
        return false;
    if (readOnly)
        ReadOnlyNotice::show(this, path);
    return true;
}

bool MainWindow::setStore(std::unique_ptr<RuleStore> store, const QString &path, QString *error)
{
    auto document = std::make_unique<RuleSetDocument>(std::move(store));
    const StoreResult loaded = document->load();
    if (!loaded) {
        if (error)
            *error = loaded.error;
        return false;
    }
    if (m_editor)
        m_editor->commitPendingEdits();
    // Widgets over the old document go before it does.
    saveListHeader();
    delete m_features;
    m_features = nullptr;
    delete m_testDock;
    m_testDock = nullptr;
    delete m_directoryDock;
    m_directoryDock = nullptr;
    delete centralWidget();
    m_externalBar = nullptr; // was in the central widget
    delete m_document;
    m_document = document.release();
    m_document->setParent(this);
    m_path = path;
    buildForDocument();
    connectDocument();
    if (!path.isEmpty())
        addRecent(path);
    if (!m_restored) {
        restoreSettings();
        m_restored = true;
    }
    if (m_document->ruleSet().size() > 0)
        selectRuleAt(0);
    updateActions();
    updateStatus();
    updateTitle();
    m_externalTimer->start();
    return true;
}

void MainWindow::buildForDocument()
{
    m_model = new RuleListModel(m_document, m_document);
    m_filter = new RuleFilterProxyModel(m_document);
    m_filter->setSourceModel(m_model);

    auto *left = new QWidget(this);
    m_filterEdit = new QLineEdit(left);
    m_filterEdit->setObjectName(QStringLiteral("ruleFilterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter by name, protocol, address, user\u2026 (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_list = new RuleListView(left);
    m_list->setModel(m_filter);
    restoreListHeader();
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(4);
    leftLayout->addWidget(m_filterEdit);
    leftLayout->addWidget(m_list);

    m_editor = new RuleEditor(m_document, this);
    m_preview = new CmdletPreview(m_document, this);
    m_editorSplitter = new QSplitter(Qt::Vertical, this);
    m_editorSplitter->setObjectName(QStringLiteral("editorSplitter"));
    m_editorSplitter->addWidget(m_editor);
    m_editorSplitter->addWidget(m_preview);
    m_editorSplitter->setStretchFactor(0, 1);
    m_editorSplitter->setChildrenCollapsible(false);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_editorSplitter);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);
    // The notice about changes by other programs sits on top of the rules and the editor.
    auto *central = new QWidget(this);
    m_externalBar = new ExternalChangeBar(central);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(2);
    centralLayout->addWidget(m_externalBar);
    centralLayout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_testPanel = new TestConnectionPanel(m_document, this);
    m_testDock = new QDockWidget(tr("Test Connection"), this);
    m_testDock->setObjectName(QStringLiteral("testConnectionDock"));
    m_testDock->setWidget(m_testPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_testDock);

    m_directoryView = new DirectoryView(m_document, this);
    m_directoryDock = new QDockWidget(tr("Directory"), this);
    m_directoryDock->setObjectName(QStringLiteral("directoryDock"));
    m_directoryDock->setWidget(m_directoryView);
    addDockWidget(Qt::RightDockWidgetArea, m_directoryDock);
    tabifyDockWidget(m_testDock, m_directoryDock);
    m_testDock->raise();
    resizeDocks({m_testDock}, {500}, Qt::Horizontal);

    m_viewMenu->clear();
    QAction *testToggle = m_testDock->toggleViewAction();
    testToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_viewMenu->addAction(testToggle);
    QAction *directoryToggle = m_directoryDock->toggleViewAction();
    directoryToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_viewMenu->addAction(directoryToggle);

    m_features = new FeatureDocks(this, m_document, m_testPanel, m_testDock, m_model, m_viewMenu,
                                  m_toolsMenu);
    connect(m_features, &FeatureDocks::ruleActivated, this, &MainWindow::selectRuleAt);
    connect(m_features, &FeatureDocks::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
}

void MainWindow::connectDocument()
{
    RuleSetDocument *document = m_document;
    QUndoStack *stack = document->undoStack();
    m_undoAction->disconnect(this);
    m_redoAction->disconnect(this);
    connect(m_undoAction, &QAction::triggered, document, [this, stack] {
        m_editor->commitPendingEdits();
        stack->undo();
    });
    connect(m_redoAction, &QAction::triggered, stack, &QUndoStack::redo);
    connect(stack, &QUndoStack::indexChanged, this, &MainWindow::updateActions);
    connect(stack, &QUndoStack::cleanChanged, this, &MainWindow::updateActions);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &RuleFilterProxyModel::setFilterText);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &MainWindow::updateStatus);
    connect(m_list, &RuleListView::currentRuleChanged, this, [this](const QUuid &id) {
        m_editor->setCurrentRule(id);
        m_preview->setCurrentRule(id);
        updateActions();
    });
    connect(m_model, &RuleListModel::editRejected, this, &MainWindow::showError);
    connect(document, &RuleSetDocument::ruleSetReset, this, [this] {
        updateActions();
        updateStatus();
    });
    connect(document, &RuleSetDocument::storeError, this,
            [this](const QString &message) { showError(tr("Not saved: %1").arg(message)); });
    connect(m_testPanel, &TestConnectionPanel::decidingRuleChanged, m_model,
            &RuleListModel::setDecidingRule);
    connect(m_testPanel, &TestConnectionPanel::ruleActivated, this, &MainWindow::selectRuleAt);
    connect(m_directoryView, &DirectoryView::testUserRequested, this, [this](const QString &upn) {
        m_testPanel->testUser(upn);
        m_testDock->show();
        m_testDock->raise();
    });
    connect(document, &RuleSetDocument::externalChangeAboutToLoad, this,
            &MainWindow::notePlaceBeforeReload);
    connect(document, &RuleSetDocument::externalChangeLoaded, this,
            &MainWindow::restorePlaceAfterReload);
    installLockoutGuard(document, this);
}

int MainWindow::currentIndex() const
{
    if (!m_document || !m_list)
        return -1;
    return m_document->ruleSet().indexOfId(m_list->currentRuleId());
}

void MainWindow::selectRuleAt(int index)
{
    if (!m_document || index < 0 || index >= m_document->ruleSet().size())
        return;
    const QUuid id = m_document->ruleSet().at(index).id;
    if (m_filter->mapFromSource(m_model->index(index, 0)).isValid() == false)
        m_filterEdit->clear();
    m_list->selectRule(id);
}

void MainWindow::updateActions()
{
    const bool open = m_document != nullptr;
    const int index = currentIndex();
    const int count = open ? m_document->ruleSet().size() : 0;
    const bool selected = index >= 0;
    if (open) {
        QUndoStack *stack = m_document->undoStack();
        m_undoAction->setEnabled(stack->canUndo());
        m_redoAction->setEnabled(stack->canRedo());
        m_undoAction->setText(stack->canUndo() ? tr("&Undo %1").arg(stack->undoText())
                                               : tr("&Undo"));
        m_redoAction->setText(stack->canRedo() ? tr("&Redo %1").arg(stack->redoText())
                                               : tr("&Redo"));
    } else {
        m_undoAction->setEnabled(false);
        m_redoAction->setEnabled(false);
    }
    m_importAction->setEnabled(open);
    m_exportAction->setEnabled(open);
    m_preferencesAction->setEnabled(open);
    m_newRuleAction->setEnabled(open && count < RuleSet::MaxRules);
    m_duplicateAction->setEnabled(selected && count < RuleSet::MaxRules);
    m_deleteAction->setEnabled(selected);
    m_moveUpAction->setEnabled(selected && index > 0);
    m_moveTopAction->setEnabled(selected && index > 0);
    m_moveDownAction->setEnabled(selected && index < count - 1);
    m_moveBottomAction->setEnabled(selected && index < count - 1);
    m_toggleEnabledAction->setEnabled(selected);
    if (selected) {
        m_toggleEnabledAction->setText(
            m_document->ruleSet().at(index).enabled ? tr("&Disable Rule") : tr("&Enable Rule"));
    }
}

void MainWindow::updateStatus()
{
    if (!m_document) {
        m_countLabel->clear();
        return;
    }
    const int count = m_document->ruleSet().size();
    QString text = tr("%1 of %2 rules").arg(count).arg(RuleSet::MaxRules);
    if (m_filter && !m_filter->filterText().isEmpty())
        text = tr("%1 shown \u00b7 %2").arg(m_filter->rowCount()).arg(text);
    text += QStringLiteral(" \u00b7 ") + environmentText(m_document->ruleSet().environment());
    m_countLabel->setText(text);
}

void MainWindow::updateTitle()
{
    const QString name = m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
    setWindowTitle(tr("%1 \u2014 CAR Console").arg(name));
    setWindowFilePath(m_path);
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 15000);
}

void MainWindow::newWorkspace()
{
    const QString path =
        askFileName(tr("New Workspace"), QString(), tr("CAR workspaces (*.carws)"), true);
    if (path.isEmpty())
        return;
    QString file = path.endsWith(QLatin1String(".carws")) ? path : path + QStringLiteral(".carws");
    if (QFile::exists(file) && !QFile::remove(file)) {
        QMessageBox::warning(this, tr("New Workspace"), tr("Cannot replace %1.").arg(file));
        return;
    }
    QString error;
    if (!openWorkspace(file, &error))
        QMessageBox::warning(this, tr("New Workspace"), error);
}

void MainWindow::openWorkspaceDialog()
{
    const QString path =
        askFileName(tr("Open Workspace"), m_path.isEmpty() ? QString() : QFileInfo(m_path).path(),
                    tr("CAR workspaces (*.carws);;All files (*)"), false);
    if (path.isEmpty())
        return;
    QString error;
    if (!openWorkspace(path, &error))
        QMessageBox::warning(this, tr("Open Workspace"), error);
}

void MainWindow::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(RecentKey).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    settings.setValue(RecentKey, recent.mid(0, MaxRecent));
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    // Files moved or deleted since are not offered (they stay in the list, in case they return).
    QStringList recent;
    for (const QString &path : QSettings().value(RecentKey).toStringList()) {
        if (QFileInfo::exists(path))
            recent << path;
    }
    for (const QString &path : std::as_const(recent)) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setToolTip(path);
        action->setStatusTip(path);
        connect(action, &QAction::triggered, this, [this, path] {
            QString error;
            if (!openWorkspace(path, &error))
                QMessageBox::warning(this, tr("Open Workspace"), error);
        });
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No recent workspaces"))->setEnabled(false);
}

void MainWindow::importRules()
{
    const QString path = askFileName(
        tr("Import Rules"), QString(),
        tr("Scripts and exports (*.ps1 *.json);;PowerShell scripts (*.ps1);;JSON (*.json)"), false);
    if (path.isEmpty())
        return;
    QString error;
    if (!importFile(path, &error))
        QMessageBox::warning(this, tr("Import Rules"), error);
}

bool MainWindow::importFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    const QString name = QFileInfo(path).fileName();
    m_editor->commitPendingEdits();
    RuleSet rules = m_document->ruleSet();
    QStringList history;
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        const RuleSetJson::Result result = RuleSetJson::read(bytes, rules);
        if (!result.ok) {
            *error =
                tr("%1:%2:%3: %4").arg(name).arg(result.line).arg(result.column).arg(result.error);
            return false;
        }
    } else {
        const ScriptResult result =
            ScriptRunner::runText(QString::fromUtf8(bytes), name, rules, m_document->directory());
        if (!result.ok()) {
            *error = result.error->toString();
            return false;
        }
        rules = result.ruleSet;
        history = result.history;
    }
    const RuleSet::Outcome outcome =
        m_document->replaceRuleSet(rules, tr("Import '%1'").arg(name), history);
    if (!outcome.ok) {
        *error = outcome.error;
        return false;
    }
    statusBar()->showMessage(tr("Imported %1: %n rule(s)", nullptr, rules.size()).arg(name), 8000);
    return true;
}

void MainWindow::exportRules()
{
    QString selected;
    const QString path =
        askFileName(tr("Export Rules"), QString(), tr("PowerShell script (*.ps1);;JSON (*.json)"),
                    true, &selected);
    if (path.isEmpty())
        return;
    QString file = path;
    if (!file.endsWith(QLatin1String(".ps1"), Qt::CaseInsensitive)
        && !file.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        file += selected.contains(QLatin1String("json")) ? QStringLiteral(".json")
                                                         : QStringLiteral(".ps1");
    QString error;
    if (!exportFile(file, &error))
        QMessageBox::warning(this, tr("Export Rules"), error);
}

bool MainWindow::exportFile(const QString &path, QString *error)
{
    m_editor->commitPendingEdits();
    const RuleSet &rules = m_document->ruleSet();
    QByteArray bytes;
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        bytes = RuleSetJson::write(rules);
    } else {
        QStringList lines;
        lines << QStringLiteral("# Client Access Rules exported by CAR Console %1 (%2)")
                     .arg(QLatin1String(CAR_VERSION_STRING), environmentText(rules.environment()));
        for (int i = 0; i < rules.size(); ++i)
            lines << newRuleLine(rules.at(i), i + 1);
        bytes = (lines.join(u'\n') + u'\n').toUtf8();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), 8000);
    return true;
}

void MainWindow::newRule()
{
    m_editor->commitPendingEdits();
    Rule rule;
    rule.name = freeRuleName(m_document->ruleSet(), tr("New rule"));
    rule.action = Action::DenyAccess;
    // A new rule starts disabled: with no conditions yet it would deny every connection.
    rule.enabled = false;
    const RuleSet::Outcome outcome = m_document->addRule(rule);
    if (!outcome.ok) {
        showError(outcome.error);
        return;
    }
    m_filterEdit->clear();
    selectRuleAt(outcome.index);
    m_editor->tabs()->setCurrentIndex(0);
    if (auto *name = m_editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"))) {
        name->setFocus();
        name->selectAll();
    }
    statusBar()->showMessage(
        tr("New rules start disabled; enable the rule once its conditions are set."), 8000);
}

void MainWindow::duplicateRule()
{
    m_editor->commitPendingEdits();
    const RuleSet::Outcome outcome = m_document->duplicateRule(currentIndex());
    if (!outcome.ok) {
        if (outcome.error != QLatin1String("cancelled"))
            showError(outcome.error);
        return;
    }
    selectRuleAt(outcome.index);
}

void MainWindow::deleteRule()
{
    const int index = currentIndex();
    if (index < 0)
        return;
    m_editor->commitPendingEdits();
    const QString name = m_document->ruleSet().at(index).name;
    const RuleSet::Outcome outcome = m_document->removeRule(index);
    if (!outcome.ok) {
        if (outcome.error != QLatin1String("cancelled"))
            showError(outcome.error);
        return;
    }
    selectRuleAt(qMin(index, m_document->ruleSet().size() - 1));
    statusBar()->showMessage(tr("Deleted '%1' (Ctrl+Z brings it back)").arg(name), 8000);
}

void MainWindow::moveCurrentTo(int target)
{
    const int index = currentIndex();
    if (index < 0)
        return;
    m_editor->commitPendingEdits();
    const RuleSet::Outcome outcome = m_document->moveRule(index, target);
    if (!outcome.ok && outcome.error != QLatin1String("cancelled"))
        showError(outcome.error);
    updateActions();
}

void MainWindow::moveRuleUp()
{
    moveCurrentTo(currentIndex() - 1);
}

void MainWindow::moveRuleDown()
{
    moveCurrentTo(currentIndex() + 1);
}

void MainWindow::moveRuleToTop()
{
    moveCurrentTo(0);
}

void MainWindow::moveRuleToBottom()
{
    moveCurrentTo(m_document->ruleSet().size() - 1);
}

void MainWindow::toggleRuleEnabled()
{
    const int index = currentIndex();
    if (index < 0)
        return;
    m_editor->commitPendingEdits();
    const RuleSet::Outcome outcome =
        m_document->setRuleEnabled(index, !m_document->ruleSet().at(index).enabled);
    if (!outcome.ok && outcome.error != QLatin1String("cancelled"))
        showError(outcome.error);
}

void MainWindow::showPreferences()
{
    if (!m_document)
        return;
    PreferencesDialog dialog(m_document, this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About CAR Console"),
        tr("<h3>CAR Console %1</h3>"
           "<p>Design, review and simulate Exchange Client Access Rules offline.</p>"
           "<p>Rules are evaluated the way Exchange Online and Exchange Server 2019/SE do: "
           "in priority order, first enabled match decides, no match allows.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QLatin1String(CAR_VERSION_STRING), QLatin1String(qVersion())));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_editor)
        m_editor->commitPendingEdits();
    saveSettings();
    event->accept();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    if (m_splitter
        && !m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray()))
        m_splitter->setSizes({260, 480});
    if (m_editorSplitter
        && !m_editorSplitter->restoreState(
            settings.value(QStringLiteral("editorSplitter")).toByteArray()))
        m_editorSplitter->setSizes({380, 80});
    settings.endGroup();
}

QString MainWindow::askFileName(const QString &caption, const QString &directory,
                                const QString &filter, bool save, QString *selectedFilter)
{
    if (m_fileDialog)
        return m_fileDialog(this, caption, directory, filter, save, selectedFilter);
    return save ? QFileDialog::getSaveFileName(this, caption, directory, filter, selectedFilter)
                : QFileDialog::getOpenFileName(this, caption, directory, filter, selectedFilter);
}

void MainWindow::saveListHeader()
{
    if (m_list)
        QSettings().setValue(QStringLiteral("mainWindow/ruleListHeader"),
                             m_list->horizontalHeader()->saveState());
}

void MainWindow::restoreListHeader()
{
    const QByteArray state =
        QSettings().value(QStringLiteral("mainWindow/ruleListHeader")).toByteArray();
    if (!state.isEmpty())
        m_list->horizontalHeader()->restoreState(state);
}

void MainWindow::saveSettings()
{
    saveListHeader();
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    if (m_splitter)
        settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    if (m_editorSplitter)
        settings.setValue(QStringLiteral("editorSplitter"), m_editorSplitter->saveState());
    settings.endGroup();
}

} // namespace Car
