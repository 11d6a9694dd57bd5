#pragma once

#include "directory.h"

#include <QDialog>

#include <array>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Car {

/// Edits one directory user: UserPrincipalName (required, unique ignoring case), display name,
/// alias, account name and every filterable attribute. Problems are shown in place and keep OK
/// disabled; the dialog never writes anything itself.
class UserEditDialog : public QDialog
{
    Q_OBJECT

public:
    /// `directory` is used for the uniqueness check; `editedRow` is the row being edited (-1: new).
    UserEditDialog(const Directory &directory, int editedRow, QWidget *parent = nullptr);

    void setUser(const DirectoryUser &user);
    DirectoryUser user() const;
    int editedRow() const { return m_editedRow; }

    /// Why the user cannot be saved, or an empty string.
    QString problem() const;

private:
    void validate();
    QLineEdit *addField(const QString &objectName);

    const Directory &m_directory;
    int m_editedRow = -1;
    QLineEdit *m_upn = nullptr;
    QLineEdit *m_displayName = nullptr;
    QLineEdit *m_alias = nullptr;
    QLineEdit *m_sam = nullptr;
    std::array<QLineEdit *, AttributeCount> m_attributes {};
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Car
