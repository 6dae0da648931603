using System.Globalization;

namespace Pidman.Config;

/// <summary>How config values are named in messages.</summary>
internal static class ConfigValues
{
    /// <summary>"a string", "an integer" ...: what was found where something else was expected.</summary>
    internal static string Describe(object value) => value switch
    {
        string => "a string",
        long => "an integer",
        double => "a float",
        bool => "a boolean",
        List<object> => "an array",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "a value",
    };
}
