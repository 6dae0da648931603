using System.Diagnostics;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>The packages, packed once for the tests of this class (<c>build.sh pack</c> into a feed of their own).</summary>
public sealed class PackedFeed : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Lazy<string> _consumer;

    public PackedFeed()
    {
        // A version of its own, so no package cached by an earlier run stands in for this build.
        Version = $"1.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        Feed = Path.Combine(_dir.Path, "feed");
        var pack = PackagingTests.Run(Repository.Root, "bash", "build.sh", "pack", Feed, $"-p:Version={Version}", $"-p:ArtifactsPath={Path.Combine(_dir.Path, "artifacts")}");
        PackOutput = pack.ExitCode == 0 ? null : pack.Output;
        File.WriteAllText(Path.Combine(_dir.Path, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="pidman-packed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        _consumer = new(BuildConsumer);
    }

    public string Version { get; }

    public string Feed { get; }

    /// <summary>The folder whose nuget.config names the feed: a project below it restores from there.</summary>
    public string Root => _dir.Path;

    /// <summary>Null when the pack worked; else what it printed.</summary>
    public string? PackOutput { get; }

    /// <summary>examples/LibraryConsumer built from the packed Pidman package as a strict consumer builds: its dll, or the build's output as the exception.</summary>
    public string ConsumerDll => _consumer.Value;

    private string BuildConsumer()
    {
        // Warnings are errors, with the recommended analyzers: no CA1416 from the library, no internal type reachable.
        string consumer = CopyExample("LibraryConsumer", $"""<PackageReference Include="Pidman" Version="{Version}" />""",
            "<TreatWarningsAsErrors>true</TreatWarningsAsErrors><AnalysisLevel>latest-recommended</AnalysisLevel>");
        var build = PackagingTests.Run(consumer, "dotnet", "build", "-c", "Release", "-o", Path.Combine(consumer, "out"));
        if (build.ExitCode != 0 || build.Output.Contains("CA1416", StringComparison.Ordinal)) throw new InvalidOperationException(build.Output);
        return Path.Combine(consumer, "out", "LibraryConsumer.dll");
    }

    /// <summary>
    /// examples/<paramref name="name"/>'s Program.cs in a folder of its own under <see cref="Root"/> (so it restores from the
    /// feed), with a project file of <paramref name="references"/> in place of the example's project references.
    /// </summary>
    internal string CopyExample(string name, string references, string properties = "")
    {
        string folder = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(Repository.Root, "examples", name, "Program.cs"), Path.Combine(folder, "Program.cs"));
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {references}
              </ItemGroup>
            </Project>
            """);
        return folder;
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>The NuGet packages as a user gets them: the tool installs and runs, the libraries build a Generic Host app and a console app.</summary>
public sealed class PackagingTests(PackedFeed packed) : ProcessTest, IClassFixture<PackedFeed>
{
    internal static (int ExitCode, string Output) Run(string workingDirectory, string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // No build server may outlive the test: MSBuild nodes, the MSBuild server and the compiler server are off.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["UseSharedCompilation"] = "false";
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(600_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(' ', args)} took over 10 minutes");
        }
        return (p.ExitCode, stdout + stderr.Result);
    }

    [Fact]
    public void The_tool_package_installs_and_runs_and_the_hosted_worker_builds_and_runs_from_the_library_packages()
    {
        Assert.True(packed.PackOutput is null, packed.PackOutput);
        string version = packed.Version, feed = packed.Feed;
        foreach (string package in new[] { "Pidman", "Pidman.Hosting", "Pidman.Tool", "Pidman.Tool.linux-x64" })
            Assert.True(File.Exists(Path.Combine(feed, $"{package}.{version}.nupkg")), $"{package}.{version}.nupkg in {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
        Assert.True(File.Exists(Path.Combine(feed, $"Pidman.{version}.snupkg")), "the library's symbol package");
        // A debugger steps into the library's sources from its symbols alone: every document's text is in the PDB.
        using (var symbols = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, $"Pidman.{version}.snupkg")))
        {
            using var pdb = new MemoryStream();
            using (var entry = symbols.Entries.Single(e => e.FullName.EndsWith("/Pidman.pdb", StringComparison.Ordinal)).Open()) entry.CopyTo(pdb);
            pdb.Position = 0;
            using var provider = System.Reflection.Metadata.MetadataReaderProvider.FromPortablePdbStream(pdb);
            var reader = provider.GetMetadataReader();
            var embeddedSource = new Guid("0E8A571B-6926-466E-B4AD-8AB04611F5FE"); // the Portable PDB kind for embedded source
            var embedded = reader.CustomDebugInformation.Select(reader.GetCustomDebugInformation)
                .Where(c => reader.GetGuid(c.Kind) == embeddedSource).Select(c => c.Parent).ToHashSet();
            var documents = reader.Documents.Select(d => (System.Reflection.Metadata.EntityHandle)d).ToList();
            Assert.True(documents.Count > 100, $"{documents.Count} documents in Pidman.pdb");
            var missing = documents.Where(d => !embedded.Contains(d)).Select(d => reader.GetString(reader.GetDocument((System.Reflection.Metadata.DocumentHandle)d).Name)).ToList();
            Assert.True(missing.Count == 0, "sources not embedded: " + string.Join(", ", missing.Take(5)));
        }
        // Pidman.Hosting uses Pidman's internals: it must restore with exactly its own Pidman, and each library has its own short README.
        using (var hosting = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, $"Pidman.Hosting.{version}.nupkg")))
        {
            using var nuspec = new StreamReader(hosting.GetEntry("Pidman.Hosting.nuspec")!.Open());
            Assert.Contains($"<dependency id=\"Pidman\" version=\"[{version}]\"", nuspec.ReadToEnd());
            using var readme = new StreamReader(hosting.GetEntry("README.md")!.Open());
            Assert.StartsWith("# Pidman.Hosting", readme.ReadToEnd());
        }

        string tools = Path.Combine(_dir.Path, "tools");
        var install = Run(_dir.Path, "dotnet", "tool", "install", "--tool-path", tools, "--add-source", feed, "Pidman.Tool", "--version", version);
        Assert.True(install.ExitCode == 0, install.Output);
        var pidman = Run(_dir.Path, Path.Combine(tools, "pidman"), "--version");
        Assert.True(pidman.ExitCode == 0, pidman.Output);
        Assert.StartsWith(version + "+", pidman.Output);
        // The line stamper's own binary travels in the tool package, beside the pidman binary.
        Assert.Single(Directory.EnumerateFiles(tools, "pidman-stamp", SearchOption.AllDirectories));

        // examples/HostedWorker, with package references in place of the project references.
        string worker = packed.CopyExample("HostedWorker", $"""
            <PackageReference Include="Pidman.Hosting" Version="{version}" />
            <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.0" />
            """);
        var build = Run(worker, "dotnet", "build", "-c", "Release", "-o", Path.Combine(worker, "out"));
        Assert.True(build.ExitCode == 0, build.Output);

        // Run from elsewhere with --contentRoot: the file goes under the content root, and the host logs its path.
        string elsewhere = Path.Combine(_dir.Path, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        var host = _procs.StartShell($"cd '{elsewhere}' && exec dotnet '{Path.Combine(worker, "out", "HostedWorker.dll")}' --service hosted --contentRoot '{_dir.Path}'");
        string pidFile = Path.Combine(_dir.PidDir, "hosted.pid");
        Wait.Until(() => File.Exists(pidFile), "the packed Pidman.Hosting to register hosted.pid", TimeSpan.FromSeconds(60));
        var stop = Run(_dir.Path, Path.Combine(tools, "pidman"), "stop", "hosted");
        Assert.True(stop.ExitCode == 0, stop.Output);
        Assert.True(host.WaitForExit(15_000));
        Assert.Equal(0, host.ExitCode); // a graceful host shutdown
        Assert.False(File.Exists(pidFile));
        string said = host.StandardOutput.ReadToEnd();
        Assert.Contains($"PID file {pidFile} written for PID {host.Id}", said);
        Assert.Contains("worker: shutting down gracefully", said);
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "local")), "nothing may be written under the working directory");
    }

    [Fact]
    public void The_library_package_alone_serves_a_strict_console_app_that_starts_and_stops_its_workers()
    {
        var used = Run(_dir.Path, "dotnet", packed.ConsumerDll, Path.Combine(_dir.Path, "consumer-project"));
        Assert.True(used.ExitCode == 0, used.Output);
        Assert.Equal(
            [
                "public types: 45", // Pidman.dll's whole public surface (PublicAPI.Unshipped.txt lists each member)
                "registered: True",
                "after dispose: none",
                "child running: True",
                "child stop: Terminated by SIGTERM",
                "worker start: Started, PID file names it: True",
                "worker stop: Terminated, running: False",
                "cancelled before: no stop True, still running True",
                "cancelled during a 10 s stop: True, within 1 s True, still running True",
                "supervised: ready True, web ran True, ended in 10 s True with 0, web running False",
                "refused: invalid service name 'not a name': use 1-64 characters from A-Z a-z 0-9 . _ -, starting with a letter or digit",
                "cleanup dry run: 0 to remove, 0 kept",
                "active: []",
            ],
            used.Output.TrimEnd().Split('\n'));
    }

    [PrivateMountsFact]
    public void The_library_package_reports_a_removal_it_could_not_make_on_a_read_only_directory()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        Assert.Equal(0, PidmanCli.Run(_dir.PidDir, "register", "stale", "--pid", sleeper.Pid()).ExitCode);
        sleeper.Kill();
        sleeper.WaitForExit();
        // The PID directory bind-mounted read-only over itself, in a mount namespace of the consumer's own.
        var used = Run(_dir.Path, "unshare", "--mount", "--propagation", "private", "sh", "-c", "mount --bind -o ro \"$1\" \"$1\" && shift && exec \"$@\"",
            "sh", _dir.PidDir, "dotnet", packed.ConsumerDll, "read-only", _dir.PidDir);
        Assert.True(used.ExitCode == 0, used.Output);
        Assert.Equal(["read-only: Stale, removed False, errno 30", "read-only cleanup: 0 removed, 1 kept, errno 30, file there True"], used.Output.TrimEnd().Split('\n'));
    }
}
