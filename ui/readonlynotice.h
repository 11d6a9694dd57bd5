#pragma once

#include <QToolBar>

namespace Car {

class MainWindow;

/// A bar across the top of the window while a workspace is open read-only: it names the file,
/// says that changes cannot be saved, and goes away when another workspace is opened.
class ReadOnlyNotice : public QToolBar
{
    Q_OBJECT

public:
    /// Adds the notice for `path` (the workspace `window` shows now) to `window`.
    static ReadOnlyNotice *show(MainWindow *window, const QString &path);

    QString path() const { return m_path; }

private:
    ReadOnlyNotice(MainWindow *window, const QString &path);

    QString m_path;
};

} // namespace Car
