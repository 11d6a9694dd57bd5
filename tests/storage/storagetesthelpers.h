#pragma once

// Helpers shared by the storage tests: sample workspaces built through the model's parsers,
// file fingerprints, and a raw SQL connection for preparing odd files.

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include "ipaddress.h"
#include "portrange.h"
#include "usernamepattern.h"
#include "workspace.h"

/// QVERIFY for a StoreResult that prints the store's message when it fails.
#define CAR_VERIFY_STORE(expression)                                                               \
    do {                                                                                           \
        const Car::StoreResult storeResult_ = (expression);                                        \
        QVERIFY2(storeResult_.ok, qPrintable(storeResult_.error));                                 \
    } while (false)

namespace StorageTest {

inline Car::IpRange ip(const char *text)
{
    const auto value = Car::IpRange::parse(QString::fromUtf8(text));
    if (!value)
        qFatal("bad test IP range %s", text);
    return *value;
}

inline Car::PortRange port(const char *text)
{
    const auto value = Car::PortRange::parse(QString::fromUtf8(text));
    if (!value)
        qFatal("bad test port range %s", text);
    return *value;
}

inline Car::UsernamePattern pattern(const QString &text)
{
    const auto value = Car::UsernamePattern::parse(text);
    if (!value)
        qFatal("bad test pattern");
    return *value;
}

/// Adds `rule` to `set`, failing the test (via the returned flag) when the model rejects it.
inline bool add(Car::RuleSet &set, const Car::Rule &rule)
{
    const Car::RuleSet::Outcome outcome = set.insertRule(rule);
    if (!outcome.ok)
        qWarning("test rule '%s' rejected: %s", qPrintable(rule.name), qPrintable(outcome.error));
    return outcome.ok;
}

/// A user with every field set to a distinct value derived from `n` and `flavour`.
inline Car::DirectoryUser user(int n, const QString &flavour = QString())
{
    Car::DirectoryUser u;
    u.userPrincipalName = QStringLiteral("user%1%2@contoso.com").arg(n).arg(flavour);
    u.samAccountName = QStringLiteral("sam%1%2").arg(n).arg(flavour);
    u.alias = QStringLiteral("alias%1%2").arg(n).arg(flavour);
    u.displayName = QStringLiteral("Display %1 %2").arg(n).arg(flavour);
    for (int a = 0; a < Car::AttributeCount; ++a)
        u.setAttribute(Car::Attribute(a), QStringLiteral("%1-%2%3").arg(a).arg(n).arg(flavour));
    return u;
}

/// Every rule field and list filled, unicode, quotes and SQL-like text included.
inline Car::WorkspaceData fullWorkspace()
{
    using namespace Car;
    WorkspaceData data;
    data.ruleSet.setEnvironment(Environment::ExchangeOnline);
    data.ruleSet.setNetbiosDomain(QStringLiteral("CONTOSO"));

    Rule web;
    web.name = QStringLiteral("Zugriff für \"Müller\" & O'Brien — 日本語");
    web.action = Action::DenyAccess;
    web.enabled = true;
    web.scope = Scope::Users;
    web.anyOfProtocols = {Protocol::OutlookWebApp, Protocol::ExchangeAdminCenter};
    web.anyOfAuthenticationTypes = {AuthenticationType::BasicAuthentication,
                                    AuthenticationType::AdfsAuthentication};
    web.exceptAnyOfAuthenticationTypes = {AuthenticationType::AdfsAuthentication};
    web.anyOfClientIPAddressesOrRanges = {ip("192.168.10.0/24"), ip("10.0.0.1-10.0.0.9"),
                                          ip("2001:db8::/32"), ip("203.0.113.25")};
    web.exceptAnyOfClientIPAddressesOrRanges = {ip("192.168.10.7"), ip("::ffff:10.1.2.3")};
    web.anyOfSourceTcpPortNumbers = {port("443"), port("1024-2048")};
    web.exceptAnyOfSourceTcpPortNumbers = {port("1500")};
    web.usernameMatchesAnyOfPatterns = {pattern(QStringLiteral("*\\ÜnïCödé*")),
                                        pattern(QStringLiteral("contoso.com\\o'brien*"))};
    web.exceptUsernameMatchesAnyOfPatterns = {
        pattern(QStringLiteral("*'); DROP TABLE rules; --*"))};
    web.userRecipientFilter = QStringLiteral("Department -eq 'IT' -and City -ne 'O''Reilly \"x\"'");

    Rule sqlish;
    sqlish.name = QStringLiteral("'); DROP TABLE rules; --");
    sqlish.action = Action::AllowAccess;
    sqlish.exceptAnyOfProtocols = {Protocol::REST, Protocol::UniversalOutlook};
    sqlish.userRecipientFilter =
        QStringLiteral("CustomAttribute15 -like '*\"; DELETE FROM users;*'");

    Rule bare;
    bare.name = QStringLiteral("Disabled catch-all");
    bare.action = Action::AllowAccess;
    bare.enabled = false;
    bare.scope = Scope::All;

    add(data.ruleSet, web);
    add(data.ruleSet, sqlish);
    add(data.ruleSet, bare);

    for (int n = 1; n <= 5; ++n)
        data.directory.addUser(user(n, n == 3 ? QStringLiteral("-Ünï'\"; --") : QString()));
    data.admin.user = QStringLiteral("nestor.wilke@contoso.com");
    data.admin.address = QStringLiteral("203.0.113.25");
    return data;
}

inline QList<QUuid> ruleIds(const Car::RuleSet &set)
{
    QList<QUuid> ids;
    for (const Car::Rule &rule : set.rules())
        ids.append(rule.id);
    return ids;
}

/// The pattern texts exactly as stored (UsernamePattern's == ignores case).
inline QStringList patternTexts(const Car::RuleSet &set)
{
    QStringList texts;
    for (const Car::Rule &rule : set.rules()) {
        for (const auto &p : rule.usernameMatchesAnyOfPatterns)
            texts.append(p.text());
        for (const auto &p : rule.exceptUsernameMatchesAnyOfPatterns)
            texts.append(p.text());
    }
    return texts;
}

inline QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray("<unreadable>");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

/// The SQLite side files that exist next to `path`.
inline QStringList sideFiles(const QString &path)
{
    QStringList found;
    for (const char *suffix : {"-wal", "-shm", "-journal"}) {
        if (QFileInfo::exists(path + QLatin1String(suffix)))
            found.append(QLatin1String(suffix));
    }
    return found;
}

/// A plain QSQLITE connection for preparing files the store would never write.
class RawDatabase
{
public:
    explicit RawDatabase(const QString &path)
        : m_name(QStringLiteral("raw-%1").arg(QUuid::createUuid().toString(QUuid::Id128)))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        m_db.open();
    }
    ~RawDatabase()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    /// Runs `sql`; returns SQLite's error text, empty on success.
    QString exec(const QString &sql)
    {
        QSqlQuery query(m_db);
        return query.exec(sql) ? QString() : query.lastError().text();
    }
    QVariant value(const QString &sql)
    {
        QSqlQuery query(m_db);
        return query.exec(sql) && query.next() ? query.value(0) : QVariant();
    }
    QSqlDatabase &db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace StorageTest
