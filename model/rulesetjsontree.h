#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace Car {

/// A JSON value that remembers where it was written, so that import errors can point at the
/// offending value (QJsonDocument forgets positions). Used by RuleSetJson.
struct JsonNode
{
    enum class Type : quint8 { Null, Bool, Number, String, Array, Object };

    Type type = Type::Null;
    bool boolean = false;
    double number = 0;
    QString text; ///< a string's value, or a number as written
    qint64 line = 1; ///< 1-based
    qint64 column = 1; ///< 1-based, in characters
    QList<QString> keys; ///< object member names, parallel to `items`
    QList<JsonNode> items; ///< array elements or object member values

    bool isNull() const { return type == Type::Null; }
    /// The member named `key` (ignoring case), or nullptr.
    const JsonNode *member(QStringView key) const;
    /// Short text for messages: the string, the number, true/false/null, "an array", "an object".
    QString describe() const;
};

struct JsonError
{
    qint64 line = 0;
    qint64 column = 0;
    QString message;
};

/// Parses RFC 8259 JSON (a leading byte order mark is allowed). Returns nullopt with `error`.
std::optional<JsonNode> parseJsonTree(QStringView text, JsonError *error);

} // namespace Car
