#include "directory.h"

#include <QCoreApplication>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::Directory", text);
}

} // namespace

int Directory::indexOfUpn(const QString &upn) const
{
    const QByteArray key = DirectoryIndex::keyOf(upn);
    if (key.isEmpty())
        return -1;
    return index().find(DirectoryIndex::Kind::Upn, key, DirectoryIndex::hashOf(key));
}

const DirectoryIndex &Directory::index() const
{
    static const DirectoryIndex empty;
    return m_index ? *m_index : empty;
}

DirectoryIndex &Directory::writableIndex()
{
    if (!m_index)
        m_index = std::make_shared<DirectoryIndex>();
    else if (m_index.use_count() > 1)
        m_index = std::make_shared<DirectoryIndex>(*m_index);
    return *m_index;
}

bool Directory::addUser(const DirectoryUser &user, QString *error)
{
    return addUser(DirectoryUser(user), error);
}

void Directory::reserve(int count)
{
    m_users.reserve(count);
    writableIndex().reserve(count);
}

bool Directory::addUser(DirectoryUser &&user, QString *error)
{
    const QByteArray upnKey = DirectoryIndex::keyOf(user.userPrincipalName);
    if (upnKey.isEmpty()) {
        if (error)
            *error = tr("a user needs a UserPrincipalName.");
        return false;
    }
    if (index().find(DirectoryIndex::Kind::Upn, upnKey, DirectoryIndex::hashOf(upnKey)) >= 0) {
        if (error)
            *error = tr("UserPrincipalName '%1' is already in the directory.")
                         .arg(user.userPrincipalName);
        return false;
    }
    m_users.append(std::move(user));
    indexUser(writableIndex(), int(m_users.size()) - 1, upnKey);
    return true;
}

bool Directory::replaceUser(int index, const DirectoryUser &user, QString *error)
{
    if (index < 0 || index >= m_users.size()) {
        if (error)
            *error = tr("there is no user at row %1.").arg(index + 1);
        return false;
    }
    const QByteArray upnKey = DirectoryIndex::keyOf(user.userPrincipalName);
    if (upnKey.isEmpty()) {
        if (error)
            *error = tr("a user needs a UserPrincipalName.");
        return false;
    }
    const int existing =
        this->index().find(DirectoryIndex::Kind::Upn, upnKey, DirectoryIndex::hashOf(upnKey));
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
    m_index.reset();
}

void Directory::rebuildIndex()
{
    // A new index: copies of the directory keep theirs.
    m_index.reset();
    if (m_users.isEmpty())
        return;
    DirectoryIndex &index = writableIndex();
    index.reserve(m_users.size());
    for (int i = 0; i < m_users.size(); ++i)
        indexUser(index, i, DirectoryIndex::keyOf(m_users.at(i).userPrincipalName));
}

void Directory::indexUser(DirectoryIndex &index, int position, const QByteArray &upnKey)
{
    // A field is "exact" when it is its key already (ASCII, lower case, no blanks around it):
    // replay then makes the username string from the text it looked up.
    const auto exact = [](const QString &field, const QByteArray &key) {
        return field.size() == key.size() && field == QLatin1StringView(key);
    };
    const DirectoryUser &user = m_users.at(position);
    index.add(DirectoryIndex::Kind::Upn, upnKey, position, exact(user.userPrincipalName, upnKey));
    // Where users share an alias or an account name, the first one added keeps it.
    const QByteArray aliasKey = DirectoryIndex::keyOf(user.alias);
    if (!aliasKey.isEmpty())
        index.add(DirectoryIndex::Kind::Alias, aliasKey, position, false);
    const QByteArray samKey = DirectoryIndex::keyOf(user.samAccountName);
    if (!samKey.isEmpty())
        index.add(DirectoryIndex::Kind::Sam, samKey, position, false);
}

const DirectoryUser *Directory::resolve(const QString &text) const
{
    const QByteArray key = DirectoryIndex::keyOf(text);
    if (key.isEmpty())
        return nullptr;
    const DirectoryIndex &keys = index();
    int found = keys.findBest(key, DirectoryIndex::hashOf(key), DirectoryIndex::Kind::Sam);
    if (found < 0) {
        // DOMAIN\sam, as Test-ClientAccessRule accepts it.
        const qsizetype slash = key.lastIndexOf('\\');
        if (slash > 0 && slash < key.size() - 1) {
            const QByteArrayView sam = QByteArrayView(key).sliced(slash + 1);
            found = keys.find(DirectoryIndex::Kind::Sam, sam, DirectoryIndex::hashOf(sam));
        }
    }
    return found >= 0 ? &m_users.at(found) : nullptr;
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
