#pragma once

#include "snapshot.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace Car {

class RuleSet;
class RuleSetDocument;

/// Tools > Snapshots (issue 4): save the current rule set as a named snapshot with a note; list,
/// restore (one undo step, recorded in the history) and delete snapshots; compare any two of
/// "the current rule set" and the snapshots: the differences as text, the change script that
/// turns the first into the second on Exchange, and its rollback (copy, or save as .ps1).
class SnapshotsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SnapshotsDialog(RuleSetDocument *document, QWidget *parent = nullptr);

    /// Saves the current rules as snapshot `name`; empty on success, else why not.
    QString saveSnapshot(const QString &name, const QString &note);
    /// Restores snapshot `name`; empty on success, else why not ("cancelled" by the guard).
    QString restoreSnapshot(const QString &name);
    QString deleteSnapshot(const QString &name);
    /// Compares `from` with `to` (snapshot names; empty: the current rule set).
    void compare(const QString &from, const QString &to);
    /// Writes the change script (or the rollback) to `path`; false with `error`.
    bool saveScript(const QString &path, bool rollback, QString *error = nullptr) const;

    QStringList snapshotNames() const;
    QString diffText() const;
    QString scriptText() const;
    QString rollbackText() const;

    /// Seam for tests: how deletion is confirmed (default: a question box).
    void setConfirm(std::function<bool(const QString &question)> confirm)
    {
        m_confirm = std::move(confirm);
    }

public slots:
    void refresh();

private:
    void buildUi();
    void updateButtons();
    void recompare();
    bool sideRules(const QString &name, RuleSet &out, QString *error) const;
    QString selectedName() const;
    void askAndSave();
    void copyCurrentTab();
    void saveCurrentTab();
    void showMessage(const QString &text, bool error);

    RuleSetDocument *m_document;
    QList<SnapshotInfo> m_snapshots;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_restore = nullptr;
    QPushButton *m_delete = nullptr;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_diff = nullptr;
    QPlainTextEdit *m_script = nullptr;
    QPlainTextEdit *m_rollback = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_saveScript = nullptr;
    QLabel *m_message = nullptr;
    bool m_updating = false;
    std::function<bool(const QString &)> m_confirm;
};

} // namespace Car
