#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace Car {

/// An entry of AnyOf/ExceptAnyOfSourceTcpPortNumbers: a port or an inclusive `a-b` range, 1..65535.
struct PortRange
{
    quint16 low = 0;
    quint16 high = 0;

    static std::optional<PortRange> parse(QStringView text, QString *error = nullptr);

    bool isRange() const { return low != high; }
    bool contains(int port) const { return port >= low && port <= high; }
    QString toString() const;

    friend bool operator==(const PortRange &a, const PortRange &b)
    {
        return a.low == b.low && a.high == b.high;
    }
    friend bool operator!=(const PortRange &a, const PortRange &b) { return !(a == b); }
};

} // namespace Car
