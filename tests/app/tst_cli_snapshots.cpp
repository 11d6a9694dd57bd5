// carconsole-cli snapshot save|list|restore|delete|diff through the real executable: round
// trips, the change script executed on a copy turns A into B (and the rollback back), and bad
// input leaves the workspace byte-for-byte as it was.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "clirunner.h"
#include "sqliteworkspacestore.h"

using namespace CliTest;

class TestCliSnapshots : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void saveListRestoreDelete();
    void diffText();
    void changeScriptTurnsAIntoB_data();
    void changeScriptTurnsAIntoB();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void readCommandsOnAbsentWorkspaceCreateNothing();
    void version1WorkspaceIsUpgradedAndListed();

private:
    void seed();
    QByteArray exportRules();

    Runner cli;
};

void TestCliSnapshots::init()
{
    QVERIFY(cli.reset());
}

void TestCliSnapshots::seed()
{
    const Run exec = cli({QStringLiteral("exec"), dataFile("seed.ps1")});
    CAR_VERIFY_RUN(exec, 0);
    const Run users =
        cli({QStringLiteral("directory"), QStringLiteral("import"), dataFile("users.csv")});
    CAR_VERIFY_RUN(users, 0);
}

QByteArray TestCliSnapshots::exportRules()
{
    const Run run = cli({QStringLiteral("export")});
    if (run.code != 0)
        qWarning("export failed: %s", run.err.constData());
    return run.out;
}

