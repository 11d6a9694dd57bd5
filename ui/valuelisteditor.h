#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QTimer;

namespace Car {

/// What a ValueListEditor knows about one line: why it is invalid, how it is stored, and a note
/// (e.g. "matches 2 users", "can never match").
struct LineCheck
{
    QString error; ///< non-empty: the line is invalid and the list is not applied
    QString normalized; ///< the stored form (CIDR with host bits cleared)
    QString note;
    bool warning = false; ///< the note is a warning
};
using LineChecker = std::function<LineCheck(const QString &line)>;

/// A list of values edited as text, one per line: type entries one by one or paste many lines.
/// Every line is checked as you type; invalid lines are underlined and explained below the text
/// ("line 2: ..."). The list counts as edited (edited() fires) only when every line is valid, after
/// a short pause in typing or when focus leaves; on leaving, lines are rewritten in their stored
/// form so CIDRs show normalised.
class ValueListEditor : public QWidget
{
    Q_OBJECT

public:
    /// `objectName` names the text box (tests find it); the message label gets "<name>Messages".
    ValueListEditor(const QString &objectName, const QString &placeholder, LineChecker checker,
                    QWidget *parent = nullptr);

    /// Shows `values` (one per line) unless the editor already holds exactly them.
    void setValues(const QStringList &values);
    /// The stored forms of the current lines (blank lines skipped); only meaningful if isValid().
    QStringList values() const;
    bool isValid() const { return m_valid; }
    /// Re-runs the checker (when what it depends on changed, e.g. the directory).
    void recheck();

    QPlainTextEdit *textEdit() const { return m_edit; }
    QLabel *messageLabel() const { return m_messages; }

public slots:
    /// Emits edited() now if the text changed since the last emit and is valid.
    void commit();

signals:
    void edited();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onTextChanged();
    void showChecks();
    void normalizeText();

    LineChecker m_checker;
    QPlainTextEdit *m_edit;
    QLabel *m_messages;
    QTimer *m_idle;
    bool m_valid = true;
    bool m_dirty = false;
    bool m_updating = false;
};

} // namespace Car
