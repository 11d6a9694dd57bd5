#include "valuelisteditor.h"

#include "semanticcolor.h"

#include <QEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

namespace Car {

namespace {
constexpr int IdleApplyMs = 700;
}

ValueListEditor::ValueListEditor(const QString &objectName, const QString &placeholder,
                                 LineChecker checker, QWidget *parent)
    : QWidget(parent)
    , m_checker(std::move(checker))
    , m_edit(new QPlainTextEdit(this))
    , m_messages(new QLabel(this))
    , m_idle(new QTimer(this))
{
    m_edit->setObjectName(objectName);
    m_edit->setPlaceholderText(placeholder);
    m_edit->setTabChangesFocus(true);
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    const int lineHeight = m_edit->fontMetrics().lineSpacing();
    m_edit->setMinimumHeight(lineHeight * 2 + 12);
    m_edit->setMaximumHeight(lineHeight * 6 + 12);
    m_edit->installEventFilter(this);
    m_messages->setObjectName(objectName + QStringLiteral("Messages"));
    m_messages->setWordWrap(true);
    m_messages->setTextFormat(Qt::RichText);
    m_messages->setVisible(false);
    m_idle->setSingleShot(true);
    m_idle->setInterval(IdleApplyMs);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_messages);

    connect(m_edit, &QPlainTextEdit::textChanged, this, &ValueListEditor::onTextChanged);
    connect(m_idle, &QTimer::timeout, this, &ValueListEditor::commit);
}

void ValueListEditor::setValues(const QStringList &values)
{
    if (m_valid && this->values() == values && !m_dirty)
        return;
    m_updating = true;
    m_edit->setPlainText(values.join(u'\n'));
    m_updating = false;
    m_dirty = false;
    m_idle->stop();
    showChecks();
}

QStringList ValueListEditor::values() const
{
    QStringList result;
    const QStringList lines = m_edit->toPlainText().split(u'\n');
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        const LineCheck check = m_checker(line.trimmed());
        result << (check.normalized.isEmpty() ? line.trimmed() : check.normalized);
    }
    return result;
}

void ValueListEditor::recheck()
{
    showChecks();
}

void ValueListEditor::commit()
{
    m_idle->stop();
    if (!m_dirty || !m_valid)
        return;
    m_dirty = false;
    emit edited();
}

bool ValueListEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::FocusOut) {
        commit();
        if (m_valid)
            normalizeText();
    }
    return QWidget::eventFilter(watched, event);
}

void ValueListEditor::onTextChanged()
{
    if (m_updating)
        return;
    m_dirty = true;
    showChecks();
    m_idle->start();
}

void ValueListEditor::normalizeText()
{
    const QStringList normalized = values();
    QStringList current;
    for (const QString &line : m_edit->toPlainText().split(u'\n')) {
        if (!line.trimmed().isEmpty())
            current << line;
    }
    if (current == normalized)
        return;
    m_updating = true;
    m_edit->setPlainText(normalized.join(u'\n'));
    m_updating = false;
    showChecks();
}

void ValueListEditor::showChecks()
{
    QList<QTextEdit::ExtraSelection> marks;
    QStringList messages;
    bool valid = true;
    const QColor errorColor = semanticColor(Semantic::Deny, palette());
    const QColor warningColor = semanticColor(Semantic::Warning, palette());
    for (QTextBlock block = m_edit->document()->begin(); block.isValid(); block = block.next()) {
        const QString line = block.text().trimmed();
        if (line.isEmpty())
            continue;
        const LineCheck check = m_checker(line);
        const int number = block.blockNumber() + 1;
        if (!check.error.isEmpty()) {
            valid = false;
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(block);
            mark.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
            mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            mark.format.setUnderlineColor(errorColor);
            mark.format.setToolTip(check.error);
            marks << mark;
            messages << QStringLiteral("<span style=\"color:%1\">%2</span>")
                            .arg(errorColor.name(),
                                 tr("line %1: %2").arg(number).arg(check.error.toHtmlEscaped()));
            continue;
        }
        QString note = check.note;
        if (note.isEmpty() && !check.normalized.isEmpty() && check.normalized != line)
            note = tr("stored as %1").arg(check.normalized);
        if (note.isEmpty())
            continue;
        const QString text = tr("line %1 (%2): %3").arg(number).arg(line, note).toHtmlEscaped();
        messages << (check.warning ? QStringLiteral("<span style=\"color:%1\">%2</span>")
                                         .arg(warningColor.name(), text)
                                   : text);
    }
    m_edit->setExtraSelections(marks);
    m_valid = valid;
    m_messages->setText(messages.join(QStringLiteral("<br>")));
    m_messages->setVisible(!messages.isEmpty());
}

} // namespace Car
