#pragma once

#include "rulestore.h"

#include <QCoreApplication>

class QSqlDatabase;

namespace Car {

/// Maps saved tests to the saved_tests table (schema 2). Positions are 1..N in the order tests
/// were added; a replaced test keeps its place. Enum values are stored by name, the address as
/// canonical text. None of these opens a transaction.
class SavedTestRows
{
    Q_DECLARE_TR_FUNCTIONS(SavedTestRows)

public:
    /// Every saved test in order. A stored value that does not parse fails the read with a
    /// message naming the test and the value.
    static StoreResult readAll(QSqlDatabase &database, QList<SavedTest> *out);

    /// Inserts `test`, or replaces the test named `previousName` (ignoring case) in place.
    static StoreResult write(QSqlDatabase &database, const SavedTest &test,
                             const QString &previousName);

    /// Removes the test named `name` (ignoring case) and closes the gap in the positions.
    static StoreResult remove(QSqlDatabase &database, const QString &name);
};

} // namespace Car
