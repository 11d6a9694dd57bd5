#pragma once

#include "enums.h"
#include "ipaddress.h"

#include <QCoreApplication>
#include <QString>

namespace Car {

/// A named test connection with the decision it must get (issue 5, "Saved tests"): the inputs
/// of the Test connection panel (and of `carconsole-cli test`), the expected action and,
/// optionally, the rule that must decide it. Stored in the workspace (RuleStore::savedTests());
/// SavedTestRunner runs them.
struct SavedTest
{
    Q_DECLARE_TR_FUNCTIONS(Car::SavedTest)

public:
    /// The longest name accepted, in UTF-16 code units.
    static constexpr int MaxNameLength = 200;

    QString name; ///< unique in the workspace, ignoring case
    QString user; ///< as typed: UPN, alias, SamAccountName or DOMAIN\name (domain §0)
    Protocol protocol = Protocol::ExchangeActiveSync;
    AuthenticationType authenticationType = AuthenticationType::BasicAuthentication;
    IpAddress address;
    int port = 443; ///< source TCP port, 1..65535
    bool middleTier = false;
    Action expectedAction = Action::AllowAccess;
    /// The rule that must decide, compared by name ignoring case. Empty: any rule, or none.
    QString expectedRule;

    /// Empty when the test can be stored; otherwise what is wrong (name, user or port).
    QString validate() const;

    /// The key two test names are compared by (Unicode case folding).
    static QString key(const QString &name) { return name.toCaseFolded(); }

    /// "DenyAccess" or "DenyAccess by 'Block EAS'".
    QString expectationText() const;

    friend bool operator==(const SavedTest &a, const SavedTest &b)
    {
        return a.name == b.name && a.user == b.user && a.protocol == b.protocol
            && a.authenticationType == b.authenticationType && a.address == b.address
            && a.port == b.port && a.middleTier == b.middleTier
            && a.expectedAction == b.expectedAction && a.expectedRule == b.expectedRule;
    }
    friend bool operator!=(const SavedTest &a, const SavedTest &b) { return !(a == b); }
};

} // namespace Car
