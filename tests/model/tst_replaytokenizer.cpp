// Replay's byte-level CSV reading and field fast paths against the general code they stand in
// for: CsvReader (through the reference replay), IpAddress::parse, the enum binders. Hand-made
// edge cases plus seeded random garbage, at every block size.
#include "replayfields.h"
#include "replayinput.h"
#include "replaytesthelpers.h"
#include "replaytokenizer.h"

#include <QBuffer>
#include <QTest>

using namespace Car;
using namespace CarTest;

namespace {

RuleSet someRules()
{
    RuleSet rules;
    Rule eas;
    eas.name = QStringLiteral("Block \"EAS\", outside");
    eas.anyOfProtocols = {Protocol::ExchangeActiveSync};
    eas.exceptAnyOfClientIPAddressesOrRanges = {*IpRange::parse(u"10.0.0.0/8")};
    Rule patterns;
    patterns.name = QStringLiteral("José's rule");
    patterns.usernameMatchesAnyOfPatterns = {*UsernamePattern::parse(u"*\\josé*")};
    for (const Rule &rule : {eas, patterns}) {
        if (!rules.insertRule(rule).ok)
            qFatal("bad fixture");
    }
    return rules;
}

Directory someUsers()
{
    Directory directory;
    DirectoryUser jose;
    jose.userPrincipalName = QStringLiteral("josé@contoso.com");
    jose.alias = QStringLiteral("jose");
    directory.addUser(jose);
    return directory;
}

void compareWithReference(const QByteArray &input)
{
    const RuleSet rules = someRules();
    const Directory directory = someUsers();
    const ReplayRun expected = referenceReplay(rules, directory, input);
    for (const int threads : {Replay::Sequential, 2}) {
        for (const qsizetype blockSize : {qsizetype(1), qsizetype(7), qsizetype(4096)}) {
            const ReplayRun run = runReplay(rules, directory, input, threads, blockSize);
            const QByteArray where = "threads " + QByteArray::number(threads) + ", blocks of "
                + QByteArray::number(blockSize);
            QCOMPARE(run.ok, expected.ok);
            if (!expected.ok) {
                QCOMPARE(run.fatal.line, expected.fatal.line);
                QCOMPARE(run.fatal.column, expected.fatal.column);
                continue;
            }
            if (run.output != expected.output)
                QFAIL(qPrintable(
                    QStringLiteral("%1: output differs:\n%2\nexpected:\n%3")
                        .arg(QString::fromLatin1(where),
                             QString::fromUtf8(run.output.toPercentEncoding(" ,")),
                             QString::fromUtf8(expected.output.toPercentEncoding(" ,")))));
            QStringList got;
            QStringList want;
            for (const ReplayProblem &p : run.bad)
                got << describe(p);
            for (const ReplayProblem &p : expected.bad)
                want << describe(p);
            QCOMPARE(got, want);
            QCOMPARE(run.summary.rows, expected.summary.rows);
        }
    }
}

} // namespace

class TestReplayTokenizer : public QObject
{
    Q_OBJECT

private slots:
    void readsAsCsvReaderDoes_data();
    void readsAsCsvReaderDoes();
    void randomGarbageReadsAsCsvReaderDoes();
    void fastAddressesAgreeWithTheParser_data();
    void fastAddressesAgreeWithTheParser();
    void randomAddressesAgreeWithTheParser();
    void boundariesAreRecordEnds();
    void incompleteUtf8AtTheEnd_data();
    void incompleteUtf8AtTheEnd();
};

