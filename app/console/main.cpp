// carconsole: opens the workspace (the shared default, a file given on the command line, or the
// demo) and shows the main window. Bootstrap only.

#include "cmdletwriter.h"
#include "demoworkspace.h"
#include "mainwindow.h"
#include "sqliteworkspacestore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

using namespace Car;

namespace {

std::unique_ptr<RuleStore> openStore(const QString &path, QString *error)
{
    SqliteWorkspaceStore::OpenResult opened = SqliteWorkspaceStore::open(path);
    if (!opened) {
        if (error)
            *error = opened.error;
        return nullptr;
    }
    return std::move(opened.store);
}

/// Writes the demo workspace of issue 3 into `store`, the rules recorded as cmdlet history.
bool seedDemo(RuleStore &store, QString *error)
{
    const WorkspaceData demo = makeDemoWorkspace();
    QStringList history;
    for (int i = 0; i < demo.ruleSet.size(); ++i)
        history << newRuleLine(demo.ruleSet.at(i), i + 1);
    for (const StoreResult &result :
         {store.saveRuleSet(demo.ruleSet, history, QStringLiteral("demo")),
          store.saveDirectory(demo.directory), store.saveAdmin(demo.admin)}) {
        if (!result) {
            *error = result.error;
            return false;
        }
    }
    return true;
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

    const bool demo = parser.isSet(demoOption);
    QString path = parser.positionalArguments().value(0);
    if (path.isEmpty()) {
        path = demo ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                + QStringLiteral("/demo.carws")
                    : SqliteWorkspaceStore::defaultPath();
    }
    path = QFileInfo(path).absoluteFilePath();
    const bool firstRun = !QFileInfo::exists(path) && parser.positionalArguments().isEmpty();
    if (demo) {
        for (const QString &suffix : {u""_qs, u"-wal"_qs, u"-shm"_qs})
            QFile::remove(path + suffix);
    }

    QString error;
    std::unique_ptr<RuleStore> store = openStore(path, &error);
    if (store && (demo || firstRun) && !seedDemo(*store, &error))
        store.reset();
    MainWindow window(openStore);
    if (!store || !window.setStore(std::move(store), path, &error)) {
        const QString message =
            QApplication::translate("main", "Cannot open the workspace %1:\n%2").arg(path, error);
        std::fprintf(stderr, "carconsole: %s\n", qPrintable(message));
        if (!parser.isSet(screenshotOption))
            QMessageBox::critical(nullptr, QApplication::applicationDisplayName(), message);
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
