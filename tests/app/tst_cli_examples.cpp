// The acceptance cases of tests/data/examples (examples.md) run through the carconsole-cli
// process: each fixture is exec'd into its own workspace, then every case is asked with
// `test --json` and, all at once, with `replay`. tst_examples runs the same cases in-process.
#include "csv.h"

#include <QBuffer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Car;

#include "clirunner.h"

using namespace CliTest;

namespace {

const QString examplesDir = QStringLiteral(CAR_TEST_DATA_DIR "/examples/");

using Row = QHash<QString, QString>;

QList<Row> readTable(const QString &name)
{
    QFile file(examplesDir + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(name));
    CsvReader reader(&file);
    QList<Row> rows;
    if (reader.next() != CsvReader::Status::Record)
        qFatal("%s has no header", qPrintable(name));
    const QStringList header = reader.fields();
    for (;;) {
        const CsvReader::Status status = reader.next();
        if (status == CsvReader::Status::End)
            break;
        if (status == CsvReader::Status::Error)
            qFatal("%s:%lld: %s", qPrintable(name), reader.error().line,
                   qPrintable(reader.error().message));
        Row row;
        for (qsizetype i = 0; i < header.size() && i < reader.fieldCount(); ++i)
            row.insert(header[i], reader.field(i).toString());
        rows << row;
    }
    return rows;
}

} // namespace

class TestCliExamples : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void connections_data();
    void connections();
    void replayAgreesWithTest();
    void orders_data();
    void orders();
    void errors_data();
    void errors();

private:
    Run cli(const QStringList &arguments, const QByteArray &input = QByteArray());
    /// The workspace for `fixture` (exec'd and given the examples directory on first use).
    QString database(const QString &fixture);

    QTemporaryDir m_dir;
    QHash<QString, QString> m_databases;
};

void TestCliExamples::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

Run TestCliExamples::cli(const QStringList &arguments, const QByteArray &input)
{
    return runCli(m_dir.path(), arguments, input);
}

QString TestCliExamples::database(const QString &fixture)
{
    if (const auto it = m_databases.constFind(fixture); it != m_databases.constEnd())
        return *it;
    const QString db = m_dir.filePath(fixture + QStringLiteral(".carws"));
    const Run exec = cli({QStringLiteral("--db"), db, QStringLiteral("exec"),
                          examplesDir + fixture + QStringLiteral(".ps1")});
    if (exec.code != 0)
        qWarning("exec %s: %s", qPrintable(fixture), exec.err.constData());
    const Run users = cli({QStringLiteral("--db"), db, QStringLiteral("directory"),
                           QStringLiteral("import"), examplesDir + QStringLiteral("users.csv")});
    if (users.code != 0)
        qWarning("directory import: %s", users.err.constData());
    m_databases.insert(fixture, db);
    return db;
}

void TestCliExamples::connections_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("matching");

    const QList<Row> rows = readTable(QStringLiteral("cases.csv"));
    QVERIFY(rows.size() >= 50);
    for (const Row &row : rows) {
        QStringList arguments = {QStringLiteral("test"),
                                 QStringLiteral("--user"),
                                 row.value(QStringLiteral("User")),
                                 QStringLiteral("--protocol"),
                                 row.value(QStringLiteral("Protocol")),
                                 QStringLiteral("--authentication"),
                                 row.value(QStringLiteral("AuthenticationType")),
                                 QStringLiteral("--address"),
                                 row.value(QStringLiteral("RemoteAddress")),
                                 QStringLiteral("--port"),
                                 row.value(QStringLiteral("RemotePort")),
                                 QStringLiteral("--json")};
        const QString middle = row.value(QStringLiteral("MiddleTier")).toLower();
        if (middle == QLatin1String("true") || middle == QLatin1String("1"))
            arguments << QStringLiteral("--middle-tier");
        QTest::newRow(qPrintable(row.value(QStringLiteral("Id")) + QStringLiteral(": ")
                                 + row.value(QStringLiteral("Why"))))
            << row.value(QStringLiteral("Fixture")) << arguments
            << row.value(QStringLiteral("Action")) << row.value(QStringLiteral("Rule"))
            << row.value(QStringLiteral("Matching"));
    }
}

