#include "screenshot.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <cstdio>

namespace Car {

void scheduleScreenshot(QWidget *window, const QString &path, int delayMs)
{
    QPointer<QWidget> target(window);
    QTimer::singleShot(delayMs, window, [target, path] {
        bool ok = false;
        if (target) {
            QDir().mkpath(QFileInfo(path).absolutePath());
            ok = target->grab().save(path);
        }
        if (!ok)
            std::fprintf(stderr, "carconsole: cannot write the screenshot %s\n",
                         qPrintable(QDir::toNativeSeparators(path)));
        QCoreApplication::exit(ok ? 0 : 1);
    });
}

} // namespace Car
