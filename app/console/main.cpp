// carconsole: opens the workspace (the shared default, a file given on the command line, or the
// demo) through WorkspaceStarter and shows the main window. Bootstrap only.

#include "mainwindow.h"
#include "sqliteworkspacestore.h"
#include "workspacestarter.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

using namespace Car;

namespace {

std::unique_ptr<RuleStore> openStore(const QString &path, WorkspaceStarter::Access access,
                                     QString *error)
{
    SqliteWorkspaceStore::OpenResult opened = SqliteWorkspaceStore::open(
        path,
        access == WorkspaceStarter::Access::ReadOnly ? SqliteWorkspaceStore::OpenMode::ReadOnly
                                                     : SqliteWorkspaceStore::OpenMode::ReadWrite);
    if (!opened) {
        if (error)
            *error = opened.error;
        return nullptr;
    }
    return std::move(opened.store);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("carconsole"));
    QApplication::setOrganizationName(QStringLiteral("CarConsole"));
    QApplication::setApplicationDisplayName(QStringLiteral("CAR Console"));
    QApplication::setApplicationVersion(QStringLiteral(CAR_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("carconsole"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main",
                                "Design, review and simulate Exchange Client Access "
                                "Rules offline."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("workspace"),
        QApplication::translate("main", "The workspace file (.carws) to open; default: %1")
            .arg(SqliteWorkspaceStore::defaultPath()),
        QStringLiteral("[workspace]"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QApplication::translate("main",
                                "Open the demo workspace, freshly seeded (in the given "
                                "file, or demo.carws in the data folder)."));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a PNG of the window to <file> and quit."),
        QStringLiteral("file"));
    parser.addOption(demoOption);
    parser.addOption(screenshotOption);
    parser.process(app);

    WorkspaceStarter starter(openStore, &WorkspaceStarter::seedDemo,
                             {SqliteWorkspaceStore::defaultPath(),
                              QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                  + QStringLiteral("/demo.carws")});
    WorkspaceStarter::Request request;
    request.path = parser.positionalArguments().value(0);
    request.demo = parser.isSet(demoOption);
    request.headless = parser.isSet(screenshotOption);

    MainWindow window(starter.storeFactory());
    QString error;
    switch (starter.start(window, request, &error)) {
    case WorkspaceStarter::Outcome::Opened:
        break;
    case WorkspaceStarter::Outcome::Quit:
        return 0;
    case WorkspaceStarter::Outcome::Failed:
        std::fprintf(stderr, "carconsole: %s\n", qPrintable(error));
        return 1;
    }
    window.show();

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(1500, &window, [&window, file] {
            const bool saved = window.grab().save(file);
            if (!saved)
                std::fprintf(stderr, "carconsole: cannot write %s\n", qPrintable(file));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}
