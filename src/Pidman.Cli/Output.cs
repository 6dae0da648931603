using Pidman.Supervision;

namespace Pidman.Cli;

/// <summary>How this invocation prints: JSON or text, quiet or not, coloured or not.</summary>
internal sealed record Output(bool Json, bool Quiet, bool Color)
{
    /// <summary>Writes a line of human output unless quiet.</summary>
    public void Line(string text)
    {
        if (!Quiet) Console.Out.WriteLine(text);
    }

    /// <summary>Writes an error to stderr, prefixed with the program name.</summary>
    public static void Error(string message) => Console.Error.WriteLine($"pidman: {message}");
}
