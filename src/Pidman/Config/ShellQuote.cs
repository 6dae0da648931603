namespace Pidman.Config;

/// <summary>POSIX shell quoting, so an argv survives <c>sh -c</c> unchanged.</summary>
internal static class ShellQuote
{
    /// <summary>Quotes each argument that needs it (<see cref="Quote"/>) and joins them with spaces.</summary>
    public static string Join(IEnumerable<string> args) =>
        string.Join(' ', args.Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@%+,".Contains(c)) ? a : Quote(a)));

    /// <summary>One word for <c>sh</c>, whatever it holds: in single quotes, a <c>'</c> inside as <c>'\''</c>.</summary>
    internal static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";
}
