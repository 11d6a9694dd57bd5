#pragma once

#include "rule.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

namespace Car {

class RuleSet;

/// How RuleSetDiff decides which rule of one side is "the same rule" on the other side.
enum class RulePairing : quint8 {
    /// By id when the two sides share at least one id (snapshots of one workspace), then the
    /// rules left over on both sides by name; by name (ignoring case) when no id is shared.
    Automatic,
    ById, ///< by id only: a rule deleted and created again under the same name is removed + added
    ByName, ///< by name, ignoring case (rule sets imported from different places)
};

/// One parameter whose value differs between the two sides of a paired rule.
struct ValueChange
{
    RuleParameter parameter = RuleParameter::Name;
    bool isList = false; ///< a multi-valued parameter: `added`/`removed` are filled in
    QString before; ///< the old value as text (list items joined by ", "); empty: none
    QString after; ///< the new value as text; empty: none
    QStringList added; ///< list parameters: items only on the new side, in new order
    QStringList removed; ///< list parameters: items only on the old side, in old order

    /// "AnyOfProtocols +POP3 -IMAP4", "Action DenyAccess -> AllowAccess",
    /// "UserRecipientFilter (none) -> 'City -eq ''Oslo'''".
    QString toText() const;
};

/// What happened to one rule between the two sides.
struct RuleDifference
{
    enum class Kind : quint8 { Added, Removed, Kept };

    Kind kind = Kind::Kept;
    QUuid beforeId; ///< null when added
    QUuid afterId; ///< null when removed
    QString beforeName; ///< empty when added
    QString afterName; ///< empty when removed
    int beforePriority = 0; ///< 1-based; 0 when added
    int afterPriority = 0; ///< 1-based; 0 when removed
    /// Kept rules: the rule changed its place relative to the other kept rules (a rule that only
    /// shifts because others were added or removed above it has not moved).
    bool moved = false;
    /// Kept rules: every differing parameter in reference order; a rename is a Name change.
    QList<ValueChange> changes;

    bool isRenamed() const { return beforeName != afterName && kind == Kind::Kept; }
    /// A kept rule with at least one changed value other than its name.
    bool isChanged() const;
};

/// Setting of the rule set itself (not of a rule) that differs: environment, NetBIOS domain.
struct SettingChange
{
    QString setting; ///< "Environment" or "NetBIOS domain"
    QString before;
    QString after;
};

/// The difference between two rule sets (a snapshot and the current set, or two snapshots):
/// rules added, removed, changed value by value, renamed and moved, and setting changes.
class RuleSetDiff
{
    Q_DECLARE_TR_FUNCTIONS(Car::RuleSetDiff)

public:
    /// Compares `before` with `after`, pairing rules as `pairing` says.
    static RuleSetDiff compare(const RuleSet &before, const RuleSet &after,
                               RulePairing pairing = RulePairing::Automatic);

    /// Every rule of both sides once: the removed ones in their old order, then the rules of
    /// `after` in their new order (added and kept).
    const QList<RuleDifference> &rules() const { return m_rules; }
    const QList<SettingChange> &settingChanges() const { return m_settings; }
    /// True when rules were paired by id (false: by name only).
    bool pairedById() const { return m_pairedById; }

    QList<RuleDifference> added() const;
    QList<RuleDifference> removed() const;
    QList<RuleDifference> changed() const; ///< kept rules with isChanged()
    QList<RuleDifference> renamed() const;
    QList<RuleDifference> moved() const;

    /// True when the sides hold the same rules (content and order) and the same settings.
    bool isEmpty() const;

    /// One line per difference for an administrator, settings first, then removed rules, then
    /// the new order's rules:
    ///   "* Environment ExchangeOnline -> ExchangeServer"
    ///   "- 'Old rule' (was 4)"
    ///   "+ 'New rule' at 2"
    ///   "~ 'Block EAS' renamed to 'Block ActiveSync'"
    ///   "~ 'Block ActiveSync': AnyOfProtocols +POP3 -IMAP4; Enabled $true -> $false"
    ///   "> 'Block ActiveSync' moved 3 -> 1"
    /// Lines end with '\n'; empty when there is no difference.
    QString toText() const;

    /// The value-by-value differences between two versions of one rule (Name first).
    static QList<ValueChange> compareRules(const Rule &before, const Rule &after);

private:
    QList<RuleDifference> filtered(bool (*keep)(const RuleDifference &)) const;

    QList<RuleDifference> m_rules;
    QList<SettingChange> m_settings;
    bool m_pairedById = false;
};

} // namespace Car
