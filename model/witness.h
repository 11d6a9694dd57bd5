#pragma once

#include "directory.h"
#include "enums.h"
#include "evaluator.h"
#include "ipaddress.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace Car {

/// A concrete connection that proves an analysis finding: the evaluator, given it, shows what
/// the finding claims. The user is a directory user (by UserPrincipalName), a user not in the
/// directory (by the username string it presents), or a hypothetical user: not in the directory
/// but given attribute values so that a recipient filter can hold.
struct Witness
{
    Q_DECLARE_TR_FUNCTIONS(Car::Witness)

public:
    enum class UserKind : quint8 { Directory, NotInDirectory, Hypothetical };

    UserKind userKind = UserKind::NotInDirectory;
    QString user; ///< the user text (UPN for a directory user, else the username string)
    QString username; ///< the string username patterns are matched against
    Protocol protocol = Protocol::ExchangeActiveSync;
    AuthenticationType authenticationType = AuthenticationType::BasicAuthentication;
    IpAddress address;
    int port = 443;
    bool middleTier = false;
    /// Hypothetical users only: the attribute values that differ from empty.
    QList<QPair<Attribute, QString>> attributes;

    /// The connection to give the evaluator. A hypothetical user's attributes live in
    /// `storage`, which must outlive the connection.
    Connection connection(const Directory &directory, DirectoryUser &storage) const;

    /// True when the user text alone, looked up in `directory` (as Test connection, `test` and
    /// `replay` do), gives this very user and username string: the witness can be replayed.
    bool isReplayable(const RuleSet &rules, const Directory &directory) const;

    /// "julia@contoso.com, ExchangeActiveSync, BasicAuthentication, 203.0.113.10:443" plus
    /// ", middle-tier" and the hypothetical attributes when there are any.
    QString toString() const;
};

} // namespace Car
