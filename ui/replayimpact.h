#pragma once

#include "ruleset.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace Car {

class ReplayCapture;

/// The impact of a change, in words: what replaying the same log against `before` (a snapshot;
/// the comparison capture) and `after` (the current rules; its baseline) changes.
struct ReplayImpact
{
    Q_DECLARE_TR_FUNCTIONS(Car::ReplayImpact)

public:
    struct Group
    {
        QString text; ///< "Now denied by 2 'Block EAS' (before: no rule matched)"
        qint64 connections = 0;
        int users = 0;
        bool lost = true;
    };
    struct UserLine
    {
        QString user;
        QString text; ///< "loses ExchangeActiveSync, OutlookWebApp (12 connections)"
        qint64 connections = 0;
    };

    qint64 changed = 0;
    qint64 lostConnections = 0;
    qint64 gainedConnections = 0;
    /// "23 users lose ExchangeActiveSync", most users first; then the "gain" lines.
    QStringList headlines;
    QList<Group> byRule; ///< most connections first
    QList<UserLine> byUser; ///< most changed connections first, at most `maxUsers`
    bool comparable = true;

    /// Builds the report from a finished comparison capture (see ReplayCapture::setBaseline).
    static ReplayImpact build(const ReplayCapture &comparison, const RuleSet &before,
                              const RuleSet &after, int maxUsers = 500);
    /// Everything as plain text, one line each.
    QString toText(const QString &beforeName) const;
};

} // namespace Car
