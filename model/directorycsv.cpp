#include "directorycsv.h"

#include "stringinterner.h"

#include <QCoreApplication>
#include <QHash>
#include <QIODevice>

#include <optional>
#include <vector>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::DirectoryCsv", text);
}

// A column of the users CSV: one of the four identity columns, or an attribute.
enum class Column : int { Upn = -4, Sam = -3, Alias = -2, DisplayName = -1 };

std::optional<int> columnFor(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    if (trimmed.compare(u"UserPrincipalName", Qt::CaseInsensitive) == 0)
        return int(Column::Upn);
    if (trimmed.compare(u"SamAccountName", Qt::CaseInsensitive) == 0)
        return int(Column::Sam);
    if (trimmed.compare(u"Alias", Qt::CaseInsensitive) == 0)
        return int(Column::Alias);
    if (trimmed.compare(u"DisplayName", Qt::CaseInsensitive) == 0)
        return int(Column::DisplayName);
    if (const std::optional<Attribute> attribute = attributeFromName(trimmed))
        return int(*attribute);
    return std::nullopt;
}

void assign(DirectoryUser &user, int column, const QString &value, StringInterner &interner)
{
    switch (column) {
    case int(Column::Upn):
        user.userPrincipalName = value;
        return;
    case int(Column::Sam):
        user.samAccountName = value;
        return;
    case int(Column::Alias):
        user.alias = value;
        return;
    case int(Column::DisplayName):
        user.displayName = value;
        return;
    default:
        user.setAttribute(Attribute(column), interner.intern(value));
    }
}

DirectoryCsv::Result failure(qint64 line, qint64 column, const QString &message)
{
    DirectoryCsv::Result result;
    result.error = {line, column, message};
    return result;
}

} // namespace

DirectoryCsv::Result DirectoryCsv::read(QIODevice *device, Directory &out)
{
    CsvReader reader(device);
    CsvReader::Status status = reader.next();
    if (status == CsvReader::Status::Record && reader.field(0).startsWith(u"#TYPE"))
        status = reader.next();
    if (status == CsvReader::Status::Error)
        return failure(reader.error().line, reader.error().column, reader.error().message);
    if (status == CsvReader::Status::End) {
        if (!reader.deviceError().isEmpty())
            return failure(1, 1, reader.deviceError());
        return failure(1, 1,
                       tr("the file is empty; expected a header row with a "
                          "UserPrincipalName column"));
    }

    // Header: map each field to a column, or -100 for an ignored one.
    constexpr int Ignored = -100;
    std::vector<int> columns;
    QStringList unknown;
    QHash<int, qsizetype> seen;
    int upnField = -1;
    for (qsizetype i = 0; i < reader.fieldCount(); ++i) {
        const std::optional<int> column = columnFor(reader.field(i));
        if (!column) {
            columns.push_back(Ignored);
            unknown << (reader.field(i).trimmed().isEmpty() ? tr("(empty name)")
                                                            : reader.field(i).trimmed().toString());
            continue;
        }
        if (seen.contains(*column))
            return failure(reader.fieldLine(i), reader.fieldColumn(i),
                           tr("the column '%1' is named twice (first as column %2)")
                               .arg(reader.field(i).trimmed().toString())
                               .arg(seen.value(*column) + 1));
        seen.insert(*column, i);
        columns.push_back(*column);
        if (*column == int(Column::Upn))
            upnField = int(i);
    }
    if (upnField < 0)
        return failure(reader.recordLine(), 1,
                       tr("the header has no UserPrincipalName column (the columns are: %1)")
                           .arg(reader.fields().join(QLatin1String(", "))));

    Result result;
    if (!unknown.isEmpty())
        result.warnings
            << tr("ignoring unknown columns: %1").arg(unknown.join(QLatin1String(", ")));

    Directory directory;
    QHash<QString, qint64> upnLines;
    StringInterner interner; // users share their repeated attribute values
    for (;;) {
        status = reader.next();
        if (status == CsvReader::Status::End)
            break;
        if (status == CsvReader::Status::Error)
            return failure(reader.error().line, reader.error().column, reader.error().message);
        if (reader.fieldCount() != qsizetype(columns.size()))
            return failure(reader.recordLine(), 1,
                           tr("this row has %1 fields but the header has %2")
                               .arg(reader.fieldCount())
                               .arg(columns.size()));
        DirectoryUser user;
        for (qsizetype i = 0; i < reader.fieldCount(); ++i) {
            if (columns[std::size_t(i)] != Ignored)
                assign(user, columns[std::size_t(i)], reader.field(i).trimmed().toString(),
                       interner);
        }
        const qint64 line = reader.fieldLine(upnField);
        const qint64 column = reader.fieldColumn(upnField);
        if (user.userPrincipalName.isEmpty())
            return failure(line, column, tr("the UserPrincipalName is missing"));
        const QString key = user.userPrincipalName.toCaseFolded();
        if (const auto it = upnLines.constFind(key); it != upnLines.constEnd())
            return failure(line, column,
                           tr("the UserPrincipalName '%1' is repeated (first on line %2)")
                               .arg(user.userPrincipalName)
                               .arg(*it));
        QString error;
        if (!directory.addUser(user, &error))
            return failure(line, column, error);
        upnLines.insert(key, line);
    }
    if (!reader.deviceError().isEmpty())
        return failure(reader.recordLine(), 1, reader.deviceError());

    result.ok = true;
    result.userCount = directory.size();
    out = directory;
    return result;
}

QStringList DirectoryCsv::columnNames()
{
    QStringList names = {QStringLiteral("UserPrincipalName"), QStringLiteral("SamAccountName"),
                         QStringLiteral("Alias"), QStringLiteral("DisplayName")};
    for (const Attribute attribute : allAttributes())
        names << toString(attribute);
    return names;
}

bool DirectoryCsv::write(const Directory &directory, QIODevice *device, QString *error)
{
    CsvWriter writer(device);
    writer.writeRecord(columnNames());
    for (const DirectoryUser &user : directory.users()) {
        writer.writeField(user.userPrincipalName);
        writer.writeField(user.samAccountName);
        writer.writeField(user.alias);
        writer.writeField(user.displayName);
        for (int a = 0; a < AttributeCount; ++a)
            writer.writeField(user.attribute(Attribute(a)));
        writer.endRecord();
    }
    const bool ok = writer.flush();
    if (!ok && error)
        *error = writer.error();
    return ok;
}

} // namespace Car
