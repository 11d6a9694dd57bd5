// The Directory view over a document: search, add, edit, delete, CSV import (all or nothing, errors
// with line numbers), store failures shown in place, and a 100,000-user directory.

#include "demoworkspace.h"
#include "directory.h"
#include "directoryfiltermodel.h"
#include "directorymodel.h"
#include "directoryview.h"
#include "fakerulestore.h"
#include "rulesetdocument.h"
#include "usereditdialog.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Car;

class DirectoryViewTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void search_data();
    void search();
    void addUserThroughTheDialog();
    void upnIsRequiredAndUnique_data();
    void upnIsRequiredAndUnique();
    void editUserKeepsItsPlace();
    void deleteAsksFirst();
    void storeFailureIsShownAndChangesNothing();
    void importReplacesTheDirectory();
    void badCsvChangesNothing_data();
    void badCsvChangesNothing();
    void testUserRequest();
    void hundredThousandUsers();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    void clickRow(int sourceRow);
    UserEditDialog *openDialog(const char *button);

    QTemporaryDir m_dir;
    FakeRuleStore *m_store = nullptr;
    std::unique_ptr<RuleSetDocument> m_document;
    std::unique_ptr<DirectoryView> m_view;
    QStringList m_confirmations;
    bool m_confirmAnswer = true;
};

void DirectoryViewTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_dir.path()));
}

void DirectoryViewTest::init()
{
    m_store = new FakeRuleStore(makeDemoWorkspace());
    m_document = std::make_unique<RuleSetDocument>(std::unique_ptr<RuleStore>(m_store));
    QVERIFY(m_document->load().ok);
    m_view = std::make_unique<DirectoryView>(m_document.get());
    new QAbstractItemModelTester(m_view->directoryModel(),
                                 QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_view.get());
    m_confirmations.clear();
    m_confirmAnswer = true;
    m_view->setConfirm([this](const QString &, const QString &text) {
        m_confirmations.append(text);
        return m_confirmAnswer;
    });
    m_view->resize(900, 500);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void DirectoryViewTest::cleanup()
{
    m_view.reset();
    m_document.reset();
}

QString DirectoryViewTest::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) < 0)
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void DirectoryViewTest::clickRow(int sourceRow)
{
    QTableView *table = m_view->table();
    const QModelIndex index = m_view->filterModel()->mapFromSource(
        m_view->directoryModel()->index(sourceRow, DirectoryModel::UpnColumn));
    QVERIFY(index.isValid());
    table->scrollTo(index);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    QCOMPARE(table->currentIndex().row(), index.row());
}

UserEditDialog *DirectoryViewTest::openDialog(const char *button)
{
    auto *push = m_view->findChild<QPushButton *>(QLatin1String(button));
    if (!push || !push->isEnabled())
        return nullptr;
    QTest::mouseClick(push, Qt::LeftButton);
    return m_view->editDialog();
}

void DirectoryViewTest::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("count");
    QTest::newRow("a department matches its three users")
        << QStringLiteral("marketing") << 3 << QStringLiteral("3 of 12 users");
    QTest::newRow("the UPN suffix matches everyone, ignoring case")
        << QStringLiteral("CONTOSO.COM") << 12 << QStringLiteral("12 users");
    QTest::newRow("a country code matches an attribute column")
        << QStringLiteral("SG") << 1 << QStringLiteral("1 of 12 users");
    QTest::newRow("part of a display name")
        << QStringLiteral("lorenz") << 1 << QStringLiteral("1 of 12 users");
    QTest::newRow("nothing matches")
        << QStringLiteral("zzz") << 0 << QStringLiteral("0 of 12 users");
}

void DirectoryViewTest::search()
{
    QFETCH(QString, text);
    QFETCH(int, rows);
    QFETCH(QString, count);
    auto *search = m_view->findChild<QLineEdit *>(QStringLiteral("directorySearch"));
    QVERIFY(search);
    QTest::keyClicks(search, text);
    QCOMPARE(m_view->table()->model()->rowCount(), rows);
    QCOMPARE(m_view->findChild<QLabel *>(QStringLiteral("directoryCount"))->text(), count);
    search->clear();
    QCOMPARE(m_view->table()->model()->rowCount(), 12);
}

