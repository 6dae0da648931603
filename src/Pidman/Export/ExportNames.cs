using System.Text;

namespace Pidman.Export;

/// <summary>Names shared by the exporters: the project's name and each instance's unit/program name.</summary>
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
