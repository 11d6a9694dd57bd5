#include "undocommands.h"

#include "rulesetdocument.h"
#include "rulesethistory.h"

#include <QCoreApplication>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::UndoCommands", text);
}

QString fieldLabel(RuleParameter field)
{
    switch (field) {
    case RuleParameter::Name:
        return tr("name");
    case RuleParameter::Action:
        return tr("action");
    case RuleParameter::Enabled:
        return tr("enabled");
    case RuleParameter::Scope:
        return tr("scope");
    case RuleParameter::Priority:
        return tr("priority");
    case RuleParameter::AnyOfProtocols:
        return tr("protocols");
    case RuleParameter::ExceptAnyOfProtocols:
        return tr("protocol exceptions");
    case RuleParameter::AnyOfAuthenticationTypes:
        return tr("authentication types");
    case RuleParameter::ExceptAnyOfAuthenticationTypes:
        return tr("authentication exceptions");
    case RuleParameter::AnyOfClientIPAddressesOrRanges:
        return tr("client addresses");
    case RuleParameter::ExceptAnyOfClientIPAddressesOrRanges:
        return tr("address exceptions");
    case RuleParameter::AnyOfSourceTcpPortNumbers:
        return tr("source ports");
    case RuleParameter::ExceptAnyOfSourceTcpPortNumbers:
        return tr("source port exceptions");
    case RuleParameter::UsernameMatchesAnyOfPatterns:
        return tr("username patterns");
    case RuleParameter::ExceptUsernameMatchesAnyOfPatterns:
        return tr("username exceptions");
    case RuleParameter::UserRecipientFilter:
        return tr("recipient filter");
    }
    return QString();
}

} // namespace

RuleSetCommand::RuleSetCommand(RuleSetDocument *document, const RuleSet &before,
                               const RuleSet &after, const QString &text)
    : m_document(document)
    , m_before(before)
    , m_after(after)
{
    setText(text);
    setAfter(after);
}

void RuleSetCommand::setAfter(const RuleSet &after)
{
    m_after = after;
    m_redoHistory = historyLines(m_before, m_after);
    m_undoHistory = historyLines(m_after, m_before);
}

void RuleSetCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        m_document->adoptRuleSet(m_after);
        return;
    }
    if (!m_document->applyRuleSet(m_after, m_redoHistory, tr("Redo %1").arg(text())))
        setObsolete(true);
}

void RuleSetCommand::undo()
{
    // A checked write over the rules this command produced: when another program changed them
    // since, it is refused (the document reloads and clears the history) instead of silently
    // reverting the other program's change along with this one.
    if (!m_document->applyRuleSet(m_before, m_undoHistory, tr("Undo %1").arg(text())))
        setObsolete(true);
}

AddRuleCommand::AddRuleCommand(RuleSetDocument *document, const RuleSet &before,
                               const RuleSet &after, const QString &name)
    : RuleSetCommand(document, before, after, tr("New rule '%1'").arg(name))
{ }

RemoveRuleCommand::RemoveRuleCommand(RuleSetDocument *document, const RuleSet &before,
                                     const RuleSet &after, const QString &name)
    : RuleSetCommand(document, before, after, tr("Delete '%1'").arg(name))
{ }

MoveRuleCommand::MoveRuleCommand(RuleSetDocument *document, const RuleSet &before,
                                 const RuleSet &after, const QString &name, int toPriority)
    : RuleSetCommand(document, before, after,
                     tr("Move '%1' to priority %2").arg(name).arg(toPriority))
{ }

EditRuleCommand::EditRuleCommand(RuleSetDocument *document, const RuleSet &before,
                                 const RuleSet &after, const QUuid &ruleId,
                                 std::optional<RuleParameter> field)
    : RuleSetCommand(document, before, after, QString())
    , m_ruleId(ruleId)
    , m_field(field)
{
    updateText();
}

void EditRuleCommand::updateText()
{
    const int beforeIndex = before().indexOfId(m_ruleId);
    const int afterIndex = after().indexOfId(m_ruleId);
    const QString oldName = beforeIndex >= 0 ? before().at(beforeIndex).name : QString();
    const QString newName = afterIndex >= 0 ? after().at(afterIndex).name : oldName;
    if (m_field == RuleParameter::Name)
        setText(tr("Rename '%1' to '%2'").arg(oldName, newName));
    else if (m_field)
        setText(tr("Edit %1 of '%2'").arg(fieldLabel(*m_field), newName));
    else
        setText(tr("Edit '%1'").arg(newName));
}

