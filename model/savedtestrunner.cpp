#include "savedtestrunner.h"

#include "directory.h"
#include "ruleset.h"

namespace Car {

QString SavedTestResult::actualText() const
{
    if (decidingRule < 0)
        return SavedTestRunner::tr("%1 (no rule matched)").arg(toString(actualAction));
    return SavedTestRunner::tr("%1 by '%2' (priority %3)")
        .arg(toString(actualAction), actualRule)
        .arg(decidingRule + 1);
}

QString SavedTestResult::toText() const
{
    if (passed)
        return SavedTestRunner::tr("PASS '%1': %2").arg(test.name, actualText());
    QString text = SavedTestRunner::tr("FAIL '%1': expected %2, got %3")
                       .arg(test.name, test.expectationText(), actualText());
    if (expectedRuleMissing) {
        text += SavedTestRunner::tr("; the rule set has no rule named '%1'").arg(test.expectedRule);
    }
    return text;
}

SavedTestResult SavedTestRunner::run(const SavedTest &test, const Evaluator &evaluator,
                                     const Directory &directory)
{
    const RuleSet &rules = evaluator.ruleSet();
    const Connection connection =
        makeConnection(rules, directory, test.user.trimmed(), test.protocol,
                       test.authenticationType, test.address, test.port, test.middleTier);
    const int deciding = evaluator.decide(connection);

    SavedTestResult result;
    result.test = test;
    result.decidingRule = deciding;
    result.actualAction = deciding >= 0 ? rules.at(deciding).action : Action::AllowAccess;
    result.actualRule = deciding >= 0 ? rules.at(deciding).name : QString();
    result.username = connection.username;
    result.expectedRuleMissing =
        !test.expectedRule.isEmpty() && rules.indexOfName(test.expectedRule) < 0;
    const bool ruleOk = test.expectedRule.isEmpty()
        || (deciding >= 0
            && SavedTest::key(result.actualRule) == SavedTest::key(test.expectedRule));
    result.passed = result.actualAction == test.expectedAction && ruleOk;
    return result;
}

QList<SavedTestResult> SavedTestRunner::runAll(const QList<SavedTest> &tests, const RuleSet &rules,
                                               const Directory &directory)
{
    const Evaluator evaluator(rules);
    return runAll(tests, evaluator, directory);
}

QList<SavedTestResult> SavedTestRunner::runAll(const QList<SavedTest> &tests,
                                               const Evaluator &evaluator,
                                               const Directory &directory)
{
    QList<SavedTestResult> results;
    results.reserve(tests.size());
    for (const SavedTest &test : tests)
        results.append(run(test, evaluator, directory));
    return results;
}

int SavedTestRunner::failureCount(const QList<SavedTestResult> &results)
{
    int failures = 0;
    for (const SavedTestResult &result : results) {
        if (!result.passed)
            ++failures;
    }
    return failures;
}

} // namespace Car
