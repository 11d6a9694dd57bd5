#include "snapshotsdialog.h"

#include "changescript.h"
#include "rulesetdiff.h"
#include "rulesetdocument.h"
#include "semanticcolor.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Car {

namespace {

enum ListColumn : int { NameColumn, CreatedColumn, RulesColumn, NoteColumn };

QPlainTextEdit *makeText(QWidget *parent, const char *name)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

} // namespace

SnapshotsDialog::SnapshotsDialog(RuleSetDocument *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("snapshotsDialog"));
    setWindowTitle(tr("Snapshots"));
    buildUi();
    connect(document, &RuleSetDocument::snapshotsChanged, this, &SnapshotsDialog::refresh);
    connect(document, &RuleSetDocument::ruleSetReset, this, &SnapshotsDialog::recompare);
    refresh();
    resize(980, 640);
}

void SnapshotsDialog::buildUi()
{
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("snapshotList"));
    m_list->setHeaderLabels({tr("Name"), tr("Saved"), tr("Rules"), tr("Note")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->resizeSection(NameColumn, 200);
    m_list->header()->resizeSection(CreatedColumn, 140);
    m_list->header()->resizeSection(RulesColumn, 50);

    m_save = new QPushButton(tr("&Save Current\u2026"), this);
    m_save->setObjectName(QStringLiteral("saveSnapshotButton"));
    m_save->setToolTip(tr("Keep the current rule set as a named snapshot"));
    m_restore = new QPushButton(tr("&Restore"), this);
    m_restore->setObjectName(QStringLiteral("restoreSnapshotButton"));
    m_restore->setToolTip(tr("Replace the rules with the snapshot's (Undo brings them back)"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteSnapshotButton"));

    m_from = new QComboBox(this);
    m_from->setObjectName(QStringLiteral("compareFromCombo"));
    m_to = new QComboBox(this);
    m_to->setObjectName(QStringLiteral("compareToCombo"));

    m_diff = makeText(this, "diffText");
    m_script = makeText(this, "changeScriptText");
    m_rollback = makeText(this, "rollbackScriptText");
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("compareTabs"));
    m_tabs->addTab(m_diff, tr("Differences"));
    m_tabs->addTab(m_script, tr("Change Script"));
    m_tabs->addTab(m_rollback, tr("Rollback Script"));
    m_copy = new QPushButton(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyCompareButton"));
    m_saveScript = new QPushButton(tr("Save as .ps&1\u2026"), this);
    m_saveScript->setObjectName(QStringLiteral("saveScriptButton"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("snapshotMessage"));
    m_message->setWordWrap(true);

    auto *left = new QWidget(this);
    auto *leftButtons = new QHBoxLayout;
    leftButtons->addWidget(m_save);
    leftButtons->addWidget(m_restore);
    leftButtons->addWidget(m_delete);
    leftButtons->addStretch(1);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(leftButtons);

    auto *right = new QWidget(this);
    auto *sides = new QHBoxLayout;
    auto *fromLabel = new QLabel(tr("Compare &from:"), right);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&to:"), right);
    toLabel->setBuddy(m_to);
    sides->addWidget(fromLabel);
    sides->addWidget(m_from, 1);
    sides->addWidget(toLabel);
    sides->addWidget(m_to, 1);
    auto *tabButtons = new QHBoxLayout;
    tabButtons->addStretch(1);
    tabButtons->addWidget(m_copy);
    tabButtons->addWidget(m_saveScript);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(sides);
    rightLayout->addWidget(m_tabs, 1);
    rightLayout->addLayout(tabButtons);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] {
        updateButtons();
        const QString name = selectedName();
        if (name.isEmpty() || m_updating)
            return;
        m_updating = true;
        m_from->setCurrentIndex(m_from->findData(name));
        m_to->setCurrentIndex(0);
        m_updating = false;
        recompare();
    });
    connect(m_from, &QComboBox::currentIndexChanged, this, &SnapshotsDialog::recompare);
    connect(m_to, &QComboBox::currentIndexChanged, this, &SnapshotsDialog::recompare);
    connect(m_tabs, &QTabWidget::currentChanged, this, &SnapshotsDialog::updateButtons);
    connect(m_save, &QPushButton::clicked, this, &SnapshotsDialog::askAndSave);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        const QString error = restoreSnapshot(selectedName());
        if (!error.isEmpty() && error != QLatin1String("cancelled"))
            showMessage(error, true);
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const QString name = selectedName();
        const QString question = tr("Delete the snapshot '%1'? This cannot be undone.").arg(name);
        const bool yes = m_confirm
            ? m_confirm(question)
            : QMessageBox::question(this, tr("Delete Snapshot"), question) == QMessageBox::Yes;
        if (!yes)
            return;
        const QString error = deleteSnapshot(name);
        if (!error.isEmpty())
            showMessage(error, true);
    });
    connect(m_copy, &QPushButton::clicked, this, &SnapshotsDialog::copyCurrentTab);
    connect(m_saveScript, &QPushButton::clicked, this, &SnapshotsDialog::saveCurrentTab);
}

