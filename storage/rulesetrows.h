#pragma once

#include "rulestore.h"

#include <QCoreApplication>

class QSqlDatabase;

namespace Car {

/// Maps a RuleSet to the rule_sets, rules and rule_values tables and back. Values are stored as
/// their canonical text (IpRange::toString, enum names, ...) and parsed back with the model's
/// parsers. Neither function opens a transaction: the caller's transaction covers the whole write.
class RuleSetRows
{
    Q_DECLARE_TR_FUNCTIONS(RuleSetRows)

public:
    /// Replaces rule set `ruleSetId` (environment, NetBIOS domain, rules and their order).
    static StoreResult write(QSqlDatabase &database, int ruleSetId, const RuleSet &ruleSet);

    /// Reads rule set `ruleSetId`. A stored value that does not parse, or a rule the model
    /// rejects, fails the read with a message naming the rule and the value: a damaged workspace
    /// is reported, never silently repaired.
    static StoreResult read(QSqlDatabase &database, int ruleSetId, RuleSet *ruleSet);
};

} // namespace Car