void TestReplayTokenizer::readsAsCsvReaderDoes_data()
{
    QTest::addColumn<QByteArray>("input");
    const QByteArray header = "User,Protocol,AuthenticationType,RemoteAddress,RemotePort\r\n";
    const QByteArray row = "bob@x,ExchangeActiveSync,Basic,1.2.3.4,443";

    QTest::newRow("byte order mark before the header") << "\xEF\xBB\xBF" + header + row;
    QTest::newRow("no line end after the last row") << header + row;
    QTest::newRow("LF, CR and CRLF line ends mixed")
        << header + row + "\n" + row + "\r" + row + "\r\n" + row;
    QTest::newRow("blank lines are skipped but counted")
        << header + "\r\n\r\n" + row + "\n\n\r\r" + row + "\n";
    QTest::newRow("header ends with a lone CR") << QByteArray(header).replace("\r\n", "\r") + row;
    QTest::newRow("quoted fields, doubled quotes, embedded line ends") << header
            + "\"bob@x\",\"ExchangeActiveSync\",\"Ba\"\"sic\",1.2.3.4,443\r\n"
            + "\"bo\nb@x\",IMAP4,Basic,\"1.2.3.4\",\"443\"\r\n" + "\"a\r\nb\",REST,OAuth,::1,1\r\n";
    QTest::newRow("quote inside an unquoted field")
        << header + "bo\"b@x,REST,OAuth,::1,1\r\n" + row;
    QTest::newRow("text after a closing quote") << header + "\"bob\"x,REST,OAuth,::1,1\n" + row;
    QTest::newRow("unclosed quote runs to the end")
        << header + row + "\n\"bob,REST,OAuth,::1,1\n" + row;
    QTest::newRow("invalid UTF-8 in an unquoted field")
        << header + "b\xC3(b@x,REST,OAuth,::1,1\n" + row;
    QTest::newRow("invalid UTF-8 inside quotes spanning lines")
        << header + "\"a\nb\xFF\nc\",REST,OAuth,::1,1\n" + row;
    QTest::newRow("NUL byte") << header + "bob@x,RE" + QByteArray(1, '\0') + "ST,OAuth,::1,1\n"
            + row;
    QTest::newRow("overlong and surrogate encodings are invalid")
        << header + "\xC0\xAF,REST,OAuth,::1,1\n\xED\xA0\x80,REST,OAuth,::1,1\n" + row;
    QTest::newRow("non-ASCII users, columns count UTF-16 units") << header
            + "josé@contoso.com,REST,OAuth,::1,1\n" + "jos\xF0\x9F\x98\x80,Telnet,OAuth,::1,1\n"
            + "\xC2\xA0jose\xE3\x80\x80,REST,OAuth,::1,1\n";
    QTest::newRow("Unicode blanks and tabs around values")
        << header + "\tbob@x ,\xC2\xA0REST, OAuth,\t::1 , 1\n" + "bob@x,REST,OAuth,::1, 1 \n";
    QTest::newRow("trailing comma at the very end") << header + row + ",";
    QTest::newRow("too many and too few fields") << header + row + ",extra\n" + "a,b\n" + row;
    QTest::newRow("empty input") << QByteArray();
    QTest::newRow("only blank lines") << QByteArray("\r\n\n\r");
    QTest::newRow("header with a bad quote") << QByteArray("User,Pro\"tocol\n");
    QTest::newRow("header missing a column") << QByteArray("User,Protocol\n") + row;
    QTest::newRow("a row longer than any block")
        << header + QByteArray(5000, 'a') + ",REST,OAuth,::1,1\n" + row;
    QTest::newRow("every field a bad value") << header + "a,Exch,Basic,1.2.3.4,443\n"
            + "a,REST,Kerb,1.2.3.4,443\n" + "a,REST,Basic,01.2.3.4,443\n"
            + "a,REST,Basic,1.2.3.4,+443\n" + "a,REST,Basic,1.2.3.4,65536\n"
            + "a,REST,Basic,1:2:3:4:5:6:7:8:9,443\n";
    QTest::newRow("IPv6 spellings") << header + "a,REST,Basic,::ffff:1.2.3.4,443\n"
            + "a,REST,Basic,2001:DB8::A,443\n" + "a,REST,Basic,1::,443\n" + "a,REST,Basic,::,443\n"
            + "a,REST,Basic,1:2:3:4:5:6:7::,443\n" + "a,REST,Basic,fe80::1%eth0,443\n"
            + "a,REST,Basic,12345::1,443\n";
}

void TestReplayTokenizer::readsAsCsvReaderDoes()
{
    QFETCH(QByteArray, input);
    compareWithReference(input);
}

void TestReplayTokenizer::randomGarbageReadsAsCsvReaderDoes()
{
    // Valid rows cut up and spliced with CSV metacharacters and invalid bytes.
    const QList<QByteArray> pieces {"bob@x",    "josé@contoso.com",
                                    "REST",     "ExchangeActiveSync",
                                    "OAuth",    "Basic",
                                    "10.1.2.3", "2001:db8::1",
                                    "443",      ",",
                                    ",",        ",",
                                    "\"",       "\"\"",
                                    "\n",       "\r\n",
                                    "\r",       "\xC3\xA9",
                                    "\xFF",     "\xE2\x82",
                                    " ",        "\t",
                                    "\xC2\xA0", QByteArray(1, '\0')};
    QRandomGenerator rng(4242);
    for (int round = 0; round < 300; ++round) {
        QByteArray input = "User,Protocol,AuthenticationType,RemoteAddress,RemotePort\n";
        const int count = int(rng.bounded(120));
        for (int i = 0; i < count; ++i) {
            if (rng.bounded(3) == 0)
                input += "bob@x,ExchangeActiveSync,Basic,1.2.3.4,443\n";
            else
                input += pieces.at(int(rng.bounded(int(pieces.size()))));
        }
        compareWithReference(input);
        if (QTest::currentTestFailed()) {
            qWarning("round %d, input: %s", round, input.toPercentEncoding(" ,").constData());
            return;
        }
    }
}

