namespace Pidman.Cli.Rendering;

/// <summary>One colour per service for the prefixed stream of <c>pidman up</c>, as foreman does.</summary>
internal sealed class Palette(bool color)
{
    private static readonly string[] Colors = ["36", "33", "32", "35", "34", "91", "96", "93", "92", "95"];
    private readonly Dictionary<string, string> _assigned = [];

    public string Prefix(string name, int width)
    {
        string padded = name.PadRight(width) + " | ";
        if (!color) return padded;
        if (!_assigned.TryGetValue(name, out var code))
            _assigned[name] = code = name == "pidman" ? "1" : Colors[_assigned.Count % Colors.Length];
        return $"\u001b[{code}m{padded}\u001b[0m";
    }
}
