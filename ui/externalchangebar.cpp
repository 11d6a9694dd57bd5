#include "externalchangebar.h"

#include "semanticcolor.h"
#include "ui_externalchangebar.h"

#include <QApplication>
#include <QEvent>
#include <QStyle>

namespace Car {

ExternalChangeBar::ExternalChangeBar(QWidget *parent)
    : QFrame(parent)
    , m_ui(std::make_unique<Ui::ExternalChangeBar>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("externalChangeBar"));
    setAutoFillBackground(true);
    setAccessibleName(tr("Workspace changed by another program"));
    connect(m_ui->externalChangeDismiss, &QPushButton::clicked, this, [this] {
        hide();
        emit dismissed();
    });
    hide();
}

ExternalChangeBar::~ExternalChangeBar() = default;

void ExternalChangeBar::showNotice(const QString &text, bool warning)
{
    m_warning = warning;
    m_ui->externalChangeText->setText(text);
    setAccessibleDescription(text);
    updateColors();
    show();
}

QString ExternalChangeBar::text() const
{
    return m_ui->externalChangeText->text();
}

void ExternalChangeBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateColors();
}

void ExternalChangeBar::updateColors()
{
    // Amber when something of the user's was not applied; otherwise a faint highlight tint.
    const QPalette base = QApplication::palette(this);
    QColor tint = semanticTint(Semantic::Warning, base);
    if (!m_warning) {
        const QColor window = base.color(QPalette::Window);
        const QColor highlight = base.color(QPalette::Highlight);
        constexpr float Share = 0.18f;
        tint = QColor::fromRgbF(window.redF() + (highlight.redF() - window.redF()) * Share,
                                window.greenF() + (highlight.greenF() - window.greenF()) * Share,
                                window.blueF() + (highlight.blueF() - window.blueF()) * Share);
    }
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window, tint);
    // Setting the palette would re-enter changeEvent: only when it differs.
    if (tinted.color(QPalette::Window) != palette().color(QPalette::Window))
        setPalette(tinted);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    const QIcon icon = m_warning ? consoleIcon("warning")
                                 : style()->standardIcon(QStyle::SP_BrowserReload, nullptr, this);
    m_ui->externalChangeIcon->setPixmap(icon.pixmap(size, size));
}

} // namespace Car