void DirectoryViewTest::addUserThroughTheDialog()
{
    UserEditDialog *dialog = openDialog("addUserButton");
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    auto *ok = dialog->findChild<QDialogButtonBox *>(QStringLiteral("userButtons"))
                   ->button(QDialogButtonBox::Ok);
    QVERIFY2(!ok->isEnabled(), "an empty UPN cannot be saved");
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("upnEdit")),
                     QStringLiteral("grady.archie@contoso.com"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("displayNameEdit")),
                     QStringLiteral("Grady Archie"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("samAccountNameEdit")),
                     QStringLiteral("gradya"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("DepartmentEdit")),
                     QStringLiteral("Sales"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("CustomAttribute7Edit")),
                     QStringLiteral("contractor"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);

    const Directory &directory = m_document->directory();
    QCOMPARE(directory.size(), 13);
    const int row = directory.indexOfUpn(QStringLiteral("grady.archie@contoso.com"));
    QCOMPARE(row, 12);
    QCOMPARE(directory.user(row).attribute(Attribute::Department), QStringLiteral("Sales"));
    QCOMPARE(directory.user(row).attribute(Attribute::CustomAttribute7),
             QStringLiteral("contractor"));
    QCOMPARE(m_store->data().directory, directory);
    QCOMPARE(m_view->table()->model()->rowCount(), 13);
    QVERIFY2(!m_view->table()->isColumnHidden(DirectoryModel::FirstAttributeColumn
                                              + int(Attribute::CustomAttribute7)),
             "a column that now has a value is shown");
}

void DirectoryViewTest::upnIsRequiredAndUnique_data()
{
    QTest::addColumn<QString>("upn");
    QTest::addColumn<QString>("problem");
    QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("required");
    QTest::newRow("another user's UPN in other case")
        << QStringLiteral("LEE.GU@contoso.com") << QStringLiteral("already used by Lee Gu");
}

void DirectoryViewTest::upnIsRequiredAndUnique()
{
    QFETCH(QString, upn);
    QFETCH(QString, problem);
    clickRow(m_document->directory().indexOfUpn(QStringLiteral("megan.bowen@contoso.com")));
    UserEditDialog *dialog = openDialog("editUserButton");
    QVERIFY(dialog);
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("upnEdit"));
    edit->clear();
    QTest::keyClicks(edit, upn);
    auto *label = dialog->findChild<QLabel *>(QStringLiteral("userProblem"));
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains(problem), qPrintable(label->text()));
    QVERIFY(!dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    dialog->reject();
    QCOMPARE(m_document->directory(), makeDemoWorkspace().directory);
}

void DirectoryViewTest::editUserKeepsItsPlace()
{
    const int row =
        m_document->directory().indexOfUpn(QStringLiteral("diego.siciliani@contoso.com"));
    clickRow(row);
    UserEditDialog *dialog = openDialog("editUserButton");
    QVERIFY(dialog);
    auto *department = dialog->findChild<QLineEdit *>(QStringLiteral("DepartmentEdit"));
    QCOMPARE(department->text(), QStringLiteral("HR"));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("upnEdit"))->text(),
             QStringLiteral("diego.siciliani@contoso.com"));
    department->clear();
    QTest::keyClicks(department, QStringLiteral("IT"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QCOMPARE(m_document->directory().size(), 12);
    QCOMPARE(m_document->directory().user(row).attribute(Attribute::Department),
             QStringLiteral("IT"));
    QCOMPARE(m_store->data().directory.user(row).attribute(Attribute::Department),
             QStringLiteral("IT"));

    // Renaming the UPN keeps the place too.
    clickRow(row);
    dialog = openDialog("editUserButton");
    auto *upn = dialog->findChild<QLineEdit *>(QStringLiteral("upnEdit"));
    upn->clear();
    QTest::keyClicks(upn, QStringLiteral("diego@contoso.com"));
    dialog->accept();
    QCOMPARE(m_document->directory().indexOfUpn(QStringLiteral("diego@contoso.com")), row);
    QCOMPARE(m_document->directory().indexOfUpn(QStringLiteral("diego.siciliani@contoso.com")), -1);
}

void DirectoryViewTest::deleteAsksFirst()
{
    const int row = m_document->directory().indexOfUpn(QStringLiteral("alex.wilber@contoso.com"));
    clickRow(row);
    m_confirmAnswer = false;
    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("deleteUserButton")),
                      Qt::LeftButton);
    QCOMPARE(m_confirmations.size(), 1);
    QVERIFY(m_confirmations.first().contains(QStringLiteral("alex.wilber@contoso.com")));
    QCOMPARE(m_document->directory().size(), 12);

    m_confirmAnswer = true;
    m_view->activateWindow();
    m_view->table()->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    QTest::keyClick(m_view->table(), Qt::Key_Delete);
    QCOMPARE(m_confirmations.size(), 2);
    QCOMPARE(m_document->directory().size(), 11);
    QCOMPARE(m_document->directory().indexOfUpn(QStringLiteral("alex.wilber@contoso.com")), -1);
    QCOMPARE(m_store->data().directory.size(), 11);
}

void DirectoryViewTest::storeFailureIsShownAndChangesNothing()
{
    m_store->failNextWrite(QStringLiteral("disk full"));
    UserEditDialog *dialog = openDialog("addUserButton");
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("upnEdit")),
                     QStringLiteral("new@contoso.com"));
    dialog->accept();
    QVERIFY2(m_view->message().contains(QStringLiteral("disk full")),
             qPrintable(m_view->message()));
    QCOMPARE(m_document->directory().size(), 12);
    QCOMPARE(m_store->data().directory.size(), 12);
}

