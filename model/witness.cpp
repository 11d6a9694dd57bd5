#include "witness.h"

namespace Car {

Connection Witness::connection(const Directory &directory, DirectoryUser &storage) const
{
    Connection c;
    c.userText = user;
    c.username = username;
    c.protocol = protocol;
    c.authenticationType = authenticationType;
    c.address = address;
    c.port = port;
    c.middleTier = middleTier;
    switch (userKind) {
    case UserKind::Directory:
        c.user = directory.resolve(user);
        break;
    case UserKind::NotInDirectory:
        c.user = nullptr;
        break;
    case UserKind::Hypothetical:
        storage = DirectoryUser();
        storage.userPrincipalName = user;
        for (const auto &[attribute, value] : attributes)
            storage.setAttribute(attribute, value);
        c.user = &storage;
        break;
    }
    return c;
}

bool Witness::isReplayable(const RuleSet &rules, const Directory &directory) const
{
    if (userKind == UserKind::Hypothetical || user.trimmed().isEmpty())
        return false;
    const DirectoryUser *found = directory.resolve(user);
    if ((userKind == UserKind::Directory) != (found != nullptr))
        return false;
    return usernameString(found, user, rules.environment(), rules.netbiosDomain()) == username;
}

QString Witness::toString() const
{
    QString text = QStringLiteral("%1, %2, %3, %4:%5")
                       .arg(user, Car::toString(protocol), Car::toString(authenticationType),
                            address.v6 ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                                       : address.toString())
                       .arg(port);
    if (middleTier)
        text += tr(", middle-tier");
    if (userKind == UserKind::NotInDirectory)
        text += tr(" (not in the directory)");
    if (userKind == UserKind::Hypothetical) {
        QStringList parts;
        for (const auto &[attribute, value] : attributes)
            parts << QStringLiteral("%1 '%2'").arg(Car::toString(attribute), value);
        text += tr(" (a user not in the directory with %1)")
                    .arg(parts.isEmpty() ? tr("no attributes") : parts.join(QStringLiteral(", ")));
    }
    return text;
}

} // namespace Car
