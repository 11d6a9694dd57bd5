#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Car {

class DirectoryFilterModel;
class DirectoryModel;
class RuleSetDocument;
class UserEditDialog;

/// The directory of test users: a searchable table with Add, Edit, Delete and CSV import (the
/// CLI's format). Writes go through the document; problems are shown in place, never half-applied.
class DirectoryView : public QWidget
{
    Q_OBJECT

public:
    /// Asks a yes/no question (replaced in tests; the default is a message box).
    using Confirm = std::function<bool(const QString &title, const QString &text)>;

    explicit DirectoryView(RuleSetDocument *document, QWidget *parent = nullptr);
    ~DirectoryView() override;

    void setConfirm(Confirm confirm);

    /// The table's column layout for QSettings; the window keeps it.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    QTableView *table() const { return m_table; }
    DirectoryModel *directoryModel() const { return m_model; }
    DirectoryFilterModel *filterModel() const { return m_filter; }
    /// The message line's text (import results and errors).
    QString message() const;
    /// The open add/edit dialog, if any.
    UserEditDialog *editDialog() const { return m_dialog; }

public slots:
    void addUser();
    void editCurrentUser();
    void deleteSelectedUsers();
    /// Asks for a file, then importCsvFile().
    void importCsv();
    /// Replaces the directory with the users of `path`. All or nothing: an error (with its line
    /// and column) is shown and nothing changes. Returns true when the directory was replaced.
    bool importCsvFile(const QString &path);
    void setSearchText(const QString &text);

signals:
    /// The user asked to test this user in the Test connection panel.
    void testUserRequested(const QString &userPrincipalName);

private:
    void openEditor(int sourceRow);
    void saveFromDialog();
    QList<int> selectedSourceRows() const;
    void showMessage(const QString &text, bool error);
    void updateCount();
    void updateButtons();
    void hideEmptyColumns();

    RuleSetDocument *m_document = nullptr;
    DirectoryModel *m_model = nullptr;
    DirectoryFilterModel *m_filter = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_import = nullptr;
    UserEditDialog *m_dialog = nullptr;
    Confirm m_confirm;
};

} // namespace Car
