#pragma once

#include <QWidget>

class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace Car {

class Directory;

/// The UserRecipientFilter editor: the filter text, checked as you type (a syntax error is shown
/// with its column marked under the text), attribute names completed, "N of M directory users
/// match", the grouping made explicit when -and and -or are mixed, and a small builder that
/// appends `Attribute -op 'value'` clauses joined by -and/-or. edited() fires only for a valid
/// (or empty) filter, after a pause in typing, on Return or when focus leaves.
class RecipientFilterEditor : public QWidget
{
    Q_OBJECT

public:
    explicit RecipientFilterEditor(QWidget *parent = nullptr);

    void setDirectory(const Directory *directory);
    /// Shows `filter` unless the editor already holds it.
    void setFilter(const QString &filter);
    QString filter() const;
    bool isValid() const { return m_valid; }

    QLineEdit *lineEdit() const { return m_edit; }

public slots:
    void commit();
    /// Appends the builder's clause to the filter.
    void appendClause();

signals:
    void edited();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onTextEdited();
    void check();
    void completeWord();
    void insertCompletion(const QString &attribute);

    const Directory *m_directory = nullptr;
    QLineEdit *m_edit;
    QLabel *m_error;
    QLabel *m_matches;
    QLabel *m_grouping;
    QComboBox *m_attribute;
    QComboBox *m_operator;
    QLineEdit *m_value;
    QComboBox *m_join;
    QPushButton *m_add;
    QCompleter *m_completer;
    QTimer *m_idle;
    bool m_valid = true;
    bool m_dirty = false;
};

} // namespace Car
