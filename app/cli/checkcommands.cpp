// carconsole-cli saved tests: tests add|list|remove, and check (runs them all; exit 3 on a
// failure, so that a rule set can be guarded in a script).
#include "cliapp.h"
#include "savedtestrunner.h"
#include "snapshotcommands.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Car {

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

/// The connection of a test with the replay CSV's column names, as `analyze` shows witnesses.
QJsonObject connectionJson(const SavedTest &test)
{
    return QJsonObject {{QStringLiteral("User"), test.user},
                        {QStringLiteral("Protocol"), toString(test.protocol)},
                        {QStringLiteral("AuthenticationType"), toString(test.authenticationType)},
                        {QStringLiteral("RemoteAddress"), test.address.toString()},
                        {QStringLiteral("RemotePort"), test.port},
                        {QStringLiteral("MiddleTier"), test.middleTier}};
}

QJsonObject testJson(const SavedTest &test)
{
    return QJsonObject {{QStringLiteral("name"), test.name},
                        {QStringLiteral("connection"), connectionJson(test)},
                        {QStringLiteral("expectedAction"), toString(test.expectedAction)},
                        {QStringLiteral("expectedRule"), textOrNull(test.expectedRule)}};
}

/// "julia@contoso.com ExchangeActiveSync/BasicAuthentication from 203.0.113.9:443".
QString connectionText(const SavedTest &test)
{
    const QString address = test.address.v6
        ? QStringLiteral("[%1]:%2").arg(test.address.toString()).arg(test.port)
        : QStringLiteral("%1:%2").arg(test.address.toString()).arg(test.port);
    return QStringLiteral("%1 %2/%3 from %4%5")
        .arg(test.user, toString(test.protocol), toString(test.authenticationType), address,
             test.middleTier ? QStringLiteral(" (middle tier)") : QString());
}

} // namespace

int CliApp::runTests(int first)
{
    const QString usageText = tr("tests needs add, list or remove");
    if (first >= m_args.size())
        return badArgument(first - 1, usageText);
    const QString &sub = m_args[first];
    if (sub != QLatin1String("add") && sub != QLatin1String("list")
        && sub != QLatin1String("remove"))
        return badArgument(first, tr("unknown tests command '%1': %2").arg(sub, usageText));

    // Every sub-command reads the tests first; an absent workspace has none.
    QString error;
    QList<SavedTest> tests;
    {
        const auto store = CliWorkspace::openForReading(m_db, &error);
        if (!store && !error.isEmpty())
            return failure(error);
        if (store) {
            const StoreResult read = store->savedTests(tests);
            if (!read)
                return failure(read.error);
        }
    }
    const auto indexOf = [&tests](const QString &name) {
        for (int i = 0; i < tests.size(); ++i) {
            if (SavedTest::key(tests.at(i).name) == SavedTest::key(name))
                return i;
        }
        return -1;
    };

    if (sub == QLatin1String("list")) {
        bool json = false;
        for (int i = first + 1; i < m_args.size(); ++i) {
            if (m_args[i] != QLatin1String("--json"))
                return badArgument(i, tr("unexpected argument '%1' for tests list").arg(m_args[i]));
            json = true;
        }
        if (json) {
            QJsonArray array;
            for (const SavedTest &test : std::as_const(tests))
                array.append(testJson(test));
            m_out->write(QJsonDocument(array).toJson(QJsonDocument::Indented));
        } else {
            for (const SavedTest &test : std::as_const(tests))
                print(tr("'%1': %2 -> %3\n")
                          .arg(test.name, connectionText(test), test.expectationText()));
        }
        return Success;
    }

    if (sub == QLatin1String("remove")) {
        if (first + 1 >= m_args.size())
            return badArgument(first, tr("tests remove needs a NAME"));
        if (first + 2 < m_args.size())
            return badArgument(
                first + 2, tr("unexpected argument '%1' for tests remove").arg(m_args[first + 2]));
        const QString name = m_args[first + 1];
        if (indexOf(name) < 0)
            return badArgument(first + 1,
                               tr("there is no saved test named '%1' (see tests list)").arg(name));
        const auto store = CliWorkspace::openForWriting(m_db, &error);
        if (!store)
            return failure(error);
        const StoreResult removed = store->removeSavedTest(name);
        if (!removed)
            return failure(removed.error);
        print(tr("removed test '%1'\n").arg(tests.at(indexOf(name)).name));
        return Success;
    }

    // tests add NAME --user U --protocol P --authentication A --address IP [--port N]
    //           [--middle-tier] --expect AllowAccess|DenyAccess [--rule R]
    struct Value
    {
        QString text;
        int index = -1;
    };
    Value name, user, protocolText, authenticationText, addressText, portText, expectText, rule;
    SavedTest test;
    for (int i = first + 1; i < m_args.size(); ++i) {
        const QString &arg = m_args[i];
        Value *target = nullptr;
        if (arg == QLatin1String("--user"))
            target = &user;
        else if (arg == QLatin1String("--protocol"))
            target = &protocolText;
        else if (arg == QLatin1String("--authentication"))
            target = &authenticationText;
        else if (arg == QLatin1String("--address"))
            target = &addressText;
        else if (arg == QLatin1String("--port"))
            target = &portText;
        else if (arg == QLatin1String("--expect"))
            target = &expectText;
        else if (arg == QLatin1String("--rule"))
            target = &rule;
        if (target) {
            if (i + 1 >= m_args.size())
                return badArgument(i, tr("%1 needs a value").arg(arg));
            *target = {m_args[i + 1], i + 1};
            ++i;
        } else if (arg == QLatin1String("--middle-tier")) {
            test.middleTier = true;
        } else if (name.index < 0 && !arg.startsWith(QLatin1Char('-'))) {
            name = {arg, i};
        } else {
            return badArgument(i, tr("unexpected argument '%1' for tests add").arg(arg));
        }
    }
    if (name.index < 0)
        return badArgument(first, tr("tests add needs a NAME"));
    const QList<QPair<const Value *, const char *>> required = {
        {&user, "--user"},
        {&protocolText, "--protocol"},
        {&authenticationText, "--authentication"},
        {&addressText, "--address"},
        {&expectText, "--expect"}};
    for (const auto &[value, option] : required) {
        if (value->index < 0)
            return badArgument(first, tr("tests add needs %1").arg(QLatin1String(option)));
    }
    test.name = name.text;
    test.user = user.text.trimmed();
    if (test.user.isEmpty())
        return badArgument(user.index, tr("the user is empty"));
    const EnumBinding<Protocol> protocol = bindProtocol(protocolText.text);
    if (!protocol)
        return badArgument(protocolText.index, tr("--protocol: %1").arg(protocol.error));
    if (!isTestableProtocol(*protocol.value))
        return badArgument(protocolText.index,
                           tr("--protocol: Test-ClientAccessRule does not accept %1")
                               .arg(toString(*protocol.value)));
    test.protocol = *protocol.value;
    const EnumBinding<AuthenticationType> authentication =
        bindAuthenticationType(authenticationText.text);
    if (!authentication)
        return badArgument(authenticationText.index,
                           tr("--authentication: %1").arg(authentication.error));
    test.authenticationType = *authentication.value;
    QString addressError;
    const std::optional<IpAddress> address = IpAddress::parse(addressText.text, &addressError);
    if (!address)
        return badArgument(addressText.index, tr("--address: %1").arg(addressError));
    test.address = *address;
    if (portText.index >= 0) {
        bool ok = false;
        test.port = portText.text.trimmed().toInt(&ok);
        if (!ok || test.port < 1 || test.port > 65535)
            return badArgument(
                portText.index,
                tr("--port: '%1' is not a port number from 1 to 65535").arg(portText.text));
    }
    const EnumBinding<Action> expect = bindAction(expectText.text);
    if (!expect)
        return badArgument(expectText.index, tr("--expect: %1").arg(expect.error));
    test.expectedAction = *expect.value;
    if (rule.index >= 0) {
        test.expectedRule = rule.text.trimmed();
        if (test.expectedRule.isEmpty())
            return badArgument(rule.index, tr("--rule: the rule name is empty"));
    }
    const QString invalid = test.validate();
    if (!invalid.isEmpty())
        return badArgument(name.index, invalid);
    if (indexOf(test.name) >= 0)
        return badArgument(name.index,
                           tr("a saved test named '%1' already exists; remove it first")
                               .arg(tests.at(indexOf(test.name)).name));

    WorkspaceData workspace;
    if (!loadWorkspace(workspace, &error))
        return failure(error);
    if (!test.expectedRule.isEmpty() && workspace.ruleSet.indexOfName(test.expectedRule) < 0) {
        printError(tr("<command line>: warning: the rule set has no rule named '%1' (yet)\n")
                       .arg(test.expectedRule));
    }
    const auto store = CliWorkspace::openForWriting(m_db, &error);
    if (!store)
        return failure(error);
    const StoreResult saved = store->saveSavedTest(test, QString());
    if (!saved)
        return failure(saved.error);
    print(tr("added test '%1': %2 -> %3\n")
              .arg(test.name, connectionText(test), test.expectationText()));
    return Success;
}

