#pragma once

#include <QUuid>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTabWidget;

namespace Car {

class ConditionsEditor;
class RuleSetDocument;
class ValueListEditor;
struct Rule;
struct RuleSetChange;

/// The rule editor: General (name, action, enabled, scope), Conditions, Exceptions and Advanced
/// (source ports). Every widget shows the document's rule; a change is applied to the document
/// (one undo command) only when the field validates, and a rule-level rejection (e.g. an
/// authentication type a checked protocol cannot filter) is shown in place without storing.
class RuleEditor : public QWidget
{
    Q_OBJECT

public:
    explicit RuleEditor(RuleSetDocument *document, QWidget *parent = nullptr);

    /// Shows the rule with this id (a null id shows the empty state).
    void setCurrentRule(const QUuid &id);
    QUuid currentRule() const { return m_ruleId; }

    QTabWidget *tabs() const { return m_tabs; }

public slots:
    /// Builds the rule from every valid field and hands it to the document.
    void applyEdits();
    /// Applies text fields still waiting for a pause in typing (before switching rules, quitting).
    void commitPendingEdits();

private:
    QWidget *buildGeneralTab();
    QWidget *buildAdvancedTab();
    void documentChanged();
    void refresh();
    void showProblems(const Rule &rule, const QString &rejection);
    void checkName();
    bool nameIsValid(QString *error) const;
    int currentIndex() const;

    RuleSetDocument *m_document;
    QUuid m_ruleId;
    bool m_applying = false;

    QStackedWidget *m_stack;
    QLabel *m_empty;
    QLabel *m_problems;
    QTabWidget *m_tabs;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QComboBox *m_action;
    QCheckBox *m_enabled;
    QComboBox *m_scope;
    QLabel *m_priority;
    ConditionsEditor *m_conditions;
    ConditionsEditor *m_exceptions;
    ValueListEditor *m_ports;
    ValueListEditor *m_exceptPorts;
};

} // namespace Car
