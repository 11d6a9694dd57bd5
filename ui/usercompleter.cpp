#include "usercompleter.h"

#include "directoryfiltermodel.h"
#include "directorymodel.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QStyledItemDelegate>

namespace Car {

namespace {

class UserItemDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QString upn = index.data(DirectoryModel::UpnRole).toString();
        const QString name =
            index.sibling(index.row(), DirectoryModel::DisplayNameColumn).data().toString();
        option->text = name.isEmpty() ? upn : QStringLiteral("%1  \u2014  %2").arg(upn, name);
    }
};

void makeUniform(QAbstractItemView *view)
{
    if (auto *list = qobject_cast<QListView *>(view))
        list->setUniformItemSizes(true);
}

} // namespace

UserCompleter::UserCompleter(DirectoryModel *directoryModel, QObject *parent)
    : QCompleter(parent)
{
    m_filter = new DirectoryFilterModel(this);
    m_filter->setIdentityColumnsOnly(true);
    m_filter->setDirectoryModel(directoryModel);
    setModel(m_filter);
    setCompletionColumn(DirectoryModel::UpnColumn);
    setCaseSensitivity(Qt::CaseInsensitive);
    // The filter model does the matching; the completer only shows what is left.
    setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    setMaxVisibleItems(12);
    makeUniform(popup());
    popup()->setItemDelegate(new UserItemDelegate(popup()));
}

QString UserCompleter::pathFromIndex(const QModelIndex &index) const
{
    return index.data(DirectoryModel::UpnRole).toString();
}

void UserCompleter::setUp(QComboBox *combo, DirectoryModel *directoryModel)
{
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    // Computing the size from every item would walk the whole directory.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(24);
    combo->setModel(directoryModel);
    combo->setModelColumn(DirectoryModel::UpnColumn);
    makeUniform(combo->view());
    combo->view()->setItemDelegate(new UserItemDelegate(combo->view()));
    auto *completer = new UserCompleter(directoryModel, combo);
    combo->setCompleter(completer);
    // Runs before QLineEdit asks the completer to show its popup for the edited text.
    QObject::connect(
        combo->lineEdit(), &QLineEdit::textEdited, completer,
        [completer](const QString &text) { completer->filterModel()->setSearchText(text); });
    combo->setCurrentIndex(-1);
    combo->lineEdit()->setPlaceholderText(QObject::tr("user@domain or DOMAIN\\name"));

    // A model reset clears an editable combo's text and selects the first row; put back what
    // was typed, and keep the combo quiet meanwhile so that nobody evaluates the wrong user.
    // Connected after setModel(), so this runs after QComboBox's own reset handling.
    auto *saved = new QObject(combo);
    QObject::connect(directoryModel, &QAbstractItemModel::modelAboutToBeReset, saved,
                     [combo, saved] {
                         saved->setProperty("text", combo->currentText());
                         saved->setProperty("blocked", combo->blockSignals(true));
                     });
    QObject::connect(directoryModel, &QAbstractItemModel::modelReset, saved, [combo, saved] {
        const QString text = saved->property("text").toString();
        combo->setCurrentIndex(combo->findText(text, Qt::MatchFixedString));
        combo->setEditText(QString());
        combo->blockSignals(saved->property("blocked").toBool());
        combo->setEditText(text);
    });
}

} // namespace Car
