using System.Text;

namespace Pidman.Config;

/// <summary>
/// <c>$NAME</c> and <c>${NAME}</c> in a text that names where a service is (a health check's URL or address), replaced by
/// the instance's variables: <c>http://127.0.0.1:$PORT/health</c> probes each instance at its own port. A variable the
/// instance does not have becomes empty, as in the shell.
/// </summary>
internal static class EnvironmentText
{
    /// <summary><paramref name="text"/> with every variable reference replaced from <paramref name="variables"/>.</summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> variables) => Replace(text, name => variables.GetValueOrDefault(name) ?? "");

    /// <summary>The text as it reads with every variable a plain number: for checking its form before any instance exists.</summary>
    public static string WithPlaceholders(string text) => Replace(text, _ => "1");

    /// <summary>True when <paramref name="text"/> refers to a variable.</summary>
    public static bool HasVariables(string text) => Replace(text, _ => "") != text;

    private static string Replace(string text, Func<string, string> value)
    {
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            bool braced = text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{';
            int start = braced ? i + 2 : i + 1;
            int end = start;
            if (text[i] == '$' && end < text.Length && (char.IsAsciiLetter(text[end]) || text[end] == '_'))
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
            if (end == start || (braced && (end >= text.Length || text[end] != '}')))
            {
                result.Append(text[i]);
                continue;
            }
            result.Append(value(text[start..end]));
            i = braced ? end : end - 1;
        }
        return result.ToString();
    }
}
