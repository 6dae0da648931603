namespace Pidman.Cli.Commands;

/// <summary>The options of <c>up</c> that go only with <c>-d</c>, and those that go only without it: one refused, never ignored.</summary>
internal static class UpCombinations
{
    /// <summary>Why these options cannot be given together, or null.</summary>
    public static string? Problem(bool detach, bool wait, bool timeout, bool exitWith, bool abortOnExit, bool json) =>
        wait && !detach ? "--wait goes with -d/--detach"
        : timeout && !wait ? "--timeout goes with --wait: it is how long -d --wait waits"
        : detach && exitWith ? "--exit-with ends the foreground 'up' with a service's exit code: drop -d, or --exit-with"
        : detach && abortOnExit ? "--abort-on-exit ends the foreground 'up': drop -d, or --abort-on-exit"
        : json && !detach ? "up streams its services' output: --json goes with -d/--detach"
        : null;
}
