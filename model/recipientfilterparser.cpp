#include "recipientfilterparser.h"

#include <QCoreApplication>

namespace Car::detail {

namespace {

using Node = RecipientFilter::Node;
using NodeKind = RecipientFilter::NodeKind;
using Operator = RecipientFilter::Operator;

constexpr int MaximumNesting = 100;

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::RecipientFilter", text);
}

using Token = FilterToken;
using TokenKind = FilterTokenKind;

class Parser
{
public:
    Parser(FilterSource source, RecipientFilterTree *tree, FilterError *error)
        : m_lexer(std::move(source))
        , m_tree(tree)
        , m_error(error)
    { }

    bool run()
    {
        advance();
        if (m_token.kind == TokenKind::End)
            return fail(m_token.column, tr("the filter is empty"));
        const int root = parseOr(0);
        if (root < 0)
            return false;
        if (m_token.kind == TokenKind::Close)
            return fail(m_token.column, tr("unexpected ')' without a matching '('"));
        if (m_token.kind != TokenKind::End)
            return fail(m_token.column,
                        tr("expected -and or -or before %1").arg(describe(m_token)));
        m_tree->root = root;
        return true;
    }

private:
    bool fail(int column, const QString &message)
    {
        if (!m_failed && m_error) {
            m_error->column = column;
            m_error->message = message;
        }
        m_failed = true;
        return false;
    }
    int failNode(int column, const QString &message)
    {
        fail(column, message);
        return -1;
    }

    static QString describe(const Token &token)
    {
        switch (token.kind) {
        case TokenKind::End:
            return tr("the end of the filter");
        case TokenKind::Open:
            return QStringLiteral("'('");
        case TokenKind::Close:
            return QStringLiteral("')'");
        case TokenKind::Operator:
            return QStringLiteral("'-") + token.text + u'\'';
        case TokenKind::Word:
            return u'\'' + token.text + u'\'';
        case TokenKind::String:
            return tr("the quoted value '%1'").arg(token.text);
        case TokenKind::Null:
            return QStringLiteral("$null");
        case TokenKind::Error:
            break;
        }
        return QString();
    }

    bool isOperator(QStringView name) const
    {
        return m_token.kind == TokenKind::Operator
            && QStringView(m_token.text).compare(name, Qt::CaseInsensitive) == 0;
    }

    // Reads the next token into m_token; a lexical error is reported at once.
    void advance()
    {
        m_token = m_lexer.next();
        if (m_token.kind == TokenKind::Error)
            fail(m_token.column, m_token.text);
    }

    int addNode(Node node)
    {
        m_tree->nodes.append(std::move(node));
        return int(m_tree->nodes.size()) - 1;
    }

    int addBinary(NodeKind kind, int left, int right)
    {
        Node node;
        node.kind = kind;
        node.left = left;
        node.right = right;
        return addNode(std::move(node));
    }

    int parseOr(int depth)
    {
        int left = parseAnd(depth);
        if (left < 0)
            return -1;
        bool mixed = isBareAnd(left);
        const int firstOrColumn = m_token.column;
        bool sawOr = false;
        while (isOperator(u"or")) {
            sawOr = true;
            advance();
            const int right = parseAnd(depth);
            if (right < 0)
                return -1;
            mixed = mixed || isBareAnd(right);
            left = addBinary(NodeKind::Or, left, right);
        }
        if (sawOr && mixed)
            m_tree->warnings.append(
                tr("column %1: -and binds tighter than -or, so this reads as %2; add "
                   "parentheses to make the grouping explicit")
                    .arg(firstOrColumn)
                    .arg(renderGrouped(m_tree->nodes, left)));
        return left;
    }

    bool isBareAnd(int index) const
    {
        const Node &node = m_tree->nodes.at(index);
        return node.kind == NodeKind::And && !node.parenthesized;
    }

    int parseAnd(int depth)
    {
        int left = parseUnary(depth);
        if (left < 0)
            return -1;
        while (isOperator(u"and")) {
            advance();
            const int right = parseUnary(depth);
            if (right < 0)
                return -1;
            left = addBinary(NodeKind::And, left, right);
        }
        return left;
    }

    int parseUnary(int depth)
    {
        if (depth > MaximumNesting)
            return failNode(m_token.column, tr("the filter nests -not and parentheses too deeply"));
        if (isOperator(u"not")) {
            advance();
            const int operand = parseUnary(depth + 1);
            if (operand < 0)
                return -1;
            Node node;
            node.kind = NodeKind::Not;
            node.left = operand;
            return addNode(std::move(node));
        }
        if (m_token.kind == TokenKind::Open) {
            const int openColumn = m_token.column;
            advance();
            const int inner = parseOr(depth + 1);
            if (inner < 0)
                return -1;
            if (m_token.kind != TokenKind::Close)
                return failNode(m_token.column,
                                tr("expected ')' to close the '(' at column %1, "
                                   "found %2")
                                    .arg(openColumn)
                                    .arg(describe(m_token)));
            advance();
            m_tree->nodes[inner].parenthesized = true;
            return inner;
        }
        return parseCompare();
    }

