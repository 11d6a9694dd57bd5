#pragma once

#include "enums.h"
#include "workspace.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Car {

class DirectoryModel;
class RuleSetDocument;

/// Workspace preferences: the environment (Exchange Online or Exchange Server 2019/SE), the
/// NetBIOS domain for Exchange Server username strings, and the administrator (user and public
/// address) that the lockout guard protects. Invalid values are shown in place and keep OK
/// disabled; accepting writes the changes through the document (the environment as an undoable
/// rule set edit, the administrator as a setting).
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(RuleSetDocument *document, QWidget *parent = nullptr);

    Environment environment() const;
    QString netbiosDomain() const;
    AdminSettings admin() const;
    /// Every reason the values cannot be saved, one per line; empty when they can.
    QString problems() const;

    /// Validates a NetBIOS domain name: 1-15 characters, none of \ / : * ? " < > | or blanks.
    static QString netbiosProblem(const QString &name);

public slots:
    /// Writes the changed values through the document; shows a failure in place and returns
    /// false then (the dialog stays open).
    bool apply();
    void accept() override;

private:
    void validate();

    RuleSetDocument *m_document = nullptr;
    DirectoryModel *m_directoryModel = nullptr;
    QComboBox *m_environment = nullptr;
    QLineEdit *m_netbios = nullptr;
    QLabel *m_netbiosHint = nullptr;
    QComboBox *m_adminUser = nullptr;
    QLabel *m_adminUserHint = nullptr;
    QLineEdit *m_adminAddress = nullptr;
    QLabel *m_adminAddressHint = nullptr;
    QLabel *m_environmentHint = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Car
