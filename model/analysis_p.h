#pragma once

// Internal to the analysis: shared by analysis.cpp and analysislint.cpp.

#include "analysis.h"
#include "analysisspace.h"
#include "evaluator.h"

#include <QtAlgorithms>

#include <functional>

namespace Car::detail {

/// Everything one analysis run works on.
struct AnalysisContext
{
    const RuleSet &rules;
    const Directory &directory;
    const Evaluator &evaluator;
    const AnalysisSpace &space;
    const QList<AnalysisSpace::Cell> &cells; ///< every match set, unrestricted
    QList<Finding> &findings;
};

/// "2 'Block ActiveSync'" (the priority and the name).
QString ruleLabel(const RuleSet &rules, int index);

/// The lowest set bit (the deciding rule of a match set), -1 for none.
inline int lowestRule(quint32 mask)
{
    return mask ? int(qCountTrailingZeroBits(mask)) : -1;
}

/// Evaluates `witness` with the context's evaluator and returns `check`'s verdict on the result.
bool confirm(const AnalysisContext &context, const Witness &witness,
             const std::function<bool(const Connection &, const Evaluation &)> &check);

/// The finding's `by` lists from a mask of rule indexes.
void setBy(Finding &finding, const RuleSet &rules, quint32 mask);

void addLintFindings(const AnalysisContext &context);
void addLockoutFindings(const AnalysisContext &context, const AdminSettings &admin);

} // namespace Car::detail
