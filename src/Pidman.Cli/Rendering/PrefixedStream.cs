using Pidman.Config;
using Pidman.PidFiles;
using Pidman.Services;

namespace Pidman.Cli.Rendering;

/// <summary><c>pidman up</c>'s foreground stream: every line as <c>name | text</c>, names padded to one width, one colour each.</summary>
internal sealed class PrefixedStream(ProjectConfig config, Palette palette)
{
    private readonly Lock _console = new();
    private readonly int _width = Math.Max(6, config.Services.SelectMany(s => s.InstanceTypes.Select(t => PidFileName.Create(s.Name, t).Stem.Length)).Max());

    /// <summary>Prints <paramref name="text"/> from <paramref name="source"/> (an instance's stem, or "pidman").</summary>
    public void Print(string source, string text)
    {
        lock (_console) Console.Out.WriteLine(palette.Prefix(source, _width) + text);
    }
}
