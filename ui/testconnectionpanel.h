#pragma once

#include "enums.h"
#include "evaluator.h"
#include "savedtest.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTreeWidget;

namespace Car {

class DirectoryModel;
class RuleSetDocument;
class TraceTree;
class VerdictBanner;

/// Simulates one connection against the document's rules, as Test-ClientAccessRule would, and
/// shows why: the verdict, the username string used, a trace of every rule and the list of
/// matching rules. Re-evaluates as any input changes and when the rules or the directory change.
/// All evaluation goes through the document's one Evaluator.
class TestConnectionPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TestConnectionPanel(RuleSetDocument *document, QWidget *parent = nullptr);
    ~TestConnectionPanel() override;

    /// False while an input is invalid (no verdict is shown then).
    bool hasVerdict() const { return m_hasVerdict; }
    const Evaluation &evaluation() const { return m_evaluation; }
    /// The deciding rule's index, -1 when allowed by default or without a verdict.
    int decidingRule() const { return m_hasVerdict ? m_evaluation.decidingRule : -1; }
    /// The equivalent Test-ClientAccessRule command line.
    QString testCommand() const;

    /// The current inputs as a saved test expecting the current decision (action and deciding
    /// rule); empty name. Only meaningful while hasVerdict().
    SavedTest currentTest() const;
    /// The note shown above the verdict (empty: none).
    QString note() const;

    /// The layout (trace/matching splitter) for QSettings; the window keeps it.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

public slots:
    /// Tests `user` with the other inputs unchanged.
    void testUser(const QString &user);
    /// Sets every input at once and re-evaluates.
    void setConnection(const QString &user, Car::Protocol protocol,
                       Car::AuthenticationType authenticationType, const QString &address,
                       int port = 443, bool middleTier = false);
    /// Re-evaluates with the current inputs.
    void evaluate();
    /// Shows `text` above the verdict (why this test may differ from what was asked, e.g. a
    /// hypothetical witness) until the user changes an input; empty hides it.
    void setNote(const QString &text);

signals:
    /// The rule that decides the current test changed (-1: none decides).
    void decidingRuleChanged(int ruleIndex);
    /// The user activated a rule in the trace or the matching list (to select it elsewhere).
    void ruleActivated(int ruleIndex);
    /// The user asked to save the current test ("Save as Test...").
    void saveTestRequested();

private:
    void buildUi();
    void fillProtocols();
    void showNoVerdict(const QString &why);
    void showVerdict();
    void showMatching();
    void setDecidingRule(int ruleIndex);
    void describeAuthenticationTypes();

    RuleSetDocument *m_document = nullptr;
    DirectoryModel *m_directoryModel = nullptr;
    QComboBox *m_user = nullptr;
    QLabel *m_userInfo = nullptr;
    QComboBox *m_protocol = nullptr;
    QComboBox *m_authentication = nullptr;
    QLineEdit *m_address = nullptr;
    QLabel *m_addressError = nullptr;
    QSpinBox *m_port = nullptr;
    QCheckBox *m_middleTier = nullptr;
    VerdictBanner *m_banner = nullptr;
    TraceTree *m_trace = nullptr;
    QLabel *m_matchingLabel = nullptr;
    QTreeWidget *m_matching = nullptr;
    QLineEdit *m_command = nullptr;
    QSplitter *m_splitter = nullptr;
    QLabel *m_note = nullptr;
    QPushButton *m_saveTest = nullptr;

    bool m_updating = false;
    bool m_hasVerdict = false;
    int m_lastDeciding = -1;
    Connection m_connection;
    Evaluation m_evaluation;
};

} // namespace Car
