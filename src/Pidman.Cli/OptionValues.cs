using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;

namespace Pidman.Cli;

/// <summary>
/// Options whose values are parsed once, by the parser, into their type: a value that does not parse is a usage error
/// naming the option, the value and what it takes (exit 2), before any validator or action runs. No code reads a value
/// that did not parse (which is what made System.CommandLine throw and the process abort).
/// </summary>
internal static class OptionValues
{
    /// <summary>The longest wait an option accepts: a day.</summary>
    public const double MaxSeconds = 86400;

    /// <summary>A duration in seconds: a number (<c>10</c>, <c>2.5</c>) or a duration (<c>10s</c>, <c>2m</c>, <c>500ms</c>), from 0 to a day.</summary>
    public static Option<double?> Seconds(string name, string description) => Typed<double?>(name, [], description, text =>
    {
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double s) && s <= MaxSeconds) return (s, null);
        if (Pidman.Config.Durations.TryParse(text, out var span) && span.TotalSeconds <= MaxSeconds) return (span.TotalSeconds, null);
        return (null, $"expected seconds (10, 2.5) or a duration (10s, 2m, 500ms) from 0 to {MaxSeconds:0} seconds");
    });

    /// <summary>A count: a whole number from 0 to <paramref name="max"/>.</summary>
    public static Option<int?> Count(string name, string[] aliases, string description, int max) => Typed<int?>(name, aliases, description, text =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n <= max ? (n, null) : (null, $"expected a whole number from 0 to {max.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>A TCP port: 1 to 65535.</summary>
    public static Option<int?> Port(string name, string[] aliases, string description) => Typed<int?>(name, aliases, description, text =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 65535 ? (n, null) : (null, "expected a port number from 1 to 65535"));

    /// <summary>A process ID: 2 to 2^22 (the largest pid_max); the library checks it against this machine's.</summary>
    public static Option<int?> ProcessId(string name, string[] aliases, string description) => Typed<int?>(name, aliases, description, text =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 2 and <= 4194304 ? (n, null) : (null, "expected a process ID, a whole number from 2 up"));

    /// <summary>A path: any text but empty (which names nothing; the runtime would throw on it deep inside).</summary>
    public static Option<string?> Path(string name, string[] aliases, string description, bool recursive = false)
    {
        var option = Typed<string?>(name, aliases, description, text => text.Length > 0 ? (text, null) : (null, "expected a path"));
        option.Recursive = recursive;
        return option;
    }

    /// <summary>Paths, the option repeatable and each value a comma-separated list, as foreman's <c>-e a.env,b.env</c>; none may be empty.</summary>
    public static Option<string[]> Paths(string name, string[] aliases, string description)
    {
        string? Check(string text) => text.Split(',').Any(p => p.Length == 0) ? $"invalid {name} {Shown(text)}: expected a path, or paths separated by commas" : null;
        var option = new Option<string[]>(name, aliases)
        {
            Description = description,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result =>
            {
                if (result.Tokens.Select(t => Check(t.Value)).FirstOrDefault(p => p is not null) is { } problem) result.AddError(problem);
                return result.Tokens.SelectMany(t => t.Value.Split(',')).ToArray();
            },
        };
        s_checks.Add(option, Check);
        return option;
    }

    /// <summary>
    /// An option of type <typeparamref name="T"/> whose one value <paramref name="parse"/> reads: the value, or null and what
    /// the option takes.
    /// </summary>
    public static Option<T> Typed<T>(string name, string[] aliases, string description, Func<string, (T? Value, string? Problem)> parse)
    {
        var option = new Option<T>(name, aliases)
        {
            Description = description,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0) return default!;
                var (value, problem) = Parse(parse, result.Tokens[^1].Value);
                if (problem is null) return value!;
                result.AddError(problem);
                return default!;
            },
        };
        // The parser converts a value only when it is asked for it, and asks for none once a validator has found an error:
        // UsageErrors checks every given value itself, first, so the value's error is the one reported.
        s_checks.Add(option, text => Parse(parse, text).Problem);
        return option;

        (T? Value, string? Problem) Parse(Func<string, (T?, string?)> read, string text)
        {
            var (value, problem) = read(text.Trim().Length == text.Length ? text : "\0"); // surrounding blanks are no number
            return (value, problem is null ? null : $"invalid {name} {Shown(text)}: {problem}");
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Option, Func<string, string?>> s_checks = [];

    /// <summary>Why <paramref name="value"/> is no value for <paramref name="option"/> (one made here), or null.</summary>
    public static string? Problem(Option option, string value) => s_checks.TryGetValue(option, out var check) ? check(value) : null;

    /// <summary>A value as a message shows it: quoted, control characters escaped, cut after 40 characters.</summary>
    public static string Shown(string value)
    {
        var text = new StringBuilder("'");
        foreach (char c in value.Length > 40 ? value[..40] : value)
            text.Append(char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString());
        if (value.Length > 40) text.Append($"…' ({value.Length.ToString(CultureInfo.InvariantCulture)} characters)");
        else text.Append('\'');
        return text.ToString();
    }
}
