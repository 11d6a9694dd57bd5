#include "preferencesdialog.h"

#include "directory.h"
#include "directorymodel.h"
#include "ipaddress.h"
#include "rulesetdocument.h"
#include "semanticcolor.h"
#include "usercompleter.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Car {

namespace {

QLabel *hintLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

void setHint(QLabel *label, const QString &text, bool error)
{
    QPalette palette = label->parentWidget()->palette();
    if (error)
        palette.setColor(QPalette::WindowText, semanticColor(Semantic::Deny, palette));
    label->setForegroundRole(error ? QPalette::WindowText : QPalette::PlaceholderText);
    label->setPalette(palette);
    label->setProperty("error", error);
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace

PreferencesDialog::PreferencesDialog(RuleSetDocument *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    m_directoryModel = new DirectoryModel(document, this);

    m_environment = new QComboBox(this);
    m_environment->setObjectName(QStringLiteral("environmentCombo"));
    m_environment->addItem(tr("Exchange Online"), int(Environment::ExchangeOnline));
    m_environment->addItem(tr("Exchange Server 2019 / SE"), int(Environment::ExchangeServer));
    m_environmentHint = hintLabel(QStringLiteral("environmentHint"), this);
    m_netbios = new QLineEdit(this);
    m_netbios->setObjectName(QStringLiteral("netbiosEdit"));
    m_netbios->setPlaceholderText(tr("e.g. CONTOSO"));
    m_netbios->setMaxLength(15);
    m_netbiosHint = hintLabel(QStringLiteral("netbiosHint"), this);

    auto *environmentBox = new QGroupBox(tr("Environment"), this);
    auto *environmentForm = new QFormLayout(environmentBox);
    environmentForm->addRow(tr("&Rules target:"), m_environment);
    environmentForm->addRow(QString(), m_environmentHint);
    environmentForm->addRow(tr("&NetBIOS domain:"), m_netbios);
    environmentForm->addRow(QString(), m_netbiosHint);

    m_adminUser = new QComboBox(this);
    m_adminUser->setObjectName(QStringLiteral("adminUserCombo"));
    UserCompleter::setUp(m_adminUser, m_directoryModel);
    m_adminUserHint = hintLabel(QStringLiteral("adminUserHint"), this);
    m_adminAddress = new QLineEdit(this);
    m_adminAddress->setObjectName(QStringLiteral("adminAddressEdit"));
    m_adminAddress->setPlaceholderText(tr("the public address Exchange sees, e.g. 203.0.113.25"));
    m_adminAddress->setClearButtonEnabled(true);
    m_adminAddressHint = hintLabel(QStringLiteral("adminAddressHint"), this);

    auto *adminBox = new QGroupBox(tr("Administrator (lockout guard)"), this);
    auto *adminForm = new QFormLayout(adminBox);
    auto *adminIntro = new QLabel(tr("Before a change would deny this administrator Remote "
                                     "PowerShell or the admin center, the console asks first."),
                                  this);
    adminIntro->setWordWrap(true);
    adminForm->addRow(adminIntro);
    adminForm->addRow(tr("&User:"), m_adminUser);
    adminForm->addRow(QString(), m_adminUserHint);
    adminForm->addRow(tr("Public &address:"), m_adminAddress);
    adminForm->addRow(QString(), m_adminAddressHint);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("preferencesProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("preferencesButtons"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(environmentBox);
    layout->addWidget(adminBox);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(480);

    const RuleSet &rules = document->ruleSet();
    m_environment->setCurrentIndex(m_environment->findData(int(rules.environment())));
    m_netbios->setText(rules.netbiosDomain());
    m_adminUser->setEditText(document->admin().user);
    m_adminAddress->setText(document->admin().address);

    connect(m_environment, &QComboBox::currentIndexChanged, this, &PreferencesDialog::validate);
    connect(m_netbios, &QLineEdit::textChanged, this, &PreferencesDialog::validate);
    connect(m_adminUser, &QComboBox::editTextChanged, this, &PreferencesDialog::validate);
    connect(m_adminAddress, &QLineEdit::textChanged, this, &PreferencesDialog::validate);
    validate();
}

Environment PreferencesDialog::environment() const
{
    return Environment(m_environment->currentData().toInt());
}

QString PreferencesDialog::netbiosDomain() const
{
    return m_netbios->text().trimmed();
}

AdminSettings PreferencesDialog::admin() const
{
    return AdminSettings {m_adminUser->currentText().trimmed(), m_adminAddress->text().trimmed()};
}

QString PreferencesDialog::netbiosProblem(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return tr("Exchange Server forms username strings as DOMAIN\\account: enter the NetBIOS "
                  "domain.");
    if (trimmed.size() > 15)
        return tr("A NetBIOS domain name has at most 15 characters.");
    static const QString forbidden = QStringLiteral("\\/:*?\"<>|, ");
    for (QChar c : trimmed) {
        if (forbidden.contains(c))
            return tr("A NetBIOS domain name cannot contain '%1'.").arg(c);
    }
    return QString();
}

QString PreferencesDialog::problems() const
{
    QStringList result;
    if (environment() == Environment::ExchangeServer) {
        const QString netbios = netbiosProblem(m_netbios->text());
        if (!netbios.isEmpty())
            result.append(netbios);
    }
    const QString address = m_adminAddress->text().trimmed();
    QString addressError;
    if (!address.isEmpty() && !IpAddress::parse(address, &addressError))
        result.append(addressError);
    return result.join(QLatin1Char('\n'));
}

void PreferencesDialog::validate()
{
    const bool server = environment() == Environment::ExchangeServer;
    m_netbios->setEnabled(server);
    const QString netbios = server ? netbiosProblem(m_netbios->text()) : QString();
    setHint(m_netbiosHint,
            server
                ? (netbios.isEmpty()
                       ? tr("Username strings: %1\\<SamAccountName>").arg(netbiosDomain().toUpper())
                       : netbios)
                : tr("Exchange Online forms username strings from the UPN "
                     "(contoso.com\\name)."),
            !netbios.isEmpty());

    int unavailable = 0;
    for (const Rule &rule : m_document->ruleSet().rules()) {
        if (hasErrors(rule.validate(environment())))
            ++unavailable;
    }
    setHint(m_environmentHint,
            unavailable == 0
                ? (server ? tr("Exchange Server 2019/SE offers only ExchangeAdminCenter and "
                               "RemotePowerShell.")
                          : QString())
                : (unavailable == 1 ? tr("1 rule would not be valid in this environment (for "
                                         "example, a protocol it does not offer).")
                                    : tr("%1 rules would not be valid in this environment (for "
                                         "example, a protocol it does not offer).")
                                          .arg(unavailable)),
            unavailable > 0);

    const QString user = m_adminUser->currentText().trimmed();
    const DirectoryUser *found = user.isEmpty() ? nullptr : m_document->directory().resolve(user);
    setHint(m_adminUserHint,
            user.isEmpty() ? tr("No administrator: the lockout guard is off.")
                : found
                ? tr("%1 (%2)").arg(found->displayName, found->attribute(Attribute::Department))
                : tr("Not in the directory: recipient filters are false for this "
                     "user."),
            false);

    const QString address = m_adminAddress->text().trimmed();
    QString addressError;
    const bool addressValid = address.isEmpty() || IpAddress::parse(address, &addressError);
    setHint(m_adminAddressHint,
            address.isEmpty() ? tr("No address: the lockout guard is off.") : addressError,
            !addressValid);
    m_adminAddress->setProperty("invalid", !addressValid);

    const bool ok = problems().isEmpty() && unavailable == 0;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

bool PreferencesDialog::apply()
{
    if (!problems().isEmpty())
        return false;
    const RuleSet &rules = m_document->ruleSet();
    const QString netbios = environment() == Environment::ExchangeServer
        ? netbiosDomain().toUpper()
        : (netbiosDomain().isEmpty() ? rules.netbiosDomain() : netbiosDomain().toUpper());
    if (environment() != rules.environment() || netbios != rules.netbiosDomain()) {
        const RuleSet::Outcome outcome = m_document->setEnvironment(environment(), netbios);
        if (!outcome.ok) {
            setHint(m_problem, outcome.error, true);
            return false;
        }
    }
    if (!(admin() == m_document->admin())) {
        const StoreResult result = m_document->setAdmin(admin());
        if (!result) {
            setHint(m_problem, tr("Could not save the administrator: %1").arg(result.error), true);
            return false;
        }
    }
    return true;
}

void PreferencesDialog::accept()
{
    if (apply())
        QDialog::accept();
}

} // namespace Car
