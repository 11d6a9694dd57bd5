#include "rulesetjsontree.h"

#include <QCoreApplication>

namespace Car {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Car::Json", text);
}

constexpr int MaxDepth = 64;

class Parser
{
public:
    explicit Parser(QStringView text)
        : m_text(text)
    {
        if (!m_text.isEmpty() && m_text.front() == QChar(0xFEFF))
            m_pos = 1;
    }

    std::optional<JsonNode> parseDocument(JsonError *error)
    {
        std::optional<JsonNode> node = parseValue(0);
        if (node) {
            skipSpace();
            if (m_pos < m_text.size())
                fail(tr("unexpected text after the JSON value"));
        }
        if (!m_error.message.isEmpty()) {
            if (error)
                *error = m_error;
            return std::nullopt;
        }
        return node;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char16_t peek() const { return atEnd() ? 0 : m_text[m_pos].unicode(); }

    void step()
    {
        if (m_text[m_pos] == u'\n') {
            ++m_line;
            m_column = 1;
        } else {
            ++m_column;
        }
        ++m_pos;
    }

    std::nullopt_t fail(const QString &message)
    {
        if (m_error.message.isEmpty())
            m_error = {m_line, m_column, message};
        return std::nullopt;
    }

    void skipSpace()
    {
        while (!atEnd()) {
            const char16_t c = peek();
            if (c != u' ' && c != u'\t' && c != u'\n' && c != u'\r')
                return;
            step();
        }
    }

    bool literal(QStringView word)
    {
        if (!m_text.mid(m_pos).startsWith(word))
            return false;
        for (qsizetype i = 0; i < word.size(); ++i)
            step();
        return true;
    }

    std::optional<JsonNode> parseValue(int depth)
    {
        skipSpace();
        if (depth > MaxDepth)
            return fail(tr("JSON nested too deeply"));
        JsonNode node;
        node.line = m_line;
        node.column = m_column;
        if (atEnd())
            return fail(tr("unexpected end of the JSON text"));
        const char16_t c = peek();
        if (c == u'{')
            return parseObject(node, depth);
        if (c == u'[')
            return parseArray(node, depth);
        if (c == u'"') {
            std::optional<QString> s = parseString();
            if (!s)
                return std::nullopt;
            node.type = JsonNode::Type::String;
            node.text = *s;
            return node;
        }
        if (literal(u"true")) {
            node.type = JsonNode::Type::Bool;
            node.boolean = true;
            return node;
        }
        if (literal(u"false")) {
            node.type = JsonNode::Type::Bool;
            return node;
        }
        if (literal(u"null"))
            return node;
        if (c == u'-' || (c >= u'0' && c <= u'9'))
            return parseNumber(node);
        return fail(tr("expected a JSON value (string, number, object, array, true, false or "
                       "null)"));
    }

    std::optional<JsonNode> parseNumber(JsonNode &node)
    {
        const qsizetype start = m_pos;
        while (!atEnd()) {
            const char16_t c = peek();
            if (!((c >= u'0' && c <= u'9') || c == u'-' || c == u'+' || c == u'.' || c == u'e'
                  || c == u'E'))
                break;
            step();
        }
        node.text = m_text.mid(start, m_pos - start).toString();
        bool ok = false;
        node.number = node.text.toDouble(&ok);
        if (!ok) {
            m_line = node.line;
            m_column = node.column;
            return fail(tr("'%1' is not a valid JSON number").arg(node.text));
        }
        node.type = JsonNode::Type::Number;
        return node;
    }

    std::optional<QString> parseString()
    {
        step(); // opening quote
        QString result;
        for (;;) {
            if (atEnd())
                return fail(tr("a string is never closed"));
            const char16_t c = peek();
            if (c == u'"') {
                step();
                return result;
            }
            if (c < 0x20)
                return fail(tr("a control character inside a string must be escaped"));
            if (c != u'\\') {
                result.append(QChar(c));
                step();
                continue;
            }
            step();
            if (atEnd())
                return fail(tr("a string is never closed"));
            const char16_t e = peek();
            switch (e) {
            case u'"':
            case u'\\':
            case u'/':
                result.append(QChar(e));
                break;
            case u'b':
                result.append(QChar(u'\b'));
                break;
            case u'f':
                result.append(QChar(u'\f'));
                break;
            case u'n':
                result.append(QChar(u'\n'));
                break;
            case u'r':
                result.append(QChar(u'\r'));
                break;
            case u't':
                result.append(QChar(u'\t'));
                break;
            case u'u': {
                if (m_pos + 4 >= m_text.size())
                    return fail(tr("\\u needs four hexadecimal digits"));
                bool ok = false;
                const uint code = m_text.mid(m_pos + 1, 4).toUInt(&ok, 16);
                if (!ok)
                    return fail(tr("\\u needs four hexadecimal digits"));
                for (int i = 0; i < 4; ++i)
                    step();
                result.append(QChar(char16_t(code)));
                break;
            }
            default:
                return fail(tr("unknown escape \\%1 in a string").arg(QChar(e)));
            }
            step();
        }
    }

    std::optional<JsonNode> parseArray(JsonNode &node, int depth)
    {
        node.type = JsonNode::Type::Array;
        step();
        skipSpace();
        if (peek() == u']') {
            step();
            return node;
        }
        for (;;) {
            std::optional<JsonNode> item = parseValue(depth + 1);
            if (!item)
                return std::nullopt;
            node.items.append(std::move(*item));
            skipSpace();
            if (peek() == u',') {
                step();
                continue;
            }
            if (peek() == u']') {
                step();
                return node;
            }
            return fail(tr("expected ',' or ']' in an array"));
        }
    }

    std::optional<JsonNode> parseObject(JsonNode &node, int depth)
    {
        node.type = JsonNode::Type::Object;
        step();
        skipSpace();
        if (peek() == u'}') {
            step();
            return node;
        }
        for (;;) {
            skipSpace();
            if (peek() != u'"')
                return fail(tr("expected a property name in double quotes"));
            std::optional<QString> key = parseString();
            if (!key)
                return std::nullopt;
            skipSpace();
            if (peek() != u':')
                return fail(tr("expected ':' after the property name"));
            step();
            std::optional<JsonNode> value = parseValue(depth + 1);
            if (!value)
                return std::nullopt;
            node.keys.append(*key);
            node.items.append(std::move(*value));
            skipSpace();
            if (peek() == u',') {
                step();
                continue;
            }
            if (peek() == u'}') {
                step();
                return node;
            }
            return fail(tr("expected ',' or '}' in an object"));
        }
    }

    QStringView m_text;
    qsizetype m_pos = 0;
    qint64 m_line = 1;
    qint64 m_column = 1;
    JsonError m_error;
};

} // namespace

const JsonNode *JsonNode::member(QStringView key) const
{
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (keys[i].compare(key, Qt::CaseInsensitive) == 0)
            return &items[i];
    }
    return nullptr;
}

QString JsonNode::describe() const
{
    switch (type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Bool:
        return boolean ? QStringLiteral("true") : QStringLiteral("false");
    case Type::Number:
    case Type::String:
        return text;
    case Type::Array:
        return tr("an array");
    case Type::Object:
        return tr("an object");
    }
    return QString();
}

std::optional<JsonNode> parseJsonTree(QStringView text, JsonError *error)
{
    return Parser(text).parseDocument(error);
}

} // namespace Car
