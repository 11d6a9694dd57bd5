#include "cmdletcall.h"

namespace Car {

QString cmdletName(Cmdlet cmdlet)
{
    switch (cmdlet) {
    case Cmdlet::New:
        return QStringLiteral("New-ClientAccessRule");
    case Cmdlet::Set:
        return QStringLiteral("Set-ClientAccessRule");
    case Cmdlet::Get:
        return QStringLiteral("Get-ClientAccessRule");
    case Cmdlet::Remove:
        return QStringLiteral("Remove-ClientAccessRule");
    case Cmdlet::Test:
        return QStringLiteral("Test-ClientAccessRule");
    }
    return {};
}

QString ScriptDiagnostic::toString() const
{
    return QStringLiteral("%1:%2:%3: %4: %5")
        .arg(file)
        .arg(line)
        .arg(column)
        .arg(severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning"),
             message);
}

SourceLocation CmdletValueItem::locationAt(int index) const
{
    if (!verbatim || index < 0 || index > text.size())
        return location;
    SourceLocation result = location;
    result.column += contentOffset;
    for (int i = 0; i < index; ++i) {
        const QChar c = text.at(i);
        if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
            continue;
        if (c == u'\n' || c == u'\r') {
            ++result.line;
            result.column = 1;
        } else if (!c.isLowSurrogate()) {
            ++result.column;
        }
    }
    return result;
}

const CmdletHashEntry *CmdletValue::entry(QStringView key) const
{
    for (const CmdletHashEntry &e : entries) {
        if (QStringView(e.key).compare(key, Qt::CaseInsensitive) == 0)
            return &e;
    }
    return nullptr;
}

const CmdletArgument *CmdletCall::argument(QStringView name) const
{
    for (const CmdletArgument &a : arguments) {
        if (QStringView(a.name).compare(name, Qt::CaseInsensitive) == 0)
            return &a;
    }
    return nullptr;
}

} // namespace Car