void SnapshotsDialog::refresh()
{
    QList<SnapshotInfo> snapshots;
    const StoreResult result = m_document->snapshots(snapshots);
    if (!result)
        showMessage(result.error, true);
    m_snapshots = snapshots;

    const QString selected = selectedName();
    const QVariant from = m_from->currentData();
    const QVariant to = m_to->currentData();
    m_updating = true;
    m_list->clear();
    m_from->clear();
    m_to->clear();
    m_from->addItem(tr("Current rule set"), QString());
    m_to->addItem(tr("Current rule set"), QString());
    // Newest first in the list: that is the one usually compared with the current rules.
    for (qsizetype i = snapshots.size() - 1; i >= 0; --i) {
        const SnapshotInfo &info = snapshots.at(i);
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(NameColumn, info.name);
        item->setData(NameColumn, Qt::UserRole, info.name);
        item->setText(CreatedColumn,
                      QLocale().toString(info.created.toLocalTime(), QLocale::ShortFormat));
        item->setText(RulesColumn, QString::number(info.ruleCount));
        item->setTextAlignment(RulesColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(NoteColumn, info.note);
        item->setToolTip(NoteColumn, info.note);
        if (info.name == selected)
            m_list->setCurrentItem(item);
        m_from->addItem(info.name, info.name);
        m_to->addItem(info.name, info.name);
    }
    const int fromRow = from.isValid() ? m_from->findData(from) : -1;
    const int toRow = to.isValid() ? m_to->findData(to) : -1;
    // Default: the newest snapshot against the current rules.
    m_from->setCurrentIndex(fromRow >= 0 ? fromRow : (m_from->count() > 1 ? 1 : 0));
    m_to->setCurrentIndex(toRow >= 0 ? toRow : 0);
    m_updating = false;
    if (snapshots.isEmpty())
        m_list->setToolTip(tr("No snapshots yet: \u201cSave Current\u201d keeps the rules as "
                              "they are now"));
    else
        m_list->setToolTip(QString());
    updateButtons();
    recompare();
}

QStringList SnapshotsDialog::snapshotNames() const
{
    QStringList names;
    for (const SnapshotInfo &info : m_snapshots)
        names << info.name;
    return names;
}

QString SnapshotsDialog::selectedName() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(NameColumn, Qt::UserRole).toString() : QString();
}

void SnapshotsDialog::updateButtons()
{
    const bool selected = !selectedName().isEmpty();
    m_restore->setEnabled(selected);
    m_delete->setEnabled(selected);
    m_saveScript->setEnabled(m_tabs->currentWidget() != m_diff);
}

bool SnapshotsDialog::sideRules(const QString &name, RuleSet &out, QString *error) const
{
    if (name.isEmpty()) {
        out = m_document->ruleSet();
        return true;
    }
    const StoreResult result = m_document->loadSnapshot(name, out);
    if (!result && error)
        *error = result.error;
    return result.ok;
}

void SnapshotsDialog::compare(const QString &from, const QString &to)
{
    m_updating = true;
    m_from->setCurrentIndex(std::max(0, m_from->findData(from)));
    m_to->setCurrentIndex(std::max(0, m_to->findData(to)));
    m_updating = false;
    recompare();
}

void SnapshotsDialog::recompare()
{
    if (m_updating)
        return;
    const QString fromName = m_from->currentData().toString();
    const QString toName = m_to->currentData().toString();
    RuleSet from;
    RuleSet to;
    QString error;
    if (!sideRules(fromName, from, &error) || !sideRules(toName, to, &error)) {
        m_diff->setPlainText(error);
        m_script->clear();
        m_rollback->clear();
        return;
    }
    const RuleSetDiff diff = RuleSetDiff::compare(from, to);
    m_diff->setPlainText(diff.isEmpty() ? tr("# No differences: %1 and %2 hold the same rules.\n")
                                              .arg(m_from->currentText(), m_to->currentText())
                                        : diff.toText());
    const auto scriptOrError = [](const ChangeScript &script) {
        if (!script.ok())
            return QCoreApplication::translate("Car::SnapshotsDialog", "# No script: %1\n")
                .arg(script.error());
        if (script.isEmpty())
            return QCoreApplication::translate("Car::SnapshotsDialog", "# Nothing to change.\n");
        return script.text();
    };
    const QString header =
        tr("# From: %1\n# To:   %2\n").arg(m_from->currentText(), m_to->currentText());
    m_script->setPlainText(header + scriptOrError(ChangeScript::build(from, to)));
    const QString rollbackHeader = tr("# Rollback from: %1\n# back to:       %2\n")
                                       .arg(m_to->currentText(), m_from->currentText());
    m_rollback->setPlainText(rollbackHeader + scriptOrError(ChangeScript::buildRollback(from, to)));
}