int CliApp::runCheck(int first)
{
    bool json = false;
    for (int i = first; i < m_args.size(); ++i) {
        if (m_args[i] != QLatin1String("--json"))
            return badArgument(i, tr("unexpected argument '%1' for check").arg(m_args[i]));
        json = true;
    }
    WorkspaceData workspace;
    QString error;
    if (!loadWorkspace(workspace, &error))
        return failure(error);
    QList<SavedTest> tests;
    if (const auto store = CliWorkspace::openForReading(m_db, &error)) {
        const StoreResult read = store->savedTests(tests);
        if (!read)
            return failure(read.error);
    } else if (!error.isEmpty()) {
        return failure(error);
    }

    const QList<SavedTestResult> results =
        SavedTestRunner::runAll(tests, workspace.ruleSet, workspace.directory);
    const int failed = SavedTestRunner::failureCount(results);
    if (json) {
        QJsonArray array;
        for (const SavedTestResult &result : results) {
            QJsonObject object = testJson(result.test);
            object.insert(QStringLiteral("passed"), result.passed);
            object.insert(QStringLiteral("action"), toString(result.actualAction));
            object.insert(QStringLiteral("rule"), textOrNull(result.actualRule));
            object.insert(QStringLiteral("username"), result.username);
            object.insert(QStringLiteral("message"), result.toText());
            array.append(object);
        }
        const QJsonObject summary {{QStringLiteral("tests"), int(results.size())},
                                   {QStringLiteral("passed"), int(results.size()) - failed},
                                   {QStringLiteral("failed"), failed},
                                   {QStringLiteral("results"), array}};
        m_out->write(QJsonDocument(summary).toJson(QJsonDocument::Indented));
    } else {
        for (const SavedTestResult &result : results) {
            if (!result.passed)
                print(result.toText() + QLatin1Char('\n'));
        }
        if (results.isEmpty())
            print(tr("no saved tests (add one with: carconsole-cli tests add NAME ...)\n"));
        else
            print(tr("%1 of %n test(s) passed, %2 failed\n", nullptr, int(results.size()))
                      .arg(int(results.size()) - failed)
                      .arg(failed));
    }
    return failed > 0 ? TestsFailed : Success;
}

} // namespace Car
