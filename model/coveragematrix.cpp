#include "coveragematrix.h"

#include "csv.h"
#include "directory.h"

namespace Car {

CoverageMatrix CoverageMatrix::compute(const Evaluator &evaluator, const Directory &directory,
                                       const QString &user, const IpAddress &address, int port,
                                       bool middleTier)
{
    const RuleSet &rules = evaluator.ruleSet();
    CoverageMatrix matrix;
    matrix.m_user = user;
    matrix.m_address = address;
    matrix.m_port = port;
    matrix.m_middleTier = middleTier;
    for (const Protocol protocol : allProtocols()) {
        if (isProtocolAvailable(protocol, rules.environment()))
            matrix.m_protocols.append(protocol);
    }
    matrix.m_authenticationTypes = allAuthenticationTypes();
    for (const Protocol protocol : std::as_const(matrix.m_protocols)) {
        for (const AuthenticationType type : std::as_const(matrix.m_authenticationTypes)) {
            const Connection connection =
                makeConnection(rules, directory, user, protocol, type, address, port, middleTier);
            matrix.m_username = connection.username;
            matrix.m_userInDirectory = connection.user != nullptr;
            CoverageCell cell;
            cell.protocol = protocol;
            cell.authenticationType = type;
            cell.decidingRule = evaluator.decide(connection);
            if (cell.decidingRule >= 0) {
                cell.action = rules.at(cell.decidingRule).action;
                cell.ruleName = rules.at(cell.decidingRule).name;
            }
            cell.filterable = protocolSupportsAuthentication(protocol, type);
            matrix.m_cells.append(cell);
        }
    }
    return matrix;
}

Connection CoverageMatrix::connection(int row, int column, const RuleSet &rules,
                                      const Directory &directory) const
{
    const CoverageCell &c = cell(row, column);
    return makeConnection(rules, directory, m_user, c.protocol, c.authenticationType, m_address,
                          m_port, m_middleTier);
}

QString CoverageMatrix::cellText(const CoverageCell &cell)
{
    if (cell.decidingRule < 0)
        return toString(cell.action);
    return QStringLiteral("%1: %2").arg(toString(cell.action), cell.ruleName);
}

QString CoverageMatrix::toCsv() const
{
    QStringList header {QStringLiteral("Protocol")};
    for (const AuthenticationType type : m_authenticationTypes)
        header << toString(type);
    QString text = header.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (int row = 0; row < rowCount(); ++row) {
        QStringList fields {toString(m_protocols[row])};
        for (int column = 0; column < columnCount(); ++column)
            fields << CsvWriter::quoted(cellText(cell(row, column)));
        text += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return text;
}

} // namespace Car
