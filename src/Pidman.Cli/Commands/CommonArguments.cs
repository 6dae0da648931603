using System.CommandLine;
using Pidman.PidFiles;

namespace Pidman.Cli.Commands;

/// <summary>Arguments and options shared by several verbs; bad values are refused by the parser (exit 2), never deep inside.</summary>
internal static class CommonArguments
{
    /// <summary>
    /// The values of <paramref name="values"/> given before a <c>--</c>, and those after it (null without one): <c>start NAME
    /// -- CMD ARGS</c> hands both to one argument.
    /// </summary>
    public static (IReadOnlyList<string> Before, IReadOnlyList<string>? After) SplitAtDoubleDash(ParseResult result, string[] values)
    {
        int dash = -1;
        for (int i = 0; i < result.Tokens.Count; i++) if (result.Tokens[i].Type == System.CommandLine.Parsing.TokenType.DoubleDash) { dash = i; break; }
        if (dash < 0) return (values, null);
        int after = result.Tokens.Skip(dash + 1).Count(t => t.Type == System.CommandLine.Parsing.TokenType.Argument);
        return (values[..^after], values[^after..]);
    }

    public static Argument<string[]> Services(string description) => new("SERVICE") { Description = description, Arity = ArgumentArity.ZeroOrMore };

    public static Argument<string> Service(string description) => new("SERVICE") { Description = description };

    /// <summary><c>--type T</c>: a PID type name (default <c>process</c>).</summary>
    public static Option<string> Type() => Type("PID type: process (default), tmux, workerN, ... → file <type>_<service>.pid", PidTypes.Process)!;

    /// <summary><c>--type T</c> with <paramref name="fallback"/> when not given (null: every type).</summary>
    public static Option<string?> Type(string description, string? fallback)
    {
        var option = OptionValues.Typed<string?>("--type", ["-t"], description, text =>
            PidFileName.IsValidType(text) ? (text, null) : (null, "expected a PID type: a-z, 0-9 and -, starting with a letter (process, tmux, worker2)"));
        if (fallback is not null) option.DefaultValueFactory = _ => fallback;
        return option;
    }

    /// <summary><c>--timeout S</c>: seconds or a duration, 0 to a day.</summary>
    public static Option<double?> Timeout(string description) => OptionValues.Seconds("--timeout", description);

    /// <summary>The value of a <see cref="Timeout"/> option as a time span, null when not given.</summary>
    public static TimeSpan? TimeoutValue(ParseResult result, Option<double?> option) =>
        result.GetValue(option) is double s ? TimeSpan.FromSeconds(s) : null;
}
