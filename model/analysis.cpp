#include "analysis.h"

#include "analysis_p.h"

#include <QCoreApplication>

#include <algorithm>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::Analysis", text);
}

using detail::AnalysisContext;
using detail::lowestRule;
using detail::ruleLabel;

// The best (lowest quality) cell that satisfies `pred`, or nullptr.
template<typename Pred>
const AnalysisSpace::Cell *bestCell(const QList<AnalysisSpace::Cell> &cells, Pred pred)
{
    const AnalysisSpace::Cell *best = nullptr;
    for (const AnalysisSpace::Cell &cell : cells) {
        if (pred(cell) && (!best || cell.quality < best->quality))
            best = &cell;
    }
    return best;
}

Finding cannotTell(const AnalysisContext &context, FindingKind kind, int rule, const QString &why)
{
    Finding finding;
    finding.kind = kind;
    finding.severity = FindingSeverity::Info;
    finding.ruleIndex = rule;
    finding.ruleName = context.rules.at(rule).name;
    finding.certain = false;
    finding.message = tr("Cannot tell whether rule %1 is %2: %3.")
                          .arg(ruleLabel(context.rules, rule), toString(kind), why);
    return finding;
}

const QString disagreement()
{
    return tr("the evaluator did not confirm the example the analysis found");
}

