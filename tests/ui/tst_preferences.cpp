// The Preferences dialog: environment, NetBIOS domain and administrator, validated in place and
// written through the document only when accepted.

#include "demoworkspace.h"
#include "fakerulestore.h"
#include "preferencesdialog.h"
#include "rulesetdocument.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Car;

class PreferencesTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void showsTheWorkspaceSettings();
    void adminAddressIsValidatedInPlace_data();
    void adminAddressIsValidatedInPlace();
    void netbiosDomain_data();
    void netbiosDomain();
    void acceptWritesAdminAndEnvironment();
    void cancelChangesNothing();
    void environmentThatInvalidatesRulesIsRefused();
    void storeFailureKeepsTheDialogOpen();

private:
    QPushButton *okButton(PreferencesDialog &dialog) const
    {
        return dialog.findChild<QDialogButtonBox *>(QStringLiteral("preferencesButtons"))
            ->button(QDialogButtonBox::Ok);
    }

    QTemporaryDir m_runtime;
    FakeRuleStore *m_store = nullptr;
    std::unique_ptr<RuleSetDocument> m_document;
};

void PreferencesTest::initTestCase()
{
    QVERIFY(m_runtime.isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
}

void PreferencesTest::init()
{
    m_store = new FakeRuleStore(makeDemoWorkspace());
    m_document = std::make_unique<RuleSetDocument>(std::unique_ptr<RuleStore>(m_store));
    QVERIFY(m_document->load().ok);
}

void PreferencesTest::showsTheWorkspaceSettings()
{
    PreferencesDialog dialog(m_document.get());
    QVERIFY(dialog.environment() == Environment::ExchangeOnline);
    QCOMPARE(dialog.admin(), m_document->admin());
    auto *netbios = dialog.findChild<QLineEdit *>(QStringLiteral("netbiosEdit"));
    QVERIFY2(!netbios->isEnabled(), "Exchange Online does not use the NetBIOS domain");
    QVERIFY(okButton(dialog)->isEnabled());
    auto *hint = dialog.findChild<QLabel *>(QStringLiteral("adminUserHint"));
    QVERIFY2(hint->text().contains(QStringLiteral("Nestor Wilke (IT)")), qPrintable(hint->text()));
}

void PreferencesTest::adminAddressIsValidatedInPlace_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("valid");
    QTest::newRow("IPv4") << QStringLiteral("198.51.100.7") << true;
    QTest::newRow("IPv6") << QStringLiteral("2001:db8::25") << true;
    QTest::newRow("empty switches the guard off") << QString() << true;
    QTest::newRow("an octet out of range") << QStringLiteral("198.51.100.256") << false;
    QTest::newRow("a CIDR is a network, not an address")
        << QStringLiteral("198.51.100.0/24") << false;
}

void PreferencesTest::adminAddressIsValidatedInPlace()
{
    QFETCH(QString, address);
    QFETCH(bool, valid);
    PreferencesDialog dialog(m_document.get());
    dialog.show();
    auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("adminAddressEdit"));
    edit->clear();
    QTest::keyClicks(edit, address);
    auto *hint = dialog.findChild<QLabel *>(QStringLiteral("adminAddressHint"));
    QCOMPARE(okButton(dialog)->isEnabled(), valid);
    QCOMPARE(hint->property("error").toBool(), !valid);
    if (!valid)
        QVERIFY(!hint->text().isEmpty());
    if (address.isEmpty())
        QVERIFY(hint->text().contains(QStringLiteral("guard is off")));
}

void PreferencesTest::netbiosDomain_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("a plain name") << QStringLiteral("CONTOSO") << true;
    QTest::newRow("lower case is stored upper case") << QStringLiteral("fabrikam") << true;
    QTest::newRow("required for Exchange Server") << QString() << false;
    QTest::newRow("no backslash") << QStringLiteral("CON\\TOSO") << false;
    QTest::newRow("no blanks inside") << QStringLiteral("CON TOSO") << false;
}

