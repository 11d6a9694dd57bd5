#pragma once

#include "rule.h"

#include <QString>

#include <optional>

namespace Car {

/// Quotes `text` as a PowerShell single-quoted string: every single-quote character (' and the
/// typographic U+2018..U+201B) is doubled, so no value can end its string early. Newlines,
/// backticks, `$(...)` and `;` stay plain data inside single quotes.
QString quote(const QString &text);

/// One `New-ClientAccessRule -Name '...' -Action ... -Priority N` line that recreates `rule` at
/// `priority` (omitted when < 1), giving every non-default value: -Enabled $false, -Scope Users,
/// each list comma-separated with every item single-quoted, the filter single-quoted.
QString newRuleLine(const Rule &rule, int priority);

/// One `Set-ClientAccessRule -Identity '<before.name>' ...` line that turns `before` into
/// `after`: only changed parameters, lists given whole, a cleared list or filter as $null,
/// -Name for a rename, -Priority when `newPriority` is given. Empty when nothing changes.
QString setRuleLine(const Rule &before, const Rule &after,
                    std::optional<int> newPriority = std::nullopt);

/// `Set-ClientAccessRule -Identity '<name>' -Priority N`.
QString setPriorityLine(const QString &name, int priority);

/// `Remove-ClientAccessRule -Identity '<name>'`.
QString removeRuleLine(const QString &name);

} // namespace Car
