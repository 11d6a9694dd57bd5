#pragma once

#include "enums.h"

#include <QString>

namespace Car {

struct Rule;

/// A short protocol name as admins say it in a list ("EAC", "OWA", "ActiveSync").
QString shortProtocolName(Protocol protocol);

/// One line that says what a rule applies to, conditions first, then exceptions, joined by " · ":
/// "ActiveSync · except from 192.168.10.0/24", "EAC · Department -ne 'IT'",
/// "all connections". Lists longer than three values are shortened ("a, b, c +2").
QString summarizeRule(const Rule &rule);

/// Every value of the rule as one lower-case text, for the list's filter box.
QString searchableText(const Rule &rule);

} // namespace Car
