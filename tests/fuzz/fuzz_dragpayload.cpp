// Fuzzes the rule list's drag-and-drop payload decoder (RuleListModel::idsFromMimeData,
// canDropMimeData, dropMimeData) with a document of a few rules over the in-memory store. The
// first input byte picks the drop row; the rest is the payload. A payload that is not exactly one
// known rule id must be refused and change nothing; an accepted drop is one undo step that
// undo reverts exactly.

#include "fakerulestore.h"
#include "fuzzcommon.h"
#include "rulelistmodel.h"
#include "rulesetdocument.h"

#include <QMimeData>
#include <QUndoStack>

#include <memory>

using namespace Car;

namespace {

WorkspaceData sampleWorkspace()
{
    WorkspaceData data;
    for (int i = 0; i < 4; ++i) {
        Rule rule;
        // Fixed ids so that the seed corpus can name real rules.
        rule.id = QUuid(QStringLiteral("{00000000-0000-4000-8000-00000000000%1}").arg(i + 1));
        rule.name = QStringLiteral("Rule %1").arg(i + 1);
        rule.anyOfProtocols = {Protocol::ExchangeActiveSync};
        const RuleSet::Outcome outcome = data.ruleSet.insertRule(rule);
        if (!outcome.ok)
            CarFuzz::fuzzFailure("sample rule rejected", outcome.error);
    }
    return data;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const WorkspaceData initial = sampleWorkspace();
    RuleSetDocument document(std::make_unique<FakeRuleStore>(initial));
    if (!document.load())
        CarFuzz::fuzzFailure("load failed");
    RuleListModel model(&document);
    const int row = int(int8_t(data[0])) % 8; // -8..7: before, inside and past the rows
    QMimeData mime;
    mime.setData(RuleListModel::mimeType(), CarFuzz::bytes(data + 1, size - 1));
    const QList<QUuid> ids = model.idsFromMimeData(&mime);
    CAR_FUZZ_CHECK(ids.size() <= model.rowCount(), QString::number(ids.size()));
    for (const QUuid &id : ids)
        CAR_FUZZ_CHECK(model.rowOfId(id) >= 0, id.toString());
    const bool canDrop = model.canDropMimeData(&mime, Qt::MoveAction, row, 0, QModelIndex());
    CAR_FUZZ_CHECK(canDrop == (ids.size() == 1), QString());
    const RuleSet before = document.ruleSet();
    const bool dropped = model.dropMimeData(&mime, Qt::MoveAction, row, 0, QModelIndex());
    if (!dropped) {
        CAR_FUZZ_CHECK(document.ruleSet() == before, QString());
        CAR_FUZZ_CHECK(document.undoStack()->count() == 0, QString());
        return 0;
    }
    CAR_FUZZ_CHECK(canDrop, QString());
    CAR_FUZZ_CHECK(document.ruleSet().size() == before.size(), QString());
    CAR_FUZZ_CHECK(document.undoStack()->count() == 1, QString());
    document.undoStack()->undo();
    CAR_FUZZ_CHECK(document.ruleSet() == before, QString());
    return 0;
}
