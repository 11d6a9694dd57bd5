#pragma once

// Helpers for the replay tests: random directories and connection CSVs (fixed seeds), a replay
// run into buffers, and the reference replay the engine must equal: CsvReader, ReplayCore::parse
// and CsvWriter one row at a time, as replay worked before it was made fast.

#include "csv.h"
#include "directory.h"
#include "replay.h"

#include <QBuffer>
#include <QRandomGenerator>
#include <QStringList>

#include <optional>

namespace CarTest {

/// The outcome of one replay: output bytes, summary, bad rows, fatal problem.
struct ReplayRun
{
    bool ok = false;
    QByteArray output;
    Car::ReplaySummary summary;
    QList<Car::ReplayProblem> bad;
    Car::ReplayProblem fatal;
};

inline bool operator==(const Car::ReplayProblem &a, const Car::ReplayProblem &b)
{
    return a.line == b.line && a.column == b.column && a.message == b.message;
}

inline QString describe(const Car::ReplayProblem &p)
{
    return QStringLiteral("%1:%2: %3").arg(p.line).arg(p.column).arg(p.message);
}

/// Runs the engine over `input` with the given threads and block size.
inline ReplayRun runReplay(const Car::RuleSet &rules, const Car::Directory &directory,
                           const QByteArray &input, int threads, qsizetype blockSize)
{
    QBuffer in;
    in.setData(input);
    in.open(QIODevice::ReadOnly);
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    ReplayRun run;
    Car::Replay replay(rules, directory);
    replay.setThreads(threads);
    replay.setBlockSize(blockSize);
    run.ok = replay.run(
        &in, &out, [&run](const Car::ReplayProblem &p) { run.bad << p; }, run.summary, &run.fatal);
    run.output = out.data();
    return run;
}

/// The reference: the straightforward row-at-a-time replay through CsvReader and CsvWriter.
inline ReplayRun referenceReplay(const Car::RuleSet &rules, const Car::Directory &directory,
                                 const QByteArray &input)
{
    using namespace Car;
    ReplayRun run;
    run.summary.perRule.fill(0, rules.size());
    QBuffer in;
    in.setData(input);
    in.open(QIODevice::ReadOnly);
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    CsvReader reader(&in);
    CsvReader::Status status = reader.next();
    if (status == CsvReader::Status::Error) {
        run.fatal = {reader.error().line, reader.error().column, reader.error().message};
        return run;
    }
    if (status == CsvReader::Status::End) {
        run.fatal = {1, 1, QStringLiteral("empty")};
        return run;
    }
    QList<QString> headerTexts = reader.fields();
    const QList<QStringView> header(headerTexts.cbegin(), headerTexts.cend());
    QString error;
    int field = 0;
    const std::optional<ReplayColumns> columns = ReplayColumns::fromHeader(header, &error, &field);
    if (!columns) {
        run.fatal = {reader.fieldLine(field), reader.fieldColumn(field), error};
        return run;
    }
    CsvWriter writer(&out);
    for (const QString &text : std::as_const(headerTexts))
        writer.writeField(text);
    writer.writeField(u"Action");
    writer.writeField(u"Rule");
    writer.endRecord();
    const ReplayCore core(rules, directory);
    ReplayUserCache cache;
    Connection connection;
    ReplayRowError rowError;
    for (;;) {
        status = reader.next();
        if (status == CsvReader::Status::End)
            break;
        ++run.summary.rows;
        if (status == CsvReader::Status::Error) {
            ++run.summary.badRows;
            run.bad << ReplayProblem {reader.error().line, reader.error().column,
                                      reader.error().message};
            continue;
        }
        if (reader.fieldCount() != columns->count) {
            ++run.summary.badRows;
            run.bad << ReplayProblem {reader.recordLine(), 1,
                                      QStringLiteral("this row has %1 fields but the header has %2")
                                          .arg(reader.fieldCount())
                                          .arg(columns->count)};
            continue;
        }
        QList<QStringView> fields;
        for (qsizetype i = 0; i < reader.fieldCount(); ++i)
            fields << reader.field(i);
        if (!core.parse(fields.constData(), *columns, cache, connection, rowError)) {
            ++run.summary.badRows;
            run.bad << ReplayProblem {reader.fieldLine(rowError.field),
                                      reader.fieldColumn(rowError.field), rowError.message};
            continue;
        }
        const int rule = core.evaluator().evaluate(connection).decidingRule;
        if (rule >= 0 && rules.at(rule).action == Action::DenyAccess)
            ++run.summary.denied;
        else
            ++run.summary.allowed;
        if (rule >= 0)
            ++run.summary.perRule[rule];
        else
            ++run.summary.unmatched;
        for (const QStringView f : std::as_const(fields))
            writer.writeField(f);
        writer.writeField(rule >= 0 ? toString(rules.at(rule).action)
                                    : toString(Action::AllowAccess));
        writer.writeField(rule >= 0 ? rules.at(rule).name : QString());
        writer.endRecord();
    }
    writer.flush();
    run.ok = true;
    run.output = out.data();
    return run;
}

/// Random directories and connections that exercise every condition kind of
/// RandomRuleSets (its addresses, ports, patterns and filter values), plus users that are not
/// in the directory, non-ASCII names and odd spellings of every field.
class RandomConnections
{
public:
    explicit RandomConnections(quint32 seed)
        : m_rng(seed)
    { }

