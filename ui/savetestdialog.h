#pragma once

#include "savedtest.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Car {

class RuleSet;

/// "Save as Test": names the Test panel's connection and states the decision it must get
/// (default: the current one) and, optionally, the rule that must decide it. Validates in place
/// (empty or duplicate name); test() is what to store.
class SaveTestDialog : public QDialog
{
    Q_OBJECT

public:
    /// `draft` holds the connection and the current decision; `takenNames` are the names of the
    /// saved tests already there.
    SaveTestDialog(const SavedTest &draft, const RuleSet &rules, const QStringList &takenNames,
                   QWidget *parent = nullptr);

    SavedTest test() const;
    /// Empty when test() may be saved; else why not (also shown in the dialog).
    QString validationError() const;

private:
    void validate();

    SavedTest m_draft;
    QStringList m_takenKeys;
    QLineEdit *m_name = nullptr;
    QComboBox *m_action = nullptr;
    QComboBox *m_rule = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Car
