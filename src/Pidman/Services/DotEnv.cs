using Pidman.Config;

namespace Pidman.Services;

/// <summary>
/// <c>.env</c> files as foreman reads them: <c>KEY=value</c> lines, optional <c>export </c>, <c>#</c> comments,
/// single quotes taken literally, double quotes with <c>\n</c> <c>\"</c> <c>\\</c> escapes.
/// </summary>
public static class DotEnv
{
    /// <summary>Parses every file of <paramref name="paths"/> in order, later ones winning; problems are added to <paramref name="errors"/>.</summary>
    public static Dictionary<string, string> ReadAll(IReadOnlyList<string> paths, List<ConfigError> errors, string? root = null)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in paths)
            foreach (var (k, v) in Read(path, errors, root)) result[k] = v;
        return result;
    }

    /// <summary>
    /// Parses <paramref name="path"/> (under the project at <paramref name="root"/>, reached through its held folders, when
    /// given) by the trust rule for files; problems are added to <paramref name="errors"/>.
    /// </summary>
    public static Dictionary<string, string> Read(string path, List<ConfigError> errors, string? root = null)
    {
        if (ConfigFileText.TryRead(path, root, out string text, out string problem)) return Parse(path, text, errors);
        errors.Add(new ConfigError(path, 0, null, FileSystem.TrustedFile.WithoutName(problem, path)));
        return [];
    }

    /// <summary>Parses the text of env file <paramref name="path"/>; problems are added to <paramref name="errors"/>.</summary>
    public static Dictionary<string, string> Parse(string path, string text, List<ConfigError> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines = ConfigFileText.Lines(text);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line[7..].TrimStart();
            int eq = line.IndexOf('=');
            string key = eq > 0 ? line[..eq].Trim() : "";
            if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(key[0]))
            {
                errors.Add(new ConfigError(path, i + 1, null, "expected KEY=value with KEY made of letters, digits and _"));
                continue;
            }
            result[key] = Unquote(line[(eq + 1)..].Trim());
        }
        return result;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'') return value[1..^1];
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            return value[1..^1].Replace("\\n", "\n").Replace("\\\"", "\"").Replace("\\\\", "\\");
        int comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 ? value[..comment].TrimEnd() : value;
    }
}
