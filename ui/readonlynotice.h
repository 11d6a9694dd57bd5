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

    /// Whether the console may write the workspace `path`, by the store's rule: the OS must allow
    /// writing the file (when it exists) and its folder, and some write permission bit must be
    /// set on each, so that a file marked read-only stays so even for root or an administrator.
    /// A file that fails this is opened read-only, with this notice.
    static bool canWrite(const QString &path);

private:
    ReadOnlyNotice(MainWindow *window, const QString &path);

    QString m_path;
};

} // namespace Car
