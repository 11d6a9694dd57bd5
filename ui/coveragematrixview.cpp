#include "coveragematrixview.h"

#include "directorymodel.h"
#include "rulesetdocument.h"
#include "semanticcolor.h"
#include "usercompleter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Car {

CoverageMatrixView::CoverageMatrixView(RuleSetDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("coverageMatrixView"));
    m_directoryModel = new DirectoryModel(document, this);
    buildUi();

    const AdminSettings &admin = document->admin();
    QString user = admin.user;
    if (user.isEmpty() && !document->directory().isEmpty())
        user = document->directory().user(0).userPrincipalName;
    setInputs(user, admin.address.isEmpty() ? QStringLiteral("203.0.113.10") : admin.address);

    connect(m_user, &QComboBox::editTextChanged, this, &CoverageMatrixView::recompute);
    connect(m_address, &QLineEdit::textChanged, this, &CoverageMatrixView::recompute);
    connect(m_port, &QSpinBox::valueChanged, this, &CoverageMatrixView::recompute);
    connect(m_middleTier, &QCheckBox::toggled, this, &CoverageMatrixView::recompute);
    connect(m_table, &QTableWidget::cellActivated, this, &CoverageMatrixView::openCell);
    connect(m_table, &QTableWidget::cellClicked, this, &CoverageMatrixView::openCell);
    connect(m_exportPng, &QPushButton::clicked, this, &CoverageMatrixView::exportPngDialog);
    connect(m_exportCsv, &QPushButton::clicked, this, &CoverageMatrixView::exportCsvDialog);
    connect(document, &RuleSetDocument::ruleSetReset, this, &CoverageMatrixView::recompute);
    connect(document, &RuleSetDocument::directoryChanged, this, &CoverageMatrixView::recompute);
}

