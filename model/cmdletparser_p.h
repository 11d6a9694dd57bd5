#pragma once

// Internal to CmdletParser: the parsing state shared by cmdletparser.cpp (statements, binding,
// pipelines) and cmdletvalueparser.cpp (values, lists, hashtables).

#include "cmdletcall.h"
#include "cmdletparameters.h"
#include "cmdletparser.h"
#include "cmdletscanner.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Car {

class CmdletParserImpl
{
    Q_DECLARE_TR_FUNCTIONS(Car::CmdletParser)

public:
    CmdletParserImpl(const QString &text, const QString &fileName);

    CmdletScript run();

private:
    /// A piece of source text that goes into the normalized statement; a synthetic span
    /// (`replacement` set) stands for a line break that separated entries.
    struct Span
    {
        int start = 0;
        int end = 0;
        QString replacement;
    };

    struct Positional
    {
        int offset = 0;
        CmdletValue value;
        QString afterSwitch; ///< the switch written just before it, for a hint
    };

    // Statements (cmdletparser.cpp)
    bool parseStatement(CmdletCall &call);
    bool parseParameter(CmdletCall &call, QString *lastSwitch);
    bool parsePositional(CmdletCall &call, QList<Positional> &positionals,
                         const QString &lastSwitch);
    bool bindPositionals(CmdletCall &call, const QList<Positional> &positionals);
    bool parsePipeline(CmdletCall &call);
    bool parseFormatProperties(CmdletCall &call);
    QString normalizedText() const;

    // Values (cmdletvalueparser.cpp)
    bool parseValue(const CmdletParameterSpec &spec, CmdletValue &value);
    bool parseListItem(CmdletValueItem &item);
    bool parseHashtable(const CmdletParameterSpec &spec, CmdletValue &value);
    bool parseArrayExpression(CmdletValue &value);
    bool parseExpressionList(QList<CmdletValueItem> &items, bool *isNull);
    bool parseExpressionItem(CmdletValueItem &item, bool *isNull);
    bool checkArity(const CmdletParameterSpec &spec, CmdletValue &value);
    /// Consumes blanks, line breaks and `;` (inside @{ } and @( )); true if any separator.
    bool skipSeparators(bool *separated);

    // Helpers
    bool fail(int offset, const QString &message);
    bool failAt(const SourceLocation &at, const QString &message);
    bool fail(const CmdletScanner::Failure &failure)
    {
        return fail(failure.offset, failure.message);
    }
    bool skip(bool newlines);
    bool atStatementEnd() const;
    bool atParameter() const;
    void addSpan(int start, int end, const QString &replacement = QString());
    void addSyntheticSpan(const QString &replacement);
    CmdletValueItem makeItem(const CmdletScanner::Token &token) const;
    SourceLocation location(int offset) const { return m_scanner.locationOf(offset); }

    CmdletScanner m_scanner;
    QString m_fileName;
    ScriptError m_error;
    bool m_failed = false;
    QList<Span> m_spans;
};

} // namespace Car
