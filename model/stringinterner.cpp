#include "stringinterner.h"

namespace Car {

QString StringInterner::intern(const QString &value)
{
    if (value.isEmpty())
        return QString();
    const auto it = m_values.constFind(value);
    if (it != m_values.constEnd())
        return *it;
    if (m_values.size() < m_limit)
        m_values.insert(value);
    return value;
}

} // namespace Car
