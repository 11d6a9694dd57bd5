#include "userattributes.h"

namespace Car {

const QString &UserAttributes::emptyValue()
{
    static const QString empty;
    return empty;
}

void UserAttributes::setValue(Attribute attribute, const QString &value)
{
    const quint32 bit = quint32(1) << unsigned(attribute);
    const qsizetype slot = qsizetype(__builtin_popcount(m_present & (bit - 1)));
    if (value.isEmpty()) {
        if (m_present & bit) {
            m_values.removeAt(slot);
            m_present &= ~bit;
            if (m_present == 0)
                m_values = QList<QString>(); // give the storage back
        }
        return;
    }
    if (m_present & bit) {
        m_values[slot] = value;
        return;
    }
    m_values.insert(slot, value);
    m_present |= bit;
}

void UserAttributes::clear()
{
    m_present = 0;
    m_values = QList<QString>();
}

} // namespace Car
