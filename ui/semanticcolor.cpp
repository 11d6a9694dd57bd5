#include "semanticcolor.h"

#include <QPalette>

namespace Car {

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor semanticColor(Semantic semantic, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    switch (semantic) {
    case Semantic::Allow:
        return dark ? QColor(0x56, 0xd3, 0x64) : QColor(0x1a, 0x7f, 0x37);
    case Semantic::Deny:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    case Semantic::Warning:
        return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
    case Semantic::Neutral:
        break;
    }
    return palette.color(QPalette::Mid);
}

QColor semanticTint(Semantic semantic, const QPalette &palette)
{
    QColor color = semanticColor(semantic, palette);
    color.setAlpha(isDarkPalette(palette) ? 48 : 28);
    return color;
}

QIcon consoleIcon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

} // namespace Car
