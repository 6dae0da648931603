namespace Pidman.Services;

/// <summary>How an instance's exit reads in an event, a report or a banner: the one wording of an exit code.</summary>
internal static class ExitWords
{
    /// <summary><c>exited with code 3</c>, <c>was killed by signal 9</c> (a code over 128), <c>exited</c> (null or -1: unknown).</summary>
    public static string Of(int? code) => code switch
    {
        null or -1 => "exited",
        > 128 => $"was killed by signal {code - 128}",
        _ => $"exited with code {code}",
    };
}
