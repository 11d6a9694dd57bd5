#pragma once

#include <QAbstractTableModel>
#include <QCache>
#include <QList>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

class QThread;

namespace Car {

class ReplayCapture;

/// The rows of a replay as a table, read on demand from the ReplayCapture's file (only the rows
/// on screen are read; a small cache keeps them). Filters by decision (allowed, denied,
/// changed by the impact comparison), by deciding rule and by text (a case-insensitive search
/// through each row's bytes); the filtered rows are kept as a list of row numbers (4 bytes each).
class ReplayResultsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Decision { All, Allowed, Denied, Changed };
    /// A rule filter: AnyRule, NoRule (allowed by default) or a rule index.
    static constexpr int AnyRule = -2;
    static constexpr int NoRule = -1;
    enum Role {
        RowRole = Qt::UserRole + 1, ///< qint64: the row number in the capture
        ActionRole, ///< int(Car::Action)
    };

    explicit ReplayResultsModel(QObject *parent = nullptr);
    /// Stops a text search still running and waits for it.
    ~ReplayResultsModel() override;

    void setCapture(std::shared_ptr<const ReplayCapture> capture);
    const ReplayCapture *capture() const { return m_capture.get(); }
    /// The rows the impact comparison found changed (sorted), for Decision::Changed.
    void setChangedRows(std::vector<quint32> rows);

    /// Filters by decision and rule at once (in memory); a text search reads the results file on
    /// a worker thread (isBusy() until the rows are in; a newer filter cancels it).
    void setFilter(Decision decision, int rule, const QString &text);
    bool isBusy() const { return m_busy; }
    /// The capture row shown at `row`.
    qint64 captureRow(int row) const;
    /// The fields of the row shown at `row` (the input columns, then Action and Rule).
    QStringList fields(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void busyChanged(bool busy);

private:
    struct Filter
    {
        Decision decision = Decision::All;
        int rule = AnyRule;
        QString text;
    };
    static std::vector<quint32> filterRows(const ReplayCapture &capture, const Filter &filter,
                                           const std::vector<quint32> &changed,
                                           const std::atomic_bool &cancel);
    void refilter();
    void apply(quint64 generation, bool filtered, std::vector<quint32> rows);
    void setBusy(bool busy);

    std::shared_ptr<const ReplayCapture> m_capture;
    std::shared_ptr<const std::vector<quint32>> m_changed;
    bool m_filtered = false;
    std::vector<quint32> m_rows;
    Filter m_filter;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QList<QThread *> m_threads;
    bool m_busy = false;
    mutable QCache<qint64, QStringList> m_cache {512};
};

} // namespace Car
