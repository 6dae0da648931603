using System.Text;

namespace Pidman.Cli.Rendering;

/// <summary>
/// A plain left-aligned text table, one line per row; colour codes in cells are not counted as width. Given a width, the
/// last column is cut with "…" so that no line is longer.
/// </summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<(string[] Cells, string[] Plain)> _rows = [];

    public void Add(string[] plain, string[]? styled = null) => _rows.Add((styled ?? plain, plain));

    /// <summary>The table; with <paramref name="width"/>, the last column is cut to fit (down to "…" alone).</summary>
    public string Render(int? width = null)
    {
        int columns = headers.Length;
        var widths = new int[columns];
        for (int c = 0; c < columns; c++)
            widths[c] = Math.Max(headers[c].Length, _rows.Count == 0 ? 0 : _rows.Max(r => r.Plain[c].Length));
        int lastStart = widths[..^1].Sum() + 2 * (columns - 1);
        int? lastWidth = width is int w ? Math.Max(1, w - lastStart) : null;
        var text = new StringBuilder();
        foreach (var (cells, plain) in _rows.Prepend((headers, headers)))
        {
            if (lastWidth is int max && plain[^1].Length > max)
            {
                string cut = plain[^1][..(max - 1)] + "…";
                AppendRow(text, [.. cells[..^1], cut], [.. plain[..^1], cut], widths);
            }
            else
            {
                AppendRow(text, cells, plain, widths);
            }
        }
        return text.ToString().TrimEnd('\n');
    }

    private static void AppendRow(StringBuilder text, string[] cells, string[] plain, int[] widths)
    {
        for (int c = 0; c < cells.Length; c++)
        {
            text.Append(cells[c]);
            if (c < cells.Length - 1) text.Append(' ', widths[c] - plain[c].Length + 2);
        }
        text.TrimEnd().Append('\n');
    }
}

internal static class StringBuilderExtensions
{
    public static StringBuilder TrimEnd(this StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ') text.Length--;
        return text;
    }
}
