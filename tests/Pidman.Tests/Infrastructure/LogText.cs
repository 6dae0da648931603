using System.Text.RegularExpressions;

namespace Pidman.Tests.Infrastructure;

/// <summary>A service log as the tests read it: each line's text without the time the line stamper put before it.</summary>
public static partial class LogText
{
    /// <summary>The time at the start of a raw log line: the line stamper's (then a space) or a banner's (then a tab).</summary>
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z[ \t]")]
    public static partial Regex Stamp();

    /// <summary>The lines of <paramref name="path"/> without their stamps; none when it does not exist.</summary>
    public static List<string> Lines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Select(l => Stamp().Replace(l, "", 1)).ToList() : [];
}
