using System.Text.RegularExpressions;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.Architecture;

/// <summary>
/// The layers of docs/design.md, checked on the source: each namespace uses only those below it (by type name, using
/// line or qualified name), only Os/Interop declares native imports, only the Signaller sends signals, only Os calls libc
/// (and the log stamper, a process of its own that moves bytes between descriptors), and the CLI's commands only parse
/// and render.
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>Bottom first: each may use only those before it.</summary>
    private static readonly string[] Layers =
        ["Pidman.Json", "Pidman.Exceptions", "Pidman.Os.Interop", "Pidman.Os.Fs", "Pidman.Os", "Pidman.Containment", "Pidman.PidFiles", "Pidman.Stopping",
         "Pidman.Config", "Pidman.Logs", "Pidman", "Pidman.Tmux", "Pidman.Services", "Pidman.Export", "Pidman.Supervision", "Pidman.Projects"];

    private static string Src(string project) => Path.Combine(Repository.Root, "src", project);

    private static IEnumerable<(string File, string Namespace, string Code)> SourceFiles(string project) =>
        Directory.EnumerateFiles(Src(project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(f =>
            {
                string code = Strings().Replace(Comments().Replace(File.ReadAllText(f), ""), "\"\"");
                return (f, NamespaceDeclaration().Match(code).Groups[1].Value, code);
            });

    [Fact]
    public void Each_library_namespace_uses_only_the_layers_below_it()
    {
        var files = SourceFiles("Pidman").ToList();
        Assert.Equal(Layers.Order(), files.Select(f => f.Namespace).Distinct().Order());
        var owners = files.SelectMany(f => TypeDeclaration().Matches(f.Code).Select(m => (Type: m.Groups[1].Value, f.Namespace)))
            .GroupBy(x => x.Type).Where(g => g.Select(x => x.Namespace).Distinct().Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Namespace);

        var violations = new List<string>();
        foreach (var (file, ns, code) in files)
        {
            int level = Array.IndexOf(Layers, ns);
            void Check(string what, string owner)
            {
                if (Array.IndexOf(Layers, owner) > level) violations.Add($"{Path.GetRelativePath(Repository.Root, file)} ({ns}) uses {what} of {owner}");
            }
            foreach (var used in TypeReference().Matches(code).Select(m => m.Groups[1].Value).Distinct())
                if (owners.TryGetValue(used, out var owner)) Check(used, owner);
            // `using Pidman.Services;` and `Services.ServiceLogs` name a layer without a bare type reference.
            foreach (var imported in UsingDirective().Matches(code).Select(m => m.Groups[1].Value).Distinct())
                if (Layers.Contains(imported)) Check($"'using {imported}'", imported);
            foreach (Match m in QualifiedReference().Matches(code))
            {
                string qualifier = m.Groups[1].Value.StartsWith("Pidman.", StringComparison.Ordinal) ? m.Groups[1].Value : "Pidman." + m.Groups[1].Value;
                if (owners.TryGetValue(m.Groups[2].Value, out var owner) && owner == qualifier) Check(m.Value, owner);
            }
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void The_layer_check_sees_usings_and_qualified_names()
    {
        // The check above must not pass by missing what it looks for: each of these forms is found in this sample.
        const string sample = "using Pidman.Services;\nnamespace Pidman.Processes;\nclass X { object a = Supervision.Supervisor.Run(); object b = Pidman.Tmux.TmuxServer.Attach(); }";
        Assert.Equal(["Pidman.Services"], UsingDirective().Matches(sample).Select(m => m.Groups[1].Value));
        Assert.Equal(["Supervision.Supervisor", "Pidman.Tmux.TmuxServer"], QualifiedReference().Matches(sample).Select(m => m.Groups[1].Value + "." + m.Groups[2].Value));
    }

    [Fact]
    public void Only_interop_declares_native_imports_and_only_the_signaller_sends_signals()
    {
        var files = SourceFiles("Pidman").Concat(SourceFiles("Pidman.Cli")).Concat(SourceFiles("Pidman.Hosting")).ToList();
        var imports = files.Where(f => f.Namespace != "Pidman.Os.Interop" && (f.Code.Contains("[LibraryImport", StringComparison.Ordinal) || f.Code.Contains("[DllImport", StringComparison.Ordinal)))
            .Select(f => f.File).ToList();
        Assert.True(imports.Count == 0, "native imports outside Os/Interop:\n" + string.Join("\n", imports));
        var signals = files.Where(f => Path.GetFileName(f.File) != "Signaller.cs" && SignalCall().IsMatch(f.Code)).Select(f => f.File).ToList();
        Assert.True(signals.Count == 0, "kill(2) or pidfd_send_signal outside Os/Signaller.cs:\n" + string.Join("\n", signals));
    }

    [Fact]
    public void Only_os_calls_libc()
    {
        var callers = new[] { "Pidman", "Pidman.Cli", "Pidman.Hosting", "Pidman.Stamper" }.SelectMany(SourceFiles)
            .Select(f => Path.GetRelativePath(Path.Combine(Repository.Root, "src"), f.File).Replace('\\', '/') is var path && LibcUse().IsMatch(f.Code) ? path : null)
            .OfType<string>()
            .Where(path => !path.StartsWith("Pidman/Os/", StringComparison.Ordinal))
            .ToList();
        Assert.True(callers.Count == 0, "libc called outside Os/:\n" + string.Join("\n", callers));
        Assert.True(LibcUse().IsMatch("x = Libc.O_RDONLY;") && LibcUse().IsMatch("Libc.ReadOnce(fd, b, out _)") && !LibcUse().IsMatch("Libc.FileStatus status"), "the check sees calls and flags, not the status type");
    }

    [Fact]
    public void Every_command_file_is_small_enough_to_only_parse_and_render()
    {
        var large = Directory.EnumerateFiles(Path.Combine(Src("Pidman.Cli"), "Commands"), "*.cs")
            .Select(f => (File: Path.GetFileName(f), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > 60)
            .ToList();
        Assert.True(large.Count == 0, string.Join(", ", large.Select(f => $"{f.File}: {f.Lines} lines")));
    }

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comments();

    [GeneratedRegex("\"(?:[^\"\\\\\\n]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"^using\s+(?:static\s+)?(Pidman(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    /// <summary>A type named through its layer: <c>Logs.LogStamp</c>, <c>Pidman.Services.ServiceLogs</c>.</summary>
    [GeneratedRegex(@"(?<![.\w])((?:Pidman\.)?(?:Json|Exceptions|Os\.Interop|Os\.Fs|Os|Containment|PidFiles|Logs|Stopping|Config|Tmux|Services|Export|Supervision|Projects))\.([A-Z]\w*)")]
    private static partial Regex QualifiedReference();

    /// <summary>A libc call or one of its flags; naming its <c>FileStatus</c> type is not a call.</summary>
    [GeneratedRegex(@"\bLibc\.(?:[A-Z]\w*\(|O_|IN_)")]
    private static partial Regex LibcUse();

    [GeneratedRegex(@"\bLibc\.(?:Kill|PidfdSendSignal)\(")]
    private static partial Regex SignalCall();

    [GeneratedRegex(@"^namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^(?:public |internal )?(?:sealed |static |abstract |readonly |partial |unsafe )*(?:class|record|struct|enum|interface)\s+(?:struct\s+)?([A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    /// <summary>A capitalised name that is not a member access (<c>x.Name</c>) nor a member being declared (<c>string Name =</c>).</summary>
    [GeneratedRegex(@"(?<![.\w])(?<!\b(?:string|int|bool|const|double|long)\?? )([A-Z]\w*)\b")]
    private static partial Regex TypeReference();
}
