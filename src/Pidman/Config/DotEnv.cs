using System.Text;
using Pidman.Config;

namespace Pidman.Config;

/// <summary>
/// <c>.env</c> files as foreman reads them (lib/foreman/env.rb): <c>KEY=value</c> lines with KEY made of letters, digits
/// and <c>_</c> (<c>1FOO</c> and <c>foo</c> too); a value in single quotes taken literally; one in double quotes with
/// <c>\n</c> a newline and any other backslash dropped before the character it escapes (<c>\$</c> is <c>$</c>). Every other
/// line is skipped, as foreman skips it, with a warning naming it. Where foreman is unsafe or surprising pidman reads as
/// honcho, the dotenv gem and compose do: <c>export FOO=bar</c>, <c>FOO = bar</c> and an indented line count, a comment
/// after a value (<c>FOO=bar # note</c>, <c>FOO="bar" # note</c>) is not part of it, and whitespace around a value goes.
/// </summary>
internal static class DotEnv
{
    /// <summary>Parses every file of <paramref name="paths"/> in order, later ones winning; a file that cannot be read is an error, a skipped line a warning.</summary>
    public static Dictionary<string, string> ReadAll(IReadOnlyList<string> paths, ICollection<ConfigError> errors, ICollection<ConfigError>? warnings = null, string? root = null)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in paths)
            foreach (var (k, v) in Read(path, errors, warnings, root)) result[k] = v;
        return result;
    }

    /// <summary>
    /// Parses <paramref name="path"/> (under the project at <paramref name="root"/>, reached through its held folders, when
    /// given) by the trust rule for files.
    /// </summary>
    public static Dictionary<string, string> Read(string path, ICollection<ConfigError> errors, ICollection<ConfigError>? warnings = null, string? root = null)
    {
        if (ConfigFileText.TryRead(path, root, out string text, out string problem)) return Parse(path, text, warnings);
        errors.Add(new ConfigError(path, 0, null, Os.Fs.TrustedFile.WithoutName(problem, path)));
        return [];
    }

    /// <summary>Parses the text of env file <paramref name="path"/>; each line skipped is added to <paramref name="warnings"/>.</summary>
    public static Dictionary<string, string> Parse(string path, string text, ICollection<ConfigError>? warnings = null)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines = ConfigFileText.Lines(text);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line[7..].TrimStart();
            int eq = line.IndexOf('=');
            string key = eq > 0 ? line[..eq].TrimEnd() : "";
            if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                warnings?.Add(new ConfigError(path, i + 1, null, "skipped: not KEY=value with KEY made of letters, digits and _ (foreman skips it too)"));
                continue;
            }
            result[key] = Value(line[(eq + 1)..].Trim());
        }
        return result;
    }

    /// <summary>A value as written after <c>=</c>, blanks around it gone.</summary>
    private static string Value(string text)
    {
        if (text.Length > 0 && text[0] is '\'' or '"' && Closing(text) is int end && Rest(text[(end + 1)..]))
            return text[0] == '\'' ? text[1..end] : Unescape(text[1..end]);
        int comment = text.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 ? text[..comment].TrimEnd() : text;
    }

    /// <summary>Where the quote that opens <paramref name="text"/> closes (a double quote escaped by a backslash does not), or null.</summary>
    private static int? Closing(string text)
    {
        for (int i = 1; i < text.Length; i++)
        {
            if (text[0] == '"' && text[i] == '\\') i++;
            else if (text[i] == text[0]) return i;
        }
        return null;
    }

    /// <summary>What may follow a closing quote: nothing, or a comment.</summary>
    private static bool Rest(string rest) => rest.TrimStart() is var r && (r.Length == 0 || r[0] == '#');

    /// <summary>foreman's double-quote rule, in its order: <c>\n</c> becomes a newline, then a backslash before any character is dropped.</summary>
    private static string Unescape(string text)
    {
        string lines = text.Replace("\\n", "\n", StringComparison.Ordinal);
        var value = new StringBuilder(lines.Length);
        for (int i = 0; i < lines.Length; i++)
            value.Append(lines[i] == '\\' && i + 1 < lines.Length ? lines[++i] : lines[i]);
        return value.ToString();
    }
}
