#pragma once

#include "ruleset.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace Car {

/// The rule set as JSON, with Get-ClientAccessRule's property names (domain §14).
///
/// write() gives an array of objects: Name, Priority, Enabled, Action, the condition and exception
/// lists as arrays of canonical strings, UserRecipientFilter (null when empty) and RuleScope. No
/// ids or GUIDs, so export -> import -> export is byte-identical.
///
/// read() takes that, and real `Get-ClientAccessRule | ConvertTo-Json` output: one object or an
/// array of them; unknown properties ignored; list values as arrays, a single string or null
/// (also PowerShell's {"value": [...], "Count": n} wrapping); enums as names (bound like cmdlet
/// text) or ordinals (domain §4); IP ranges as strings or objects with Expression or
/// LowerBound/UpperBound/RangeFormat; `RuleScope` or `Scope`; rules sorted by Priority. A list
/// that Export-Csv flattened into a .NET type name is reported as unrecoverable.
class RuleSetJson
{
public:
    struct Result
    {
        bool ok = false;
        qint64 line = 0; ///< where the error is in the JSON text (1-based), when !ok
        qint64 column = 0;
        QString error; ///< names the rule, the property and the value
        QStringList warnings;
    };

    static QByteArray write(const RuleSet &ruleSet);

    /// Replaces the rules of `ruleSet` (its environment and NetBIOS domain stay) with those in
    /// `json`, validating each through RuleSet::insertRule. All or nothing.
    static Result read(QByteArrayView json, RuleSet &ruleSet);
};

} // namespace Car
