namespace Pidman.Config;

/// <summary>
/// A config file read into flat keys: what the file says, not yet what it means. A <c>pidman.toml</c> is read
/// by <see cref="TomlConfigReader"/>; the meaning of <c>[settings]</c> is <see cref="ProjectSettings"/>'s, that
/// of <c>[services.NAME]</c> the Services layer's.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Entries">Every key with its value and line.</param>
/// <param name="Tables">Each <c>[table]</c> header and its line, so a table with no keys is still seen.</param>
/// <param name="SyntaxErrors">What the reader could not parse; a file with any has no entries.</param>
internal sealed record ConfigDocument(string Path, IReadOnlyList<ConfigEntry> Entries, IReadOnlyList<(IReadOnlyList<string> Path, int Line)> Tables, IReadOnlyList<ConfigError> SyntaxErrors);