    bool chance(int percent) { return int(m_rng.bounded(100)) < percent; }
    int between(int low, int high) { return low + int(m_rng.bounded(high - low + 1)); }
    template<typename T> const T &oneOf(const QList<T> &list)
    {
        return list.at(int(m_rng.bounded(int(list.size()))));
    }

    Car::Directory directory(int count)
    {
        using namespace Car;
        static const QStringList names {
            QStringLiteral("alice"),     QStringLiteral("bob"),  QStringLiteral("admin"),
            QStringLiteral("o'brien"),   QStringLiteral("josé"), QStringLiteral("john doe"),
            QStringLiteral("Bob.Smith"), QStringLiteral("zoë"),  QStringLiteral("kim")};
        static const QStringList domains {QStringLiteral("contoso.com"),
                                          QStringLiteral("fabrikam.com"),
                                          QStringLiteral("CONTOSO.COM")};
        static const QStringList cities {QStringLiteral("Redmond"), QStringLiteral("redmond"),
                                         QStringLiteral("Berlin"), QString()};
        static const QStringList departments {QStringLiteral("Sales"), QStringLiteral("IT"),
                                              QString()};
        Directory directory;
        for (int i = 0; directory.size() < count; ++i) {
            DirectoryUser user;
            const QString name = oneOf(names) + QString::number(i % 7 == 0 ? i : i % 50);
            user.userPrincipalName = name + QLatin1Char('@') + oneOf(domains);
            user.samAccountName = chance(80) ? name.left(20) : QString();
            user.alias = chance(70) ? QString(name).remove(QLatin1Char(' ')) : QString();
            user.setAttribute(Attribute::City, oneOf(cities));
            user.setAttribute(Attribute::Department, oneOf(departments));
            user.setAttribute(Attribute::Company,
                              chance(50) ? QStringLiteral("Contoso") : QStringLiteral("Fabrikam"));
            user.setAttribute(Attribute::CountryOrRegion,
                              chance(50) ? QStringLiteral("US") : QStringLiteral("DE"));
            user.setAttribute(Attribute::Office, chance(30) ? QStringLiteral("HQ") : QString());
            user.setAttribute(Attribute::CustomAttribute1,
                              chance(20) ? QStringLiteral("O'Reilly") : QString());
            directory.addUser(user); // a repeated UPN is simply skipped
        }
        return directory;
    }

    /// A user column value: a directory user's UPN, alias or DOMAIN\sam (in any case), or
    /// someone unknown.
    QString user(const Car::Directory &directory)
    {
        const Car::DirectoryUser &u = directory.user(between(0, directory.size() - 1));
        switch (m_rng.bounded(8)) {
        case 0:
            return u.alias.isEmpty() ? u.userPrincipalName : u.alias;
        case 1:
            return QStringLiteral("CONTOSO\\") + u.samAccountName;
        case 2:
            return u.userPrincipalName.toUpper();
        case 3:
            return QStringLiteral("unknown%1@contoso.com").arg(between(0, 20));
        case 4:
            return QStringLiteral("  %1\t").arg(u.userPrincipalName);
        case 5:
            return QStringLiteral("\u00a0%1\u3000").arg(u.userPrincipalName); // Unicode blanks
        default:
            return u.userPrincipalName;
        }
    }

