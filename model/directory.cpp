#include "directory.h"

#include <QCoreApplication>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::Directory", text);
}

QString key(const QString &text)
{
    return text.trimmed().toCaseFolded();
}

} // namespace

int Directory::indexOfUpn(const QString &upn) const
{
    return m_byUpn.value(key(upn), -1);
}

bool Directory::addUser(const DirectoryUser &user, QString *error)
{
    return addUser(DirectoryUser(user), error);
}

void Directory::reserve(int count)
{
    m_users.reserve(count);
    m_byUpn.reserve(count);
    m_byAlias.reserve(count);
    m_bySam.reserve(count);
}

bool Directory::addUser(DirectoryUser &&user, QString *error)
{
    const QString upnKey = key(user.userPrincipalName);
    if (upnKey.isEmpty()) {
        if (error)
            *error = tr("a user needs a UserPrincipalName.");
        return false;
    }
    if (m_byUpn.contains(upnKey)) {
        if (error)
            *error = tr("UserPrincipalName '%1' is already in the directory.")
                         .arg(user.userPrincipalName);
        return false;
    }
    m_byUpn.insert(upnKey, int(m_users.size()));
    m_users.append(std::move(user));
    indexSecondary(int(m_users.size()) - 1);
    return true;
}

bool Directory::replaceUser(int index, const DirectoryUser &user, QString *error)
{
    if (index < 0 || index >= m_users.size()) {
        if (error)
            *error = tr("there is no user at row %1.").arg(index + 1);
        return false;
    }
    const QString upnKey = key(user.userPrincipalName);
    if (upnKey.isEmpty()) {
        if (error)
            *error = tr("a user needs a UserPrincipalName.");
        return false;
    }
    const int existing = m_byUpn.value(upnKey, -1);
    if (existing >= 0 && existing != index) {
        if (error)
            *error = tr("UserPrincipalName '%1' is already in the directory.")
                         .arg(user.userPrincipalName);
        return false;
    }
    m_users[index] = user;
    rebuildIndex();
    return true;
}

void Directory::removeUser(int index)
{
    if (index < 0 || index >= m_users.size())
        return;
    m_users.removeAt(index);
    rebuildIndex();
}

void Directory::clear()
{
    m_users.clear();
    m_byUpn.clear();
    m_byAlias.clear();
    m_bySam.clear();
}

void Directory::rebuildIndex()
{
    m_byUpn.clear();
    m_byAlias.clear();
    m_bySam.clear();
    m_byUpn.reserve(m_users.size());
    for (int i = 0; i < m_users.size(); ++i)
        indexUser(i);
}

void Directory::indexUser(int index)
{
    m_byUpn.insert(key(m_users.at(index).userPrincipalName), index);
    indexSecondary(index);
}

void Directory::indexSecondary(int index)
{
    const DirectoryUser &user = m_users.at(index);
    const QString aliasKey = key(user.alias);
    if (!aliasKey.isEmpty() && !m_byAlias.contains(aliasKey))
        m_byAlias.insert(aliasKey, index);
    const QString samKey = key(user.samAccountName);
    if (!samKey.isEmpty() && !m_bySam.contains(samKey))
        m_bySam.insert(samKey, index);
}

const DirectoryUser *Directory::resolve(const QString &text) const
{
    const QString k = key(text);
    if (k.isEmpty())
        return nullptr;
    int index = m_byUpn.value(k, -1);
    if (index < 0)
        index = m_byAlias.value(k, -1);
    if (index < 0)
        index = m_bySam.value(k, -1);
    if (index < 0) {
        // DOMAIN\sam, as Test-ClientAccessRule accepts it.
        const int slash = k.lastIndexOf(QLatin1Char('\\'));
        if (slash > 0 && slash < k.size() - 1)
            index = m_bySam.value(k.mid(slash + 1), -1);
    }
    return index >= 0 ? &m_users.at(index) : nullptr;
}

QString usernameString(const DirectoryUser *user, const QString &text, Environment environment,
                       const QString &netbiosDomain)
{
    if (user) {
        const QString &upn = user->userPrincipalName;
        const int at = upn.lastIndexOf(QLatin1Char('@'));
        const QString prefix = at >= 0 ? upn.left(at) : upn;
        const QString suffix = at >= 0 ? upn.mid(at + 1) : QString();
        if (environment == Environment::ExchangeServer) {
            const QString account = user->samAccountName.isEmpty() ? prefix : user->samAccountName;
            const QString domain = netbiosDomain.isEmpty() ? suffix : netbiosDomain;
            return domain + QLatin1Char('\\') + account;
        }
        return suffix + QLatin1Char('\\') + prefix;
    }
    const QString trimmed = text.trimmed();
    const int at = trimmed.lastIndexOf(QLatin1Char('@'));
    if (at > 0 && at < trimmed.size() - 1 && !trimmed.contains(QLatin1Char('\\')))
        return trimmed.mid(at + 1) + QLatin1Char('\\') + trimmed.left(at);
    return trimmed;
}

} // namespace Car
