#pragma once

#include "semanticcolor.h"

#include <QFrame>

class QLabel;

namespace Car {

/// The Test connection verdict: an icon, a title ("Denied by rule 3 ...") and a detail line, on a
/// faint allow/deny tint with a coloured stripe. Follows the palette; only the tint is semantic.
class VerdictBanner : public QFrame
{
    Q_OBJECT

public:
    explicit VerdictBanner(QWidget *parent = nullptr);

    void setVerdict(Semantic semantic, const QString &title, const QString &detail);
    Semantic semantic() const { return m_semantic; }
    QString title() const;
    QString detail() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateIcon();

    Semantic m_semantic = Semantic::Neutral;
    QLabel *m_icon = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_detail = nullptr;
};

} // namespace Car
