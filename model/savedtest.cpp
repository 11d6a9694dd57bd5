#include "savedtest.h"

#include "snapshot.h"

namespace Car {

QString SavedTest::validate() const
{
    const QString nameError = validateStoredName(name, tr("test name"), MaxNameLength);
    if (!nameError.isEmpty())
        return nameError;
    if (user.trimmed().isEmpty())
        return tr("the test '%1' has no user").arg(name);
    if (port < 1 || port > 65535)
        return tr("the test '%1' has the port %2; a port is a number from 1 to 65535")
            .arg(name)
            .arg(port);
    return QString();
}

QString SavedTest::expectationText() const
{
    if (expectedRule.isEmpty())
        return toString(expectedAction);
    return tr("%1 by '%2'").arg(toString(expectedAction), expectedRule);
}

} // namespace Car
