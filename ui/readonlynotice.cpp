#include "readonlynotice.h"

#include "mainwindow.h"
#include "rulesetdocument.h"
#include "semanticcolor.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QStatusBar>

namespace Car {

ReadOnlyNotice *ReadOnlyNotice::show(MainWindow *window, const QString &path)
{
    for (ReadOnlyNotice *old : window->findChildren<ReadOnlyNotice *>())
        delete old;
    auto *notice = new ReadOnlyNotice(window, path);
    window->addToolBar(Qt::TopToolBarArea, notice);
    window->statusBar()->showMessage(
        tr("Opened read-only: changes to this workspace cannot be saved."), 15000);
    return notice;
}

bool ReadOnlyNotice::canWrite(const QString &path)
{
    constexpr QFileDevice::Permissions anyWrite =
        QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
    const QFileInfo file(path);
    for (const QFileInfo &info : {file, QFileInfo(file.absolutePath())}) {
        if (!info.exists())
            continue;
        if (!info.isWritable() || !(info.permissions() & anyWrite))
            return false;
    }
    return true;
}

ReadOnlyNotice::ReadOnlyNotice(MainWindow *window, const QString &path)
    : QToolBar(tr("Read-Only"), window)
    , m_path(path)
{
    setObjectName(QStringLiteral("readOnlyNotice"));
    setMovable(false);
    setFloatable(false);
    setAutoFillBackground(true);
    QPalette tinted = palette();
    tinted.setColor(QPalette::Window, semanticTint(Semantic::Warning, palette()));
    setPalette(tinted);

    auto *box = new QWidget(this);
    auto *icon = new QLabel(box);
    icon->setPixmap(consoleIcon("warning").pixmap(20, 20));
    auto *text = new QLabel(box);
    text->setObjectName(QStringLiteral("readOnlyNoticeText"));
    text->setTextFormat(Qt::RichText);
    const QString shown = QDir::toNativeSeparators(path).toHtmlEscaped();
    text->setText(tr("<b>Opened read-only:</b> %1 cannot be written. You can review the rules "
                     "and test connections; edits will not be saved.")
                      .arg(shown));
    // A long path is cut at the window's edge rather than widening the window.
    text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    text->setToolTip(tr("To edit this workspace, make the file (and its folder) writable and "
                        "open it again."));
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(icon);
    layout->addWidget(text, 1);
    addWidget(box);

    // Opening another workspace replaces (deletes) the document this notice is about.
    if (RuleSetDocument *document = window->document())
        connect(document, &QObject::destroyed, this, &QObject::deleteLater);
}

} // namespace Car
