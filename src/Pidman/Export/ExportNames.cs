using System.Text;

namespace Pidman.Export;

/// <summary>The project's name as the exporters write it (each exporter names its own units and programs from it).</summary>
internal static class ExportNames
{
    /// <summary>The root folder's name, reduced to characters every init system accepts.</summary>
    internal static string Project(string root)
    {
        var name = new StringBuilder();
        foreach (char c in Path.GetFileName(Path.TrimEndingDirectorySeparator(root)))
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        return name.Length == 0 ? "pidman" : name.ToString();
    }
}
