#include "portrange.h"

#include <QCoreApplication>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::PortRange", text);
}

QStringView trimmedView(QStringView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && (text[begin] == u' ' || text[begin] == u'\t'))
        ++begin;
    while (end > begin && (text[end - 1] == u' ' || text[end - 1] == u'\t'))
        --end;
    return text.mid(begin, end - begin);
}

// One port number 1..65535; on failure `reason` says why.
std::optional<quint16> parsePort(QStringView text, QString *reason)
{
    const QStringView part = trimmedView(text);
    if (part.isEmpty()) {
        *reason = tr("a port number is missing");
        return std::nullopt;
    }
    for (QChar c : part) {
        if (c.unicode() < u'0' || c.unicode() > u'9') {
            *reason = tr("'%1' is not a port number (1-65535)").arg(part.toString());
            return std::nullopt;
        }
    }
    // Skip leading zeros so that long zero-padded text still compares by value.
    qsizetype first = 0;
    while (first + 1 < part.size() && part[first] == u'0')
        ++first;
    const QStringView digits = part.mid(first);
    const int value = digits.size() > 5 ? 65536 : digits.toInt();
    if (value < 1 || value > 65535) {
        *reason = tr("%1 is not a port number (1-65535)").arg(part.toString());
        return std::nullopt;
    }
    return quint16(value);
}

} // namespace

std::optional<PortRange> PortRange::parse(QStringView text, QString *error)
{
    const QStringView value = trimmedView(text);
    auto fail = [&](const QString &reason) -> std::optional<PortRange> {
        if (error)
            *error = tr("'%1': %2").arg(value.toString(), reason);
        return std::nullopt;
    };
    if (value.isEmpty()) {
        if (error)
            *error = tr("a port or port range must not be empty");
        return std::nullopt;
    }
    QString reason;
    const qsizetype dash = value.indexOf(u'-');
    if (dash < 0) {
        const std::optional<quint16> port = parsePort(value, &reason);
        if (!port)
            return fail(reason);
        return PortRange {*port, *port};
    }
    if (value.indexOf(u'-', dash + 1) >= 0)
        return fail(tr("a port range has exactly one '-' between two ports"));
    const std::optional<quint16> low = parsePort(value.left(dash), &reason);
    if (!low)
        return fail(reason);
    const std::optional<quint16> high = parsePort(value.mid(dash + 1), &reason);
    if (!high)
        return fail(reason);
    if (*high < *low)
        return fail(tr("the start of the range is after its end"));
    return PortRange {*low, *high};
}

QString PortRange::toString() const
{
    if (low == high)
        return QString::number(low);
    return QString::number(low) + u'-' + QString::number(high);
}

} // namespace Car
