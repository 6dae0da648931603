namespace Pidman.Config;

/// <summary>One problem in a config file, with where it is.</summary>
public sealed record ConfigError
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal ConfigError(string file, int line, string? key, string message)
    {
        File = file;
        Line = line;
        Key = key;
        Message = message;
    }

    /// <summary>The file.</summary>
    public string File { get; init; }

    /// <summary>1-based line, or 0 when the problem is not at one line.</summary>
    public int Line { get; init; }

    /// <summary>The key (dotted path) concerned, if any.</summary>
    public string? Key { get; init; }

    /// <summary>What is wrong and what is expected.</summary>
    public string Message { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{File}{(Line > 0 ? $":{Line}" : "")}: {(Key is null ? "" : $"{Shortened(Key)}: ")}{Message}";

    /// <summary>A key as messages show it: cut after 80 characters (a key may be a megabyte long).</summary>
    private static string Shortened(string key) => key.Length <= 80 ? key : $"{key[..80]}… ({key.Length} characters)";
}
