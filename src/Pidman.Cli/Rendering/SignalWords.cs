using Pidman.Os;
using Pidman.PidFiles;

namespace Pidman.Cli.Rendering;

/// <summary>The words of a signal result, for <c>pidman signal</c>'s lines and its JSON <c>message</c>.</summary>
internal static class SignalWords
{
    public static string Describe(SignalResult result) => result.Finding switch
    {
        SignalFinding.Sent => $"sent {SignalNames.Describe(result.Signal)}",
        SignalFinding.NoPidFile => "not running (no PID file)",
        SignalFinding.NotRunning => $"not running ({result.Reason?.Describe()})",
        SignalFinding.ExitedFirst => "exited before it was signalled",
        SignalFinding.Refused when result.Refusal is { } refusal => Stopping.RefusalWords.Describe(refusal),
        _ => result.Detail ?? result.Finding.ToString(),
    };
}