void TestCliSnapshots::saveListRestoreDelete()
{
    seed();
    const QByteArray original = exportRules();
    const QByteArray originalJson = cli({QStringLiteral("get"), QStringLiteral("--json")}).out;
    const Run save =
        cli({QStringLiteral("snapshot"), QStringLiteral("save"), QStringLiteral("Go-live"),
             QStringLiteral("--note"), QStringLiteral("applied to Exchange 2026-11-27")});
    CAR_VERIFY_RUN(save, 0);
    QCOMPARE(save.out, QByteArray("saved snapshot 'Go-live' (3 rule(s))\n"));

    const Run list = cli({QStringLiteral("snapshot"), QStringLiteral("list")});
    CAR_VERIFY_RUN(list, 0);
    const QList<QByteArray> lines = list.out.split('\n');
    QVERIFY2(lines.value(0).startsWith("Name    Created (UTC)"), list.out.constData());
    QVERIFY2(lines.value(2).startsWith("Go-live 20"), list.out.constData());
    QVERIFY2(lines.value(2).endsWith("    3 applied to Exchange 2026-11-27"), list.out.constData());

    const Run json =
        cli({QStringLiteral("snapshot"), QStringLiteral("list"), QStringLiteral("--json")});
    CAR_VERIFY_RUN(json, 0);
    const QJsonArray array = QJsonDocument::fromJson(json.out).array();
    QCOMPARE(array.size(), 1);
    const QJsonObject object = array.at(0).toObject();
    QCOMPARE(object.keys(),
             (QStringList {QStringLiteral("created"), QStringLiteral("name"),
                           QStringLiteral("note"), QStringLiteral("rules")}));
    QCOMPARE(object.value(QStringLiteral("rules")).toInt(), 3);
    const QDateTime created = QDateTime::fromString(
        object.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
    QVERIFY(created.isValid());
    QCOMPARE(created.timeSpec(), Qt::UTC);
    QVERIFY(qAbs(created.secsTo(QDateTime::currentDateTimeUtc())) < 120);

    // Change the rules, then restore: the rule set equals the saved one, ids included.
    const Run change = cli({QStringLiteral("exec"), QStringLiteral("-")},
                           "Remove-ClientAccessRule 'EAC only for IT' -Confirm:$false\n"
                           "Set-ClientAccessRule 'Restrict EAC to management' -Priority 1\n");
    CAR_VERIFY_RUN(change, 0);
    QVERIFY(exportRules() != original);
    const Run restore =
        cli({QStringLiteral("snapshot"), QStringLiteral("restore"), QStringLiteral("GO-LIVE")});
    CAR_VERIFY_RUN(restore, 0);
    QCOMPARE(exportRules(), original);
    QCOMPARE(cli({QStringLiteral("get"), QStringLiteral("--json")}).out, originalJson);
    const Run same = cli({QStringLiteral("snapshot"), QStringLiteral("diff"),
                          QStringLiteral("Go-live"), QStringLiteral("current")});
    CAR_VERIFY_RUN(same, 0);
    QCOMPARE(same.out, QByteArray("No differences.\n"));
    {
        // The restore is in the history: a marker line, then the cmdlets it amounted to.
        auto opened = Car::SqliteWorkspaceStore::open(
            cli.db(), Car::SqliteWorkspaceStore::OpenMode::ReadOnly);
        QVERIFY2(opened, qPrintable(opened.error));
        QList<Car::HistoryEntry> history;
        QVERIFY(opened.store->history(history).ok);
        QStringList lines;
        for (const Car::HistoryEntry &entry : history)
            lines << entry.cmdlet;
        const int marker = int(lines.indexOf(QStringLiteral("# snapshot restore 'GO-LIVE'")));
        QVERIFY2(marker >= 0, qPrintable(lines.join(QLatin1Char('\n'))));
        const QStringList restored = lines.mid(marker + 1);
        QVERIFY2(restored.size() >= 2, qPrintable(restored.join(QLatin1Char('\n'))));
        QVERIFY2(
            restored.filter(QStringLiteral("New-ClientAccessRule -Name 'EAC only for IT'")).size()
                == 1,
            qPrintable(restored.join(QLatin1Char('\n'))));
        QCOMPARE(history.at(marker).source, QStringLiteral("cli"));
    }

    const Run del =
        cli({QStringLiteral("snapshot"), QStringLiteral("delete"), QStringLiteral("go-live")});
    CAR_VERIFY_RUN(del, 0);
    const Run empty = cli({QStringLiteral("snapshot"), QStringLiteral("list")});
    CAR_VERIFY_RUN(empty, 0);
    QCOMPARE(empty.out, QByteArray());
    QCOMPARE(exportRules(), original); // deleting a snapshot leaves the rules alone
}

void TestCliSnapshots::diffText()
{
    seed();
    CAR_VERIFY_RUN(cli({QStringLiteral("snapshot"), QStringLiteral("save"), QStringLiteral("A")}),
                   0);
    const Run change =
        cli({QStringLiteral("exec"), QStringLiteral("-")},
            "Set-ClientAccessRule 'EAC only for IT' -Enabled $false\n"
            "New-ClientAccessRule 'Block POP' -Action DenyAccess "
            "-AnyOfProtocols POP3 -Priority 1\n"
            "Remove-ClientAccessRule 'Restrict EAC to management' -Confirm:$false\n");
    CAR_VERIFY_RUN(change, 0);

    const Run diff = cli({QStringLiteral("snapshot"), QStringLiteral("diff"), QStringLiteral("A")});
    CAR_VERIFY_RUN(diff, 0);
    QCOMPARE(diff.out,
             QByteArray("- 'Restrict EAC to management' (was 2)\n"
                        "+ 'Block POP' at 1\n"
                        "~ 'EAC only for IT': Enabled $true -> $false\n"));
    // The other way round: `current` names the working set on either side.
    const Run back = cli({QStringLiteral("snapshot"), QStringLiteral("diff"),
                          QStringLiteral("Current"), QStringLiteral("a")});
    CAR_VERIFY_RUN(back, 0);
    QVERIFY2(back.out.contains("- 'Block POP' (was 1)"), back.out.constData());
    QVERIFY2(back.out.contains("+ 'Restrict EAC to management' at 2"), back.out.constData());
}

void TestCliSnapshots::changeScriptTurnsAIntoB_data()
{
    QTest::addColumn<QByteArray>("change");
    QTest::newRow("no change: the script is empty") << QByteArray();
    QTest::newRow("values changed, a rule disabled")
        << QByteArray("Set-ClientAccessRule 'EAC only for IT' -Enabled $false "
                      "-UserRecipientFilter \"Department -ne 'Sales'\"\n"
                      "Set-ClientAccessRule 'Restrict EAC to management' "
                      "-ExceptAnyOfClientIPAddressesOrRanges @{Add='10.0.0.0/8'}\n");
    QTest::newRow("added at the top, removed from the middle")
        << QByteArray("New-ClientAccessRule 'Block POP' -Action DenyAccess -AnyOfProtocols POP3 "
                      "-Priority 1\n"
                      "Remove-ClientAccessRule 'Restrict EAC to management' -Confirm:$false\n");
    QTest::newRow("two rules swap names (a rename cycle needs a temporary name)")
        << QByteArray("Set-ClientAccessRule 'EAC only for IT' -Name 'tmp'\n"
                      "Set-ClientAccessRule 'Restrict EAC to management' -Name 'EAC only for IT'\n"
                      "Set-ClientAccessRule 'tmp' -Name 'Restrict EAC to management'\n");
    QTest::newRow("the order reversed")
        << QByteArray("Set-ClientAccessRule 'EAC only for IT' -Priority 1\n"
                      "Set-ClientAccessRule 'Always Allow Remote PowerShell' -Priority 3\n");
    QTest::newRow("every rule removed")
        << QByteArray("Remove-ClientAccessRule 'EAC only for IT' -Confirm:$false\n"
                      "Remove-ClientAccessRule 'Restrict EAC to management' -Confirm:$false\n"
                      "Remove-ClientAccessRule 'Always Allow Remote PowerShell' -Confirm:$false\n");
}

void TestCliSnapshots::changeScriptTurnsAIntoB()
{
    QFETCH(QByteArray, change);
    seed();
    CAR_VERIFY_RUN(cli({QStringLiteral("snapshot"), QStringLiteral("save"), QStringLiteral("A")}),
                   0);
    const QByteArray exportA = exportRules();
    if (!change.isEmpty())
        CAR_VERIFY_RUN(cli({QStringLiteral("exec"), QStringLiteral("-")}, change), 0);
    CAR_VERIFY_RUN(cli({QStringLiteral("snapshot"), QStringLiteral("save"), QStringLiteral("B")}),
                   0);
    const QByteArray exportB = exportRules();
    QCOMPARE(exportA == exportB, change.isEmpty());

    const Run script = cli({QStringLiteral("snapshot"), QStringLiteral("diff"), QStringLiteral("A"),
                            QStringLiteral("B"), QStringLiteral("--script")});
    CAR_VERIFY_RUN(script, 0);
    QCOMPARE(script.out.isEmpty(), change.isEmpty());
    // B defaults to the current rule set, which is B here.
    const Run scriptToCurrent = cli({QStringLiteral("snapshot"), QStringLiteral("diff"),
                                     QStringLiteral("A"), QStringLiteral("--script")});
    QCOMPARE(scriptToCurrent.out, script.out);
    const Run rollback =
        cli({QStringLiteral("snapshot"), QStringLiteral("diff"), QStringLiteral("A"),
             QStringLiteral("B"), QStringLiteral("--rollback")});
    CAR_VERIFY_RUN(rollback, 0);

    // On a copy of the workspace: restore A, run the script, and the rules are B's.
    const QString copy = cli.path(QStringLiteral("copy.carws"));
    QVERIFY(QFile::copy(cli.db(), copy));
    cli.setDb(copy);
    CAR_VERIFY_RUN(
        cli({QStringLiteral("snapshot"), QStringLiteral("restore"), QStringLiteral("A")}), 0);
    QCOMPARE(exportRules(), exportA);
    const QString scriptFile = cli.writeFile(QStringLiteral("change.ps1"), script.out);
    CAR_VERIFY_RUN(cli({QStringLiteral("exec"), scriptFile}), 0);
    QCOMPARE(exportRules(), exportB);
    const Run none = cli({QStringLiteral("snapshot"), QStringLiteral("diff"), QStringLiteral("B")});
    CAR_VERIFY_RUN(none, 0);
    QCOMPARE(none.out, QByteArray("No differences.\n"));

    // And the rollback returns to A.
    const QString rollbackFile = cli.writeFile(QStringLiteral("rollback.ps1"), rollback.out);
    CAR_VERIFY_RUN(cli({QStringLiteral("exec"), rollbackFile}), 0);
    QCOMPARE(exportRules(), exportA);
}

void TestCliSnapshots::badInputChangesNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    const auto args = [](std::initializer_list<const char *> list) {
        QStringList result {QStringLiteral("snapshot")};
        for (const char *arg : list)
            result << QString::fromUtf8(arg);
        return result;
    };
    QTest::newRow("save: a name taken, in another case")
        << args({"save", "KEPT"})
        << QStringLiteral("error: a snapshot named 'kept' already exists");
    QTest::newRow("save: 'current' is reserved for diff")
        << args({"save", "CURRENT"}) << QStringLiteral("reserved");
    QTest::newRow("save: an empty name") << args({"save", ""}) << QStringLiteral("empty");
    QTest::newRow("save: a line break in the name")
        << args({"save", "a\nb"}) << QStringLiteral("control character");
    QTest::newRow("save: no name") << args({"save"}) << QStringLiteral("needs a NAME");
    QTest::newRow("save: --note without its text")
        << args({"save", "x", "--note"}) << QStringLiteral("--note needs a text");
    QTest::newRow("restore: an unknown snapshot")
        << args({"restore", "nope"}) << QStringLiteral("no snapshot named 'nope'");
    QTest::newRow("restore: current is not a snapshot")
        << args({"restore", "current"}) << QStringLiteral("name a snapshot");
    QTest::newRow("restore: two names")
        << args({"restore", "kept", "kept"}) << QStringLiteral("unexpected argument 'kept'");
    QTest::newRow("delete: an unknown snapshot")
        << args({"delete", "nope"}) << QStringLiteral("no snapshot named 'nope'");
    QTest::newRow("diff: an unknown second snapshot")
        << args({"diff", "kept", "nope", "--script"}) << QStringLiteral("'nope'");
    QTest::newRow("diff: three names")
        << args({"diff", "kept", "kept", "kept"}) << QStringLiteral("unexpected argument");
    QTest::newRow("diff: no name") << args({"diff", "--script"}) << QStringLiteral("needs");
    QTest::newRow("list: an unknown option")
        << args({"list", "--csv"}) << QStringLiteral("unexpected argument '--csv'");
    QTest::newRow("an unknown sub-command")
        << args({"take", "x"}) << QStringLiteral("unknown snapshot command 'take'");
    QTest::newRow("no sub-command") << args({}) << QStringLiteral("snapshot needs save");
}

