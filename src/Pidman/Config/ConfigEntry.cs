namespace Pidman.Config;

/// <summary>
/// One key of a config file, flattened: <c>[services.web] env = { PORT = "8000" }</c> becomes the path
/// <c>services, web, env, PORT</c>. The file's syntax is the reader's business (the CLI reads TOML);
/// what the keys mean, and every check of them, is <c>ProjectConfigBuilder</c>'s (a layer above).
/// </summary>
/// <param name="Path">The key path.</param>
/// <param name="Value">A string, long, double, bool, or a list of those.</param>
/// <param name="Line">1-based line of the key.</param>
internal sealed record ConfigEntry(IReadOnlyList<string> Path, object Value, int Line)
{
    /// <summary>The dotted key, for messages.</summary>
    public string Key => string.Join('.', Path);
}
