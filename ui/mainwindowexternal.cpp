// MainWindow: noticing changes another program (a second console, carconsole-cli) made to the
// open workspace, keeping the user's place across the reload, and saying what happened.

#include "mainwindow.h"

#include "externalchangebar.h"
#include "recipientfiltereditor.h"
#include "ruleeditor.h"
#include "rulefilterproxymodel.h"
#include "rulelistmodel.h"
#include "rulelistview.h"
#include "rulesetdocument.h"
#include "valuelisteditor.h"

#include <QApplication>
#include <QEvent>
#include <QLineEdit>
#include <QScrollBar>
#include <QTimer>

namespace Car {

void MainWindow::setExternalCheckInterval(int milliseconds)
{
    m_externalTimer->setInterval(milliseconds);
}

void MainWindow::checkForExternalChange()
{
    // Not under a modal dialog (the lockout question, Preferences, a file dialog): its answer
    // may be about to be applied to the rules it was shown. The timer asks again after.
    if (!m_document || QApplication::activeModalWidget() || !m_document->hasExternalChange())
        return;
    // Valid text still waiting for a pause in typing is applied first, as any edit: a checked
    // write over the rules shown. When the other program changed the rules it is refused, the
    // document reloads and the notice names it; otherwise it lands before the reload.
    if (m_editor)
        m_editor->commitPendingEdits();
    m_document->checkForExternalChange();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    // Coming back from the other program's window: show its change right away.
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        checkForExternalChange();
}

bool MainWindow::editorHasUnappliedText() const
{
    if (!m_document || !m_editor)
        return false;
    const int index = m_document->ruleSet().indexOfId(m_editor->currentRule());
    if (index < 0)
        return false;
    // Valid text is applied as it is typed (or by commitPendingEdits); what remains is text
    // that is not valid yet, which a refresh replaces with the stored values.
    if (const auto *name = m_editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"))) {
        if (name->text().trimmed() != m_document->ruleSet().at(index).name)
            return true;
    }
    const QList<ValueListEditor *> lists = m_editor->findChildren<ValueListEditor *>();
    for (const ValueListEditor *list : lists) {
        if (!list->isValid())
            return true;
    }
    const QList<RecipientFilterEditor *> filters =
        m_editor->findChildren<RecipientFilterEditor *>();
    for (const RecipientFilterEditor *filter : filters) {
        if (!filter->isValid())
            return true;
    }
    return false;
}

void MainWindow::notePlaceBeforeReload()
{
    m_place = Place();
    if (!m_document || !m_list)
        return;
    m_place.rule = m_list->currentRuleId();
    const int index = m_document->ruleSet().indexOfId(m_place.rule);
    if (index >= 0)
        m_place.ruleName = m_document->ruleSet().at(index).name;
    m_place.scroll = m_list->verticalScrollBar()->value();
    m_place.unappliedText = editorHasUnappliedText();
}

void MainWindow::restorePlaceAfterReload(const ExternalChange &change)
{
    if (!m_document || !m_list)
        return;
    const int index = m_document->ruleSet().indexOfId(m_place.rule);
    if (!m_place.rule.isNull()) {
        if (index >= 0) {
            if (m_list->currentRuleId() != m_place.rule)
                m_list->selectRule(m_place.rule);
        } else {
            // The rule the user was on is gone: show nothing rather than silently another rule.
            m_list->selectionModel()->clearSelection();
            m_list->setCurrentIndex(QModelIndex());
        }
    }
    m_list->verticalScrollBar()->setValue(m_place.scroll);
    if (index >= 0) {
        const QModelIndex shown = m_filter->mapFromSource(m_model->index(index, 0));
        if (shown.isValid())
            m_list->scrollTo(shown, QAbstractItemView::EnsureVisible);
    }
    updateActions();
    updateStatus();

    const bool selectedGone = !m_place.rule.isNull() && index < 0;
    const bool unapplied = m_place.unappliedText && change.refusedAction.isEmpty();
    const bool warning = !change.refusedAction.isEmpty() || selectedGone || unapplied;
    m_externalBar->showNotice(externalChangeText(change), warning);
}

QString MainWindow::externalChangeText(const ExternalChange &change) const
{
    QStringList parts;
    const int count = change.ruleCount();
    if (count == 1)
        parts << tr("1 rule changed");
    else if (count > 1)
        parts << tr("%1 rules changed").arg(count);
    else if (change.orderChanged)
        parts << tr("the rule order changed");
    if (change.settingsChanged)
        parts << tr("the target environment changed");
    if (change.directoryChanged)
        parts << tr("the directory changed");
    if (change.savedTestsChanged)
        parts << tr("the saved tests changed");
    if (change.adminChanged)
        parts << tr("the administrator settings changed");
    QStringList sentences;
    sentences << (parts.isEmpty()
                      ? tr("The workspace was changed by another program; reloaded.")
                      : tr("The workspace was changed by another program (%1); reloaded.")
                            .arg(parts.join(QStringLiteral(", "))));
    if (!change.refusedAction.isEmpty()) {
        sentences << tr("Your change \u201c%1\u201d was not applied; make it again if it is "
                        "still needed.")
                         .arg(change.refusedAction);
    }
    if (!m_place.rule.isNull()) {
        if (change.removedRules.contains(m_place.rule)) {
            sentences << tr("The rule '%1' you had selected was deleted.").arg(m_place.ruleName);
        } else if (change.changedRules.contains(m_place.rule)) {
            sentences << tr("The rule '%1' you had selected now shows the other program's "
                            "version.")
                             .arg(m_place.ruleName);
        }
    }
    if (m_place.unappliedText && change.refusedAction.isEmpty()) {
        sentences << tr("Text you had typed in '%1' was not complete and was not applied; the "
                        "editor shows the stored values.")
                         .arg(m_place.ruleName);
    }
    if (change.undoCleared) {
        sentences << tr("The undo history was cleared, so Undo cannot revert the other "
                        "program's change.");
    }
    return sentences.join(u' ');
}

} // namespace Car