void CoverageMatrixView::buildUi()
{
    m_user = new QComboBox(this);
    m_user->setObjectName(QStringLiteral("coverageUserCombo"));
    UserCompleter::setUp(m_user, m_directoryModel);
    m_user->setToolTip(tr("A directory user, or free text such as name@domain or DOMAIN\\name"));
    m_address = new QLineEdit(this);
    m_address->setObjectName(QStringLiteral("coverageAddressEdit"));
    m_address->setPlaceholderText(tr("Client address"));
    m_address->setClearButtonEnabled(true);
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("coveragePortSpin"));
    m_port->setRange(1, 65535);
    m_port->setValue(443);
    m_middleTier = new QCheckBox(tr("&Middle-tier"), this);
    m_middleTier->setObjectName(QStringLiteral("coverageMiddleTierCheck"));
    m_middleTier->setToolTip(tr("Connections from a middle-tier application (rules with Scope "
                                "Users do not apply)"));
    m_exportPng = new QPushButton(tr("Export &PNG\u2026"), this);
    m_exportPng->setObjectName(QStringLiteral("coverageExportPng"));
    m_exportCsv = new QPushButton(tr("Export &CSV\u2026"), this);
    m_exportCsv->setObjectName(QStringLiteral("coverageExportCsv"));

    auto *inputs = new QGridLayout;
    auto *userLabel = new QLabel(tr("&User:"), this);
    userLabel->setBuddy(m_user);
    inputs->addWidget(userLabel, 0, 0);
    inputs->addWidget(m_user, 0, 1, 1, 4);
    auto *addressLabel = new QLabel(tr("&Address:"), this);
    addressLabel->setBuddy(m_address);
    inputs->addWidget(addressLabel, 1, 0);
    inputs->addWidget(m_address, 1, 1);
    auto *portLabel = new QLabel(tr("P&ort:"), this);
    portLabel->setBuddy(m_port);
    inputs->addWidget(portLabel, 1, 2);
    inputs->addWidget(m_port, 1, 3);
    inputs->addWidget(m_middleTier, 1, 4);
    inputs->setColumnStretch(1, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("coverageStatus"));
    m_status->setWordWrap(true);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_exportPng);
    statusRow->addWidget(m_exportCsv);

    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("coverageTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setMinimumSectionSize(
        fontMetrics().horizontalAdvance(QStringLiteral("Certificate-based")) + 16);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setToolTip(tr("Click a cell to open it in the Test connection panel"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(inputs);
    layout->addLayout(statusRow);
    layout->addWidget(m_table, 1);
}

void CoverageMatrixView::setInputs(const QString &user, const QString &address, int port,
                                   bool middleTier)
{
    m_updating = true;
    m_user->setEditText(user);
    m_address->setText(address);
    m_port->setValue(port);
    m_middleTier->setChecked(middleTier);
    m_updating = false;
    recompute();
}

void CoverageMatrixView::showMessage(const QString &text)
{
    m_hasMatrix = false;
    m_matrix = CoverageMatrix();
    m_status->setText(text);
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
    m_exportPng->setEnabled(false);
    m_exportCsv->setEnabled(false);
}

void CoverageMatrixView::recompute()
{
    if (m_updating)
        return;
    const QString user = m_user->currentText().trimmed();
    if (user.isEmpty()) {
        showMessage(tr("Enter a user."));
        return;
    }
    QString error;
    const auto address = IpAddress::parse(m_address->text().trimmed(), &error);
    if (!address) {
        showMessage(tr("The address is not valid: %1").arg(error));
        return;
    }
    m_matrix = CoverageMatrix::compute(m_document->evaluator(), m_document->directory(), user,
                                       *address, m_port->value(), m_middleTier->isChecked());
    m_hasMatrix = true;
    int denied = 0;
    const int cells = m_matrix.rowCount() * m_matrix.columnCount();
    for (int row = 0; row < m_matrix.rowCount(); ++row) {
        for (int column = 0; column < m_matrix.columnCount(); ++column)
            denied += m_matrix.cell(row, column).action == Action::DenyAccess ? 1 : 0;
    }
    const QString who = m_matrix.userInDirectory()
        ? tr("%1 (username string %2)").arg(m_matrix.user(), m_matrix.username())
        : tr("%1, not in the directory (recipient filters are false)").arg(m_matrix.user());
    m_status->setText(tr("%1 from %2:%3: %4 of %5 combinations denied.")
                          .arg(who, m_matrix.address().toString())
                          .arg(m_matrix.port())
                          .arg(denied)
                          .arg(cells));
    m_exportPng->setEnabled(true);
    m_exportCsv->setEnabled(true);
    fillTable();
}

void CoverageMatrixView::fillTable()
{
    m_table->clear();
    m_table->setRowCount(m_matrix.rowCount());
    m_table->setColumnCount(m_matrix.columnCount());
    QStringList columns;
    for (AuthenticationType type : m_matrix.authenticationTypes())
        columns << displayName(type);
    m_table->setHorizontalHeaderLabels(columns);
    for (int column = 0; column < m_matrix.columnCount(); ++column) {
        m_table->horizontalHeaderItem(column)->setToolTip(
            toString(m_matrix.authenticationTypes().at(column)));
    }
    QStringList rows;
    for (Protocol protocol : m_matrix.protocols())
        rows << toString(protocol);
    m_table->setVerticalHeaderLabels(rows);

    const QPalette pal = palette();
    for (int row = 0; row < m_matrix.rowCount(); ++row) {
        for (int column = 0; column < m_matrix.columnCount(); ++column) {
            const CoverageCell &cell = m_matrix.cell(row, column);
            const bool allowed = cell.action == Action::AllowAccess;
            const Semantic semantic = allowed ? Semantic::Allow : Semantic::Deny;
            QString text = allowed ? tr("Allowed") : tr("Denied");
            text += u'\n'
                + (cell.decidingRule < 0
                       ? tr("no rule matched")
                       : tr("%1 %2").arg(cell.decidingRule + 1).arg(cell.ruleName));
            auto *item = new QTableWidgetItem(consoleIcon(allowed ? "allow" : "deny"), text);
            item->setData(Qt::UserRole, int(cell.action));
            item->setBackground(semanticTint(semantic, pal));
            QString tip =
                tr("%1 over %2 with %3: %4")
                    .arg(m_matrix.user(), toString(cell.protocol),
                         toString(cell.authenticationType), CoverageMatrix::cellText(cell));
            if (!cell.filterable) {
                tip += u'\n'
                    + tr("%1 connections cannot be filtered by authentication type: rules with "
                         "authentication conditions never match them.")
                          .arg(toString(cell.protocol));
            }
            item->setToolTip(tip + u'\n' + tr("Click to open in the Test connection panel."));
            m_table->setItem(row, column, item);
        }
    }
}

void CoverageMatrixView::openCell(int row, int column)
{
    if (!m_hasMatrix || row < 0 || row >= m_matrix.rowCount() || column < 0
        || column >= m_matrix.columnCount())
        return;
    const CoverageCell &cell = m_matrix.cell(row, column);
    emit testConnectionRequested(m_matrix.user(), cell.protocol, cell.authenticationType,
                                 m_matrix.address().toString(), m_matrix.port(),
                                 m_matrix.middleTier());
}

bool CoverageMatrixView::exportPng(const QString &path, QString *error) const
{
    const QPixmap pixmap = m_table->grab();
    if (!m_hasMatrix || !pixmap.save(path, "PNG")) {
        if (error)
            *error = tr("Cannot write %1.").arg(path);
        return false;
    }
    return true;
}

bool CoverageMatrixView::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    const QByteArray bytes = m_matrix.toCsv().toUtf8();
    if (!m_hasMatrix || !file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()
        || !file.commit()) {
        if (error)
            *error = tr("%1: %2").arg(path, m_hasMatrix ? file.errorString() : tr("no matrix"));
        return false;
    }
    return true;
}

void CoverageMatrixView::exportPngDialog()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Coverage as PNG"),
                                     QStringLiteral("coverage.png"), tr("PNG images (*.png)"));
    QString error;
    if (!path.isEmpty() && !exportPng(path, &error))
        QMessageBox::warning(this, tr("Export Coverage"), error);
}

void CoverageMatrixView::exportCsvDialog()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Coverage as CSV"),
                                     QStringLiteral("coverage.csv"), tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export Coverage"), error);
}

} // namespace Car