void TestReplayTokenizer::fastAddressesAgreeWithTheParser_data()
{
    QTest::addColumn<QByteArray>("text");
    for (const char *text : {"0.0.0.0",
                             "255.255.255.255",
                             "1.2.3.4",
                             "256.1.1.1",
                             "01.1.1.1",
                             "1.2.3",
                             "1.2.3.4.5",
                             "1..2.3",
                             "1.2.3.4 ",
                             "::",
                             "::1",
                             "1::",
                             "2001:db8::1",
                             "2001:DB8:0:0:0:0:0:1",
                             "1:2:3:4:5:6:7:8",
                             "1:2:3:4:5:6:7:8:9",
                             "1:2:3:4:5:6:7::",
                             "::1:2:3:4:5:6:7",
                             "1::2::3",
                             ":1::",
                             "1:::2",
                             "12345::",
                             "::ffff:1.2.3.4",
                             "g::1",
                             "",
                             "1.2.3.4/24"})
        QTest::newRow(text) << QByteArray(text);
}

void TestReplayTokenizer::fastAddressesAgreeWithTheParser()
{
    QFETCH(QByteArray, text);
    const std::optional<IpAddress> fast = ReplayFields::parseAddress(text);
    const std::optional<IpAddress> general = IpAddress::parse(QString::fromLatin1(text));
    if (fast) // the fast path may decline, but never disagree
        QVERIFY(general && *fast == *general);
}

void TestReplayTokenizer::randomAddressesAgreeWithTheParser()
{
    const char alphabet[] = "0123456789abcdefABCDEF:.:.:";
    QRandomGenerator rng(77);
    int accepted = 0;
    for (int i = 0; i < 200000; ++i) {
        QByteArray text;
        const int length = int(rng.bounded(1, 20));
        for (int k = 0; k < length; ++k)
            text += alphabet[rng.bounded(int(sizeof alphabet) - 1)];
        const std::optional<IpAddress> fast = ReplayFields::parseAddress(text);
        const std::optional<IpAddress> general = IpAddress::parse(QString::fromLatin1(text));
        if (fast) {
            ++accepted;
            QVERIFY2(general && *fast == *general, text.constData());
        } else if (general) {
            // Declining is allowed only for what the fast path leaves out on purpose.
            QVERIFY2(text.contains('.') && text.contains(':'), text.constData());
        }
    }
    QVERIFY(accepted > 1000);
}

void TestReplayTokenizer::boundariesAreRecordEnds()
{
    // A boundary never falls inside a record: tokenizing up to it and from it gives the records
    // of the whole.
    const QByteArray data = "a,\"b\nc\",d\r\ne,f\r\n\"g\"\"\",h\ri,\"j\r\"\nk";
    for (qsizetype size = 0; size <= data.size(); ++size) {
        const qsizetype boundary = ReplayTokenizer::lastRecordBoundary(data.constData(), size);
        QVERIFY(boundary >= 0 && boundary <= size);
        if (boundary == 0)
            continue;
        QVERIFY(data[boundary - 1] == '\n' || data[boundary - 1] == '\r');
        QVERIFY2(data[boundary - 1] != '\r' || data[boundary] != '\n',
                 "a CR is never split from its LF");
        ReplayTokenizer whole;
        whole.reset(data.constData(), data.size());
        ReplayTokenizer head;
        head.reset(data.constData(), boundary);
        while (head.next() == ReplayTokenizer::Status::Record) {
            QCOMPARE(whole.next(), ReplayTokenizer::Status::Record);
            QCOMPARE(head.fieldCount(), whole.fieldCount());
        }
        QCOMPARE(head.position(), boundary);
    }
}

void TestReplayTokenizer::incompleteUtf8AtTheEnd_data()
{
    QTest::addColumn<QByteArray>("tail");
    QTest::newRow("first byte of two") << QByteArray("\xC3");
    QTest::newRow("two bytes of three") << QByteArray("\xE2\x82");
    QTest::newRow("three bytes of four") << QByteArray("\xF0\x9F\x98");
    QTest::newRow("a lead byte that can never start a sequence") << QByteArray("\xC0");
    QTest::newRow("a continuation byte alone") << QByteArray("\x80");
}

void TestReplayTokenizer::incompleteUtf8AtTheEnd()
{
    QFETCH(QByteArray, tail);
    compareWithReference("User,Protocol,AuthenticationType,RemoteAddress,RemotePort\n"
                         "bob@x,REST,OAuth,::1,1\nbob"
                         + tail);
}

QTEST_GUILESS_MAIN(TestReplayTokenizer)
#include "tst_replaytokenizer.moc"