    int parseCompare()
    {
        const Token attributeToken = m_token;
        switch (attributeToken.kind) {
        case TokenKind::Error:
            return -1;
        case TokenKind::Word:
            break;
        default:
            return failNode(attributeToken.column,
                            tr("expected a condition such as City -eq 'Redmond', found %1")
                                .arg(describe(attributeToken)));
        }
        const std::optional<Attribute> attribute = attributeFromName(attributeToken.text);
        if (!attribute) {
            QStringList names;
            for (Attribute a : allAttributes())
                names.append(toString(a));
            return failNode(attributeToken.column,
                            tr("unknown attribute '%1'; valid attributes are %2")
                                .arg(attributeToken.text, names.join(u", ")));
        }
        advance();
        const std::optional<Operator> op = parseComparison(attributeToken.text);
        if (!op)
            return -1;
        const Token operatorToken = m_token;
        advance();
        Node node;
        node.attribute = *attribute;
        node.op = *op;
        switch (m_token.kind) {
        case TokenKind::Error:
            return -1;
        case TokenKind::Null:
            node.isNull = true;
            break;
        case TokenKind::String:
            node.value = m_token.text;
            node.foldedValue.reserve(node.value.size());
            for (QChar c : std::as_const(node.value))
                node.foldedValue += c.toCaseFolded();
            break;
        case TokenKind::Word:
            return failNode(
                m_token.column,
                tr("text values must be quoted: write '%1' instead of %1").arg(m_token.text));
        default:
            return failNode(m_token.column,
                            tr("expected a quoted value or $null after -%1, found %2")
                                .arg(operatorToken.text.toLower(), describe(m_token)));
        }
        advance();
        return addNode(std::move(node));
    }

    // Reads the comparison operator after an attribute; m_token is still the operator on success.
    std::optional<Operator> parseComparison(const QString &attributeText)
    {
        if (m_token.kind == TokenKind::Error)
            return std::nullopt;
        static const struct
        {
            const char16_t *name;
            Operator op;
        } supported[] = {{u"eq", Operator::Eq},
                         {u"ne", Operator::Ne},
                         {u"like", Operator::Like},
                         {u"notlike", Operator::NotLike}};
        if (m_token.kind == TokenKind::Operator) {
            for (const auto &entry : supported) {
                if (isOperator(entry.name))
                    return entry.op;
            }
            static const char16_t *const unsupported[] = {
                u"lt", u"gt",    u"le",  u"ge",  u"match", u"notmatch", u"contains", u"notcontains",
                u"in", u"notin", u"ceq", u"cne", u"ieq",   u"ine",      u"clike",    u"ilike"};
            for (const char16_t *name : unsupported) {
                if (isOperator(name)) {
                    fail(m_token.column,
                         tr("-%1 is not supported in a client access rule "
                            "filter; use -eq, -ne, -like or -notlike")
                             .arg(m_token.text));
                    return std::nullopt;
                }
            }
            if (!isOperator(u"and") && !isOperator(u"or") && !isOperator(u"not")) {
                fail(m_token.column,
                     tr("unknown operator '-%1'; use -eq, -ne, -like or -notlike")
                         .arg(m_token.text));
                return std::nullopt;
            }
        }
        fail(m_token.column,
             tr("expected an operator such as -eq after '%1', found %2")
                 .arg(attributeText, describe(m_token)));
        return std::nullopt;
    }

    FilterLexer m_lexer;
    RecipientFilterTree *m_tree;
    FilterError *m_error;
    Token m_token;
    bool m_failed = false;
};

QString quoted(const QString &value)
{
    QString result = QStringLiteral("'");
    for (QChar c : value) {
        result += c;
        if (isSingleQuote(c))
            result += c;
    }
    result += u'\'';
    return result;
}

QString operatorText(Operator op)
{
    switch (op) {
    case Operator::Eq:
        return QStringLiteral("-eq");
    case Operator::Ne:
        return QStringLiteral("-ne");
    case Operator::Like:
        return QStringLiteral("-like");
    case Operator::NotLike:
        return QStringLiteral("-notlike");
    }
    return QString();
}

// Collects the operands of a same-operator chain in reading order. The chain is left-deep, so its
// left spine is walked in a loop (a long chain must not recurse once per operand).
void appendOperands(const QList<Node> &nodes, int index, NodeKind kind, QStringList *out)
{
    QList<int> rights;
    while (nodes.at(index).kind == kind) {
        rights.append(nodes.at(index).right);
        index = nodes.at(index).left;
    }
    out->append(u'(' + renderGrouped(nodes, index) + u')');
    for (qsizetype i = rights.size() - 1; i >= 0; --i) {
        if (nodes.at(rights[i]).kind == kind)
            appendOperands(nodes, rights[i], kind, out);
        else
            out->append(u'(' + renderGrouped(nodes, rights[i]) + u')');
    }
}

} // namespace

bool parseRecipientFilter(QStringView text, RecipientFilterTree *tree, FilterError *error)
{
    *tree = RecipientFilterTree();
    Parser parser(prepareFilterSource(text), tree, error);
    if (parser.run())
        return true;
    *tree = RecipientFilterTree();
    return false;
}

QString renderGrouped(const QList<Node> &nodes, int index)
{
    if (index < 0 || index >= nodes.size())
        return QString();
    const Node &node = nodes.at(index);
    switch (node.kind) {
    case NodeKind::Compare:
        return toString(node.attribute) + u' ' + operatorText(node.op) + u' '
            + (node.isNull ? QStringLiteral("$null") : quoted(node.value));
    case NodeKind::Not:
        return QStringLiteral("-not (") + renderGrouped(nodes, node.left) + u')';
    case NodeKind::And:
    case NodeKind::Or: {
        QStringList operands;
        appendOperands(nodes, index, node.kind, &operands);
        return operands.join(node.kind == NodeKind::And ? u" -and " : u" -or ");
    }
    }
    return QString();
}

} // namespace Car::detail
