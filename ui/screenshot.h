#pragma once

#include <QString>

class QWidget;

namespace Car {

/// For `carconsole --screenshot FILE` (tests/tools/screenshot.sh): once `window` has been shown
/// and laid out (after `delayMs`), grabs it into `path` (PNG by extension) and quits the
/// application with exit code 0, or 1 when the file could not be written (a message on stderr).
void scheduleScreenshot(QWidget *window, const QString &path, int delayMs = 1000);

} // namespace Car
