#pragma once

#include "cmdletcall.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace Car {

/// How a parameter takes its value.
enum class ParameterArity : quint8 {
    Switch, ///< no value, or a boolean through `-Name:$false`
    Single, ///< exactly one value
    Multi, ///< one value or a list
};

/// One parameter a cmdlet accepts.
struct CmdletParameterSpec
{
    QString name; ///< canonical, without the dash
    ParameterArity arity = ParameterArity::Single;
    bool acceptsHashtable =
        false; ///< @{Add=...; Remove=...} (Set lists) or any table (OAuthClaims)
    bool hashtableAddRemove = false; ///< the hashtable may only have the keys Add and Remove
    bool acceptsScriptBlock = false; ///< `{...}` (UserRecipientFilter)
};

/// The parameters of a cmdlet (its own and the supported common ones), in reference order.
const QList<CmdletParameterSpec> &cmdletParameters(Cmdlet cmdlet);

/// The parameter a cmdlet's first positional argument binds to (Name for New-, Identity for
/// Get-/Set-/Remove-); empty for Test-, which has no positional parameter.
QString positionalParameter(Cmdlet cmdlet);

/// Binds a cmdlet name ignoring case ("new-clientaccessrule"); nullopt if not one of the five.
std::optional<Cmdlet> cmdletFromName(QStringView name);

/// Result of binding a parameter name as PowerShell does: exact (ignoring case), then a unique
/// prefix. On failure `error` says why and names the candidates of an ambiguous prefix.
struct ParameterBinding
{
    const CmdletParameterSpec *spec = nullptr;
    QString error;
};

/// Binds `written` (without the dash) to one of `cmdlet`'s parameters.
ParameterBinding bindParameter(Cmdlet cmdlet, QStringView written);

} // namespace Car