std::optional<RuleParameter> EditRuleCommand::changedField(const Rule &a, const Rule &b)
{
    std::optional<RuleParameter> found;
    int count = 0;
    const auto check = [&](bool differs, RuleParameter parameter) {
        if (differs) {
            found = parameter;
            ++count;
        }
    };
    check(a.name != b.name, RuleParameter::Name);
    check(a.action != b.action, RuleParameter::Action);
    check(a.enabled != b.enabled, RuleParameter::Enabled);
    check(a.scope != b.scope, RuleParameter::Scope);
    check(a.anyOfProtocols != b.anyOfProtocols, RuleParameter::AnyOfProtocols);
    check(a.exceptAnyOfProtocols != b.exceptAnyOfProtocols, RuleParameter::ExceptAnyOfProtocols);
    check(a.anyOfAuthenticationTypes != b.anyOfAuthenticationTypes,
          RuleParameter::AnyOfAuthenticationTypes);
    check(a.exceptAnyOfAuthenticationTypes != b.exceptAnyOfAuthenticationTypes,
          RuleParameter::ExceptAnyOfAuthenticationTypes);
    check(a.anyOfClientIPAddressesOrRanges != b.anyOfClientIPAddressesOrRanges,
          RuleParameter::AnyOfClientIPAddressesOrRanges);
    check(a.exceptAnyOfClientIPAddressesOrRanges != b.exceptAnyOfClientIPAddressesOrRanges,
          RuleParameter::ExceptAnyOfClientIPAddressesOrRanges);
    check(a.anyOfSourceTcpPortNumbers != b.anyOfSourceTcpPortNumbers,
          RuleParameter::AnyOfSourceTcpPortNumbers);
    check(a.exceptAnyOfSourceTcpPortNumbers != b.exceptAnyOfSourceTcpPortNumbers,
          RuleParameter::ExceptAnyOfSourceTcpPortNumbers);
    // Patterns compare ignoring case; a change of case is still an edit.
    const auto patternTexts = [](const QList<UsernamePattern> &list) {
        QStringList texts;
        for (const UsernamePattern &pattern : list)
            texts << pattern.text();
        return texts;
    };
    check(patternTexts(a.usernameMatchesAnyOfPatterns)
              != patternTexts(b.usernameMatchesAnyOfPatterns),
          RuleParameter::UsernameMatchesAnyOfPatterns);
    check(patternTexts(a.exceptUsernameMatchesAnyOfPatterns)
              != patternTexts(b.exceptUsernameMatchesAnyOfPatterns),
          RuleParameter::ExceptUsernameMatchesAnyOfPatterns);
    check(a.userRecipientFilter != b.userRecipientFilter, RuleParameter::UserRecipientFilter);
    return count == 1 ? found : std::nullopt;
}

bool EditRuleCommand::mergeWith(const QUndoCommand *other)
{
    if (other->id() != id() || other->isObsolete() || !m_field)
        return false;
    const auto *edit = static_cast<const EditRuleCommand *>(other);
    if (edit->m_ruleId != m_ruleId || edit->m_field != m_field || edit->before() != after())
        return false;
    setAfter(edit->after());
    updateText();
    if (after() == before())
        setObsolete(true);
    return true;
}

SetRuleEnabledCommand::SetRuleEnabledCommand(RuleSetDocument *document, const RuleSet &before,
                                             const RuleSet &after, const QString &name,
                                             bool enabled)
    : RuleSetCommand(document, before, after,
                     enabled ? tr("Enable '%1'").arg(name) : tr("Disable '%1'").arg(name))
{ }

DuplicateRuleCommand::DuplicateRuleCommand(RuleSetDocument *document, const RuleSet &before,
                                           const RuleSet &after, const QString &name)
    : RuleSetCommand(document, before, after, tr("Duplicate '%1'").arg(name))
{ }

SetEnvironmentCommand::SetEnvironmentCommand(RuleSetDocument *document, const RuleSet &before,
                                             const RuleSet &after)
    : RuleSetCommand(document, before, after,
                     after.environment() == Environment::ExchangeServer
                         ? tr("Target Exchange Server 2019/SE")
                         : tr("Target Exchange Online"))
{
    if (before.environment() == after.environment())
        setText(tr("Set NetBIOS domain '%1'").arg(after.netbiosDomain()));
}

ReplaceRuleSetCommand::ReplaceRuleSetCommand(RuleSetDocument *document, const RuleSet &before,
                                             const RuleSet &after, const QString &text)
    : RuleSetCommand(document, before, after, text)
{ }

} // namespace Car
