// Hostile text through the real carconsole-cli (issue 6): names and values full of PowerShell
// and SQL syntax must stay plain data. A rule set holding such text is imported, exported as a
// PowerShell script, and that script is run into a new workspace: the two workspaces' JSON
// exports must be identical (nothing injected, nothing lost, the bystander rule untouched). The
// text must sit in SQLite verbatim, and a name must never become a path: no file appears
// anywhere but the workspace and the inputs.

#include "rulesetjson.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Car;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

/// Every file under `root`, relative to it, sorted.
QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(root).relativeFilePath(it.next());
    files.sort();
    return files;
}

/// The text as a single-quoted filter value: every single-quote character (' and the
/// typographic U+2018..U+201B, which the filter also takes as quotes) doubled.
QString filterValue(const QString &text)
{
    QString quoted = QStringLiteral("'");
    for (QChar c : text) {
        quoted += c;
        if (c == u'\'' || (c.unicode() >= 0x2018 && c.unicode() <= 0x201B))
            quoted += c;
    }
    return quoted + QLatin1Char('\'');
}

} // namespace

class TestSecurity : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void hostileTextSurvivesPs1RoundTrip_data();
    void hostileTextSurvivesPs1RoundTrip();
    void hostileSnapshotNamesAreData_data();
    void hostileSnapshotNamesAreData();
    void replayHeaderAfterABlockOfBlankLines_data();
    void replayHeaderAfterABlockOfBlankLines();

private:
    Run cli(const QString &db, const QStringList &arguments, const QByteArray &input = {}) const;
    QString write(const QString &name, const QByteArray &content) const;
    /// Every text value in the rules and rule_values tables of `db`.
    QStringList storedTexts(const QString &db) const;

    std::unique_ptr<QTemporaryDir> m_root;
    QString m_work; ///< the CLI's working folder: root/a/b, so "../../x" would land in root
};

void TestSecurity::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    m_work = m_root->filePath(QStringLiteral("a/b"));
    QVERIFY(QDir().mkpath(m_work));
    QVERIFY(QDir().mkpath(m_root->filePath(QStringLiteral("xdg"))));
}

Run TestSecurity::cli(const QString &db, const QStringList &arguments,
                      const QByteArray &input) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString xdg = m_root->filePath(QStringLiteral("xdg"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), xdg);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), xdg);
    env.insert(QStringLiteral("HOME"), xdg);
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(m_work);
    process.start(QStringLiteral(CAR_CLI_PATH),
                  QStringList {QStringLiteral("--db"), db} + arguments);
    Run run;
    if (!process.waitForStarted())
        return run;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QString TestSecurity::write(const QString &name, const QByteArray &content) const
{
    const QString path = QDir(m_work).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QStringList TestSecurity::storedTexts(const QString &db) const
{
    QStringList texts;
    const QString connection = QStringLiteral("security-read");
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        database.setDatabaseName(db);
        database.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (database.open()) {
            QSqlQuery query(database);
            query.exec(QStringLiteral("SELECT name, user_recipient_filter FROM rules"));
            while (query.next())
                texts << query.value(0).toString() << query.value(1).toString();
            query.exec(QStringLiteral("SELECT value FROM rule_values"));
            while (query.next())
                texts << query.value(0).toString();
        }
        database.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return texts;
}

#define VERIFY_RUN(run, expected)                                                                  \
    QVERIFY2((run).code == (expected),                                                             \
             qPrintable(QStringLiteral("exit %1, stderr: %2")                                      \
                            .arg((run).code)                                                       \
                            .arg(QString::fromUtf8((run).err))))

void TestSecurity::hostileTextSurvivesPs1RoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("single quote ends a PowerShell string") << QStringLiteral("O'Brien's rule");
    QTest::newRow("typographic single quotes also end one")
        << QStringLiteral("\u2018left\u2019 \u201Areversed\u201B '");
    QTest::newRow("typographic double quotes") << QStringLiteral("\u201Cquoted\u201D \"plain\"");
    QTest::newRow("backtick escapes and continuation") << QStringLiteral("a`b `n ``\u0060");
    QTest::newRow("subexpression runs a command")
        << QStringLiteral("$(Remove-ClientAccessRule -Identity Bystander)");
    QTest::newRow("variable expansion") << QStringLiteral("$env:PATH ${x} $null $true");
    QTest::newRow("semicolon starts a new statement")
        << QStringLiteral("x'; Remove-ClientAccessRule -Identity 'Bystander'; '");
    QTest::newRow("newline starts a new statement")
        << QStringLiteral("first\nRemove-ClientAccessRule -Identity Bystander");
    QTest::newRow("carriage returns") << QStringLiteral("a\rb\r\nc");
    QTest::newRow("hash starts a comment") << QStringLiteral("# not a comment");
    QTest::newRow("block comment opener") << QStringLiteral("<# never closed");
    QTest::newRow("block comment closed") << QStringLiteral("a <# b #> c");
    QTest::newRow("here-string markers") << QStringLiteral("@'\nx\n'@ @\"");
    QTest::newRow("pipes, ampersand, braces") << QStringLiteral("a | b & c {d} @{e=1} [f]");
    QTest::newRow("SQL injection") << QStringLiteral("'); DROP TABLE rules; --");
    QTest::newRow("SQL comment and wildcard") << QStringLiteral("%_ /* x */ \" OR 1=1 --");
    QTest::newRow("backslashes and a path") << QStringLiteral("..\\..\\x C:\\Windows\\");
    QTest::newRow("tab and other blanks inside") << QStringLiteral("a\tb\u00A0c\u2028d");
    QTest::newRow("unicode: accents, CJK, emoji, joiners")
        << QStringLiteral("Zürich 東京 \U0001F600 e\u0301 \u200D\u200B");
    QTest::newRow("right-to-left override") << QStringLiteral("abc\u202Efdp.exe");
}