    QString protocol()
    {
        const QString name = Car::toString(Car::Protocol(between(0, Car::ProtocolCount - 1)));
        if (chance(10))
            return name.toLower();
        if (chance(5))
            return QString::number(between(0, Car::ProtocolCount - 1));
        return name;
    }

    QString authentication()
    {
        const QString name =
            Car::toString(Car::AuthenticationType(between(0, Car::AuthenticationTypeCount - 1)));
        if (chance(20))
            return name.left(name.size() - int(QStringLiteral("Authentication").size()));
        return name;
    }

    QString address()
    {
        switch (m_rng.bounded(7)) {
        case 0:
            return QStringLiteral("192.168.%1.%2").arg(between(0, 255)).arg(between(0, 255));
        case 1:
            return QStringLiteral("10.%1.%2.%3")
                .arg(between(0, 255))
                .arg(between(0, 3))
                .arg(between(0, 255));
        case 2:
            return QStringLiteral("172.16.%1.%2").arg(between(0, 255)).arg(between(0, 255));
        case 3:
            return QStringLiteral("2001:db8:%1::%2")
                .arg(between(0, 255), 0, 16)
                .arg(between(0, 0xffff), 0, 16);
        case 4:
            return QStringLiteral("2001:DB8::%1").arg(between(1, 254), 0, 16);
        case 5:
            return QStringLiteral("::ffff:192.168.%1.%2").arg(between(0, 255)).arg(between(0, 255));
        default:
            return QStringLiteral("%1.%2.%3.%4")
                .arg(between(1, 223))
                .arg(between(0, 255))
                .arg(between(0, 255))
                .arg(between(0, 255));
        }
    }

    QString port() { return QString::number(chance(50) ? 443 : between(1, 65535)); }

    QString middleTier()
    {
        static const QStringList values {
            QString(),           QStringLiteral("true"), QStringLiteral("False"),
            QStringLiteral("1"), QStringLiteral("0"),    QStringLiteral("TRUE")};
        return oneOf(values);
    }

    /// A connections CSV of `rows` rows; with `badEvery` > 0 about one row in that many is bad.
    QByteArray connections(const Car::Directory &directory, int rows, int badEvery = 0)
    {
        QByteArray csv = "Note,User,Protocol,AuthenticationType,RemoteAddress,RemotePort,"
                         "MiddleTier\r\n";
        for (int i = 0; i < rows; ++i) {
            QStringList fields {note(),    user(directory), protocol(),  authentication(),
                                address(), port(),          middleTier()};
            if (badEvery > 0 && int(m_rng.bounded(badEvery)) == 0)
                spoil(fields);
            QByteArray line;
            for (int f = 0; f < fields.size(); ++f) {
                if (f > 0)
                    line += ',';
                line += Car::CsvWriter::quoted(fields.at(f)).toUtf8();
            }
            csv += line + (chance(50) ? "\r\n" : "\n");
        }
        return csv;
    }

private:
    QString note()
    {
        switch (m_rng.bounded(6)) {
        case 0:
            return QStringLiteral("a, b");
        case 1:
            return QStringLiteral("say \"hi\"");
        case 2:
            return QStringLiteral("two\nlines");
        case 3:
            return QStringLiteral("CR\rinside");
        default:
            return QStringLiteral("n%1").arg(between(0, 999));
        }
    }

    void spoil(QStringList &fields)
    {
        switch (m_rng.bounded(6)) {
        case 0:
            fields[2] = QStringLiteral("Telnet");
            break;
        case 1:
            fields[3] = QStringLiteral("Kerberos");
            break;
        case 2:
            fields[4] = QStringLiteral("10.0.0.256");
            break;
        case 3:
            fields[5] = QStringLiteral("0");
            break;
        case 4:
            fields[1] = QStringLiteral("   ");
            break;
        default:
            fields.removeLast();
            break;
        }
    }

    QRandomGenerator m_rng;
};

} // namespace CarTest
