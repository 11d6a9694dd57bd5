#pragma once

#include "csv.h"
#include "directory.h"

#include <QString>
#include <QStringList>

class QIODevice;

namespace Car {

/// Reads and writes the users CSV of the directory (domain §0): a header row whose column names
/// bind ignoring case: UserPrincipalName (required), SamAccountName, Alias, DisplayName and the
/// attributes of domain §10. A leading `#TYPE ...` line (as Export-Csv writes) is skipped.
class DirectoryCsv
{
public:
    struct Result
    {
        bool ok = false;
        CsvError error; ///< where and what, when !ok (line/column 1-based)
        QStringList warnings; ///< e.g. the unknown columns that were ignored
        int userCount = 0;
    };

    /// Reads every user from `device` into `out`. All or nothing: on any error `out` is left as
    /// it was. Errors: a missing UserPrincipalName column, a column named twice, a row with a
    /// different number of fields than the header, an empty or repeated UserPrincipalName, and
    /// malformed CSV. Values are trimmed.
    static Result read(QIODevice *device, Directory &out);

    /// Writes every user, all columns, in import order; false with `error` on a write failure.
    static bool write(const Directory &directory, QIODevice *device, QString *error = nullptr);

    /// The column names write() uses, in order.
    static QStringList columnNames();
};

} // namespace Car
