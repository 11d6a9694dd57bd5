// Lint and lockout findings of the analysis.
#include "analysis_p.h"
#include "lockoutguard.h"

#include <QCoreApplication>

namespace Car::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::Analysis", text);
}

Finding lint(const RuleSet &rules, int rule, FindingSeverity severity, const QString &message)
{
    Finding finding;
    finding.kind = FindingKind::Lint;
    finding.severity = severity;
    finding.ruleIndex = rule;
    if (rule >= 0)
        finding.ruleName = rules.at(rule).name;
    finding.message = message;
    return finding;
}

// The best cell of an enumeration satisfying `pred`, or nullptr.
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

// A user the pattern looks meant for: `jeff*` -> jeff@contoso.com (contoso.com\jeff).
QString intendedUser(const UsernamePattern &pattern, const Directory &directory)
{
    QString name = pattern.text();
    name.remove(u'*');
    QString domain = QStringLiteral("contoso.com");
    if (!directory.isEmpty()) {
        const QString &upn = directory.user(0).userPrincipalName;
        const int at = upn.lastIndexOf(u'@');
        if (at >= 0 && at + 1 < upn.size())
            domain = upn.mid(at + 1);
    }
    return name + u'@' + domain;
}

// A pattern that can never match (domain §9), with a witness: the user it looks meant for, on a
// connection the rule otherwise matches, is not matched by it.
void patternLint(const AnalysisContext &context, const QList<AnalysisSpace::Cell> &honoured, int r)
{
    const Rule &rule = context.rules.at(r);
    for (const bool exception : {false, true}) {
        const QList<UsernamePattern> &patterns =
            exception ? rule.exceptUsernameMatchesAnyOfPatterns : rule.usernameMatchesAnyOfPatterns;
        for (const UsernamePattern &pattern : patterns) {
            const QString warning = pattern.warning();
            if (warning.isEmpty())
                continue;
            Finding finding = lint(context.rules, r, FindingSeverity::Warning,
                                   exception ? tr("Exception pattern: %1").arg(warning) : warning);
            const AnalysisSpace::Cell *cell = bestCell(
                honoured, [r](const AnalysisSpace::Cell &c) { return c.mask & (1u << r); });
            if (cell) {
                Witness witness = context.space.witness(cell->point);
                const QString user = intendedUser(pattern, context.directory);
                const DirectoryUser *found = context.directory.resolve(user);
                witness.userKind =
                    found ? Witness::UserKind::Directory : Witness::UserKind::NotInDirectory;
                witness.user = user;
                witness.username = usernameString(found, user, context.rules.environment(),
                                                  context.rules.netbiosDomain());
                witness.attributes.clear();
                const bool shown = !pattern.matches(witness.username)
                    && witness.protocol != Protocol::UniversalOutlook
                    && confirm(context, witness, [&](const Connection &, const Evaluation &e) {
                           for (const ConditionTrace &t : e.trace[r].conditions) {
                               if (t.kind == ConditionKind::UsernamePatterns
                                   && t.exception == exception)
                                   return !t.held;
                           }
                           return false;
                       });
                if (shown)
                    finding.witness = witness;
            }
            context.findings.append(finding);
        }
    }
}

void authenticationLint(const AnalysisContext &context, int r)
{
    const Rule &rule = context.rules.at(r);
    QStringList problems;
    for (const QList<AuthenticationType> *types :
         {&rule.anyOfAuthenticationTypes, &rule.exceptAnyOfAuthenticationTypes}) {
        for (const AuthenticationType type : *types) {
            if (rule.anyOfProtocols.isEmpty()) {
                problems << tr("%1 is given without AnyOfProtocols").arg(toString(type));
                continue;
            }
            for (const Protocol protocol : rule.anyOfProtocols) {
                if (!protocolSupportsAuthentication(protocol, type))
                    problems
                        << tr("%1 does not support %2").arg(toString(protocol), toString(type));
            }
        }
    }
    problems.removeDuplicates();
    if (!problems.isEmpty())
        context.findings.append(
            lint(context.rules, r, FindingSeverity::Error,
                 tr("Authentication type and protocol combination is invalid (domain §11): %1. "
                    "Exchange rejects this rule.")
                     .arg(problems.join(QStringLiteral("; ")))));
}

