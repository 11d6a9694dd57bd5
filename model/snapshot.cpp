#include "snapshot.h"

namespace Car {

QString validateStoredName(const QString &name, const QString &what, int maxLength)
{
    if (name.trimmed().isEmpty())
        return SnapshotNames::tr("the %1 is empty").arg(what);
    if (name.trimmed() != name)
        return SnapshotNames::tr("the %1 '%2' starts or ends with a blank").arg(what, name);
    for (int i = 0; i < name.size(); ++i) {
        if (name.at(i).category() == QChar::Other_Control) {
            return SnapshotNames::tr("the %1 contains a control character (U+%2) at character %3")
                .arg(what)
                .arg(name.at(i).unicode(), 4, 16, QLatin1Char('0'))
                .arg(i + 1);
        }
    }
    if (name.size() > maxLength) {
        return SnapshotNames::tr("the %1 is %2 characters long; at most %3 are allowed")
            .arg(what)
            .arg(name.size())
            .arg(maxLength);
    }
    return QString();
}

QString SnapshotNames::validate(const QString &name)
{
    const QString error = validateStoredName(name, tr("snapshot name"), MaxLength);
    if (!error.isEmpty())
        return error;
    if (key(name) == key(current())) {
        return tr("'%1' is reserved: it stands for the current rule set in snapshot diff")
            .arg(name);
    }
    return QString();
}

} // namespace Car
