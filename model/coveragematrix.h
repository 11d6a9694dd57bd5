#pragma once

#include "enums.h"
#include "evaluator.h"
#include "ipaddress.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Car {

class Directory;

/// One cell of the coverage matrix: the decision for one protocol and authentication type.
struct CoverageCell
{
    Protocol protocol = Protocol::ExchangeActiveSync;
    AuthenticationType authenticationType = AuthenticationType::BasicAuthentication;
    Action action = Action::AllowAccess;
    int decidingRule = -1; ///< index into the rule set; -1: no rule matched (implicit allow)
    QString ruleName; ///< empty when no rule matched
    /// False when the protocol cannot be filtered by this authentication type (§11), so rules
    /// with authentication conditions never single it out; the view may dim such cells.
    bool filterable = true;
};

/// The decision for one user and address (and port, middle-tier) over every protocol offered by
/// the rule set's environment (rows, in Exchange's order) and every authentication type
/// (columns): who gets in how. Every cell is decided by the one Evaluator.
class CoverageMatrix
{
    Q_DECLARE_TR_FUNCTIONS(Car::CoverageMatrix)

public:
    CoverageMatrix() = default;

    /// Evaluates every cell with `evaluator` (the compiled rule set); `user` is resolved in
    /// `directory` as the Test connection panel does.
    static CoverageMatrix compute(const Evaluator &evaluator, const Directory &directory,
                                  const QString &user, const IpAddress &address, int port = 443,
                                  bool middleTier = false);

    int rowCount() const { return int(m_protocols.size()); }
    int columnCount() const { return int(m_authenticationTypes.size()); }
    const QList<Protocol> &protocols() const { return m_protocols; }
    const QList<AuthenticationType> &authenticationTypes() const { return m_authenticationTypes; }
    const CoverageCell &cell(int row, int column) const
    {
        return m_cells.at(row * columnCount() + column);
    }

    const QString &user() const { return m_user; }
    /// The username string the patterns saw ("contoso.com\julia").
    const QString &username() const { return m_username; }
    bool userInDirectory() const { return m_userInDirectory; }
    const IpAddress &address() const { return m_address; }
    int port() const { return m_port; }
    bool middleTier() const { return m_middleTier; }

    /// The connection of a cell, for "open in the Test connection panel".
    Connection connection(int row, int column, const RuleSet &rules,
                          const Directory &directory) const;

    /// "DenyAccess: Block ActiveSync", or "AllowAccess" when no rule matched.
    static QString cellText(const CoverageCell &cell);

    /// The grid as CSV: a header `Protocol,BasicAuthentication,...`, then one row per protocol
    /// with cellText() per authentication type; RFC 4180 quoting, CRLF line ends.
    QString toCsv() const;

private:
    QList<Protocol> m_protocols;
    QList<AuthenticationType> m_authenticationTypes;
    QList<CoverageCell> m_cells;
    QString m_user;
    QString m_username;
    bool m_userInDirectory = false;
    IpAddress m_address;
    int m_port = 443;
    bool m_middleTier = false;
};

} // namespace Car
