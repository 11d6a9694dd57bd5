#pragma once

#include "ruleset.h"

#include <QStringList>

namespace Car {

/// The cmdlet lines that turn `before` into `after`, in an order that, run as a script against
/// `before`, yields `after`: Remove-ClientAccessRule for rules that are gone, Set-ClientAccessRule
/// for changed rules (named by their old name, with -Name on a rename), one Set -Priority per
/// rule that moved relative to the others (a single move is a single line), New-ClientAccessRule
/// with -Priority for new rules in ascending order. An environment change is recorded as a
/// comment line ("# Environment: ExchangeServer, NetBIOS domain CONTOSO"), since no cmdlet sets it.
/// Used as the change history of every console edit.
QStringList historyLines(const RuleSet &before, const RuleSet &after);

} // namespace Car
