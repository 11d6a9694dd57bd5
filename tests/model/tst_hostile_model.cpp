// Model regressions found by the hardening work (issue 6) that need no process or file: each
// case names the sanitizer or fuzzer finding it guards.

#include "rule.h"

#include <QTest>

using namespace Car;

class TestHostileModel : public QObject
{
    Q_OBJECT

private slots:
    void ruleEqualityWithClearedLists();
};

void TestHostileModel::ruleEqualityWithClearedLists()
{
    // UBSan (CAR_SANITIZE=ON) in tst_cmdletwriter: Qt 6.4 compared an emptied enum list (still
    // holding storage) with a never-filled one through memcmp(nullptr, ...).
    Rule filled;
    filled.name = QStringLiteral("Rule");
    filled.anyOfProtocols = {Protocol::ExchangeActiveSync, Protocol::OutlookWebApp};
    filled.exceptAnyOfProtocols = {Protocol::POP3};
    filled.anyOfAuthenticationTypes = {AuthenticationType::BasicAuthentication};
    filled.exceptAnyOfAuthenticationTypes = {AuthenticationType::AdfsAuthentication};
    Rule emptied = filled;
    emptied.anyOfProtocols.clear();
    emptied.exceptAnyOfProtocols.clear();
    emptied.anyOfAuthenticationTypes.clear();
    emptied.exceptAnyOfAuthenticationTypes.clear();
    Rule plain;
    plain.name = QStringLiteral("Rule");
    QVERIFY(emptied == plain);
    QVERIFY(plain == emptied);
    QVERIFY(emptied != filled);
    Rule one = plain;
    one.anyOfProtocols = {Protocol::ExchangeActiveSync};
    QVERIFY(one != emptied);
}

QTEST_GUILESS_MAIN(TestHostileModel)
#include "tst_hostile_model.moc"