// Shadowed and redundant rules, then overlaps of opposite actions (correlated, generalised).
void addOrderFindings(const AnalysisContext &context, const QString &inexactReason)
{
    const RuleSet &rules = context.rules;
    const QList<AnalysisSpace::Cell> &cells = context.cells;
    const bool exact = context.space.isExact();
    const int count = context.space.ruleCount();
    quint32 neverDecides = 0;

    for (int r = 0; r < count; ++r) {
        if (!(context.space.enabledMask() & (1u << r)))
            continue;
        const quint32 bit = 1u << r;
        bool matches = false;
        bool decides = false;
        bool sameWithout = true;
        quint32 takers = 0;
        quint32 successors = 0;
        for (const AnalysisSpace::Cell &cell : cells) {
            if (!(cell.mask & bit))
                continue;
            matches = true;
            const int decider = lowestRule(cell.mask);
            if (decider != r) {
                takers |= 1u << decider;
                continue;
            }
            decides = true;
            const int next = lowestRule(cell.mask & ~bit);
            if (next >= 0)
                successors |= 1u << next;
            const Action without = next >= 0 ? rules.at(next).action : Action::AllowAccess;
            if (without != rules.at(r).action)
                sameWithout = false;
        }
        if (!decides)
            neverDecides |= bit;
        if (decides && !sameWithout)
            continue;

        // Never deciding: shadowed when an earlier rule of the other action takes its traffic
        // (Al-Shaer's shadowing), redundant when only rules of the same action do.
        bool oppositeTaker = false;
        for (int t = 0; t < r; ++t) {
            if ((takers & (1u << t)) && rules.at(t).action != rules.at(r).action)
                oppositeTaker = true;
        }
        const FindingKind kind =
            matches && !decides && oppositeTaker ? FindingKind::Shadowed : FindingKind::Redundant;
        if (!exact) {
            context.findings.append(cannotTell(context, kind, r, inexactReason));
            continue;
        }
        Finding finding;
        finding.kind = kind;
        finding.ruleIndex = r;
        finding.ruleName = rules.at(r).name;
        if (!matches) {
            finding.severity = FindingSeverity::Warning;
            finding.message = tr("Rule %1 matches no connection: no connection meets all its "
                                 "conditions without one of its exceptions applying. Removing it "
                                 "changes nothing.")
                                  .arg(ruleLabel(rules, r));
            context.findings.append(finding);
            continue;
        }
        if (kind == FindingKind::Shadowed) {
            finding.severity = FindingSeverity::Warning;
            detail::setBy(finding, rules, takers);
            finding.message =
                tr("Rule %1 never decides: every connection it matches is decided "
                   "earlier by %2.")
                    .arg(ruleLabel(rules, r),
                         finding.by.size() == 1
                             ? tr("rule %1").arg(ruleLabel(rules, finding.byIndexes[0]))
                             : tr("rules %1").arg(finding.by.join(QStringLiteral(", "))));
            const AnalysisSpace::Cell *cell =
                bestCell(cells, [bit](const AnalysisSpace::Cell &c) { return c.mask & bit; });
            const Witness witness = context.space.witness(cell->point);
            if (!detail::confirm(context, witness, [&](const Connection &, const Evaluation &e) {
                    return e.trace[r].outcome == RuleOutcome::Matched && e.decidingRule >= 0
                        && e.decidingRule < r && (takers & (1u << e.decidingRule));
                })) {
                context.findings.append(cannotTell(context, kind, r, disagreement()));
                continue;
            }
            finding.witness = witness;
        } else if (!decides) {
            finding.severity = FindingSeverity::Info;
            detail::setBy(finding, rules, takers);
            finding.message = tr("Rule %1 is redundant: every connection it matches is decided "
                                 "earlier, with the same action, by %2.")
                                  .arg(ruleLabel(rules, r), finding.by.join(QStringLiteral(", ")));
            const AnalysisSpace::Cell *cell =
                bestCell(cells, [bit](const AnalysisSpace::Cell &c) { return c.mask & bit; });
            const Witness witness = context.space.witness(cell->point);
            if (!detail::confirm(context, witness, [&](const Connection &, const Evaluation &e) {
                    return e.trace[r].outcome == RuleOutcome::Matched && e.decidingRule >= 0
                        && e.decidingRule < r && (takers & (1u << e.decidingRule))
                        && e.action == rules.at(r).action;
                })) {
                context.findings.append(cannotTell(context, kind, r, disagreement()));
                continue;
            }
            finding.witness = witness;
        } else {
            finding.severity = FindingSeverity::Info;
            detail::setBy(finding, rules, successors);
            finding.message = successors
                ? tr("Rule %1 is redundant: every connection it decides would get the same "
                     "decision (%2) from %3 without it.")
                      .arg(ruleLabel(rules, r), toString(rules.at(r).action),
                           finding.by.join(QStringLiteral(", ")))
                : tr("Rule %1 is redundant: no rule below it matches its connections, and the "
                     "implicit allow gives the same decision.")
                      .arg(ruleLabel(rules, r));
            const Rule &rule = rules.at(r);
            if (rule.action == Action::AllowAccess
                && (rule.anyOfProtocols.isEmpty()
                    || rule.anyOfProtocols.contains(Protocol::RemotePowerShell))) {
                // Microsoft's lockout advice: the allow rule is there for the deny rules of
                // tomorrow.
                finding.message += tr(" Keep it if it is your lockout guard: it keeps Remote "
                                      "PowerShell open when deny rules are added below it.");
            }
            const AnalysisSpace::Cell *cell = bestCell(
                cells, [r](const AnalysisSpace::Cell &c) { return lowestRule(c.mask) == r; });
            const Witness witness = context.space.witness(cell->point);
            RuleSet reduced = rules;
            reduced.removeRule(r);
            const Evaluator without(reduced);
            if (!detail::confirm(context, witness, [&](const Connection &c, const Evaluation &e) {
                    return e.decidingRule == r && without.evaluate(c).action == e.action;
                })) {
                context.findings.append(cannotTell(context, kind, r, disagreement()));
                continue;
            }
            finding.witness = witness;
        }
        context.findings.append(finding);
    }

    // Opposite actions where the earlier rule i takes connections the later rule j also matches.
    for (int j = 0; j < count; ++j) {
        if (!(context.space.enabledMask() & (1u << j)) || (neverDecides & (1u << j)))
            continue;
        for (int i = 0; i < j; ++i) {
            if (!(context.space.enabledMask() & (1u << i))
                || rules.at(i).action == rules.at(j).action)
                continue;
            const quint32 bi = 1u << i, bj = 1u << j;
            const AnalysisSpace::Cell *cell = bestCell(cells, [&](const AnalysisSpace::Cell &c) {
                return lowestRule(c.mask) == i && (c.mask & bj);
            });
            if (!cell)
                continue;
            const bool superset = exact
                && std::all_of(cells.cbegin(), cells.cend(), [&](const AnalysisSpace::Cell &c) {
                                      return !(c.mask & bi) || (c.mask & bj);
                                  });
            Finding finding;
            finding.kind = superset ? FindingKind::Generalised : FindingKind::Correlated;
            finding.severity = superset ? FindingSeverity::Info : FindingSeverity::Warning;
            finding.ruleIndex = j;
            finding.ruleName = rules.at(j).name;
            detail::setBy(finding, rules, bi);
            finding.message = superset
                ? tr("Rule %1 (%2) covers every connection of rule %3 (%4), which comes first "
                     "and takes them: the order decides. Fine if rule %3 is meant as an "
                     "exception to rule %1.")
                      .arg(ruleLabel(rules, j), toString(rules.at(j).action), ruleLabel(rules, i),
                           toString(rules.at(i).action))
                : tr("Rules %1 (%2) and %3 (%4) overlap: connections that meet both are decided "
                     "by rule %1 because it comes first; swapping them would change the "
                     "decision.")
                      .arg(ruleLabel(rules, i), toString(rules.at(i).action), ruleLabel(rules, j),
                           toString(rules.at(j).action));
            const Witness witness = context.space.witness(cell->point);
            if (!detail::confirm(context, witness, [&](const Connection &, const Evaluation &e) {
                    return e.decidingRule == i && e.trace[j].outcome == RuleOutcome::Matched;
                }))
                continue; // an overlap the evaluator does not show is not reported
            finding.witness = witness;
            context.findings.append(finding);
        }
    }
}

} // namespace

