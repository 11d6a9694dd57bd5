#pragma once

#include "evaluator.h"
#include "savedtest.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Car {

class Directory;
class RuleSet;

/// The outcome of one saved test: what was expected, what the evaluator decided, pass or fail.
struct SavedTestResult
{
    SavedTest test;
    bool passed = false;
    Action actualAction = Action::AllowAccess;
    int decidingRule = -1; ///< index into the rule set run against; -1: no rule matched
    QString actualRule; ///< the deciding rule's name; empty when no rule matched
    QString username; ///< the username string the patterns saw (domain §0)
    /// Set when the expected rule is not in the rule set at all (renamed or removed?).
    bool expectedRuleMissing = false;

    /// "AllowAccess (no rule matched)" or "DenyAccess by 'Block EAS' (priority 2)".
    QString actualText() const;
    /// One line: "PASS 'EAS from home': DenyAccess by 'Block EAS' (priority 2)", or
    /// "FAIL 'EAS from home': expected DenyAccess by 'Block EAS', got AllowAccess (no rule
    /// matched)" plus a note when the expected rule does not exist.
    QString toText() const;
};

/// Runs saved tests with the one Evaluator (makeConnection + evaluate), exactly as the Test
/// connection panel and `carconsole-cli test` decide a connection.
class SavedTestRunner
{
    Q_DECLARE_TR_FUNCTIONS(Car::SavedTestRunner)

public:
    /// Runs one test against the evaluator's rule set; users are resolved in `directory`.
    /// A test passes when the action is the expected one and, if it names a rule, that rule
    /// (by name, ignoring case) decided.
    static SavedTestResult run(const SavedTest &test, const Evaluator &evaluator,
                               const Directory &directory);

    /// Runs every test in order against `rules` (compiled once).
    static QList<SavedTestResult> runAll(const QList<SavedTest> &tests, const RuleSet &rules,
                                         const Directory &directory);
    /// The same with an already compiled evaluator (the console keeps one current).
    static QList<SavedTestResult> runAll(const QList<SavedTest> &tests, const Evaluator &evaluator,
                                         const Directory &directory);

    /// How many of `results` failed.
    static int failureCount(const QList<SavedTestResult> &results);
};

} // namespace Car
