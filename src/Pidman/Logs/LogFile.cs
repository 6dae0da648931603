namespace Pidman.Logs;

/// <summary>
/// A log file: <paramref name="Path"/> as users see it (<c>local/log/web.log</c>), and <paramref name="IoPath"/>, the same file
/// named through the held log directory (<c>/proc/self/fd/N/web.log</c>), which every read and write of pidman uses, so that
/// a folder on the way swapped for a link after the check cannot redirect them.
/// </summary>
internal sealed record LogFile(string Path, string IoPath)
{
    /// <summary>The <paramref name="number"/>-th rotated file (<c>web.log.1</c> is the newest).</summary>
    public LogFile Rotated(int number) => new($"{Path}.{number}", $"{IoPath}.{number}");

    /// <summary>The file name, e.g. <c>worker2_web.log</c>.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);
}
