#include "replaychart.h"

#include "replay.h"
#include "semanticcolor.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QEvent>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QValueAxis>

namespace Car {

ReplayChart::ReplayChart(QWidget *parent)
    : QChartView(parent)
{
    setObjectName(QStringLiteral("replayChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);
    setMinimumWidth(360);
    clear();
}

void ReplayChart::clear()
{
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setTitle(tr("Connections per deciding rule"));
    QChart *old = this->chart();
    setChart(chart);
    delete old;
    m_categories.clear();
    applyPalette();
}

void ReplayChart::setSummary(const RuleSet &rules, const ReplaySummary &summary)
{
    auto *allowed = new QBarSet(tr("Allowed"));
    auto *denied = new QBarSet(tr("Denied"));
    allowed->setColor(semanticColor(Semantic::Allow, palette()));
    denied->setColor(semanticColor(Semantic::Deny, palette()));
    allowed->setBorderColor(allowed->color());
    denied->setBorderColor(denied->color());
    QStringList categories;
    qint64 maximum = 0;
    // Bars run bottom to top on a horizontal chart: add in reverse so priority 1 is on top.
    categories << tr("No rule matched");
    allowed->append(qreal(summary.unmatched));
    denied->append(0);
    maximum = summary.unmatched;
    for (int i = int(summary.perRule.size()) - 1; i >= 0; --i) {
        if (i >= rules.size())
            continue;
        const qint64 count = summary.perRule.at(i);
        const Rule &rule = rules.at(i);
        QString label = tr("%1 %2").arg(i + 1).arg(rule.name);
        if (label.size() > 40)
            label = label.left(39) + u'\u2026';
        categories << label;
        const bool allows = rule.action == Action::AllowAccess;
        allowed->append(allows ? qreal(count) : 0);
        denied->append(allows ? 0 : qreal(count));
        maximum = std::max(maximum, count);
    }
    auto *series = new QHorizontalStackedBarSeries;
    series->append(allowed);
    series->append(denied);
    series->setBarWidth(0.7);

    auto *chart = new QChart;
    chart->setTitle(tr("Connections per deciding rule"));
    chart->addSeries(series);
    auto *axisY = new QBarCategoryAxis;
    axisY->append(categories);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    auto *axisX = new QValueAxis;
    axisX->setRange(0, std::max<qint64>(maximum, 1) * 1.05);
    axisX->setLabelFormat(QStringLiteral("%.0f"));
    axisX->applyNiceNumbers();
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChart *old = this->chart();
    setChart(chart);
    delete old;
    m_categories = categories;
    std::reverse(m_categories.begin(), m_categories.end());
    applyPalette();
}

void ReplayChart::applyPalette()
{
    QChart *chart = this->chart();
    if (!chart)
        return;
    const QPalette pal = palette();
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setTitleBrush(pal.color(QPalette::Text));
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setLinePenColor(pal.color(QPalette::Mid));
        axis->setGridLineColor(pal.color(QPalette::Midlight));
    }
    setBackgroundBrush(pal.color(QPalette::Base));
}

void ReplayChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

} // namespace Car