void TestCliSnapshots::badInputChangesNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    seed();
    CAR_VERIFY_RUN(
        cli({QStringLiteral("snapshot"), QStringLiteral("save"), QStringLiteral("kept")}), 0);
    const QByteArray before = fileHash(cli.db());
    const Run run = cli(arguments);
    CAR_VERIFY_RUN(run, 2);
    const QString error = QString::fromUtf8(run.err);
    QVERIFY2(error.startsWith(QStringLiteral("<command line>:1:")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral(": error: ")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QCOMPARE(error.count(QLatin1Char('\n')), 1);
    // The column points at the start of an argument of the command line.
    const QStringList all = QStringList {QStringLiteral("--db"), cli.db()} + arguments;
    QList<int> starts;
    for (int i = 0, column = 1; i < all.size(); column += int(all.at(i).size()) + 1, ++i)
        starts.append(column);
    const int column = error.section(QLatin1Char(':'), 2, 2).toInt();
    QVERIFY2(starts.contains(column), qPrintable(error));
    QVERIFY2(starts.indexOf(column) >= 2, qPrintable(error)); // at the command, not at --db
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(fileHash(cli.db()), before);
}

void TestCliSnapshots::readCommandsOnAbsentWorkspaceCreateNothing()
{
    const Run list = cli({QStringLiteral("snapshot"), QStringLiteral("list")});
    CAR_VERIFY_RUN(list, 0);
    QCOMPARE(list.out, QByteArray());
    const Run json =
        cli({QStringLiteral("snapshot"), QStringLiteral("list"), QStringLiteral("--json")});
    CAR_VERIFY_RUN(json, 0);
    QCOMPARE(QJsonDocument::fromJson(json.out).array().size(), 0);
    const Run diff = cli({QStringLiteral("snapshot"), QStringLiteral("diff"),
                          QStringLiteral("current"), QStringLiteral("--script")});
    CAR_VERIFY_RUN(diff, 0);
    QCOMPARE(diff.out, QByteArray());
    const Run missing =
        cli({QStringLiteral("snapshot"), QStringLiteral("restore"), QStringLiteral("x")});
    CAR_VERIFY_RUN(missing, 2);
    QVERIFY(!QFile::exists(cli.db()));
}

void TestCliSnapshots::version1WorkspaceIsUpgradedAndListed()
{
    QVERIFY(QFile::copy(QStringLiteral(CAR_TEST_DATA_DIR "/storage/workspace-v1.carws"), cli.db()));
    QVERIFY(QFile::setPermissions(cli.db(), QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const Run list = cli({QStringLiteral("snapshot"), QStringLiteral("list")});
    CAR_VERIFY_RUN(list, 0);
    QCOMPARE(list.out, QByteArray());
    const Run save =
        cli({QStringLiteral("snapshot"), QStringLiteral("save"), QStringLiteral("from v1")});
    CAR_VERIFY_RUN(save, 0);
    QCOMPARE(save.out, QByteArray("saved snapshot 'from v1' (2 rule(s))\n"));
    const Run diff =
        cli({QStringLiteral("snapshot"), QStringLiteral("diff"), QStringLiteral("from v1")});
    CAR_VERIFY_RUN(diff, 0);
    QCOMPARE(diff.out, QByteArray("No differences.\n"));
}

QTEST_GUILESS_MAIN(TestCliSnapshots)

#include "tst_cli_snapshots.moc"
