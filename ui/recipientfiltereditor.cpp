#include "recipientfiltereditor.h"

#include "directory.h"
#include "enums.h"
#include "recipientfilter.h"
#include "semanticcolor.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QTimer>
#include <QVBoxLayout>

namespace Car {

namespace {

constexpr int IdleApplyMs = 700;

QStringList attributeNames()
{
    QStringList names;
    for (Attribute attribute : allAttributes())
        names << toString(attribute);
    return names;
}

QString quoted(const QString &value)
{
    QString text = value;
    text.replace(u'\'', QStringLiteral("''"));
    return u'\'' + text + u'\'';
}

} // namespace

RecipientFilterEditor::RecipientFilterEditor(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_matches(new QLabel(this))
    , m_grouping(new QLabel(this))
    , m_attribute(new QComboBox(this))
    , m_operator(new QComboBox(this))
    , m_value(new QLineEdit(this))
    , m_join(new QComboBox(this))
    , m_add(new QPushButton(tr("Add clause"), this))
    , m_completer(new QCompleter(attributeNames(), this))
    , m_idle(new QTimer(this))
{
    m_edit->setObjectName(QStringLiteral("filterEdit"));
    m_edit->setPlaceholderText(tr("e.g. Department -ne 'IT'"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_edit->setFont(fixed);
    m_error->setObjectName(QStringLiteral("filterError"));
    m_error->setFont(fixed);
    m_error->setTextFormat(Qt::RichText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setVisible(false);
    m_matches->setObjectName(QStringLiteral("filterMatches"));
    m_grouping->setObjectName(QStringLiteral("filterGrouping"));
    m_grouping->setWordWrap(true);
    m_grouping->setVisible(false);

    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(m_edit);
    m_completer->setObjectName(QStringLiteral("filterCompleter"));

    m_attribute->setObjectName(QStringLiteral("builderAttribute"));
    m_attribute->addItems(attributeNames());
    m_attribute->setCurrentText(toString(Attribute::Department));
    m_operator->setObjectName(QStringLiteral("builderOperator"));
    for (const char *op : {"-eq", "-ne", "-like", "-notlike"})
        m_operator->addItem(QLatin1String(op));
    m_operator->setToolTip(tr("-eq and -ne compare whole values ignoring case; -like and "
                              "-notlike take * wildcards"));
    m_value->setObjectName(QStringLiteral("builderValue"));
    m_value->setPlaceholderText(tr("value"));
    m_join->setObjectName(QStringLiteral("builderJoin"));
    m_join->addItem(QStringLiteral("-and"));
    m_join->addItem(QStringLiteral("-or"));
    m_join->setToolTip(tr("How the clause joins the filter so far"));
    m_add->setObjectName(QStringLiteral("builderAdd"));
    m_idle->setSingleShot(true);
    m_idle->setInterval(IdleApplyMs);

    auto *builder = new QHBoxLayout;
    builder->setSpacing(4);
    builder->addWidget(m_join);
    builder->addWidget(m_attribute, 2);
    builder->addWidget(m_operator);
    builder->addWidget(m_value, 2);
    builder->addWidget(m_add);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    layout->addWidget(m_edit);
    layout->addWidget(m_error);
    layout->addWidget(m_grouping);
    layout->addWidget(m_matches);
    layout->addLayout(builder);

    connect(m_edit, &QLineEdit::textEdited, this, &RecipientFilterEditor::onTextEdited);
    connect(m_edit, &QLineEdit::returnPressed, this, &RecipientFilterEditor::commit);
    connect(m_idle, &QTimer::timeout, this, &RecipientFilterEditor::commit);
    connect(m_add, &QPushButton::clicked, this, &RecipientFilterEditor::appendClause);
    connect(m_value, &QLineEdit::returnPressed, this, &RecipientFilterEditor::appendClause);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &RecipientFilterEditor::insertCompletion);
    check();
}

void RecipientFilterEditor::setDirectory(const Directory *directory)
{
    m_directory = directory;
    check();
}

void RecipientFilterEditor::setFilter(const QString &filter)
{
    if (m_edit->text() == filter && !m_dirty)
        return;
    m_edit->setText(filter);
    m_dirty = false;
    m_idle->stop();
    check();
}

QString RecipientFilterEditor::filter() const
{
    return m_edit->text().trimmed();
}

void RecipientFilterEditor::commit()
{
    m_idle->stop();
    if (!m_dirty || !m_valid)
        return;
    m_dirty = false;
    emit edited();
}

void RecipientFilterEditor::appendClause()
{
    const QString value = m_value->text();
    const QString clause =
        QStringLiteral("%1 %2 %3")
            .arg(m_attribute->currentText(), m_operator->currentText(), quoted(value));
    QString text = m_edit->text().trimmed();
    bool braces = false;
    if (text.startsWith(u'{') && text.endsWith(u'}')) {
        braces = true;
        text = text.mid(1, text.size() - 2).trimmed();
    }
    text = text.isEmpty() ? clause : text + u' ' + m_join->currentText() + u' ' + clause;
    m_edit->setText(braces ? u'{' + text + u'}' : text);
    m_value->clear();
    m_dirty = true;
    check();
    commit();
}

bool RecipientFilterEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::FocusOut
        && !m_completer->popup()->isVisible())
        commit();
    return QWidget::eventFilter(watched, event);
}

void RecipientFilterEditor::onTextEdited()
{
    m_dirty = true;
    check();
    completeWord();
    m_idle->start();
}

void RecipientFilterEditor::check()
{
    const QString text = filter();
    QString matches;
    m_grouping->setVisible(false);
    if (text.isEmpty()) {
        m_valid = true;
        m_error->setVisible(false);
        m_matches->setText(tr("No filter: the rule does not look at user attributes."));
        return;
    }
    FilterError error;
    const std::optional<RecipientFilter> parsed = RecipientFilter::parse(text, &error);
    m_valid = parsed.has_value();
    const QColor errorColor = semanticColor(Semantic::Deny, palette());
    if (!parsed) {
        // The filter and a caret under the failing column, both in the fixed font.
        const auto keepSpaces = [](const QString &line) {
            return line.toHtmlEscaped().replace(u' ', QStringLiteral("&nbsp;"));
        };
        const int column = qBound(1, error.column, int(text.size()) + 1);
        const QString caret = QString(column - 1, u' ') + u'^';
        m_error->setText(QStringLiteral("%1<br><span style=\"color:%2\">%3<br>%4</span>")
                             .arg(keepSpaces(text), errorColor.name(), keepSpaces(caret),
                                  error.toString().toHtmlEscaped()));
        m_error->setToolTip(error.toString());
        m_error->setVisible(true);
        m_matches->setText(tr("Not stored until the filter is valid."));
        return;
    }
    m_error->setVisible(false);
    const QStringList warnings = parsed->warnings();
    if (!warnings.isEmpty()) {
        m_grouping->setText(
            QStringLiteral("<span style=\"color:%1\">%2</span><br>%3")
                .arg(semanticColor(Semantic::Warning, palette()).name(),
                     warnings.join(QStringLiteral("<br>")).toHtmlEscaped(),
                     tr("Read as: %1").arg(parsed->explicitGrouping()).toHtmlEscaped()));
        m_grouping->setVisible(true);
    }
    if (!m_directory || m_directory->isEmpty()) {
        m_matches->setText(tr("Valid filter. The directory is empty, so no user can match."));
        return;
    }
    int count = 0;
    QStringList names;
    for (const DirectoryUser &user : m_directory->users()) {
        if (parsed->matches(&user)) {
            ++count;
            if (names.size() < 4)
                names << user.userPrincipalName;
        }
    }
    QString text2 = tr("%1 of %2 directory users match").arg(count).arg(m_directory->size());
    if (!names.isEmpty())
        text2 += QStringLiteral(": ") + names.join(QStringLiteral(", "))
            + (count > names.size() ? QStringLiteral(", \u2026") : QString());
    m_matches->setText(text2);
}

void RecipientFilterEditor::completeWord()
{
    const QString text = m_edit->text();
    const int cursor = m_edit->cursorPosition();
    int start = cursor;
    while (start > 0 && text.at(start - 1).isLetterOrNumber())
        --start;
    const QString prefix = text.mid(start, cursor - start);
    // Only where an attribute can start: not after '-' (operators), not inside quotes.
    const bool afterDash = start > 0 && text.at(start - 1) == u'-';
    const int quotes = int(text.left(start).count(u'\'') + text.left(start).count(u'"'));
    if (prefix.isEmpty() || afterDash || quotes % 2 == 1 || !prefix.at(0).isLetter()) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() == 0
        || (m_completer->completionCount() == 1
            && m_completer->currentCompletion().compare(prefix, Qt::CaseInsensitive) == 0)) {
        m_completer->popup()->hide();
        return;
    }
    const int x = qMin(m_edit->fontMetrics().horizontalAdvance(text.left(start)) + 4,
                       qMax(0, m_edit->width() - 160));
    const QRect rect(x, 0, m_completer->popup()->sizeHintForColumn(0) + 24, m_edit->height());
    m_completer->complete(rect);
}

void RecipientFilterEditor::insertCompletion(const QString &attribute)
{
    const QString text = m_edit->text();
    const int cursor = m_edit->cursorPosition();
    int start = cursor;
    while (start > 0 && text.at(start - 1).isLetterOrNumber())
        --start;
    m_edit->setText(text.left(start) + attribute + text.mid(cursor));
    m_edit->setCursorPosition(int(start + attribute.size()));
    m_dirty = true;
    check();
    m_idle->start();
}

} // namespace Car
