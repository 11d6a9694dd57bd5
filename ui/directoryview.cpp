#include "directoryview.h"

#include "directory.h"
#include "directorycsv.h"
#include "directoryfiltermodel.h"
#include "directorymodel.h"
#include "rulesetdocument.h"
#include "semanticcolor.h"
#include "usereditdialog.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Car {

DirectoryView::DirectoryView(RuleSetDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("directoryView"));
    m_model = new DirectoryModel(document, this);
    m_filter = new DirectoryFilterModel(this);
    m_filter->setDirectoryModel(m_model);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("directorySearch"));
    m_search->setPlaceholderText(tr("Search users (name, UPN, alias, any attribute)"));
    m_search->setClearButtonEnabled(true);
    m_add = new QPushButton(consoleIcon("user"), tr("&Add..."), this);
    m_add->setObjectName(QStringLiteral("addUserButton"));
    m_edit = new QPushButton(tr("&Edit..."), this);
    m_edit->setObjectName(QStringLiteral("editUserButton"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteUserButton"));
    m_import = new QPushButton(tr("&Import CSV..."), this);
    m_import->setObjectName(QStringLiteral("importCsvButton"));
    m_import->setToolTip(tr("Replace the directory with a users CSV (UserPrincipalName, "
                            "SamAccountName, Alias, DisplayName and the filterable attributes)"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("directoryCount"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("directoryTable"));
    m_table->setModel(m_filter);
    // Import order until a header is clicked. The indicator is cleared first: enabling sorting
    // sorts by the indicator's column at once, which costs 0.4 s on 100,000 users.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setDefaultSectionSize(120);
    m_table->horizontalHeader()->resizeSection(DirectoryModel::UpnColumn, 230);
    m_table->horizontalHeader()->resizeSection(DirectoryModel::DisplayNameColumn, 150);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *testAction = new QAction(tr("&Test this user"), m_table);
    testAction->setObjectName(QStringLiteral("testUserAction"));
    connect(testAction, &QAction::triggered, this, [this] {
        const QList<int> rows = selectedSourceRows();
        if (!rows.isEmpty())
            emit testUserRequested(m_model->user(rows.first()).userPrincipalName);
    });
    auto *deleteAction = new QAction(tr("&Delete"), m_table);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteAction, &QAction::triggered, this, &DirectoryView::deleteSelectedUsers);
    m_table->addAction(testAction);
    m_table->addAction(deleteAction);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("directoryMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_add);
    bar->addWidget(m_edit);
    bar->addWidget(m_delete);
    bar->addWidget(m_import);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);

    connect(m_search, &QLineEdit::textChanged, this, &DirectoryView::setSearchText);
    connect(m_add, &QPushButton::clicked, this, &DirectoryView::addUser);
    connect(m_edit, &QPushButton::clicked, this, &DirectoryView::editCurrentUser);
    connect(m_delete, &QPushButton::clicked, this, &DirectoryView::deleteSelectedUsers);
    connect(m_import, &QPushButton::clicked, this, &DirectoryView::importCsv);
    connect(m_table, &QTableView::activated, this, &DirectoryView::editCurrentUser);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DirectoryView::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        hideEmptyColumns();
        updateCount();
        updateButtons();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &DirectoryView::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &DirectoryView::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &DirectoryView::updateCount);

    m_confirm = [this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text) == QMessageBox::Yes;
    };
    hideEmptyColumns();
    updateCount();
    updateButtons();
}

DirectoryView::~DirectoryView() = default;

QByteArray DirectoryView::saveState() const
{
    return m_table->horizontalHeader()->saveState();
}

bool DirectoryView::restoreState(const QByteArray &state)
{
    const bool ok = m_table->horizontalHeader()->restoreState(state);
    hideEmptyColumns();
    return ok;
}

void DirectoryView::setConfirm(Confirm confirm)
{
    m_confirm = std::move(confirm);
}

QString DirectoryView::message() const
{
    return m_message->isVisibleTo(this) ? m_message->text() : QString();
}

void DirectoryView::setSearchText(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text);
    m_filter->setSearchText(text);
    updateCount();
}

