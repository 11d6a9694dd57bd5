#include "replayimpact.h"

#include "replaycapture.h"

#include <algorithm>

namespace Car {

namespace {

QString ruleText(const RuleSet &rules, int index)
{
    if (index < 0 || index >= rules.size())
        return QCoreApplication::translate("Car::ReplayImpact", "no rule matched");
    return QCoreApplication::translate("Car::ReplayImpact", "%1 '%2'")
        .arg(index + 1)
        .arg(rules.at(index).name);
}

QStringList protocolNames(quint32 mask)
{
    QStringList names;
    for (Protocol protocol : allProtocols()) {
        if (mask & (1u << unsigned(protocol)))
            names << toString(protocol);
    }
    return names;
}

} // namespace

ReplayImpact ReplayImpact::build(const ReplayCapture &comparison, const RuleSet &before,
                                 const RuleSet &after, int maxUsers)
{
    ReplayImpact impact;
    impact.comparable = comparison.comparable();
    impact.changed = comparison.changedCount();

    // Headlines: per protocol, the users who lose (or gain) it.
    for (const bool lost : {true, false}) {
        QList<QPair<int, Protocol>> counts;
        for (Protocol protocol : allProtocols()) {
            const quint32 bit = 1u << unsigned(protocol);
            int users = 0;
            for (const ReplayCapture::UserImpact &user : comparison.userImpact())
                users += ((lost ? user.lostProtocols : user.gainedProtocols) & bit) ? 1 : 0;
            if (users > 0)
                counts.append({users, protocol});
        }
        std::stable_sort(counts.begin(), counts.end(),
                         [](const auto &a, const auto &b) { return a.first > b.first; });
        for (const auto &[users, protocol] : counts) {
            impact.headlines << (lost ? tr("%n user(s) lose %1", nullptr, users)
                                      : tr("%n user(s) gain %1", nullptr, users))
                                    .arg(toString(protocol));
        }
    }

    for (const ReplayCapture::RuleImpact &group : comparison.ruleImpact()) {
        Group line;
        line.lost = group.lost;
        line.connections = group.connections;
        line.users = int(group.users.size());
        // The baseline of the comparison is the current rule set ("after").
        line.text = group.lost
            ? tr("Now denied by %1 (before: allowed, %2)")
                  .arg(ruleText(after, group.baselineRule), ruleText(before, group.rule))
            : tr("Now allowed, %1 (before: denied by %2)")
                  .arg(ruleText(after, group.baselineRule), ruleText(before, group.rule));
        (group.lost ? impact.lostConnections : impact.gainedConnections) += group.connections;
        impact.byRule << line;
    }
    std::stable_sort(impact.byRule.begin(), impact.byRule.end(),
                     [](const Group &a, const Group &b) { return a.connections > b.connections; });

    for (auto it = comparison.userImpact().cbegin(); it != comparison.userImpact().cend(); ++it) {
        const ReplayCapture::UserImpact &user = it.value();
        QStringList parts;
        if (user.lost > 0)
            parts << tr("loses %1 (%n connection(s))", nullptr, int(user.lost))
                         .arg(protocolNames(user.lostProtocols).join(QStringLiteral(", ")));
        if (user.gained > 0)
            parts << tr("gains %1 (%n connection(s))", nullptr, int(user.gained))
                         .arg(protocolNames(user.gainedProtocols).join(QStringLiteral(", ")));
        impact.byUser << UserLine {it.key(), parts.join(QStringLiteral("; ")),
                                   user.lost + user.gained};
    }
    std::sort(impact.byUser.begin(), impact.byUser.end(), [](const UserLine &a, const UserLine &b) {
        return a.connections != b.connections ? a.connections > b.connections : a.user < b.user;
    });
    if (impact.byUser.size() > maxUsers)
        impact.byUser.resize(maxUsers);
    return impact;
}

QString ReplayImpact::toText(const QString &beforeName) const
{
    QStringList lines;
    if (!comparable)
        lines << tr("The two replays read different rows: the comparison is not reliable.");
    if (changed == 0) {
        lines << tr("No connection changes its decision compared with '%1'.").arg(beforeName);
        return lines.join(u'\n') + u'\n';
    }
    lines << tr("Compared with '%1': %2 connections change (%3 now denied, %4 now allowed).")
                 .arg(beforeName)
                 .arg(changed)
                 .arg(lostConnections)
                 .arg(gainedConnections);
    lines += headlines;
    lines << tr("By rule:");
    for (const Group &group : byRule)
        lines << tr("  %1: %n connection(s)", nullptr, int(group.connections)).arg(group.text)
                + tr(", %n user(s)", nullptr, group.users);
    lines << tr("By user:");
    for (const UserLine &user : byUser)
        lines << tr("  %1: %2").arg(user.user, user.text);
    return lines.join(u'\n') + u'\n';
}

} // namespace Car
