using Pidman.Os.Fs;

namespace Pidman.Export;

/// <summary>
/// Writes exported files where <c>export --out</c> says, by the trust rules: the folder is reached from the working
/// directory (or <c>/</c>) one checked component at a time, never through a link, and each file is written whole beside
/// its name and renamed over it, which replaces a link planted there instead of writing through it.
/// </summary>
internal static class ExportWriter
{
    /// <summary>
    /// Writes <paramref name="files"/> (name → text) into the folder <paramref name="target"/>, created if missing; a single
    /// file goes to <paramref name="target"/> itself unless that is an existing folder. Returns the paths written.
    /// </summary>
    /// <exception cref="Exceptions.PidmanException">A folder on the way breaks the trust rule, or a file cannot be written; the message names it.</exception>
    public static IReadOnlyList<string> Write(IReadOnlyDictionary<string, string> files, string target, string workingDirectory)
    {
        string full = Path.GetFullPath(target, workingDirectory);
        bool intoFolder = files.Count > 1 || Directory.Exists(full);
        string folder = intoFolder ? full : Path.GetDirectoryName(full)!;
        using var held = HeldDirectory.Open(workingDirectory, folder, create: true)!;
        var written = new List<string>();
        foreach (var (name, text) in files)
        {
            string fileName = intoFolder ? name : Path.GetFileName(full);
            TrustedFile.Write(held, fileName, System.Text.Encoding.UTF8.GetBytes(text), replace: true);
            written.Add(Path.Combine(folder, fileName));
        }
        return written;
    }
}