void TestSecurity::hostileTextSurvivesPs1RoundTrip()
{
    QFETCH(QString, text);
    const QString name = text.left(Rule::MaxNameLength - 4) + QStringLiteral(" end");

    RuleSet rules;
    Rule bystander;
    bystander.name = QStringLiteral("Bystander");
    bystander.anyOfProtocols = {Protocol::ExchangeActiveSync};
    QVERIFY(rules.insertRule(bystander).ok);
    Rule hostile;
    hostile.name = name;
    hostile.action = Action::AllowAccess;
    hostile.usernameMatchesAnyOfPatterns = {*UsernamePattern::parse(QStringLiteral("*") + text)};
    hostile.exceptUsernameMatchesAnyOfPatterns = {
        *UsernamePattern::parse(text + QStringLiteral("\\x"))};
    hostile.scope = Scope::Users;
    hostile.userRecipientFilter =
        QStringLiteral("CustomAttribute1 -eq %1 -or Department -like %2")
            .arg(filterValue(text), filterValue(QStringLiteral("*") + text + QStringLiteral("*")));
    const RuleSet::Outcome inserted = rules.insertRule(hostile);
    QVERIFY2(inserted.ok, qPrintable(inserted.error));
    const QByteArray json = RuleSetJson::write(rules);

    const QString first = QDir(m_work).filePath(QStringLiteral("first.carws"));
    const QString second = QDir(m_work).filePath(QStringLiteral("second.carws"));
    VERIFY_RUN(cli(first, {QStringLiteral("import"), write(QStringLiteral("rules.json"), json)}),
               0);
    const Run exportedJson =
        cli(first, {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")});
    VERIFY_RUN(exportedJson, 0);
    QCOMPARE(exportedJson.out, json);

    const Run script =
        cli(first, {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("ps1")});
    VERIFY_RUN(script, 0);
    // Run the script as the CLI reads it: from a file and from standard input.
    VERIFY_RUN(
        cli(second, {QStringLiteral("exec"), write(QStringLiteral("export.ps1"), script.out)}), 0);
    const Run again =
        cli(second, {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")});
    VERIFY_RUN(again, 0);
    QVERIFY2(again.out == json,
             qPrintable(QStringLiteral("script:\n%1\nJSON after exec:\n%2")
                            .arg(QString::fromUtf8(script.out), QString::fromUtf8(again.out))));
    const QString third = QDir(m_work).filePath(QStringLiteral("third.carws"));
    VERIFY_RUN(cli(third, {QStringLiteral("exec"), QStringLiteral("-")}, script.out), 0);
    QCOMPARE(
        cli(third, {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")})
            .out,
        json);
    // Exporting the re-created workspace gives the same script, byte for byte.
    QCOMPARE(cli(second, {QStringLiteral("export")}).out, script.out);

    // The name went nowhere near a path: only the workspaces and the inputs exist.
    QStringList files = filesUnder(m_root->path());
    files.removeIf([](const QString &file) { return file.startsWith(QLatin1String("xdg/")); });
    QStringList expected;
    for (const QString &db : {first, second, third})
        expected << QDir(m_root->path()).relativeFilePath(db);
    expected << QStringLiteral("a/b/export.ps1") << QStringLiteral("a/b/rules.json");
    expected.sort();
    QCOMPARE(files.join(u' '), expected.join(u' '));

    // Stored verbatim: the exact text is in SQLite, not an escaped or truncated form.
    const QStringList stored = storedTexts(first);
    QVERIFY2(stored.contains(name), qPrintable(stored.join(u'|')));
    QVERIFY(stored.contains(QStringLiteral("*") + text));
    QVERIFY(stored.contains(hostile.userRecipientFilter));
}

void TestSecurity::hostileSnapshotNamesAreData_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("relative path upwards") << QStringLiteral("../../x");
    QTest::newRow("absolute path") << QStringLiteral("/tmp/carconsole-snapshot-escape");
    QTest::newRow("SQL injection") << QStringLiteral("x'); DELETE FROM rules; --");
    QTest::newRow("PowerShell subexpression") << QStringLiteral("$(Remove-Item -Recurse ~)");
    QTest::newRow("quotes of every kind") << QStringLiteral("'\"\u2018\u201C`");
}

void TestSecurity::hostileSnapshotNamesAreData()
{
    QFETCH(QString, name);
    const QString db = QDir(m_work).filePath(QStringLiteral("work.carws"));
    VERIFY_RUN(cli(db, {QStringLiteral("exec"), QStringLiteral("-")},
                   "New-ClientAccessRule -Name 'Keep me' -Action DenyAccess "
                   "-AnyOfProtocols ExchangeActiveSync\n"),
               0);
    VERIFY_RUN(cli(db, {QStringLiteral("snapshot"), QStringLiteral("save"), name}), 0);
    const Run list = cli(db, {QStringLiteral("snapshot"), QStringLiteral("list")});
    VERIFY_RUN(list, 0);
    QVERIFY2(QString::fromUtf8(list.out).contains(name), list.out.constData());
    VERIFY_RUN(cli(db, {QStringLiteral("exec"), QStringLiteral("-")},
                   "Remove-ClientAccessRule -Identity 'Keep me'\n"),
               0);
    VERIFY_RUN(cli(db, {QStringLiteral("snapshot"), QStringLiteral("restore"), name}), 0);
    const Run get = cli(db, {QStringLiteral("get")});
    QVERIFY2(get.out.contains("Keep me"), get.out.constData());
    VERIFY_RUN(cli(db, {QStringLiteral("snapshot"), QStringLiteral("delete"), name}), 0);

    QVERIFY(!QFile::exists(QStringLiteral("/tmp/carconsole-snapshot-escape")));
    QStringList files = filesUnder(m_root->path());
    files.removeIf([](const QString &file) { return file.startsWith(QLatin1String("xdg/")); });
    QCOMPARE(files.join(u' '), QStringLiteral("a/b/work.carws"));
}

void TestSecurity::replayHeaderAfterABlockOfBlankLines_data()
{
    QTest::addColumn<QByteArray>("lineBreak");
    QTest::addColumn<QString>("threads");
    // Found by fuzz_replaycsv: when blank lines fill the whole first block (512 KiB here), the
    // reader took the header from that block alone and reported "the input is empty".
    QTest::newRow("lone CR, one thread") << QByteArray("\r") << QStringLiteral("1");
    QTest::newRow("lone CR, two threads") << QByteArray("\r") << QStringLiteral("2");
    QTest::newRow("LF, two threads") << QByteArray("\n") << QStringLiteral("2");
}

void TestSecurity::replayHeaderAfterABlockOfBlankLines()
{
    QFETCH(QByteArray, lineBreak);
    QFETCH(QString, threads);
    const QByteArray csv = lineBreak.repeated(600 * 1024)
        + "User,Protocol,AuthenticationType,RemoteAddress,RemotePort\n"
          "alice@contoso.com,ExchangeActiveSync,BasicAuthentication,10.0.0.1,443\n";
    const QString db = QDir(m_work).filePath(QStringLiteral("work.carws"));
    const Run run = cli(db,
                        {QStringLiteral("replay"), write(QStringLiteral("in.csv"), csv),
                         QStringLiteral("--threads"), threads});
    VERIFY_RUN(run, 0);
    QVERIFY2(
        run.out.startsWith("User,Protocol,AuthenticationType,RemoteAddress,RemotePort,Action,Rule"),
        run.out.left(200).constData());
    QVERIFY(run.out.contains("alice@contoso.com,ExchangeActiveSync"));
}

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