void TestCliExamples::connections()
{
    QFETCH(QString, fixture);
    QFETCH(QStringList, arguments);
    QFETCH(QString, action);
    QFETCH(QString, rule);
    QFETCH(QString, matching);

    const Run run = cli(QStringList {QStringLiteral("--db"), database(fixture)} + arguments);
    QVERIFY2(run.code == 0, run.err.constData());
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(run.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(object.value(QStringLiteral("action")).toString(), action);
    QCOMPARE(object.value(QStringLiteral("rule")).toString(), rule);
    QStringList listed;
    for (const QJsonValue &value : object.value(QStringLiteral("matching")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString name = entry.value(QStringLiteral("name")).toString();
        listed << (entry.value(QStringLiteral("enabled")).toBool()
                       ? name
                       : name + QStringLiteral(" (disabled)"));
    }
    QCOMPARE(listed.join(u'|'), matching);
}

void TestCliExamples::replayAgreesWithTest()
{
    // One replay per fixture with all of its cases; the decisions must equal the table's.
    QHash<QString, QList<Row>> byFixture;
    for (const Row &row : readTable(QStringLiteral("cases.csv")))
        byFixture[row.value(QStringLiteral("Fixture"))] << row;
    for (auto it = byFixture.cbegin(); it != byFixture.cend(); ++it) {
        QBuffer input;
        input.open(QIODevice::WriteOnly);
        {
            CsvWriter writer(&input);
            writer.writeRecord({u"User", u"Protocol", u"AuthenticationType", u"RemoteAddress",
                                u"RemotePort", u"MiddleTier"});
            for (const Row &row : it.value()) {
                writer.writeRecord(QStringList {row.value(QStringLiteral("User")),
                                                row.value(QStringLiteral("Protocol")),
                                                row.value(QStringLiteral("AuthenticationType")),
                                                row.value(QStringLiteral("RemoteAddress")),
                                                row.value(QStringLiteral("RemotePort")),
                                                row.value(QStringLiteral("MiddleTier"))});
            }
        }
        const Run run = cli({QStringLiteral("--db"), database(it.key()), QStringLiteral("replay"),
                             QStringLiteral("-")},
                            input.data());
        QVERIFY2(run.code == 0, run.err.constData());
        QBuffer output;
        output.setData(run.out);
        output.open(QIODevice::ReadOnly);
        CsvReader reader(&output);
        QCOMPARE(reader.next(), CsvReader::Status::Record); // header
        for (const Row &row : it.value()) {
            QCOMPARE(reader.next(), CsvReader::Status::Record);
            const QString id = row.value(QStringLiteral("Id"));
            QCOMPARE(reader.fieldCount(), 8);
            QVERIFY2(reader.field(6) == row.value(QStringLiteral("Action")), qPrintable(id));
            QVERIFY2(reader.field(7) == row.value(QStringLiteral("Rule")), qPrintable(id));
        }
        QCOMPARE(reader.next(), CsvReader::Status::End);
    }
}

void TestCliExamples::orders_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("order");
    QTest::addColumn<QString>("warning");
    for (const Row &row : readTable(QStringLiteral("orders.csv"))) {
        QTest::newRow(qPrintable(row.value(QStringLiteral("Id")) + QStringLiteral(": ")
                                 + row.value(QStringLiteral("Why"))))
            << row.value(QStringLiteral("Script")) << row.value(QStringLiteral("Order"))
            << row.value(QStringLiteral("Warning"));
    }
}

void TestCliExamples::orders()
{
    QFETCH(QString, script);
    QFETCH(QString, order);
    QFETCH(QString, warning);
    const QString tag = QString::fromUtf8(QTest::currentDataTag()).section(u':', 0, 0);
    const QString db = m_dir.filePath(QStringLiteral("orders-%1.carws").arg(tag));
    const Run exec = cli({QStringLiteral("--db"), db, QStringLiteral("exec"), QStringLiteral("-")},
                         script.toUtf8());
    QVERIFY2(exec.code == 0, exec.err.constData());
    if (!warning.isEmpty())
        QVERIFY2(exec.err.contains(warning.toUtf8()), exec.err.constData());
    const Run get =
        cli({QStringLiteral("--db"), db, QStringLiteral("get"), QStringLiteral("--json")});
    QCOMPARE(get.code, 0);
    QStringList names;
    for (const QJsonValue &value : QJsonDocument::fromJson(get.out).array())
        names << value.toObject().value(QStringLiteral("Name")).toString();
    QCOMPARE(names.join(u'|'), order);
}

void TestCliExamples::errors_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("contains");
    for (const Row &row : readTable(QStringLiteral("errors.csv"))) {
        QTest::newRow(qPrintable(row.value(QStringLiteral("Id")) + QStringLiteral(": ")
                                 + row.value(QStringLiteral("Why"))))
            << row.value(QStringLiteral("Script")) << row.value(QStringLiteral("Line")).toInt()
            << row.value(QStringLiteral("MessageContains"));
    }
}

void TestCliExamples::errors()
{
    QFETCH(QString, script);
    QFETCH(int, line);
    QFETCH(QString, contains);
    const QString file = m_dir.filePath(QStringLiteral("bad.ps1"));
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(script.toUtf8());
    }
    const QString db = m_dir.filePath(QStringLiteral("errors.carws"));
    const Run run = cli({QStringLiteral("--db"), db, QStringLiteral("exec"), file});
    QCOMPARE(run.code, 2);
    const QString text = QString::fromUtf8(run.err);
    QVERIFY2(text.startsWith(file + QStringLiteral(":%1:").arg(line)), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String(": error: ")), qPrintable(text));
    QVERIFY2(text.contains(contains), qPrintable(text));
    QVERIFY(!QFile::exists(db)); // rejected as a whole: not even an empty workspace is created
}

QTEST_GUILESS_MAIN(TestCliExamples)
#include "tst_cli_examples.moc"
