#pragma once

#include "witness.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace Car {

class AnalysisScheduler;
class ProblemsModel;
class RuleSetDocument;

/// The Problems panel (issue 5): the findings of the rule analysis, kept current by an
/// AnalysisScheduler (debounced, on a worker thread), with severity, rule, kind and message;
/// the selected finding's details and witness below; "Test this" sends the witness to the Test
/// connection panel.
class ProblemsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ProblemsPanel(RuleSetDocument *document, QWidget *parent = nullptr);
    ~ProblemsPanel() override;

    AnalysisScheduler *scheduler() const { return m_scheduler; }
    ProblemsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

    /// What the Test panel should say about a witness it cannot reproduce exactly (a
    /// hypothetical user, a different username string); empty when it can.
    static QString witnessNote(const Witness &witness, const RuleSet &rules,
                               const Directory &directory);

public slots:
    /// Emits testWitnessRequested for the finding in `row` (when it has a witness).
    void testFinding(int row);
    /// Tests the selected finding.
    void testCurrent();

signals:
    /// Open this connection in the Test connection panel; `note` (may be empty) explains how the
    /// test differs from the witness.
    void testWitnessRequested(const Car::Witness &witness, const QString &note);
    /// The user activated a finding's rule (to select it in the rule list).
    void ruleActivated(int ruleIndex);

private:
    void showResult();
    void updateSummary();
    void updateDetails();
    int currentRow() const;

    RuleSetDocument *m_document;
    AnalysisScheduler *m_scheduler = nullptr;
    ProblemsModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_details = nullptr;
    QPushButton *m_testButton = nullptr;
};

} // namespace Car
