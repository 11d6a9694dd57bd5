#pragma once

#include "ruleset.h"

#include <QChartView>

namespace Car {

struct ReplaySummary;

/// Connections per deciding rule as horizontal bars, allowed in green and denied in red (a
/// stacked series of two sets, so each bar has its action's colour and the legend says which is
/// which), "no rule matched" last. Follows the palette.
class ReplayChart : public QChartView
{
    Q_OBJECT

public:
    explicit ReplayChart(QWidget *parent = nullptr);

    void setSummary(const RuleSet &rules, const ReplaySummary &summary);
    void clear();
    /// The bar labels, top to bottom, and their counts (for tests).
    QStringList categories() const { return m_categories; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QStringList m_categories;
};

} // namespace Car
