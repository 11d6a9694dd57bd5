#pragma once

#include "directoryindex.h"
#include "enums.h"
#include "userattributes.h"

#include <QList>
#include <QString>

#include <memory>

namespace Car {

/// One mailbox user of the directory, with the filterable attributes of domain §10 it has
/// (stored sparsely: see UserAttributes).
struct DirectoryUser
{
    QString userPrincipalName;
    QString samAccountName;
    QString alias;
    QString displayName;
    UserAttributes attributes;

    /// The value of attribute `a`; an empty string when the user has none.
    const QString &attribute(Attribute a) const { return attributes.value(a); }
    /// Sets attribute `a`; an empty value removes it.
    void setAttribute(Attribute a, const QString &value) { attributes.setValue(a, value); }

    friend bool operator==(const DirectoryUser &a, const DirectoryUser &b)
    {
        return a.userPrincipalName == b.userPrincipalName && a.samAccountName == b.samAccountName
            && a.alias == b.alias && a.displayName == b.displayName && a.attributes == b.attributes;
    }
    friend bool operator!=(const DirectoryUser &a, const DirectoryUser &b) { return !(a == b); }
};

/// The directory of users to test against. Order is import order, which matters for lookups
/// (domain §0: where two users share an alias or account name, the first imported wins).
class Directory
{
public:
    Directory() = default;

    int size() const { return int(m_users.size()); }
    bool isEmpty() const { return m_users.isEmpty(); }
    const QList<DirectoryUser> &users() const { return m_users; }
    const DirectoryUser &user(int index) const { return m_users.at(index); }

    /// Index of the user with this UserPrincipalName (ignoring case), or -1.
    int indexOfUpn(const QString &upn) const;

    /// Appends a user; fails (with a message) on an empty or repeated UserPrincipalName.
    bool addUser(const DirectoryUser &user, QString *error = nullptr);
    bool addUser(DirectoryUser &&user, QString *error = nullptr);
    /// Makes room for `count` users (bulk loads).
    void reserve(int count);
    /// Replaces the user at `index`; fails on an empty or colliding UserPrincipalName.
    bool replaceUser(int index, const DirectoryUser &user, QString *error = nullptr);
    void removeUser(int index);
    void clear();

    /// Domain §0: looks `text` up by UserPrincipalName, then Alias, then SamAccountName, ignoring
    /// case. `DOMAIN\sam` also finds by SamAccountName. Returns nullptr when not found.
    const DirectoryUser *resolve(const QString &text) const;

    /// The users' keys (for replay, which looks many texts up without making strings). Shared
    /// by copies of the directory until one of them changes.
    const DirectoryIndex &index() const;

    friend bool operator==(const Directory &a, const Directory &b)
    {
        return a.m_users == b.m_users;
    }

private:
    void rebuildIndex();
    /// The index, unshared from other copies of the directory, for changing it.
    DirectoryIndex &writableIndex();
    void indexUser(DirectoryIndex &index, int position, const QByteArray &upnKey);

    QList<DirectoryUser> m_users;
    std::shared_ptr<DirectoryIndex> m_index; ///< null while there are no users
};

/// The username string a rule's patterns are matched against (domain §0, §9).
/// ExchangeOnline: `<UPN suffix>\<UPN prefix>`; ExchangeServer: `<NetBIOS>\<SamAccountName>`.
/// For a user not in the directory, made from the text: `name@domain` (split at the last `@`)
/// gives `domain\name`; `DOMAIN\name` and anything else as written.
QString usernameString(const DirectoryUser *user, const QString &text, Environment environment,
                       const QString &netbiosDomain);

} // namespace Car