QString SnapshotsDialog::diffText() const
{
    return m_diff->toPlainText();
}

QString SnapshotsDialog::scriptText() const
{
    return m_script->toPlainText();
}

QString SnapshotsDialog::rollbackText() const
{
    return m_rollback->toPlainText();
}

QString SnapshotsDialog::saveSnapshot(const QString &name, const QString &note)
{
    const StoreResult result = m_document->saveSnapshot(name.trimmed(), note.trimmed());
    if (!result)
        return result.error;
    showMessage(tr("Saved snapshot '%1' (%n rule(s)).", nullptr, m_document->ruleSet().size())
                    .arg(name.trimmed()),
                false);
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(NameColumn, Qt::UserRole).toString() == name.trimmed())
            m_list->setCurrentItem(m_list->topLevelItem(i));
    }
    return QString();
}

QString SnapshotsDialog::restoreSnapshot(const QString &name)
{
    if (name.isEmpty())
        return tr("Select a snapshot to restore.");
    const RuleSet::Outcome outcome = m_document->restoreSnapshot(name);
    if (!outcome.ok)
        return outcome.error;
    showMessage(tr("Restored '%1'. Edit > Undo brings the previous rules back.").arg(name), false);
    return QString();
}

QString SnapshotsDialog::deleteSnapshot(const QString &name)
{
    const StoreResult result = m_document->deleteSnapshot(name);
    if (!result)
        return result.error;
    showMessage(tr("Deleted snapshot '%1'.").arg(name), false);
    return QString();
}

bool SnapshotsDialog::saveScript(const QString &path, bool rollback, QString *error) const
{
    const QByteArray bytes = (rollback ? rollbackText() : scriptText()).toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void SnapshotsDialog::askAndSave()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Save Snapshot"));
    auto *name = new QLineEdit(&dialog);
    name->setPlaceholderText(
        tr("e.g. applied to Exchange %1").arg(QDate::currentDate().toString(Qt::ISODate)));
    auto *note = new QLineEdit(&dialog);
    auto *error = new QLabel(&dialog);
    error->setWordWrap(true);
    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("&Name:"), name);
    form->addRow(tr("N&ote:"), note);
    form->addRow(error);
    form->addRow(buttons);
    const auto validate = [name, error, buttons] {
        const QString why = SnapshotNames::validate(name->text().trimmed());
        error->setText(name->text().isEmpty() ? QString() : why);
        buttons->button(QDialogButtonBox::Save)->setEnabled(why.isEmpty());
    };
    connect(name, &QLineEdit::textChanged, &dialog, validate);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&dialog, this, name, note, error] {
        const QString why = saveSnapshot(name->text(), note->text());
        if (why.isEmpty())
            dialog.accept();
        else
            error->setText(why);
    });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    validate();
    dialog.exec();
}

void SnapshotsDialog::copyCurrentTab()
{
    if (auto *edit = qobject_cast<QPlainTextEdit *>(m_tabs->currentWidget()))
        QApplication::clipboard()->setText(edit->toPlainText());
    showMessage(tr("Copied to the clipboard."), false);
}

void SnapshotsDialog::saveCurrentTab()
{
    const bool rollback = m_tabs->currentWidget() == m_rollback;
    const QString path = QFileDialog::getSaveFileName(
        this, rollback ? tr("Save Rollback Script") : tr("Save Change Script"),
        rollback ? QStringLiteral("rollback.ps1") : QStringLiteral("change.ps1"),
        tr("PowerShell scripts (*.ps1)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveScript(path, rollback, &error))
        showMessage(error, true);
    else
        showMessage(tr("Saved %1.").arg(path), false);
}

void SnapshotsDialog::showMessage(const QString &text, bool error)
{
    QPalette pal = m_message->palette();
    pal.setColor(QPalette::WindowText,
                 error ? semanticColor(Semantic::Deny, palette())
                       : palette().color(QPalette::WindowText));
    m_message->setPalette(pal);
    m_message->setText(text);
}

} // namespace Car