QString toString(FindingKind kind)
{
    switch (kind) {
    case FindingKind::Shadowed:
        return QStringLiteral("shadowed");
    case FindingKind::Redundant:
        return QStringLiteral("redundant");
    case FindingKind::Correlated:
        return QStringLiteral("correlated");
    case FindingKind::Generalised:
        return QStringLiteral("generalised");
    case FindingKind::Lint:
        return QStringLiteral("lint");
    case FindingKind::Lockout:
        return QStringLiteral("lockout");
    }
    return QString();
}

QString toString(FindingSeverity severity)
{
    switch (severity) {
    case FindingSeverity::Error:
        return QStringLiteral("error");
    case FindingSeverity::Warning:
        return QStringLiteral("warning");
    case FindingSeverity::Info:
        return QStringLiteral("info");
    }
    return QString();
}

QList<Finding> AnalysisResult::findingsFor(int ruleIndex) const
{
    QList<Finding> result;
    for (const Finding &finding : findings) {
        if (finding.ruleIndex == ruleIndex)
            result.append(finding);
    }
    return result;
}

namespace detail {

QString ruleLabel(const RuleSet &rules, int index)
{
    return QStringLiteral("%1 '%2'").arg(index + 1).arg(rules.at(index).name);
}

bool confirm(const AnalysisContext &context, const Witness &witness,
             const std::function<bool(const Connection &, const Evaluation &)> &check)
{
    DirectoryUser storage;
    const Connection connection = witness.connection(context.directory, storage);
    Evaluation evaluation;
    context.evaluator.evaluate(connection, evaluation);
    return check(connection, evaluation);
}

void setBy(Finding &finding, const RuleSet &rules, quint32 mask)
{
    for (int r = 0; r < rules.size() && r < 32; ++r) {
        if (mask & (1u << r)) {
            finding.byIndexes.append(r);
            finding.by.append(rules.at(r).name);
        }
    }
}

} // namespace detail

AnalysisResult analyzeRuleSet(const RuleSet &rules, const Directory &directory,
                              const AnalysisOptions &options)
{
    AnalysisResult result;
    const auto cancelled = [&options] {
        return options.cancel && options.cancel->load(std::memory_order_relaxed);
    };
    const AnalysisSpace space(rules, directory, options.cancel);
    QList<AnalysisSpace::Cell> cells;
    if (space.isCancelled() || !space.enumerate({}, cells)) {
        result.cancelled = true;
        return result;
    }
    result.exact = space.isExact();
    result.inexactReason = space.inexactReason();
    result.matchSets = int(cells.size());

    const Evaluator evaluator(rules);
    const AnalysisContext context {rules, directory, evaluator, space, cells, result.findings};
    addOrderFindings(context, result.inexactReason);
    if (cancelled()) {
        result.cancelled = true;
        return result;
    }
    detail::addLockoutFindings(context, options.admin);
    detail::addLintFindings(context);
    if (cancelled()) {
        result.cancelled = true;
        return result;
    }
    std::stable_sort(result.findings.begin(), result.findings.end(),
                     [](const Finding &a, const Finding &b) {
                         if (a.severity != b.severity)
                             return a.severity < b.severity;
                         if (a.ruleIndex != b.ruleIndex)
                             return unsigned(a.ruleIndex) < unsigned(b.ruleIndex);
                         return a.kind < b.kind;
                     });
    return result;
}

} // namespace Car
