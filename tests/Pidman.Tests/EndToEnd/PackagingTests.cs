using System.Diagnostics;
using Pidman.Projects;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>The NuGet packages as a user gets them: the tool installs and runs, the libraries build a Generic Host app.</summary>
public sealed class PackagingTests : ProcessTest
{
    private static (int ExitCode, string Output) Run(string workingDirectory, string command, params string[] args)
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
        // A version of its own, so no package cached by an earlier run stands in for this build.
        string version = $"1.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        string feed = Path.Combine(_dir.Path, "feed");
        var pack = Run(Repository.Root, "bash", "build.sh", "pack", feed, $"-p:Version={version}", $"-p:ArtifactsPath={Path.Combine(_dir.Path, "artifacts")}");
        Assert.True(pack.ExitCode == 0, pack.Output);
        foreach (string package in new[] { "Pidman", "Pidman.Hosting", "Pidman.Tool", "Pidman.Tool.linux-x64" })
            Assert.True(File.Exists(Path.Combine(feed, $"{package}.{version}.nupkg")), $"{package}.{version}.nupkg in {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
        Assert.True(File.Exists(Path.Combine(feed, $"Pidman.{version}.snupkg")), "the library's symbol package");
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
        string worker = Path.Combine(_dir.Path, "worker");
        Directory.CreateDirectory(worker);
        File.Copy(Path.Combine(Repository.Root, "examples", "HostedWorker", "Program.cs"), Path.Combine(worker, "Program.cs"));
        File.WriteAllText(Path.Combine(worker, "HostedWorker.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Pidman.Hosting" Version="{version}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(worker, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="pidman-packed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var build = Run(worker, "dotnet", "build", "-c", "Release", "-o", Path.Combine(worker, "out"));
        Assert.True(build.ExitCode == 0, build.Output);

        var host = _procs.StartShell($"cd '{_dir.Path}' && exec dotnet '{Path.Combine(worker, "out", "HostedWorker.dll")}' --service hosted");
        string pidFile = Path.Combine(_dir.PidDir, "hosted.pid");
        Wait.Until(() => File.Exists(pidFile), "the packed Pidman.Hosting to register hosted.pid", TimeSpan.FromSeconds(60));
        var stop = Run(_dir.Path, Path.Combine(tools, "pidman"), "stop", "hosted");
        Assert.True(stop.ExitCode == 0, stop.Output);
        Assert.True(host.WaitForExit(15_000));
        Assert.Equal(0, host.ExitCode); // a graceful host shutdown
        Assert.False(File.Exists(pidFile));

        // examples/LibraryConsumer on the Pidman package alone, as a consumer's strict build has it: warnings are errors
        // (no CA1416 from the library, no internal type reachable), and every line it prints is what the API must do.
        string consumer = Path.Combine(_dir.Path, "consumer");
        Directory.CreateDirectory(consumer);
        File.Copy(Path.Combine(Repository.Root, "examples", "LibraryConsumer", "Program.cs"), Path.Combine(consumer, "Program.cs"));
        File.Copy(Path.Combine(worker, "nuget.config"), Path.Combine(consumer, "nuget.config"));
        File.WriteAllText(Path.Combine(consumer, "LibraryConsumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <AnalysisLevel>latest-recommended</AnalysisLevel>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Pidman" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        var consumerBuild = Run(consumer, "dotnet", "build", "-c", "Release", "-o", Path.Combine(consumer, "out"));
        Assert.True(consumerBuild.ExitCode == 0, consumerBuild.Output);
        Assert.DoesNotContain("CA1416", consumerBuild.Output);
        var used = Run(_dir.Path, "dotnet", Path.Combine(consumer, "out", "LibraryConsumer.dll"), Path.Combine(_dir.Path, "consumer-project"));
        Assert.True(used.ExitCode == 0, used.Output);
        Assert.Equal(
            [
                "registered: True",
                "after dispose: none",
                "child running: True",
                "child stop: Terminated by SIGTERM",
                "worker start: Started, PID file names it: True",
                "worker stop: Terminated, running: False",
                "refused: invalid service name 'not a name': use 1-64 characters from A-Z a-z 0-9 . _ -, starting with a letter or digit",
                "cleanup dry run: 0 to remove, 0 kept",
                "active: []",
            ],
            used.Output.TrimEnd().Split('\n'));
    }
}
