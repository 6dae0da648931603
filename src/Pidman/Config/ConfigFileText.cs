using Pidman.Exceptions;
using Pidman.Os.Fs;
using Pidman.PidFiles;
using System.Text;

namespace Pidman.Config;

/// <summary>
/// The text of a file pidman decides by - <c>pidman.toml</c>, a Procfile, <c>.env</c>, an <c>env_file</c>, what
/// <c>-f</c>/<c>-e</c> name - read once by the trust rule for files (<see cref="TrustedFile"/>): a file under the project
/// root is reached through the root's held directories (each checked), one elsewhere by its path, never through a link.
/// </summary>
internal static class ConfigFileText
{
    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads <paramref name="path"/> of the project at <paramref name="root"/> (null: by its path); false with the reason.</summary>
    internal static bool TryRead(string path, string? root, out string text, out string problem)
    {
        text = "";
        path = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            using var folder = Under(path, root) ? HeldDirectory.Open(root!, Path.GetDirectoryName(path)!, create: false) : null;
            if (Under(path, root) && folder is null)
            {
                problem = $"{path}: no such file";
                return false;
            }
            if (!TrustedFile.TryRead(folder?.File(Path.GetFileName(path)) ?? path, path, TrustedFile.MaxConfigBytes, out bytes, out problem)) return false;
        }
        catch (PidmanException e)
        {
            problem = e.Message; // a folder on the way breaks the rule
            return false;
        }
        try
        {
            text = s_strict.GetString(bytes);
            if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..]; // a byte order mark, as editors on Windows write it
            return true;
        }
        catch (DecoderFallbackException e)
        {
            problem = $"{path} is not UTF-8 text (byte {e.Index} is not valid UTF-8)";
            return false;
        }
    }

    private static bool Under(string path, string? root) =>
        root is not null && path.StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + "/", StringComparison.Ordinal);

    /// <summary>The lines of <paramref name="text"/>, with <c>\n</c> or <c>\r\n</c> endings.</summary>
    internal static string[] Lines(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1];
        for (int i = 0; i < lines.Length; i++) if (lines[i].EndsWith('\r')) lines[i] = lines[i][..^1];
        return lines;
    }

    /// <summary>Whether the rule lets pidman read <paramref name="path"/>: null when it does, else why not (a missing file included).</summary>
    internal static string? Refusal(string path, string? root) => TryRead(path, root, out _, out var problem) ? null : problem;
}
