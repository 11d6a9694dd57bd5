// Value parsing of CmdletParserImpl: words, strings, lists, script blocks, @{ } and @( ).

#include "cmdletparser_p.h"

namespace Car {

namespace {

bool isListOpener(const CmdletScanner &s)
{
    return s.peek() == u'(' || (s.peek() == u'@' && s.peek(1) == u'(');
}

bool isHereStringStart(const CmdletScanner &s)
{
    return s.peek() == u'@'
        && (CmdletScanner::isSingleQuote(s.peek(1)) || CmdletScanner::isDoubleQuote(s.peek(1)));
}

} // namespace

bool CmdletParserImpl::parseValue(const CmdletParameterSpec &spec, CmdletValue &value)
{
    const int start = m_scanner.pos();
    value = CmdletValue();
    value.location = location(start);
    const QChar c = m_scanner.peek();
    bool listAllowed = true;
    if (c == u'@' && m_scanner.peek(1) == u'{') {
        if (!parseHashtable(spec, value))
            return false;
        listAllowed = false;
    } else if (isListOpener(m_scanner)) {
        if (!parseArrayExpression(value))
            return false;
        listAllowed = false;
    } else if (c == u'{') {
        CmdletScanner::Token block;
        if (auto failure = m_scanner.scanBlock(block))
            return fail(*failure);
        if (!spec.acceptsScriptBlock)
            return fail(start, tr("-%1 does not take a script block { }").arg(spec.name));
        addSpan(block.start, block.end);
        value.kind = CmdletValue::Kind::ScriptBlock;
        value.items << makeItem(block);
        listAllowed = false;
    } else if (c == u'$' && m_scanner.isVariableStart(start)) {
        CmdletScanner::Token variable;
        if (auto failure = m_scanner.scanVariable(variable))
            return fail(*failure);
        const QString name = variable.text.mid(1).toLower();
        if (name == u"true" || name == u"false") {
            value.kind = CmdletValue::Kind::Boolean;
            value.boolean = name == u"true";
        } else if (name == u"null") {
            value.kind = CmdletValue::Kind::Null;
        } else {
            return fail(start,
                        tr("variable %1 is not supported; only $true, $false and $null may be "
                           "used")
                            .arg(variable.text));
        }
        if (!CmdletScanner::endsWord(m_scanner.peek()))
            return fail(m_scanner.pos(), tr("unexpected text after %1").arg(variable.text));
        addSpan(variable.start, variable.end);
        value.items << makeItem(variable);
        listAllowed = false;
    } else {
        CmdletValueItem item;
        if (!parseListItem(item))
            return false;
        value.kind = CmdletValue::Kind::String;
        value.items << item;
    }

    // A comma continues a list (also across a line break after the comma).
    for (;;) {
        const int save = m_scanner.pos();
        if (!skip(false))
            return false;
        if (m_scanner.peek() != u',') {
            m_scanner.setPos(save);
            break;
        }
        if (!listAllowed) {
            return fail(m_scanner.pos(),
                        tr("a list may hold only words and strings, not %1")
                            .arg(m_scanner.text().mid(start, save - start)));
        }
        addSpan(m_scanner.pos(), m_scanner.pos() + 1);
        m_scanner.setPos(m_scanner.pos() + 1);
        if (!skip(true))
            return false;
        CmdletValueItem item;
        if (!parseListItem(item))
            return false;
        value.kind = CmdletValue::Kind::List;
        value.items << item;
    }
    return checkArity(spec, value);
}

bool CmdletParserImpl::checkArity(const CmdletParameterSpec &spec, CmdletValue &value)
{
    if (value.kind != CmdletValue::Kind::List || spec.arity == ParameterArity::Multi)
        return true;
    if (value.items.size() == 1) {
        value.kind = CmdletValue::Kind::String; // @('x') binds like 'x'
        return true;
    }
    if (value.items.isEmpty())
        return failAt(value.location, tr("-%1 needs a value, not an empty list").arg(spec.name));
    return failAt(value.items.at(1).location,
                  tr("-%1 takes a single value, not a list").arg(spec.name));
}

bool CmdletParserImpl::parseListItem(CmdletValueItem &item)
{
    const int start = m_scanner.pos();
    const QChar c = m_scanner.peek();
    if (c == u'$' && m_scanner.isVariableStart(start)) {
        CmdletScanner::Token variable;
        if (auto failure = m_scanner.scanVariable(variable))
            return fail(*failure);
        const QString name = variable.text.mid(1).toLower();
        if (name == u"true" || name == u"false" || name == u"null")
            return fail(start, tr("%1 cannot be part of a list").arg(variable.text));
        return fail(start,
                    tr("variable %1 is not supported; only $true, $false and $null may be used")
                        .arg(variable.text));
    }
    CmdletScanner::Token token;
    if (isHereStringStart(m_scanner)) {
        if (auto failure = m_scanner.scanHereString(token))
            return fail(*failure);
    } else {
        if (c == u'@' && m_scanner.peek(1) != u'{' && m_scanner.peek(1) != u'(')
            return fail(start, tr("splatting (@name) is not supported"));
        if (c == u'{' || c == u'(' || c == u'@')
            return fail(start, tr("a list may hold only words and strings"));
        if (auto failure = m_scanner.scanWord(token))
            return fail(*failure);
    }
    if (token.text.isEmpty() && !token.quoted) {
        const QChar found = m_scanner.peek();
        return fail(start,
                    found.isNull() || CmdletScanner::isNewline(found)
                        ? tr("missing a value at the end of the line")
                        : tr("missing a value before '%1'").arg(found));
    }
    addSpan(token.start, token.end);
    item = makeItem(token);
    return true;
}

bool CmdletParserImpl::skipSeparators(bool *separated)
{
    *separated = false;
    for (;;) {
        if (!skip(false))
            return false;
        const QChar c = m_scanner.peek();
        if (CmdletScanner::isNewline(c)) {
            m_scanner.skipNewline();
            *separated = true;
        } else if (c == u';') {
            m_scanner.setPos(m_scanner.pos() + 1);
            *separated = true;
        } else {
            return true;
        }
    }
}

bool CmdletParserImpl::parseHashtable(const CmdletParameterSpec &spec, CmdletValue &value)
{
    const int start = m_scanner.pos();
    if (!spec.acceptsHashtable) {
        return fail(start,
                    tr("-%1 does not take a hashtable; @{Add=...; Remove=...} is only for the "
                       "lists of Set-ClientAccessRule")
                        .arg(spec.name));
    }
    value.kind = CmdletValue::Kind::Hashtable;
    addSpan(start, start + 2);
    m_scanner.setPos(start + 2);
    for (;;) {
        bool separated = false;
        if (!skipSeparators(&separated))
            return false;
        if (m_scanner.atEnd())
            return fail(start, tr("unterminated hashtable: '@{' has no matching '}'"));
        const int keyStart = m_scanner.pos();
        if (m_scanner.peek() == u'}') {
            addSpan(keyStart, keyStart + 1);
            m_scanner.setPos(keyStart + 1);
            return true;
        }
        if (!value.entries.isEmpty()) {
            if (!separated)
                return fail(keyStart, tr("expected ';' or '}' in the hashtable"));
            if (m_spans.last().replacement.isNull())
                addSyntheticSpan(QStringLiteral(";"));
        }
        CmdletHashEntry entry;
        entry.keyLocation = location(keyStart);
        const QChar c = m_scanner.peek();
        if (CmdletScanner::isSingleQuote(c) || CmdletScanner::isDoubleQuote(c)) {
            CmdletScanner::Token key;
            if (auto failure = m_scanner.scanQuoted(key))
                return fail(*failure);
            entry.key = key.text;
        } else if (c.isLetter() || c == u'_') {
            while (m_scanner.peek().isLetterOrNumber() || m_scanner.peek() == u'_')
                m_scanner.setPos(m_scanner.pos() + 1);
            entry.key = m_scanner.text().mid(keyStart, m_scanner.pos() - keyStart);
        } else {
            return fail(keyStart,
                        tr("expected a key (Add or Remove) in the hashtable, found '%1'").arg(c));
        }
        if (spec.hashtableAddRemove && entry.key.compare(u"Add", Qt::CaseInsensitive) != 0
            && entry.key.compare(u"Remove", Qt::CaseInsensitive) != 0) {
            return fail(keyStart,
                        tr("unknown key '%1' in the hashtable of -%2; only Add and Remove are "
                           "allowed")
                            .arg(entry.key, spec.name));
        }
        if (value.entry(entry.key))
            return fail(keyStart, tr("the key '%1' appears twice in the hashtable").arg(entry.key));
        addSpan(keyStart, m_scanner.pos());
        if (!skip(false))
            return false;
        if (m_scanner.peek() != u'=')
            return fail(m_scanner.pos(), tr("expected '=' after the key '%1'").arg(entry.key));
        addSpan(m_scanner.pos(), m_scanner.pos() + 1);
        m_scanner.setPos(m_scanner.pos() + 1);
        if (!skip(true))
            return false;
        if (m_scanner.atEnd() || m_scanner.peek() == u'}' || m_scanner.peek() == u';')
            return fail(m_scanner.pos(), tr("missing a value for the key '%1'").arg(entry.key));
        if (isListOpener(m_scanner)) {
            CmdletValue inner;
            if (!parseArrayExpression(inner))
                return false;
            entry.items = inner.items;
        } else if (!parseExpressionList(entry.items, &entry.isNull)) {
            return false;
        }
        value.entries << entry;
    }
}

bool CmdletParserImpl::parseArrayExpression(CmdletValue &value)
{
    const int start = m_scanner.pos();
    const int openerLength = m_scanner.peek() == u'@' ? 2 : 1;
    value.kind = CmdletValue::Kind::List;
    addSpan(start, start + openerLength);
    m_scanner.setPos(start + openerLength);
    for (;;) {
        bool separated = false;
        if (!skipSeparators(&separated))
            return false;
        if (m_scanner.atEnd())
            return fail(start,
                        tr("unterminated list: '%1' has no matching ')'")
                            .arg(m_scanner.text().mid(start, openerLength)));
        const int at = m_scanner.pos();
        if (m_scanner.peek() == u')') {
            addSpan(at, at + 1);
            m_scanner.setPos(at + 1);
            return true;
        }
        if (!value.items.isEmpty()) {
            if (!separated)
                return fail(at, tr("expected ',' or ')' in the list"));
            addSyntheticSpan(QStringLiteral(","));
        }
        bool isNull = false;
        if (!parseExpressionList(value.items, &isNull))
            return false;
        if (isNull)
            return fail(at, tr("$null cannot be part of a list"));
    }
}

bool CmdletParserImpl::parseExpressionList(QList<CmdletValueItem> &items, bool *isNull)
{
    CmdletValueItem item;
    const int start = m_scanner.pos();
    if (!parseExpressionItem(item, isNull))
        return false;
    if (!*isNull)
        items << item;
    for (;;) {
        const int save = m_scanner.pos();
        if (!skip(false))
            return false;
        if (m_scanner.peek() != u',') {
            m_scanner.setPos(save);
            return true;
        }
        if (*isNull)
            return fail(start, tr("$null cannot be part of a list"));
        addSpan(m_scanner.pos(), m_scanner.pos() + 1);
        m_scanner.setPos(m_scanner.pos() + 1);
        if (!skip(true))
            return false;
        const int itemStart = m_scanner.pos();
        bool itemNull = false;
        if (!parseExpressionItem(item, &itemNull))
            return false;
        if (itemNull)
            return fail(itemStart, tr("$null cannot be part of a list"));
        items << item;
    }
}

bool CmdletParserImpl::parseExpressionItem(CmdletValueItem &item, bool *isNull)
{
    *isNull = false;
    const int start = m_scanner.pos();
    const QChar c = m_scanner.peek();
    CmdletScanner::Token token;
    if (CmdletScanner::isSingleQuote(c) || CmdletScanner::isDoubleQuote(c)) {
        if (auto failure = m_scanner.scanQuoted(token))
            return fail(*failure);
    } else if (isHereStringStart(m_scanner)) {
        if (auto failure = m_scanner.scanHereString(token))
            return fail(*failure);
    } else if (c == u'$' && m_scanner.isVariableStart(start)) {
        if (auto failure = m_scanner.scanVariable(token))
            return fail(*failure);
        const QString name = token.text.mid(1).toLower();
        if (name == u"null") {
            *isNull = true;
        } else {
            return fail(start,
                        name == u"true" || name == u"false"
                            ? tr("%1 is not a valid value here; give strings").arg(token.text)
                            : tr("variable %1 is not supported; only $true, $false and $null "
                                 "may be used")
                                  .arg(token.text));
        }
    } else if (c.isDigit() || (CmdletScanner::isDash(c) && m_scanner.peek(1).isDigit())) {
        if (auto failure = m_scanner.scanWord(token))
            return fail(*failure);
        bool number = !token.quoted;
        for (int i = CmdletScanner::isDash(c) ? 1 : 0; number && i < token.text.size(); ++i)
            number = token.text.at(i).isDigit();
        if (!number) {
            return fail(start,
                        tr("'%1' needs quotes here: inside @{ } and ( ) PowerShell reads it as "
                           "an expression; write '%1'")
                            .arg(token.text));
        }
        if (CmdletScanner::isDash(c))
            token.text[0] = u'-'; // a typographic dash is a minus sign too
    } else {
        if (CmdletScanner::endsWord(c))
            return fail(start, tr("missing a value before '%1'").arg(c));
        if (auto failure = m_scanner.scanWord(token))
            return fail(*failure);
        return fail(start,
                    tr("'%1' needs quotes here: inside @{ } and ( ) PowerShell runs a bare word "
                       "as a command; write '%1'")
                        .arg(token.text));
    }
    if (!CmdletScanner::endsWord(m_scanner.peek()) && m_scanner.peek() != u'=')
        return fail(m_scanner.pos(),
                    tr("unexpected text after %1")
                        .arg(m_scanner.text().mid(start, m_scanner.pos() - start)));
    addSpan(token.start, token.end);
    item = makeItem(token);
    return true;
}

} // namespace Car
