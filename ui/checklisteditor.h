#pragma once

#include <QListWidget>

namespace Car {

/// A checkable list of enum values (protocols, authentication types), laid out in columns.
/// Items carry the enum value as int in Qt::UserRole. edited() fires only for user changes.
class CheckListEditor : public QListWidget
{
    Q_OBJECT

public:
    explicit CheckListEditor(QWidget *parent = nullptr);

    /// Adds one value; `toolTip` explains it (the cmdlet name, for instance).
    void addValue(int value, const QString &text, const QString &toolTip = QString());

    QList<int> checkedValues() const;
    /// Checks exactly `values` without emitting edited().
    void setCheckedValues(const QList<int> &values);

    /// Greys out an unchecked value with `reason` as its tooltip. A checked value stays
    /// clickable (so it can be unchecked) and shows the reason as a warning.
    void setValueAvailable(int value, bool available, const QString &reason = QString());
    bool isValueAvailable(int value) const;

    QListWidgetItem *itemForValue(int value) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

signals:
    void edited();

private:
    void onItemChanged(QListWidgetItem *item);

    bool m_updating = false;
};

} // namespace Car