// Username patterns are not honoured for UniversalOutlook (domain §3): the evaluator holds them
// vacuously, so the rule matches every such connection whatever the username.
void notHonouredLint(const AnalysisContext &context, const QList<AnalysisSpace::Cell> &universal,
                     int r)
{
    const Rule &rule = context.rules.at(r);
    if (rule.usernameMatchesAnyOfPatterns.isEmpty()
        && rule.exceptUsernameMatchesAnyOfPatterns.isEmpty())
        return;
    const bool listed = rule.anyOfProtocols.contains(Protocol::UniversalOutlook);
    const bool implied = rule.anyOfProtocols.isEmpty()
        && isProtocolAvailable(Protocol::UniversalOutlook, context.rules.environment())
        && !rule.exceptAnyOfProtocols.contains(Protocol::UniversalOutlook);
    if (!listed && !implied)
        return;
    Finding finding = lint(
        context.rules, r, FindingSeverity::Warning,
        (listed ? tr("Rule %1 lists UniversalOutlook, for which Exchange does not honour username "
                     "patterns: its patterns are ignored there, so it applies to every "
                     "UniversalOutlook connection that meets its other conditions.")
                : tr("Rule %1 has no protocol condition, so it covers UniversalOutlook, for which "
                     "Exchange does not honour username patterns: there it applies to every "
                     "connection that meets its other conditions."))
            .arg(ruleLabel(context.rules, r)));
    const AnalysisSpace::Cell *cell =
        bestCell(universal, [r](const AnalysisSpace::Cell &c) { return c.mask & (1u << r); });
    if (cell) {
        const Witness witness = context.space.witness(cell->point);
        if (confirm(context, witness, [&](const Connection &, const Evaluation &e) {
                return e.trace[r].outcome == RuleOutcome::Matched;
            }))
            finding.witness = witness;
    }
    context.findings.append(finding);
}

// C26: an exception list of IPv4 entries only never excuses an IPv6 client.
void ipv6Lint(const AnalysisContext &context, const QList<AnalysisSpace::Cell> &v6, int r)
{
    const Rule &rule = context.rules.at(r);
    const QList<IpRange> &except = rule.exceptAnyOfClientIPAddressesOrRanges;
    if (except.isEmpty()
        || std::any_of(except.cbegin(), except.cend(), [](const IpRange &e) { return e.isV6(); }))
        return;
    const quint32 bit = 1u << r;
    const AnalysisSpace::Cell *cell =
        bestCell(v6, [r](const AnalysisSpace::Cell &c) { return lowestRule(c.mask) == r; });
    if (!cell)
        cell = bestCell(v6, [bit](const AnalysisSpace::Cell &c) { return c.mask & bit; });
    if (!cell)
        return; // IPv6 clients never meet the rule's conditions
    Finding finding =
        lint(context.rules, r, FindingSeverity::Warning,
             tr("Rule %1 has only IPv4 addresses in its exception, but IPv6 clients "
                "meet its conditions: an IPv6 client is never excused (an office "
                "that moves to IPv6 is %2). Add the IPv6 prefixes to the exception.")
                 .arg(ruleLabel(context.rules, r),
                      rule.action == Action::DenyAccess ? tr("denied") : tr("allowed")));
    const Witness witness = context.space.witness(cell->point);
    if (!confirm(context, witness, [&](const Connection &c, const Evaluation &e) {
            return c.address.v6 && e.trace[r].outcome == RuleOutcome::Matched;
        }))
        return;
    finding.witness = witness;
    context.findings.append(finding);
}

} // namespace

void addLintFindings(const AnalysisContext &context)
{
    const RuleSet &rules = context.rules;
    QList<AnalysisSpace::Cell> universal, honoured, v6;
    AnalysisSpace::Restriction onlyUniversal;
    onlyUniversal.protocols = protocolBit(Protocol::UniversalOutlook);
    AnalysisSpace::Restriction notUniversal;
    notUniversal.protocols &= ~protocolBit(Protocol::UniversalOutlook);
    AnalysisSpace::Restriction onlyV6;
    onlyV6.family = 6;
    if (!context.space.enumerate(onlyUniversal, universal)
        || !context.space.enumerate(notUniversal, honoured) || !context.space.enumerate(onlyV6, v6))
        return;

    for (int r = 0; r < context.space.ruleCount(); ++r) {
        const Rule &rule = rules.at(r);
        patternLint(context, honoured, r);
        authenticationLint(context, r);
        notHonouredLint(context, universal, r);
        ipv6Lint(context, v6, r);
        if (rules.environment() == Environment::ExchangeOnline
            && rule.anyOfProtocols.contains(Protocol::ExchangeAdminCenter))
            context.findings.append(lint(
                rules, r, FindingSeverity::Info,
                tr("ExchangeAdminCenter covers only the classic EAC, not the new EAC at "
                   "admin.exchange.microsoft.com: rule %1 neither blocks nor allows the new one.")
                    .arg(ruleLabel(rules, r))));
    }
    if (rules.size() >= RuleSet::MaxRules - 2)
        context.findings.append(lint(
            rules, -1,
            rules.size() >= RuleSet::MaxRules ? FindingSeverity::Warning : FindingSeverity::Info,
            tr("%1 of %2 rules are used: Exchange refuses a rule set of more than %2 rules.")
                .arg(rules.size())
                .arg(RuleSet::MaxRules)));
}

