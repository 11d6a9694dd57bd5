#pragma once

#include <QFrame>

#include <memory>

namespace Ui {
class ExternalChangeBar;
}

namespace Car {

/// The notice at the top of the console window after another program (a second console,
/// carconsole-cli) changed the open workspace and the window reloaded it: what changed, what of
/// the user's own work was not applied, and a Dismiss button. Non-modal: the window stays usable
/// while it shows. Hidden until showNotice().
class ExternalChangeBar : public QFrame
{
    Q_OBJECT

public:
    explicit ExternalChangeBar(QWidget *parent = nullptr);
    ~ExternalChangeBar() override;

    /// Shows `text` (plain text), replacing any earlier notice. `warning` tints the bar amber
    /// (something of the user's was not applied) instead of neutral.
    void showNotice(const QString &text, bool warning);
    QString text() const;

signals:
    void dismissed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateColors();

    std::unique_ptr<Ui::ExternalChangeBar> m_ui;
    bool m_warning = false;
};

} // namespace Car
