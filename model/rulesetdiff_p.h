#pragma once

#include <QList>

namespace Car::detail {

/// The heaviest strictly increasing subsequence of `values` (distinct integers), each element
/// weighing `weights[i]`: returns, per element, whether it belongs to it. Ties go to the
/// subsequence found first from the left. Quadratic: meant for the 20 rules of a rule set.
QList<bool> heaviestIncreasingSubsequence(const QList<int> &values, const QList<int> &weights);

} // namespace Car::detail
