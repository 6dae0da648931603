using System.Text;

namespace Pidman.Cli.Rendering;

/// <summary>A plain left-aligned text table; colour codes in cells are not counted as width.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<(string[] Cells, string[] Plain)> _rows = [];

    public void Add(string[] plain, string[]? styled = null) => _rows.Add((styled ?? plain, plain));

    public string Render()
    {
        int columns = headers.Length;
        var widths = new int[columns];
        for (int c = 0; c < columns; c++)
            widths[c] = Math.Max(headers[c].Length, _rows.Count == 0 ? 0 : _rows.Max(r => r.Plain[c].Length));
        var text = new StringBuilder();
        AppendRow(text, headers, headers, widths);
        foreach (var (cells, plain) in _rows) AppendRow(text, cells, plain, widths);
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
