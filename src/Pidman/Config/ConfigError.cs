namespace Pidman.Config;

/// <summary>One problem in a config file, with where it is.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">1-based line, or 0 when the problem is not at one line.</param>
/// <param name="Key">The key (dotted path) concerned, if any.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record ConfigError(string File, int Line, string? Key, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{File}{(Line > 0 ? $":{Line}" : "")}: {(Key is null ? "" : $"{Shortened(Key)}: ")}{Message}";

    /// <summary>A key as messages show it: cut after 80 characters (a key may be a megabyte long).</summary>
    private static string Shortened(string key) => key.Length <= 80 ? key : $"{key[..80]}… ({key.Length} characters)";
}