QList<int> DirectoryView::selectedSourceRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(m_filter->mapToSource(index).row());
    if (rows.isEmpty() && m_table->currentIndex().isValid())
        rows.append(m_filter->mapToSource(m_table->currentIndex()).row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void DirectoryView::addUser()
{
    openEditor(-1);
}

void DirectoryView::editCurrentUser()
{
    const QList<int> rows = selectedSourceRows();
    if (!rows.isEmpty())
        openEditor(rows.first());
}

void DirectoryView::openEditor(int sourceRow)
{
    if (m_dialog)
        m_dialog->deleteLater();
    m_dialog = new UserEditDialog(m_document->directory(), sourceRow, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (sourceRow >= 0)
        m_dialog->setUser(m_model->user(sourceRow));
    connect(m_dialog, &QDialog::accepted, this, &DirectoryView::saveFromDialog);
    m_dialog->open();
}

void DirectoryView::saveFromDialog()
{
    auto *dialog = qobject_cast<UserEditDialog *>(sender());
    if (!dialog || !dialog->problem().isEmpty())
        return;
    const DirectoryUser user = dialog->user();
    const StoreResult result = m_document->saveUser(user, dialog->editedRow());
    if (!result) {
        showMessage(tr("Could not save %1: %2").arg(user.userPrincipalName, result.error), true);
        return;
    }
    m_message->hide();
    const int row = m_document->directory().indexOfUpn(user.userPrincipalName);
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (index.isValid()) {
        m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
    }
}

void DirectoryView::deleteSelectedUsers()
{
    const QList<int> rows = selectedSourceRows();
    if (rows.isEmpty())
        return;
    const QString question = rows.size() == 1
        ? tr("Delete %1 from the directory? This cannot be undone.")
              .arg(m_model->user(rows.first()).userPrincipalName)
        : tr("Delete %n users from the directory? This cannot be undone.", nullptr,
             int(rows.size()));
    if (!m_confirm(tr("Delete users"), question))
        return;
    QStringList upns;
    for (int row : rows)
        upns.append(m_model->user(row).userPrincipalName);
    for (const QString &upn : upns) {
        const StoreResult result = m_document->removeUser(m_document->directory().indexOfUpn(upn));
        if (!result) {
            showMessage(tr("Could not delete %1: %2").arg(upn, result.error), true);
            return;
        }
    }
    m_message->hide();
}

void DirectoryView::importCsv()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import users"), QString(),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        importCsvFile(path);
}

bool DirectoryView::importCsvFile(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("Cannot open %1: %2. Nothing was changed.").arg(name, file.errorString()),
                    true);
        return false;
    }
    Directory directory;
    const DirectoryCsv::Result read = DirectoryCsv::read(&file, directory);
    if (!read.ok) {
        showMessage(tr("%1, line %2, column %3: %4. Nothing was changed.")
                        .arg(name)
                        .arg(read.error.line)
                        .arg(read.error.column)
                        .arg(read.error.message),
                    true);
        return false;
    }
    const int current = m_document->directory().size();
    if (current > 0
        && !m_confirm(tr("Import users"),
                      tr("Replace the %1 users of the directory with the %2 users of %3?")
                          .arg(current)
                          .arg(directory.size())
                          .arg(name)))
        return false;
    const StoreResult result = m_document->replaceDirectory(directory);
    if (!result) {
        showMessage(tr("Could not import %1: %2. Nothing was changed.").arg(name, result.error),
                    true);
        return false;
    }
    QString text = (directory.size() == 1 ? tr("Imported 1 user from %1.")
                                          : tr("Imported %1 users from %2.").arg(directory.size()))
                       .arg(name);
    if (!read.warnings.isEmpty())
        text += QLatin1Char(' ') + read.warnings.join(QLatin1Char(' '));
    showMessage(text, false);
    return true;
}

void DirectoryView::showMessage(const QString &text, bool error)
{
    QPalette palette = this->palette();
    if (error)
        palette.setColor(QPalette::WindowText, semanticColor(Semantic::Deny, palette));
    m_message->setPalette(palette);
    m_message->setProperty("error", error);
    m_message->setText(text);
    m_message->show();
}

void DirectoryView::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    const QString users = total == 1 ? tr("1 user") : tr("%1 users").arg(total);
    m_count->setText(shown == total ? users : tr("%1 of %2").arg(shown).arg(users));
}

void DirectoryView::updateButtons()
{
    const bool selected = m_table->selectionModel()->hasSelection();
    m_edit->setEnabled(selected);
    m_delete->setEnabled(selected);
}

void DirectoryView::hideEmptyColumns()
{
    const QList<int> empty = m_model->emptyColumns();
    for (int column = 0; column < DirectoryModel::ColumnCount; ++column) {
        const bool always = column <= DirectoryModel::SamAccountNameColumn;
        m_table->setColumnHidden(column, !always && empty.contains(column));
    }
}

} // namespace Car
