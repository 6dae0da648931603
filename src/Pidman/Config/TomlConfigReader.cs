using Pidman.Os.Fs;
using Pidman.PidFiles;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Pidman.Config;

/// <summary>
/// Reads <c>pidman.toml</c> through Tomlyn's syntax tree, which keeps every key with its line: the
/// serializer would silently drop unknown keys and lose the lines of type errors. The keys' meaning
/// and all checks come after, from the <see cref="ConfigDocument"/> this returns.
/// </summary>
internal static class TomlConfigReader
{
    /// <summary>
    /// Reads <paramref name="path"/> of the project at <paramref name="root"/> by the file trust rule
    /// (<see cref="ConfigFileText"/>); a file the rule refuses, an unreadable file or bad syntax comes back as errors in the document.
    /// </summary>
    internal static ConfigDocument Read(string path, string? root)
    {
        if (!ConfigFileText.TryRead(path, root, out string text, out string problem))
            return new ConfigDocument(path, [], [], [new ConfigError(path, 0, null, TrustedFile.WithoutName(problem, path))]);

        DocumentSyntax doc;
        try
        {
            doc = SyntaxParser.Parse(text, path, true);
        }
        catch (Tomlyn.TomlException e)
        {
            // Tomlyn throws past its limits (tables nested too deep, for one) instead of reporting a diagnostic; its message
            // speaks of its own options, which mean nothing to the file's author.
            return new ConfigDocument(path, [], [], [new ConfigError(path, 0, null, e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? "tables or arrays are nested too deeply (pidman.toml needs [services.NAME] and inline tables one level down)"
                : $"cannot parse: {e.Message}")]);
        }
        var syntaxErrors = doc.Diagnostics
            .Where(d => d.Kind == DiagnosticMessageKind.Error)
            .Select(d => new ConfigError(path, d.Span.Start.Line + 1, null, d.Message))
            .ToList();
        var entries = new List<ConfigEntry>();
        var headers = new List<(IReadOnlyList<string>, int)>();
        if (syntaxErrors.Count == 0)
        {
            foreach (var kv in doc.KeyValues) Flatten([], kv, entries, syntaxErrors, path);
            foreach (var table in doc.Tables)
            {
                var prefix = KeyPath(table.Name);
                int line = table.Span.Start.Line + 1;
                if (table is not TableSyntax)
                {
                    syntaxErrors.Add(new ConfigError(path, line, string.Join('.', prefix), "arrays of tables ([[...]]) are not used by pidman"));
                    continue;
                }
                headers.Add((prefix, line));
                foreach (var kv in table.Items) Flatten(prefix, kv, entries, syntaxErrors, path);
            }
        }
        return new ConfigDocument(path, entries, headers, syntaxErrors);
    }

    private static void Flatten(IReadOnlyList<string> prefix, KeyValueSyntax kv, List<ConfigEntry> entries, List<ConfigError> errors, string path)
    {
        var key = prefix.Concat(KeyPath(kv.Key)).ToList();
        int line = kv.Span.Start.Line + 1;
        switch (kv.Value)
        {
            case InlineTableSyntax table:
                foreach (var item in table.Items)
                    if (item.KeyValue is { } inner) Flatten(key, inner, entries, errors, path);
                break;
            case { } value when Scalar(value) is { } scalar:
                entries.Add(new ConfigEntry(key, scalar, line));
                break;
            case ArraySyntax array:
                var items = new List<object>();
                foreach (var item in array.Items)
                {
                    if (item.Value is { } v && Scalar(v) is { } s) items.Add(s);
                    else errors.Add(new ConfigError(path, line, string.Join('.', key), "arrays may hold only strings, numbers and booleans"));
                }
                entries.Add(new ConfigEntry(key, items, line));
                break;
            default:
                errors.Add(new ConfigError(path, line, string.Join('.', key), "unsupported value (dates are not used by pidman)"));
                break;
        }
    }

    private static object? Scalar(ValueSyntax value) => value switch
    {
        StringValueSyntax s => s.Value ?? "",
        IntegerValueSyntax i => i.Value,
        FloatValueSyntax f => f.Value,
        BooleanValueSyntax b => b.Value,
        _ => null,
    };

    private static List<string> KeyPath(KeySyntax? key)
    {
        var path = new List<string>();
        if (key is null) return path;
        path.Add(KeyText(key.Key));
        foreach (var dotted in key.DotKeys) path.Add(KeyText(dotted.Key));
        return path;
    }

    private static string KeyText(SyntaxNode? key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };
}
