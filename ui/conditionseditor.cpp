#include "conditionseditor.h"

#include "checklisteditor.h"
#include "directory.h"
#include "recipientfiltereditor.h"
#include "rule.h"
#include "ruleset.h"
#include "valuelisteditor.h"

#include <QFormLayout>
#include <QLabel>

namespace Car {

namespace {

QString protocolNames(const QList<Protocol> &protocols)
{
    QStringList names;
    for (Protocol protocol : protocols)
        names << toString(protocol);
    return names.join(QStringLiteral(", "));
}

} // namespace

ConditionsEditor::ConditionsEditor(Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_protocols(new CheckListEditor(this))
    , m_authentication(new CheckListEditor(this))
{
    const bool except = kind == Kind::Exceptions;
    const auto name = [except](const char *base) {
        QString text = QLatin1String(base);
        if (except)
            text = QStringLiteral("except") + text.at(0).toUpper() + text.mid(1);
        return text;
    };
    m_protocols->setObjectName(name("protocolList"));
    m_authentication->setObjectName(name("authList"));
    for (Protocol protocol : allProtocols()) {
        m_protocols->addValue(int(protocol), displayName(protocol), toString(protocol));
    }
    for (AuthenticationType type : allAuthenticationTypes())
        m_authentication->addValue(int(type), displayName(type), toString(type));

    m_addresses = new ValueListEditor(
        name("addressesEdit"),
        tr("One per line: 192.168.10.0/24, 10.0.0.1-10.0.0.99, 2001:db8::/32"),
        [](const QString &line) {
            LineCheck check;
            QString error;
            if (const std::optional<IpRange> range = IpRange::parse(line, &error))
                check.normalized = range->toString();
            else
                check.error = error;
            return check;
        },
        this);

    m_patterns = new ValueListEditor(
        name("patternsEdit"), tr("One per line: contoso.com\\jeff, *tanyas*"),
        [this](const QString &line) {
            LineCheck check;
            QString error;
            const std::optional<UsernamePattern> pattern = UsernamePattern::parse(line, &error);
            if (!pattern) {
                check.error = error;
                return check;
            }
            check.normalized = pattern->text();
            const QString warning = pattern->warning();
            if (!warning.isEmpty()) {
                check.note = warning;
                check.warning = true;
                return check;
            }
            if (!m_directory)
                return check;
            QStringList matched;
            for (const DirectoryUser &user : m_directory->users()) {
                const QString username =
                    usernameString(&user, user.userPrincipalName, m_environment, m_netbiosDomain);
                if (pattern->matches(username))
                    matched << username;
            }
            if (matched.isEmpty()) {
                check.note = tr("matches no directory user");
            } else {
                check.note =
                    tr("matches %n directory user(s): %1", nullptr, int(matched.size()))
                        .arg(matched.mid(0, 4).join(QStringLiteral(", "))
                             + (matched.size() > 4 ? QStringLiteral(", \u2026") : QString()));
            }
            return check;
        },
        this);

    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    const auto hint = [this](const QString &text) {
        auto *label = new QLabel(text, this);
        label->setWordWrap(true);
        label->setForegroundRole(QPalette::PlaceholderText);
        return label;
    };
    if (except) {
        form->addRow(hint(tr("A connection that matches any exception skips this rule; "
                             "evaluation goes on with the next rule.")));
    } else {
        form->addRow(hint(tr("Every kind you fill in must hold (AND); within a list any value "
                             "is enough (OR). A rule without conditions matches every "
                             "connection.")));
    }
    form->addRow(except ? tr("Except protocols") : tr("Protocols"), m_protocols);
    form->addRow(except ? tr("Except authentication") : tr("Authentication"), m_authentication);
    form->addRow(except ? tr("Except from addresses") : tr("Client addresses"), m_addresses);
    form->addRow(except ? tr("Except usernames") : tr("Username patterns"), m_patterns);
    if (!except) {
        m_filter = new RecipientFilterEditor(this);
        form->addRow(tr("Recipient filter"), m_filter);
        connect(m_filter, &RecipientFilterEditor::edited, this, &ConditionsEditor::edited);
    }

    connect(m_protocols, &CheckListEditor::edited, this, &ConditionsEditor::edited);
    connect(m_authentication, &CheckListEditor::edited, this, &ConditionsEditor::edited);
    connect(m_addresses, &ValueListEditor::edited, this, &ConditionsEditor::edited);
    connect(m_patterns, &ValueListEditor::edited, this, &ConditionsEditor::edited);
}

void ConditionsEditor::showRule(const Rule &rule, const RuleSet &rules, const Directory *directory)
{
    m_directory = directory;
    m_environment = rules.environment();
    m_netbiosDomain = rules.netbiosDomain();
    const bool except = m_kind == Kind::Exceptions;

    QList<int> protocols;
    for (Protocol p : except ? rule.exceptAnyOfProtocols : rule.anyOfProtocols)
        protocols << int(p);
    m_protocols->setCheckedValues(protocols);
    QList<int> types;
    for (AuthenticationType a :
         except ? rule.exceptAnyOfAuthenticationTypes : rule.anyOfAuthenticationTypes)
        types << int(a);
    m_authentication->setCheckedValues(types);

    QStringList addresses;
    for (const IpRange &range :
         except ? rule.exceptAnyOfClientIPAddressesOrRanges : rule.anyOfClientIPAddressesOrRanges)
        addresses << range.toString();
    m_addresses->setValues(addresses);
    QStringList patterns;
    for (const UsernamePattern &pattern :
         except ? rule.exceptUsernameMatchesAnyOfPatterns : rule.usernameMatchesAnyOfPatterns)
        patterns << pattern.text();
    m_patterns->setValues(patterns);
    m_patterns->recheck();
    if (m_filter) {
        m_filter->setDirectory(directory);
        m_filter->setFilter(rule.userRecipientFilter);
    }
}

void ConditionsEditor::writeTo(Rule &rule) const
{
    const bool except = m_kind == Kind::Exceptions;
    QList<Protocol> protocols;
    for (int value : m_protocols->checkedValues())
        protocols << Protocol(value);
    (except ? rule.exceptAnyOfProtocols : rule.anyOfProtocols) = protocols;
    QList<AuthenticationType> types;
    for (int value : m_authentication->checkedValues())
        types << AuthenticationType(value);
    (except ? rule.exceptAnyOfAuthenticationTypes : rule.anyOfAuthenticationTypes) = types;

    if (m_addresses->isValid()) {
        QList<IpRange> ranges;
        for (const QString &text : m_addresses->values()) {
            if (const std::optional<IpRange> range = IpRange::parse(text))
                ranges << *range;
        }
        (except ? rule.exceptAnyOfClientIPAddressesOrRanges : rule.anyOfClientIPAddressesOrRanges) =
            ranges;
    }
    if (m_patterns->isValid()) {
        QList<UsernamePattern> patterns;
        for (const QString &text : m_patterns->values()) {
            if (const std::optional<UsernamePattern> pattern = UsernamePattern::parse(text))
                patterns << *pattern;
        }
        (except ? rule.exceptUsernameMatchesAnyOfPatterns : rule.usernameMatchesAnyOfPatterns) =
            patterns;
    }
    if (m_filter && m_filter->isValid())
        rule.userRecipientFilter = m_filter->filter();
}

void ConditionsEditor::updateAvailability(Environment environment,
                                          const QList<Protocol> &anyOfProtocols,
                                          bool hasAuthenticationCondition)
{
    for (Protocol protocol : allProtocols()) {
        const bool available = isProtocolAvailable(protocol, environment);
        m_protocols->setValueAvailable(
            int(protocol), available,
            tr("%1 is not available in Exchange Server 2019/SE, which offers only "
               "ExchangeAdminCenter and RemotePowerShell.")
                .arg(toString(protocol)));
    }
    for (AuthenticationType type : allAuthenticationTypes()) {
        QString reason;
        if (anyOfProtocols.isEmpty()) {
            reason = tr("Check the protocols first: an authentication type can only be "
                        "filtered for protocols that support it (AnyOfProtocols must not be "
                        "empty).");
        } else {
            QList<Protocol> unsupported;
            for (Protocol protocol : anyOfProtocols) {
                if (!protocolSupportsAuthentication(protocol, type))
                    unsupported << protocol;
            }
            if (!unsupported.isEmpty()) {
                reason = tr("%1 cannot be filtered for %2: Exchange does not filter it for "
                            "that protocol.")
                             .arg(toString(type), protocolNames(unsupported));
            } else if (m_kind == Kind::Exceptions && !hasAuthenticationCondition) {
                reason = tr("ExceptAnyOfAuthenticationTypes needs AnyOfAuthenticationTypes: "
                            "check an authentication type on the Conditions tab first.");
            }
        }
        m_authentication->setValueAvailable(int(type), reason.isEmpty(), reason);
    }
}

QList<Protocol> ConditionsEditor::checkedProtocols() const
{
    QList<Protocol> protocols;
    for (int value : m_protocols->checkedValues())
        protocols << Protocol(value);
    return protocols;
}

void ConditionsEditor::commit()
{
    m_addresses->commit();
    m_patterns->commit();
    if (m_filter)
        m_filter->commit();
}

bool ConditionsEditor::hasCheckedAuthentication() const
{
    return !m_authentication->checkedValues().isEmpty();
}

} // namespace Car