void DirectoryViewTest::importReplacesTheDirectory()
{
    const QString path = writeFile(QStringLiteral("users.csv"),
                                   "UserPrincipalName,DisplayName,Department,City\r\n"
                                   "ann@fabrikam.com,Ann Beebe,Finance,Oslo\r\n"
                                   "\"bob@fabrikam.com\",\"Bob, Jr.\",IT,Bergen\r\n");
    QSignalSpy reset(m_view->directoryModel(), &QAbstractItemModel::modelReset);
    QVERIFY(m_view->importCsvFile(path));
    QCOMPARE(m_confirmations.size(), 1);
    QVERIFY(m_confirmations.first().contains(QStringLiteral("12")));
    QCOMPARE(m_document->directory().size(), 2);
    QCOMPARE(m_document->directory().user(1).displayName, QStringLiteral("Bob, Jr."));
    QCOMPARE(m_store->data().directory, m_document->directory());
    QCOMPARE(reset.count(), 1);
    QVERIFY2(m_view->message().contains(QStringLiteral("Imported 2 users")),
             qPrintable(m_view->message()));
    QCOMPARE(m_view->table()->model()->rowCount(), 2);
    QVERIFY(m_view->table()->isColumnHidden(DirectoryModel::FirstAttributeColumn
                                            + int(Attribute::CountryOrRegion)));
}

void DirectoryViewTest::badCsvChangesNothing_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("where");
    QTest::newRow("no UserPrincipalName column")
        << QByteArray("Name,City\nann,Oslo\n") << QStringLiteral("line 1");
    QTest::newRow("a repeated UPN on line 3")
        << QByteArray("UserPrincipalName\nann@fabrikam.com\nANN@fabrikam.com\n")
        << QStringLiteral("line 3");
    QTest::newRow("a row with too many fields on line 2")
        << QByteArray("UserPrincipalName,City\nann@fabrikam.com,Oslo,extra\n")
        << QStringLiteral("line 2");
    QTest::newRow("an unclosed quote")
        << QByteArray("UserPrincipalName\n\"ann@fabrikam.com\n") << QStringLiteral("line 2");
}

void DirectoryViewTest::badCsvChangesNothing()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, where);
    const Directory before = m_document->directory();
    const int writes = m_store->attemptedWrites();
    QVERIFY(!m_view->importCsvFile(writeFile(QStringLiteral("bad.csv"), content)));
    const QString message = m_view->message();
    QVERIFY2(message.startsWith(QStringLiteral("bad.csv, ") + where), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Nothing was changed")), qPrintable(message));
    QCOMPARE(m_document->directory(), before);
    QCOMPARE(m_store->attemptedWrites(), writes);
    QVERIFY(m_confirmations.isEmpty());

    QVERIFY(!m_view->importCsvFile(m_dir.filePath(QStringLiteral("missing.csv"))));
    QVERIFY(m_view->message().startsWith(QStringLiteral("Cannot open missing.csv")));
}

void DirectoryViewTest::testUserRequest()
{
    QSignalSpy requested(m_view.get(), &DirectoryView::testUserRequested);
    clickRow(3);
    auto *action = m_view->table()->findChild<QAction *>(QStringLiteral("testUserAction"));
    QVERIFY(action);
    action->trigger();
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().at(0).toString(), m_document->directory().user(3).userPrincipalName);
}

void DirectoryViewTest::hundredThousandUsers()
{
    Directory big;
    for (int i = 0; i < 100000; ++i) {
        DirectoryUser user;
        user.userPrincipalName = QStringLiteral("user%1@contoso.com").arg(i);
        user.displayName = QStringLiteral("User %1").arg(i);
        user.samAccountName = QStringLiteral("user%1").arg(i);
        user.setAttribute(Attribute::Department,
                          i % 4 == 0 ? QStringLiteral("IT") : QStringLiteral("Sales"));
        user.setAttribute(Attribute::City, QStringLiteral("City %1").arg(i % 97));
        QVERIFY(big.addUser(user));
    }
    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_document->replaceDirectory(big).ok);
    QCOMPARE(m_view->table()->model()->rowCount(), 100000);
    QCOMPARE(m_view->table()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
    QTest::keyClicks(m_view->findChild<QLineEdit *>(QStringLiteral("directorySearch")),
                     QStringLiteral("user9999"));
    QCOMPARE(m_view->table()->model()->rowCount(), 11); // user9999 and user99990..99999
    m_view->table()->scrollToBottom();
    m_view->repaint();
    const qint64 elapsed = timer.elapsed();
    qInfo("replace, show, search 8 keystrokes and repaint 100,000 users: %lld ms", elapsed);
}

QTEST_MAIN(DirectoryViewTest)
#include "tst_directoryview.moc"
