#pragma once

#include "enums.h"

#include <QList>
#include <QString>

namespace Car {

/// The filterable attributes of one directory user (domain §10), stored sparsely: a bit per
/// attribute that has a value, and the values in attribute order. Most users have a handful of
/// the 23 attributes, so this takes a few string slots instead of 23. An empty value is the same
/// as no value (setting one removes the attribute), so equality compares what a filter sees.
class UserAttributes
{
public:
    /// The value of `attribute`; a (static) empty string when the user has none.
    const QString &value(Attribute attribute) const
    {
        const quint32 bit = quint32(1) << unsigned(attribute);
        if (!(m_present & bit))
            return emptyValue();
        return m_values.at(qsizetype(__builtin_popcount(m_present & (bit - 1))));
    }

    /// Sets `attribute` to `value`; an empty `value` removes it. The string is shared, not
    /// copied (interned values stay interned).
    void setValue(Attribute attribute, const QString &value);

    /// Whether `attribute` has a (non-empty) value.
    bool contains(Attribute attribute) const
    {
        return m_present & (quint32(1) << unsigned(attribute));
    }
    /// Number of attributes with a value.
    int count() const { return int(m_values.size()); }
    bool isEmpty() const { return m_present == 0; }
    /// Removes every value.
    void clear();

    /// Where the values are stored, for prefetching (nullptr when there are none).
    const void *storage() const { return m_values.isEmpty() ? nullptr : m_values.constData(); }

    friend bool operator==(const UserAttributes &a, const UserAttributes &b)
    {
        return a.m_present == b.m_present && a.m_values == b.m_values;
    }
    friend bool operator!=(const UserAttributes &a, const UserAttributes &b) { return !(a == b); }

private:
    static const QString &emptyValue();

    quint32 m_present = 0; ///< bit n: Attribute(n) has a value
    QList<QString> m_values; ///< one per set bit, in attribute order

    static_assert(AttributeCount <= 32, "the attribute bits must fit in m_present");
};

} // namespace Car
