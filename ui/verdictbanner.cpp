#include "verdictbanner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace Car {

namespace {
constexpr int StripeWidth = 4;
constexpr int IconSize = 22;
} // namespace

VerdictBanner::VerdictBanner(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("verdictBanner"));
    m_icon = new QLabel(this);
    m_icon->setFixedSize(IconSize, IconSize);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("verdictTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("verdictDetail"));
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setWordWrap(true);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_title);
    texts->addWidget(m_detail);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(StripeWidth + 8, 6, 8, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
}

void VerdictBanner::setVerdict(Semantic semantic, const QString &title, const QString &detail)
{
    m_semantic = semantic;
    m_title->setText(title);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    setAccessibleName(title);
    updateIcon();
    update();
}

QString VerdictBanner::title() const
{
    return m_title->text();
}

QString VerdictBanner::detail() const
{
    return m_detail->text();
}

void VerdictBanner::updateIcon()
{
    const char *name = m_semantic == Semantic::Allow ? "allow"
        : m_semantic == Semantic::Deny               ? "deny"
        : m_semantic == Semantic::Warning            ? "warning"
                                                     : "rule";
    m_icon->setPixmap(consoleIcon(name).pixmap(IconSize, IconSize));
}

void VerdictBanner::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const QColor stripe = semanticColor(m_semantic, palette());
    painter.setPen(QPen(stripe.lighter(m_semantic == Semantic::Neutral ? 100 : 110), 1));
    painter.setBrush(m_semantic == Semantic::Neutral ? palette().color(QPalette::AlternateBase)
                                                     : semanticTint(m_semantic, palette()));
    painter.drawRoundedRect(box, 4, 4);
    painter.setPen(Qt::NoPen);
    painter.setBrush(stripe);
    painter.drawRoundedRect(QRectF(box.left(), box.top(), StripeWidth, box.height()), 2, 2);
    QFrame::paintEvent(event);
}

void VerdictBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateIcon();
    QFrame::changeEvent(event);
}

} // namespace Car
