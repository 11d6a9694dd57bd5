#pragma once

#include "enums.h"

#include <QWidget>

namespace Car {

class CheckListEditor;
class Directory;
class RecipientFilterEditor;
class RuleSet;
class ValueListEditor;
struct Rule;

/// The Conditions tab or the Exceptions tab of the rule editor: protocols and authentication
/// types as checkable lists (types the chosen protocols cannot filter are greyed out with the
/// reason, domain §11), client addresses, username patterns (with the directory users each
/// matches) and, for conditions, the recipient filter. Widgets are named after the cmdlet
/// parameter with an "except" prefix on the Exceptions tab ("protocolList", "exceptProtocolList").
class ConditionsEditor : public QWidget
{
    Q_OBJECT

public:
    enum class Kind { Conditions, Exceptions };

    ConditionsEditor(Kind kind, QWidget *parent = nullptr);

    /// Shows the rule's values (fields the user is editing keep their text).
    void showRule(const Rule &rule, const RuleSet &rules, const Directory *directory);
    /// Writes every field that is valid into `rule`; invalid fields keep the rule's value.
    void writeTo(Rule &rule) const;
    /// Greys out what the environment and the rule's protocols do not allow.
    void updateAvailability(Environment environment, const QList<Protocol> &anyOfProtocols,
                            bool hasAuthenticationCondition);

    QList<Protocol> checkedProtocols() const;
    /// Applies text fields still waiting for a pause in typing.
    void commit();
    bool hasCheckedAuthentication() const;

signals:
    void edited();

private:
    Kind m_kind;
    CheckListEditor *m_protocols;
    CheckListEditor *m_authentication;
    ValueListEditor *m_addresses;
    ValueListEditor *m_patterns;
    RecipientFilterEditor *m_filter = nullptr;
    const Directory *m_directory = nullptr;
    Environment m_environment = Environment::ExchangeOnline;
    QString m_netbiosDomain;
};

} // namespace Car