void PreferencesTest::netbiosDomain()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    PreferencesDialog dialog(m_document.get());
    dialog.show();
    auto *environment = dialog.findChild<QComboBox *>(QStringLiteral("environmentCombo"));
    environment->setCurrentIndex(environment->findData(int(Environment::ExchangeServer)));
    auto *netbios = dialog.findChild<QLineEdit *>(QStringLiteral("netbiosEdit"));
    QVERIFY(netbios->isEnabled());
    netbios->clear();
    QTest::keyClicks(netbios, name);
    QCOMPARE(okButton(dialog)->isEnabled(), valid);
    QCOMPARE(PreferencesDialog::netbiosProblem(name).isEmpty(), valid);
    if (valid) {
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QVERIFY(m_document->ruleSet().environment() == Environment::ExchangeServer);
        QCOMPARE(m_document->ruleSet().netbiosDomain(), name.toUpper());
        QCOMPARE(m_store->data().ruleSet.netbiosDomain(), name.toUpper());
    }
}

void PreferencesTest::acceptWritesAdminAndEnvironment()
{
    QSignalSpy adminChanged(m_document.get(), &RuleSetDocument::adminChanged);
    PreferencesDialog dialog(m_document.get());
    dialog.show();
    auto *user = dialog.findChild<QComboBox *>(QStringLiteral("adminUserCombo"));
    user->lineEdit()->clear();
    QTest::keyClicks(user->lineEdit(), QStringLiteral("lee.gu@contoso.com"));
    auto *address = dialog.findChild<QLineEdit *>(QStringLiteral("adminAddressEdit"));
    address->clear();
    QTest::keyClicks(address, QStringLiteral("198.51.100.7"));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const AdminSettings expected {QStringLiteral("lee.gu@contoso.com"),
                                  QStringLiteral("198.51.100.7")};
    QCOMPARE(m_document->admin(), expected);
    QCOMPARE(m_store->data().admin, expected);
    QCOMPARE(adminChanged.count(), 1);
    QCOMPARE(m_document->undoStack()->count(), 0); // the environment did not change
}

void PreferencesTest::cancelChangesNothing()
{
    PreferencesDialog dialog(m_document.get());
    dialog.show();
    auto *address = dialog.findChild<QLineEdit *>(QStringLiteral("adminAddressEdit"));
    address->clear();
    QTest::keyClicks(address, QStringLiteral("198.51.100.7"));
    dialog.reject();
    QCOMPARE(m_document->admin(), makeDemoWorkspace().admin);
    QCOMPARE(m_store->successfulWrites(), 0);
}

void PreferencesTest::environmentThatInvalidatesRulesIsRefused()
{
    Rule owa;
    owa.id = QUuid::createUuid();
    owa.name = QStringLiteral("Block OWA");
    owa.anyOfProtocols = {Protocol::OutlookWebApp};
    QVERIFY(m_document->addRule(owa).ok);
    PreferencesDialog dialog(m_document.get());
    auto *environment = dialog.findChild<QComboBox *>(QStringLiteral("environmentCombo"));
    environment->setCurrentIndex(environment->findData(int(Environment::ExchangeServer)));
    dialog.findChild<QLineEdit *>(QStringLiteral("netbiosEdit"))
        ->setText(QStringLiteral("CONTOSO"));
    QVERIFY(!okButton(dialog)->isEnabled());
    auto *hint = dialog.findChild<QLabel *>(QStringLiteral("environmentHint"));
    QVERIFY2(hint->text().contains(QStringLiteral("1 rule")), qPrintable(hint->text()));
}

void PreferencesTest::storeFailureKeepsTheDialogOpen()
{
    PreferencesDialog dialog(m_document.get());
    dialog.show();
    auto *address = dialog.findChild<QLineEdit *>(QStringLiteral("adminAddressEdit"));
    address->setText(QStringLiteral("198.51.100.7"));
    m_store->failNextWrite(QStringLiteral("database is locked"));
    QVERIFY(!dialog.apply());
    auto *problem = dialog.findChild<QLabel *>(QStringLiteral("preferencesProblem"));
    QVERIFY2(problem->text().contains(QStringLiteral("database is locked")),
             qPrintable(problem->text()));
    QCOMPARE(m_document->admin(), makeDemoWorkspace().admin);
}

QTEST_MAIN(PreferencesTest)
#include "tst_preferences.moc"
