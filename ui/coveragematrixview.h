#pragma once

#include "coveragematrix.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Car {

class DirectoryModel;
class RuleSetDocument;

/// The coverage matrix (issue 5): for one user, address, port and middle-tier flag, a grid of
/// protocols by authentication types, each cell allowed or denied (colour, icon AND text) with
/// the deciding rule. Recomputed with the document's one Evaluator whenever an input, the rules
/// or the directory change. Activating a cell asks for it in the Test connection panel; the
/// grid exports as PNG (a grab of the table) and CSV (CoverageMatrix::toCsv()).
class CoverageMatrixView : public QWidget
{
    Q_OBJECT

public:
    explicit CoverageMatrixView(RuleSetDocument *document, QWidget *parent = nullptr);

    const CoverageMatrix &matrix() const { return m_matrix; }
    /// False while the user or address is invalid (the grid is then empty).
    bool hasMatrix() const { return m_hasMatrix; }
    QTableWidget *table() const { return m_table; }

    /// Writes the grid as a PNG image / as CSV; false with `error` when the file cannot be written.
    bool exportPng(const QString &path, QString *error = nullptr) const;
    bool exportCsv(const QString &path, QString *error = nullptr) const;

public slots:
    void setInputs(const QString &user, const QString &address, int port = 443,
                   bool middleTier = false);
    void recompute();
    /// Emits testConnectionRequested for the cell.
    void openCell(int row, int column);

signals:
    void testConnectionRequested(const QString &user, Car::Protocol protocol,
                                 Car::AuthenticationType authenticationType, const QString &address,
                                 int port, bool middleTier);

private:
    void buildUi();
    void fillTable();
    void showMessage(const QString &text);
    void exportPngDialog();
    void exportCsvDialog();

    RuleSetDocument *m_document;
    DirectoryModel *m_directoryModel = nullptr;
    QComboBox *m_user = nullptr;
    QLineEdit *m_address = nullptr;
    QSpinBox *m_port = nullptr;
    QCheckBox *m_middleTier = nullptr;
    QLabel *m_status = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_exportPng = nullptr;
    QPushButton *m_exportCsv = nullptr;
    CoverageMatrix m_matrix;
    bool m_hasMatrix = false;
    bool m_updating = false;
};

} // namespace Car
