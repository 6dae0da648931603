namespace Pidman.Config;

/// <summary>POSIX shell quoting, so an argv survives <c>sh -c</c> unchanged.</summary>
public static class ShellQuote
{
    /// <summary>Quotes each argument in single quotes (<c>'</c> inside as <c>'\''</c>) and joins them with spaces.</summary>
    public static string Join(IEnumerable<string> args) =>
        string.Join(' ', args.Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@%+,".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'"));
}
