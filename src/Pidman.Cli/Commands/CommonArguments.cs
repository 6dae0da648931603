using System.CommandLine;
using System.Globalization;
using Pidman.PidFiles;

namespace Pidman.Cli.Commands;

/// <summary>Arguments and options shared by several verbs; bad values are refused by the parser (exit 2), never deep inside.</summary>
internal static class CommonArguments
{
    /// <summary>The longest stop timeout an option accepts: a day.</summary>
    public const double MaxTimeoutSeconds = 86400;

    public static Argument<string[]> Services(string description) => new("SERVICE") { Description = description, Arity = ArgumentArity.ZeroOrMore };

    public static Argument<string> Service(string description) => new("SERVICE") { Description = description };

    public static Option<string> Type() => new("--type", "-t")
    {
        Description = "PID type: process (default), tmux, workerN, ... → file <type>_<service>.pid",
        DefaultValueFactory = _ => PidTypes.Process,
    };

    /// <summary><c>--timeout S</c>: seconds, finite, 0 to a day.</summary>
    public static Option<double?> Timeout(string description)
    {
        var option = new Option<double?>("--timeout") { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is double s && (!double.IsFinite(s) || s < 0 || s > MaxTimeoutSeconds))
                result.AddError($"invalid --timeout {s.ToString(CultureInfo.InvariantCulture)}: use 0 to {MaxTimeoutSeconds} seconds");
        });
        return option;
    }

    /// <summary>The value of a <see cref="Timeout"/> option as a time span, null when not given.</summary>
    public static TimeSpan? TimeoutValue(ParseResult result, Option<double?> option) =>
        result.GetValue(option) is double s ? TimeSpan.FromSeconds(s) : null;
}
