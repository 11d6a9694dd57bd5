#include "rulesethistory.h"

#include "cmdletwriter.h"

#include <QUuid>

namespace Car {

namespace {

QList<QUuid> commonIds(const RuleSet &order, const RuleSet &other)
{
    QList<QUuid> ids;
    for (const Rule &rule : order.rules()) {
        if (other.indexOfId(rule.id) >= 0)
            ids.append(rule.id);
    }
    return ids;
}

QList<QUuid> without(QList<QUuid> list, const QUuid &id)
{
    list.removeOne(id);
    return list;
}

} // namespace

QStringList historyLines(const RuleSet &before, const RuleSet &after)
{
    QStringList lines;
    if (before.environment() != after.environment()
        || before.netbiosDomain() != after.netbiosDomain()) {
        QString line = QStringLiteral("# Environment: %1").arg(toString(after.environment()));
        if (!after.netbiosDomain().isEmpty())
            line += QStringLiteral(", NetBIOS domain %1").arg(after.netbiosDomain());
        lines << line;
    }

    for (const Rule &rule : before.rules()) {
        if (after.indexOfId(rule.id) < 0)
            lines << removeRuleLine(rule.name);
    }

    for (const Rule &rule : after.rules()) {
        const int old = before.indexOfId(rule.id);
        if (old >= 0 && before.at(old) != rule) {
            const QString line = setRuleLine(before.at(old), rule);
            if (!line.isEmpty())
                lines << line;
        }
    }

    // Reorder the rules both sets hold. One rule out of place is one line; otherwise place them
    // one by one from the top, which always converges.
    QList<QUuid> current = commonIds(before, after);
    const QList<QUuid> target = commonIds(after, before);
    if (current != target) {
        const auto nameOf = [&](const QUuid &id) {
            return after.at(after.indexOfId(id)).name;
        };
        bool single = false;
        for (int i = 0; i < target.size() && !single; ++i) {
            const QUuid &id = target.at(i);
            if (current.indexOf(id) != i && without(current, id) == without(target, id)) {
                lines << setPriorityLine(nameOf(id), i + 1);
                current = target;
                single = true;
            }
        }
        for (int i = 0; i < target.size() && !single; ++i) {
            if (current.at(i) == target.at(i))
                continue;
            current.move(current.indexOf(target.at(i)), i);
            lines << setPriorityLine(nameOf(target.at(i)), i + 1);
        }
    }

    for (int i = 0; i < after.size(); ++i) {
        if (before.indexOfId(after.at(i).id) < 0)
            lines << newRuleLine(after.at(i), i + 1);
    }
    return lines;
}

} // namespace Car
