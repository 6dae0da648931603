using Pidman.PidFiles;

namespace Pidman.Cli.Rendering;

/// <summary>ANSI colour, only on a terminal and never with NO_COLOR (https://no-color.org).</summary>
internal static class Style
{
    public static bool ShouldColor(bool noColorOption) =>
        !noColorOption
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && !Console.IsOutputRedirected;

    public static string ForState(PidState state, string text, bool color) => !color ? text : state switch
    {
        PidState.Running => $"\u001b[32m{text}\u001b[0m",
        PidState.Stale => $"\u001b[33m{text}\u001b[0m",
        PidState.Invalid or PidState.Failed => $"\u001b[31m{text}\u001b[0m",
        _ => $"\u001b[2m{text}\u001b[0m",
    };
}
