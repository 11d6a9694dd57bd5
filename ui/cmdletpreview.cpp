#include "cmdletpreview.h"

#include "cmdletwriter.h"
#include "rulesetdocument.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Car {

CmdletPreview::CmdletPreview(RuleSetDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_text(new QPlainTextEdit(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
{
    setObjectName(QStringLiteral("cmdletPreview"));
    m_text->setObjectName(QStringLiteral("cmdletText"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setTabChangesFocus(true);
    m_text->setMinimumHeight(m_text->fontMetrics().lineSpacing() * 2 + 12);
    m_copy->setObjectName(QStringLiteral("copyCmdletButton"));
    m_copy->setToolTip(tr("Copy the line to the clipboard"));

    auto *title = new QLabel(tr("PowerShell"), this);
    title->setForegroundRole(QPalette::PlaceholderText);
    auto *header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch();
    header->addWidget(m_copy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_text);

    connect(m_copy, &QPushButton::clicked, this, &CmdletPreview::copyToClipboard);
    connect(document, &RuleSetDocument::ruleSetReset, this, &CmdletPreview::refresh);
    refresh();
}

void CmdletPreview::setCurrentRule(const QUuid &id)
{
    m_ruleId = id;
    refresh();
}

QString CmdletPreview::text() const
{
    return m_text->toPlainText();
}

void CmdletPreview::copyToClipboard()
{
    QApplication::clipboard()->setText(text());
}

void CmdletPreview::refresh()
{
    const int index = m_document->ruleSet().indexOfId(m_ruleId);
    m_text->setPlainText(index >= 0 ? newRuleLine(m_document->ruleSet().at(index), index + 1)
                                    : QString());
    m_copy->setEnabled(index >= 0);
}

} // namespace Car