void addLockoutFindings(const AnalysisContext &context, const AdminSettings &admin)
{
    const RuleSet &rules = context.rules;
    QList<int> reported;
    if (!admin.user.trimmed().isEmpty()) {
        const LockoutReport report = checkLockout(context.evaluator, context.directory, admin);
        if (!report.configured) {
            Finding finding;
            finding.kind = FindingKind::Lockout;
            finding.severity = FindingSeverity::Info;
            finding.certain = false;
            finding.message =
                tr("Cannot tell whether the administrator is locked out: %1").arg(report.problem);
            context.findings.append(finding);
        }
        for (const int r : report.denyingRules()) {
            const QList<LockoutDenial> denials = report.denialsBy(r);
            Finding finding;
            finding.kind = FindingKind::Lockout;
            finding.severity = FindingSeverity::Error;
            finding.ruleIndex = r;
            finding.ruleName = rules.at(r).name;
            finding.message =
                tr("The administrator %1 from %2 is locked out: %3.")
                    .arg(admin.user.trimmed(), admin.address.trimmed(), describeDenials(denials));
            const Connection c = makeConnection(
                rules, context.directory, admin.user.trimmed(), denials.first().protocol,
                denials.first().authenticationType, *IpAddress::parse(admin.address));
            Witness witness;
            witness.userKind =
                c.user ? Witness::UserKind::Directory : Witness::UserKind::NotInDirectory;
            witness.user = c.userText;
            witness.username = c.username;
            witness.protocol = c.protocol;
            witness.authenticationType = c.authenticationType;
            witness.address = c.address;
            witness.port = c.port;
            if (confirm(context, witness, [r](const Connection &, const Evaluation &e) {
                    return e.decidingRule == r && e.action == Action::DenyAccess;
                }))
                finding.witness = witness;
            else
                finding.certain = false;
            context.findings.append(finding);
            reported.append(r);
        }
    }

    // C17: an enabled deny rule that decides some RemotePowerShell connection, i.e. no allow rule
    // above covers it.
    QList<AnalysisSpace::Cell> remote;
    AnalysisSpace::Restriction onlyRemote;
    onlyRemote.protocols = protocolBit(Protocol::RemotePowerShell);
    if (!context.space.enumerate(onlyRemote, remote))
        return;
    for (int r = 0; r < context.space.ruleCount(); ++r) {
        if (rules.at(r).action != Action::DenyAccess || !rules.at(r).enabled
            || reported.contains(r))
            continue;
        const AnalysisSpace::Cell *cell =
            bestCell(remote, [r](const AnalysisSpace::Cell &c) { return lowestRule(c.mask) == r; });
        if (!cell)
            continue;
        const Witness witness = context.space.witness(cell->point);
        if (!confirm(context, witness, [r](const Connection &c, const Evaluation &e) {
                return c.protocol == Protocol::RemotePowerShell && e.decidingRule == r
                    && e.action == Action::DenyAccess;
            }))
            continue;
        Finding finding;
        finding.kind = FindingKind::Lockout;
        finding.severity = FindingSeverity::Warning;
        finding.ruleIndex = r;
        finding.ruleName = rules.at(r).name;
        finding.message =
            tr("Rule %1 can deny RemotePowerShell and no allow rule above it covers those "
               "connections: administrators can lock themselves out (rules are managed only "
               "through PowerShell). Put an allow rule for RemotePowerShell at priority 1, as "
               "Microsoft advises.")
                .arg(ruleLabel(rules, r));
        finding.witness = witness;
        context.findings.append(finding);
    }
}

} // namespace Car::detail
