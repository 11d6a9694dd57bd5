#pragma once

#include <QUuid>
#include <QWidget>

class QPlainTextEdit;
class QPushButton;

namespace Car {

class RuleSetDocument;

/// The exact New-ClientAccessRule line that recreates the current rule at its priority,
/// read-only, with a Copy button.
class CmdletPreview : public QWidget
{
    Q_OBJECT

public:
    explicit CmdletPreview(RuleSetDocument *document, QWidget *parent = nullptr);

    void setCurrentRule(const QUuid &id);
    QString text() const;

public slots:
    void copyToClipboard();

private:
    void refresh();

    RuleSetDocument *m_document;
    QUuid m_ruleId;
    QPlainTextEdit *m_text;
    QPushButton *m_copy;
};

} // namespace Car
