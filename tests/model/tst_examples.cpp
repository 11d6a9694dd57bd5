// Every example of shared/docs/examples.md with a definite outcome, in-process: the fixtures are
// applied with the ScriptRunner and tested with the one Evaluator. tests/app/tst_cli_examples.cpp
// runs the same data through the carconsole-cli process.
#include "csv.h"
#include "directory.h"
#include "directorycsv.h"
#include "evaluator.h"
#include "scriptrunner.h"

#include <QFile>
#include <QTest>

using namespace Car;
using namespace Qt::StringLiterals;

namespace {

const QString dataDir = QStringLiteral(CAR_TEST_DATA_DIR "/examples/");

// Reads one of the example tables into rows of name -> value.
QList<QHash<QString, QString>> readTable(const QString &fileName)
{
    QFile file(dataDir + fileName);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    CsvReader reader(&file);
    QStringList header;
    QList<QHash<QString, QString>> rows;
    while (true) {
        const CsvReader::Status status = reader.next();
        if (status == CsvReader::Status::End)
            break;
        if (status == CsvReader::Status::Error)
            qFatal("%s:%lld: %s", qPrintable(fileName), reader.error().line,
                   qPrintable(reader.error().message));
        if (header.isEmpty()) {
            header = reader.fields();
            continue;
        }
        QHash<QString, QString> row;
        for (int i = 0; i < header.size(); ++i)
            row.insert(header.at(i),
                       i < reader.fieldCount() ? reader.field(i).toString() : QString());
        rows << row;
    }
    return rows;
}

Directory exampleDirectory()
{
    QFile file(dataDir + u"users.csv"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open users.csv");
    Directory directory;
    const DirectoryCsv::Result result = DirectoryCsv::read(&file, directory);
    if (!result.ok)
        qFatal("users.csv: %s", qPrintable(result.error.message));
    return directory;
}

QString readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return QString::fromUtf8(file.readAll());
}

QStringList ruleNames(const RuleSet &set)
{
    QStringList names;
    for (const Rule &rule : set.rules())
        names << rule.name;
    return names;
}

} // namespace

class TestExamples : public QObject
{
    Q_OBJECT

private slots:
    void connections_data();
    void connections();
    void orders_data();
    void orders();
    void errors_data();
    void errors();

private:
    Directory m_directory = exampleDirectory();
};

void TestExamples::connections_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("auth");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("middleTier");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("matching");

    const auto rows = readTable(u"cases.csv"_s);
    QVERIFY(rows.size() >= 50);
    for (const auto &row : rows) {
        const QString middle = row.value(u"MiddleTier"_s).toLower();
        QTest::newRow(qPrintable(row.value(u"Id"_s) + u": "_s + row.value(u"Why"_s)))
            << row.value(u"Fixture"_s) << row.value(u"User"_s) << row.value(u"Protocol"_s)
            << row.value(u"AuthenticationType"_s) << row.value(u"RemoteAddress"_s)
            << row.value(u"RemotePort"_s).toInt() << (middle == u"true"_s || middle == u"1"_s)
            << row.value(u"Action"_s) << row.value(u"Rule"_s) << row.value(u"Matching"_s);
    }
}

void TestExamples::connections()
{
    QFETCH(QString, fixture);
    QFETCH(QString, user);
    QFETCH(QString, protocol);
    QFETCH(QString, auth);
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(bool, middleTier);
    QFETCH(QString, action);
    QFETCH(QString, rule);
    QFETCH(QString, matching);

    const QString script = readFile(dataDir + fixture + u".ps1"_s);
    const ScriptResult applied =
        ScriptRunner::runText(script, fixture + u".ps1"_s, RuleSet(), m_directory);
    QVERIFY2(applied.ok(), qPrintable(applied.error ? applied.error->toString() : QString()));

    const auto boundProtocol = bindProtocol(protocol);
    const auto boundAuth = bindAuthenticationType(auth);
    const auto ip = IpAddress::parse(address);
    QVERIFY(boundProtocol && boundAuth && ip);

    const Evaluator evaluator(applied.ruleSet);
    const Connection connection =
        makeConnection(applied.ruleSet, m_directory, user, *boundProtocol.value, *boundAuth.value,
                       *ip, port, middleTier);
    const Evaluation result = evaluator.evaluate(connection);

    QCOMPARE(toString(result.action), action);
    QCOMPARE(result.decidingRule >= 0 ? applied.ruleSet.at(result.decidingRule).name : QString(),
             rule);
    QStringList listed;
    for (int index : result.matching) {
        const Rule &r = applied.ruleSet.at(index);
        listed << (r.enabled ? r.name : r.name + u" (disabled)"_s);
    }
    QCOMPARE(listed.join(u'|'), matching);
    // The fast path used by replay agrees with the traced one.
    QCOMPARE(evaluator.decide(connection), result.decidingRule);
}

void TestExamples::orders_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("order");
    QTest::addColumn<QString>("warning");
    for (const auto &row : readTable(u"orders.csv"_s)) {
        QTest::newRow(qPrintable(row.value(u"Id"_s) + u": "_s + row.value(u"Why"_s)))
            << row.value(u"Script"_s) << row.value(u"Order"_s) << row.value(u"Warning"_s);
    }
}

void TestExamples::orders()
{
    QFETCH(QString, script);
    QFETCH(QString, order);
    QFETCH(QString, warning);

    const ScriptResult result =
        ScriptRunner::runText(script, u"orders.ps1"_s, RuleSet(), m_directory);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(ruleNames(result.ruleSet).join(u'|'), order);
    if (warning.isEmpty()) {
        QVERIFY(result.warnings.isEmpty());
    } else {
        QStringList texts;
        for (const ScriptDiagnostic &w : result.warnings)
            texts << w.toString();
        QVERIFY2(texts.join(u'\n').contains(warning), qPrintable(texts.join(u'\n')));
    }
}

void TestExamples::errors_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("contains");
    for (const auto &row : readTable(u"errors.csv"_s)) {
        QTest::newRow(qPrintable(row.value(u"Id"_s) + u": "_s + row.value(u"Why"_s)))
            << row.value(u"Script"_s) << row.value(u"Line"_s).toInt()
            << row.value(u"MessageContains"_s);
    }
}

void TestExamples::errors()
{
    QFETCH(QString, script);
    QFETCH(int, line);
    QFETCH(QString, contains);

    const RuleSet before;
    const ScriptResult result = ScriptRunner::runText(script, u"bad.ps1"_s, before, m_directory);
    QVERIFY(!result.ok());
    QCOMPARE(result.ruleSet, before); // atomic: nothing of the script applied
    QCOMPARE(result.error->line, line);
    QVERIFY(result.error->column > 0);
    const QString text = result.error->toString();
    QVERIFY2(text.startsWith(u"bad.ps1:%1:%2: error: "_s.arg(line).arg(result.error->column)),
             qPrintable(text));
    QVERIFY2(text.contains(contains), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestExamples)
#include "tst_examples.moc"
