using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pidman.Json;

/// <summary>
/// Writes an enum value in kebab case (<c>NotRunning</c> as <c>not-running</c>): the one spelling of every enum in
/// pidman's JSON - identity records, <c>--json</c> output and the control socket (docs/json.md).
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
