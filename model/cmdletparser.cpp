#include "cmdletparser.h"

#include "cmdletparser_p.h"

#include <QHash>

#include <algorithm>

namespace Car {

CmdletScript CmdletParser::parse(const QString &text, const QString &fileName)
{
    return CmdletParserImpl(text, fileName).run();
}

CmdletParserImpl::CmdletParserImpl(const QString &text, const QString &fileName)
    : m_scanner(text)
    , m_fileName(fileName)
{ }

CmdletScript CmdletParserImpl::run()
{
    CmdletScript script;
    for (;;) {
        if (!skip(true))
            break;
        if (m_scanner.peek() == u';') {
            m_scanner.setPos(m_scanner.pos() + 1);
            continue;
        }
        if (m_scanner.atEnd())
            break;
        CmdletCall call;
        if (!parseStatement(call))
            break;
        script.calls << call;
    }
    if (m_failed) {
        script.calls.clear();
        script.error = m_error;
    }
    return script;
}

bool CmdletParserImpl::fail(int offset, const QString &message)
{
    return failAt(location(offset), message);
}

bool CmdletParserImpl::failAt(const SourceLocation &at, const QString &message)
{
    m_error.severity = ScriptDiagnostic::Severity::Error;
    m_error.file = m_fileName;
    m_error.line = at.line;
    m_error.column = at.column;
    m_error.message = message;
    m_failed = true;
    return false;
}

bool CmdletParserImpl::skip(bool newlines)
{
    if (auto failure = m_scanner.skipBlanks(newlines))
        return fail(*failure);
    return true;
}

bool CmdletParserImpl::atStatementEnd() const
{
    const QChar c = m_scanner.peek();
    return m_scanner.atEnd() || CmdletScanner::isNewline(c) || c == u';';
}

bool CmdletParserImpl::atParameter() const
{
    const QChar n = m_scanner.peek(1);
    return CmdletScanner::isDash(m_scanner.peek()) && (n.isLetter() || n == u'_' || n == u'?');
}

void CmdletParserImpl::addSpan(int start, int end, const QString &replacement)
{
    m_spans << Span {start, end, replacement};
}

void CmdletParserImpl::addSyntheticSpan(const QString &replacement)
{
    const int at = m_spans.isEmpty() ? 0 : m_spans.last().end;
    m_spans << Span {at, at, replacement};
}

CmdletValueItem CmdletParserImpl::makeItem(const CmdletScanner::Token &token) const
{
    CmdletValueItem item;
    item.text = token.text;
    item.location = location(token.start);
    item.quoted = token.quoted;
    item.verbatim = token.verbatim;
    item.contentOffset = token.contentOffset;
    return item;
}

QString CmdletParserImpl::normalizedText() const
{
    const QString &text = m_scanner.text();
    QString out;
    int previousEnd = -1;
    for (const Span &span : m_spans) {
        if (previousEnd >= 0 && span.start > previousEnd)
            out += QLatin1Char(' ');
        if (!span.replacement.isNull()) {
            out += span.replacement;
        } else if (text.at(span.start) == u'{') {
            // A script block may span lines; its line breaks become single spaces.
            QString block = text.mid(span.start, span.end - span.start);
            block.replace(QLatin1String("\r\n"), QLatin1String("\n"));
            block.replace(u'\r', u'\n');
            const QStringList lines = block.split(u'\n');
            QStringList trimmed;
            for (int i = 0; i < lines.size(); ++i) {
                QString line = lines.at(i);
                if (i > 0)
                    line = line.trimmed();
                if (i + 1 < lines.size() && line.endsWith(u'`'))
                    line.chop(1);
                trimmed << (i + 1 < lines.size() ? line.trimmed() : line);
            }
            trimmed.removeAll(QString());
            out += trimmed.join(QLatin1Char(' '));
        } else {
            out += QStringView(text).mid(span.start, span.end - span.start);
        }
        previousEnd = std::max(previousEnd, span.end);
    }
    return out;
}

bool CmdletParserImpl::parseStatement(CmdletCall &call)
{
    m_spans.clear();
    const int start = m_scanner.pos();
    const QChar first = m_scanner.peek();
    if (first == u'$') {
        CmdletScanner::Token variable;
        if (auto failure = m_scanner.scanVariable(variable))
            return fail(*failure);
        return fail(start,
                    tr("variable %1 is not supported; a script holds only *-ClientAccessRule "
                       "statements")
                        .arg(variable.text));
    }
    if (CmdletScanner::endsWord(first) || CmdletScanner::isSingleQuote(first)
        || CmdletScanner::isDoubleQuote(first)) {
        return fail(start, tr("expected a cmdlet name, found '%1'").arg(first));
    }
    CmdletScanner::Token name;
    if (auto failure = m_scanner.scanWord(name))
        return fail(*failure);
    const std::optional<Cmdlet> cmdlet = name.quoted ? std::nullopt : cmdletFromName(name.text);
    if (!cmdlet) {
        return fail(start,
                    tr("unknown cmdlet '%1'; expected New-, Set-, Get-, Remove- or "
                       "Test-ClientAccessRule")
                        .arg(name.text));
    }
    call.cmdlet = *cmdlet;
    call.location = location(start);
    addSpan(name.start, name.end);

    QList<Positional> positionals;
    QString lastSwitch;
    for (;;) {
        if (!skip(false))
            return false;
        if (atStatementEnd())
            break;
        const QChar c = m_scanner.peek();
        if (c == u'|') {
            if (!parsePipeline(call))
                return false;
            break;
        }
        if (atParameter()) {
            if (!parseParameter(call, &lastSwitch))
                return false;
            continue;
        }
        if (c == u')' || c == u'}' || c == u'&' || c == u'<' || c == u'>' || c == u',') {
            return fail(m_scanner.pos(),
                        tr("unexpected '%1' in %2").arg(c, cmdletName(call.cmdlet)));
        }
        if (!parsePositional(call, positionals, lastSwitch))
            return false;
        lastSwitch.clear();
    }
    if (!bindPositionals(call, positionals))
        return false;

    int end = start;
    for (const Span &span : std::as_const(m_spans))
        end = std::max(end, span.end);
    call.text = m_scanner.text().mid(start, end - start);
    call.normalizedText = normalizedText();
    return true;
}

bool CmdletParserImpl::parseParameter(CmdletCall &call, QString *lastSwitch)
{
    const int dash = m_scanner.pos();
    m_scanner.setPos(dash + 1);
    while (!CmdletScanner::endsWord(m_scanner.peek()) && m_scanner.peek() != u':')
        m_scanner.setPos(m_scanner.pos() + 1);
    const QString written = m_scanner.text().mid(dash + 1, m_scanner.pos() - dash - 1);
    const bool colon = m_scanner.peek() == u':';
    const ParameterBinding binding = bindParameter(call.cmdlet, written);
    if (!binding.spec)
        return fail(dash, binding.error);
    const CmdletParameterSpec &spec = *binding.spec;
    if (const CmdletArgument *previous = call.argument(spec.name)) {
        return fail(dash,
                    tr("parameter -%1 is given twice (first at line %2, column %3)")
                        .arg(spec.name)
                        .arg(previous->location.line)
                        .arg(previous->location.column));
    }
    if (colon)
        m_scanner.setPos(m_scanner.pos() + 1);
    addSpan(dash, m_scanner.pos());

    CmdletArgument argument;
    argument.name = spec.name;
    argument.written = m_scanner.text().mid(dash, m_scanner.pos() - dash);
    argument.location = location(dash);
    lastSwitch->clear();
    if (spec.arity == ParameterArity::Switch && !colon) {
        argument.value.kind = CmdletValue::Kind::Switch;
        argument.value.location = argument.location;
        *lastSwitch = spec.name;
    } else {
        if (!skip(false))
            return false;
        if (atStatementEnd() || m_scanner.peek() == u'|' || atParameter())
            return fail(dash, tr("missing a value for parameter -%1").arg(spec.name));
        const int valueStart = m_scanner.pos();
        if (!parseValue(spec, argument.value))
            return false;
        if (spec.arity == ParameterArity::Switch
            && argument.value.kind != CmdletValue::Kind::Boolean) {
            return fail(valueStart,
                        tr("-%1 is a switch: write -%1, or -%1:$true / -%1:$false").arg(spec.name));
        }
    }
    call.arguments << argument;
    return true;
}

bool CmdletParserImpl::parsePositional(CmdletCall &call, QList<Positional> &positionals,
                                       const QString &lastSwitch)
{
    const int start = m_scanner.pos();
    const QString target = positionalParameter(call.cmdlet);
    const QList<CmdletParameterSpec> &specs = cmdletParameters(call.cmdlet);
    const auto it = std::find_if(specs.cbegin(), specs.cend(),
                                 [&](const CmdletParameterSpec &s) { return s.name == target; });
    CmdletParameterSpec spec = it != specs.cend() ? *it : CmdletParameterSpec();
    if (spec.name.isEmpty())
        spec.name = QStringLiteral("?");
    Positional positional;
    positional.offset = start;
    positional.afterSwitch = lastSwitch;
    if (!parseValue(spec, positional.value))
        return false;
    if (target.isEmpty()) {
        const QString shown = m_scanner.text().mid(start, m_scanner.pos() - start);
        return fail(start,
                    tr("%1 takes no positional value; name the parameter for '%2'")
                        .arg(cmdletName(call.cmdlet), shown));
    }
    positionals << positional;
    return true;
}

bool CmdletParserImpl::bindPositionals(CmdletCall &call, const QList<Positional> &positionals)
{
    const QString target = positionalParameter(call.cmdlet);
    for (int i = 0; i < positionals.size(); ++i) {
        const Positional &p = positionals.at(i);
        const QString shown = p.value.items.isEmpty()
            ? m_scanner.text().mid(p.offset, 20).section(u' ', 0, 0)
            : p.value.items.first().text;
        QString hint;
        if (!p.afterSwitch.isEmpty() && p.value.kind == CmdletValue::Kind::Boolean)
            hint = tr(" (to set the switch, write -%1:%2)").arg(p.afterSwitch, shown);
        if (i > 0) {
            return fail(p.offset,
                        tr("a second positional value '%1' cannot be bound; only -%2 may be "
                           "given by position%3")
                            .arg(shown, target, hint));
        }
        if (const CmdletArgument *named = call.argument(target)) {
            return fail(p.offset,
                        tr("the positional value '%1' cannot be bound: -%2 is already given at "
                           "line %3, column %4%5")
                            .arg(shown, target)
                            .arg(named->location.line)
                            .arg(named->location.column)
                            .arg(hint));
        }
        CmdletArgument argument;
        argument.name = target;
        argument.location = location(p.offset);
        argument.positional = true;
        argument.value = p.value;
        call.arguments << argument;
    }
    return true;
}

bool CmdletParserImpl::parsePipeline(CmdletCall &call)
{
    const int pipe = m_scanner.pos();
    if (call.cmdlet != Cmdlet::Get) {
        return fail(pipe,
                    tr("a pipeline is only supported after Get-ClientAccessRule (to Format-List "
                       "or Format-Table)"));
    }
    addSpan(pipe, pipe + 1);
    m_scanner.setPos(pipe + 1);
    if (!skip(true))
        return false;
    const int start = m_scanner.pos();
    CmdletScanner::Token name;
    if (auto failure = m_scanner.scanWord(name))
        return fail(*failure);
    const QString lower = name.text.toLower();
    if (!name.quoted && (lower == u"format-list" || lower == u"fl"))
        call.format = CmdletCall::Format::List;
    else if (!name.quoted && (lower == u"format-table" || lower == u"ft"))
        call.format = CmdletCall::Format::Table;
    else
        return fail(start,
                    tr("only Format-List (fl) or Format-Table (ft) may follow "
                       "Get-ClientAccessRule in a pipeline, not '%1'")
                        .arg(name.text.isEmpty() ? QString(m_scanner.peek()) : name.text));
    addSpan(name.start, name.end);
    return parseFormatProperties(call);
}

bool CmdletParserImpl::parseFormatProperties(CmdletCall &call)
{
    bool haveProperties = false;
    CmdletParameterSpec propertySpec;
    propertySpec.name = QStringLiteral("Property");
    propertySpec.arity = ParameterArity::Multi;
    for (;;) {
        if (!skip(false))
            return false;
        if (atStatementEnd())
            return true;
        const int start = m_scanner.pos();
        if (m_scanner.peek() == u'|')
            return fail(start,
                        tr("only one pipeline stage (Format-List or Format-Table) is supported"));
        if (atParameter()) {
            m_scanner.setPos(start + 1);
            while (!CmdletScanner::endsWord(m_scanner.peek()) && m_scanner.peek() != u':')
                m_scanner.setPos(m_scanner.pos() + 1);
            const QString written = m_scanner.text().mid(start + 1, m_scanner.pos() - start - 1);
            if (m_scanner.peek() == u':')
                m_scanner.setPos(m_scanner.pos() + 1);
            addSpan(start, m_scanner.pos());
            if (QStringLiteral("AutoSize").startsWith(written, Qt::CaseInsensitive)
                || QStringLiteral("Wrap").startsWith(written, Qt::CaseInsensitive)) {
                continue; // display options only
            }
            if (!QStringLiteral("Property").startsWith(written, Qt::CaseInsensitive)) {
                return fail(start,
                            tr("the formatter has no parameter -%1 (supported: -Property, "
                               "-AutoSize, -Wrap)")
                                .arg(written));
            }
            if (!skip(false))
                return false;
            if (atStatementEnd())
                return fail(start, tr("missing a value for parameter -Property"));
        }
        if (haveProperties)
            return fail(m_scanner.pos(), tr("the formatter's properties are given twice"));
        CmdletValue value;
        if (!parseValue(propertySpec, value))
            return false;
        if (value.kind != CmdletValue::Kind::String && value.kind != CmdletValue::Kind::List)
            return fail(start, tr("formatter properties must be names, like Name,Priority"));
        for (const CmdletValueItem &item : std::as_const(value.items))
            call.formatProperties << item.text;
        haveProperties = true;
    }
}

} // namespace Car
