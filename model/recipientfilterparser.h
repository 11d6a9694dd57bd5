#pragma once

#include "recipientfilter.h"
#include "recipientfilterlexer.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace Car::detail {

/// What the OPATH parser produces for RecipientFilter (internal to the model library).
struct RecipientFilterTree
{
    QList<RecipientFilter::Node> nodes;
    int root = -1;
    QStringList warnings;
};

/// Parses the restricted OPATH subset of domain §0/§10. Returns false and fills `error` (1-based
/// column within `text`, message) on the first problem in reading order.
bool parseRecipientFilter(QStringView text, RecipientFilterTree *tree, FilterError *error);

/// Renders the subtree at `index` with every -and/-or/-not operand in parentheses (the root of
/// the subtree itself is not wrapped). Same-operator chains are flattened: (A) -and (B) -and (C).
QString renderGrouped(const QList<RecipientFilter::Node> &nodes, int index);

} // namespace Car::detail
