#pragma once

#include "evaluator.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Car {

/// How the CLI shows rules and test results, as text and as JSON.
class CliText
{
    Q_DECLARE_TR_FUNCTIONS(Car::CliText)

public:
    /// A Name/Priority/Enabled/Action table, like Get-ClientAccessRule's default view.
    /// `indexes` empty: every rule.
    static QString rulesTable(const RuleSet &rules, const QList<int> &indexes = {});
    /// Every property of each rule, like `Get-ClientAccessRule | Format-List`.
    static QString rulesList(const RuleSet &rules, const QList<int> &indexes = {});

    /// The decision, the deciding rule, the username string, the matching rules (disabled ones
    /// flagged, as Test-ClientAccessRule lists them) and the per-rule trace.
    static QString testText(const Evaluator &evaluator, const Connection &connection,
                            const Evaluation &evaluation);
    /// The same as an object with keys action, rule, username, matching, trace.
    static QJsonObject testJson(const Evaluator &evaluator, const Connection &connection,
                                const Evaluation &evaluation);
};

} // namespace Car
