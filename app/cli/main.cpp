#include "cliapp.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("carconsole"));
    QCoreApplication::setOrganizationName(QStringLiteral("CarConsole"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CAR_VERSION_STRING));

    QFile in;
    QFile out;
    QFile err;
    in.open(stdin, QIODevice::ReadOnly);
    out.open(stdout, QIODevice::WriteOnly);
    err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    Car::CliApp cli(&in, &out, &err);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    const int code = cli.run(arguments);
    out.flush();
    return code;
}
