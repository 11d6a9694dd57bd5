#pragma once

#include <QColor>
#include <QIcon>

class QPalette;

namespace Car {

/// The only hard-coded colours of the console: allow green, deny red and warning amber, each in a
/// light-palette and a dark-palette variant so text in them stays readable on either.
enum class Semantic : quint8 { Allow, Deny, Warning, Neutral };

bool isDarkPalette(const QPalette &palette);
/// Foreground (text, stripe) colour for `semantic` on `palette`.
QColor semanticColor(Semantic semantic, const QPalette &palette);
/// A faint background tint for banners, readable under palette text in light and dark mode.
QColor semanticTint(Semantic semantic, const QPalette &palette);

/// The console's icons by name ("allow", "deny", "warning", "error", "disabled", "rule", "user",
/// "held", "notheld"), from the compiled-in resources.
QIcon consoleIcon(const char *name);

} // namespace Car
