#include "usereditdialog.h"

#include "semanticcolor.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Car {

namespace {

// Attributes in the order an address card reads, then the custom attributes.
constexpr Attribute organisation[] = {Attribute::Department, Attribute::Company, Attribute::Office};
constexpr Attribute address[] = {Attribute::StreetAddress, Attribute::City,
                                 Attribute::StateOrProvince, Attribute::PostalCode,
                                 Attribute::CountryOrRegion};

} // namespace

UserEditDialog::UserEditDialog(const Directory &directory, int editedRow, QWidget *parent)
    : QDialog(parent)
    , m_directory(directory)
    , m_editedRow(editedRow)
{
    setObjectName(QStringLiteral("userEditDialog"));
    setWindowTitle(editedRow < 0 ? tr("Add user") : tr("Edit user"));

    auto *general = new QWidget(this);
    auto *generalForm = new QFormLayout(general);
    m_upn = addField(QStringLiteral("upnEdit"));
    m_upn->setPlaceholderText(tr("name@domain (required)"));
    m_displayName = addField(QStringLiteral("displayNameEdit"));
    m_alias = addField(QStringLiteral("aliasEdit"));
    m_sam = addField(QStringLiteral("samAccountNameEdit"));
    m_sam->setToolTip(tr("Forms the username string DOMAIN\\name in Exchange Server"));
    generalForm->addRow(tr("&UserPrincipalName:"), m_upn);
    generalForm->addRow(tr("&Display name:"), m_displayName);
    generalForm->addRow(tr("A&lias:"), m_alias);
    generalForm->addRow(tr("&SamAccountName:"), m_sam);
    for (Attribute a : organisation) {
        m_attributes[std::size_t(a)] = addField(toString(a) + QLatin1String("Edit"));
        generalForm->addRow(toString(a) + QLatin1Char(':'), m_attributes[std::size_t(a)]);
    }

    auto *location = new QWidget(this);
    auto *locationForm = new QFormLayout(location);
    for (Attribute a : address) {
        m_attributes[std::size_t(a)] = addField(toString(a) + QLatin1String("Edit"));
        locationForm->addRow(toString(a) + QLatin1Char(':'), m_attributes[std::size_t(a)]);
    }
    m_attributes[std::size_t(Attribute::CountryOrRegion)]->setPlaceholderText(
        tr("ISO 3166 code, e.g. US"));

    auto *custom = new QWidget(this);
    auto *customForm = new QFormLayout(custom);
    for (Attribute a : allAttributes()) {
        if (m_attributes[std::size_t(a)])
            continue;
        m_attributes[std::size_t(a)] = addField(toString(a) + QLatin1String("Edit"));
        customForm->addRow(toString(a) + QLatin1Char(':'), m_attributes[std::size_t(a)]);
    }

    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("userTabs"));
    tabs->addTab(general, tr("&General"));
    tabs->addTab(location, tr("Add&ress"));
    tabs->addTab(custom, tr("&Custom attributes"));

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("userProblem"));
    m_problem->setWordWrap(true);
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, semanticColor(Semantic::Deny, palette()));
    m_problem->setPalette(problemPalette);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("userButtons"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(440);
    validate();
}

QLineEdit *UserEditDialog::addField(const QString &objectName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    connect(edit, &QLineEdit::textChanged, this, &UserEditDialog::validate);
    return edit;
}

void UserEditDialog::setUser(const DirectoryUser &user)
{
    m_upn->setText(user.userPrincipalName);
    m_displayName->setText(user.displayName);
    m_alias->setText(user.alias);
    m_sam->setText(user.samAccountName);
    for (Attribute a : allAttributes())
        m_attributes[std::size_t(a)]->setText(user.attribute(a));
    validate();
}

DirectoryUser UserEditDialog::user() const
{
    DirectoryUser user;
    user.userPrincipalName = m_upn->text().trimmed();
    user.displayName = m_displayName->text().trimmed();
    user.alias = m_alias->text().trimmed();
    user.samAccountName = m_sam->text().trimmed();
    for (Attribute a : allAttributes())
        user.setAttribute(a, m_attributes[std::size_t(a)]->text().trimmed());
    return user;
}

QString UserEditDialog::problem() const
{
    const QString upn = m_upn->text().trimmed();
    if (upn.isEmpty())
        return tr("UserPrincipalName is required.");
    const int existing = m_directory.indexOfUpn(upn);
    if (existing >= 0 && existing != m_editedRow)
        return tr("UserPrincipalName '%1' is already used by %2.")
            .arg(upn,
                 m_directory.user(existing).displayName.isEmpty()
                     ? tr("another user")
                     : m_directory.user(existing).displayName);
    return QString();
}

void UserEditDialog::validate()
{
    const QString text = problem();
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(text.isEmpty());
}

} // namespace Car
