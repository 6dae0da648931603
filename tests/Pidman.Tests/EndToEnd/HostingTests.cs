using Microsoft.Extensions.DependencyInjection;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>Pidman.Hosting in a real Generic Host app (examples/HostedWorker).</summary>
public sealed class HostingTests : ProcessTest
{
    [Fact]
    public void A_hosted_app_shows_as_running_and_pidman_stop_is_a_graceful_shutdown()
    {
        var worker = StartWorker(_dir.PidDir);
        Wait.Until(() => File.Exists(_dir.File("web.pid")), "the host to write web.pid");
        var status = PidmanCli.Run(_dir.PidDir, "status", "web", "--json");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(worker.Id, status.Json.GetProperty("entries")[0].GetProperty("pid").GetInt32());

        var stop = PidmanCli.Run(_dir.PidDir, "stop", "web", "--json");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal("terminated", stop.Json.GetProperty("results")[0].GetProperty("outcome").GetString());
        Assert.True(worker.WaitForExit(30_000));
        Assert.Equal(0, worker.ExitCode);
        string output = worker.StandardOutput.ReadToEnd();
        Assert.Contains("worker: shutting down gracefully", output);
        Assert.Contains("worker: stopped", output);
        Assert.False(File.Exists(_dir.File("web.pid")));
    }

    [Fact]
    public void Pidman_stop_waits_out_the_host_s_shutdown_timeout_rather_than_its_own_ten_seconds()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "HostedWorker.dll");
        // A shutdown of 11 s: past pidman's default 10 s, within the host's default 30 s.
        var worker = _procs.StartInOwnSessionWithEnv(new Dictionary<string, string> { ["PIDMAN_DIR"] = _dir.PidDir }, "dotnet", dll, "--service", "web", "--drain", "11");
        // Started through: the PID file is written before the worker runs, and a stop before then has nothing to drain.
        string? line;
        do line = worker.StandardOutput.ReadLine();
        while (line is not null && !line.StartsWith("worker: running as PID", StringComparison.Ordinal));
        Assert.NotNull(line); // null: the worker's output ended before it ran
        Assert.True(File.Exists(_dir.File("web.pid")));
        var record = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.PidDir, ".pidman", "web.json"))).RootElement;
        Assert.Equal(35, record.GetProperty("stop_timeout_seconds").GetDouble()); // HostOptions.ShutdownTimeout 30 s + 5 s to exit

        var stop = PidmanCli.Run(_dir.PidDir, "stop", "web", "--json");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var result = stop.Json.GetProperty("results")[0];
        Assert.Equal("terminated", result.GetProperty("outcome").GetString());
        Assert.True(result.GetProperty("elapsed_ms").GetDouble() >= 10_500, stop.Stdout);
        Assert.True(worker.WaitForExit(30_000));
        Assert.Equal(0, worker.ExitCode);
        Assert.Contains("worker: drained", worker.StandardOutput.ReadToEnd());
    }

    [Fact]
    public void A_second_instance_refuses_to_start_and_names_the_first()
    {
        var first = StartWorker(_dir.PidDir);
        Wait.Until(() => File.Exists(_dir.File("web.pid")), "the first host to write web.pid");
        var second = StartWorker(_dir.PidDir);
        Assert.True(second.WaitForExit(30_000));
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains($"web is already running (PID {first.Id})", second.StandardError.ReadToEnd() + second.StandardOutput.ReadToEnd());
        Assert.Equal($"{first.Id}\n", File.ReadAllText(_dir.File("web.pid")));
    }

    [Fact]
    public void Settings_pid_dir_is_where_the_host_the_library_and_the_cli_all_look()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "pidman.toml"), "[settings]\npid_dir = \"run/pids\"\n\n[services.web]\ncommand = \"sleep 100000\"\n");
        string pidFile = Path.Combine(_dir.Path, "run", "pids", "web.pid");
        string dll = Path.Combine(AppContext.BaseDirectory, "HostedWorker.dll");
        var worker = _procs.StartShell($"cd '{_dir.Path}' && exec dotnet '{dll}' --service web");
        Wait.Until(() => File.Exists(pidFile), "the host to write run/pids/web.pid");
        Assert.Equal($"{worker.Id}\n", File.ReadAllText(pidFile));
        Assert.False(Directory.Exists(_dir.PidDir), "nothing may be written to local/pid");

        // The library, from the project root: new PidManager() finds the same directory.
        string helper = Path.Combine(AppContext.BaseDirectory, "Pidman.TestHelper.dll");
        var library = _procs.StartShell($"cd '{_dir.Path}' && exec dotnet '{helper}' read-pid web");
        Assert.True(library.WaitForExit(30_000));
        Assert.Equal($"{Path.Combine(_dir.Path, "run", "pids")} {worker.Id}", library.StandardOutput.ReadToEnd().Trim());

        // The CLI, from a subfolder of the project.
        Directory.CreateDirectory(Path.Combine(_dir.Path, "src"));
        var status = PidmanCli.RunRaw(["status", "web", "--json"], cwd: Path.Combine(_dir.Path, "src"));
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(Path.Combine(_dir.Path, "run", "pids"), status.Json.GetProperty("pid_dir").GetString());
        Assert.Equal(worker.Id, status.Json.GetProperty("entries")[0].GetProperty("pid").GetInt32());
    }

    [Fact]
    public void The_pid_file_is_found_from_the_content_root_and_the_host_logs_its_path()
    {
        // Run from elsewhere with --contentRoot: the file goes under the content root, as the app's own files do.
        string elsewhere = Path.Combine(_dir.Path, "elsewhere");
        string content = Path.Combine(_dir.Path, "app");
        Directory.CreateDirectory(elsewhere);
        Directory.CreateDirectory(content);
        string dll = Path.Combine(AppContext.BaseDirectory, "HostedWorker.dll");
        var worker = _procs.StartShell($"cd '{elsewhere}' && exec dotnet '{dll}' --service web --contentRoot '{content}'");
        string pidFile = Path.Combine(content, "local", "pid", "web.pid");
        Wait.Until(() => File.Exists(pidFile), "the host to write web.pid under its content root");
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "local")), "nothing may be written under the working directory");

        var stop = PidmanCli.Run(Path.Combine(content, "local", "pid"), "stop", "web");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.True(worker.WaitForExit(30_000));
        Assert.Equal(0, worker.ExitCode);
        string output = worker.StandardOutput.ReadToEnd();
        Assert.Contains($"PID file {pidFile} written for PID {worker.Id}", output);
        Assert.Contains($"PID file {pidFile} removed", output);
        Assert.False(File.Exists(pidFile));
    }

    [Fact]
    public void The_options_are_bound_from_the_host_s_configuration()
    {
        // Command-line arguments are one of the host's configuration sources, as appsettings.json and PidFile__* are.
        string content = Path.Combine(_dir.Path, "app");
        Directory.CreateDirectory(content);
        string dll = Path.Combine(AppContext.BaseDirectory, "HostedWorker.dll");
        var worker = _procs.StartShell($"exec dotnet '{dll}' --service web --contentRoot '{content}' --PidFile:Directory run/pids --PidFile:StopTimeout 00:00:42");
        string pids = Path.Combine(content, "run", "pids");
        Wait.Until(() => File.Exists(Path.Combine(pids, "web.pid")), "the host to write web.pid in PidFile:Directory, under its content root");
        var record = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(pids, ".pidman", "web.json"))).RootElement;
        Assert.Equal(42, record.GetProperty("stop_timeout_seconds").GetDouble());

        var stop = PidmanCli.Run(pids, "stop", "web");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.True(worker.WaitForExit(30_000));
        Assert.Equal(0, worker.ExitCode);
    }

    [NeedsToolsFact("script")]
    public void A_stop_on_a_terminal_counts_down_the_host_s_recorded_timeout_not_pidman_s_ten_seconds()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "HostedWorker.dll");
        var worker = _procs.StartInOwnSessionWithEnv(new Dictionary<string, string> { ["PIDMAN_DIR"] = _dir.PidDir }, "dotnet", dll,
            "--service", "web", "--drain", "2", "--PidFile:StopTimeout", "00:00:20");
        string? line;
        do line = worker.StandardOutput.ReadLine();
        while (line is not null && !line.StartsWith("worker: running as PID", StringComparison.Ordinal));
        Assert.NotNull(line);
        // script(1) gives pidman a terminal; what it draws there comes back on script's stdout.
        var info = new System.Diagnostics.ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["PIDMAN_DIR"] = _dir.PidDir;
        foreach (var a in new[] { "-qfec", $"'{PidmanCli.Path}' stop web", "/dev/null" }) info.ArgumentList.Add(a);
        using var terminal = System.Diagnostics.Process.Start(info)!;
        _procs.Track(terminal);
        string drawn = terminal.StandardOutput.ReadToEnd();
        Assert.True(terminal.WaitForExit(30_000));
        Assert.Matches(@"web: waiting for exit \(SIGTERM \d+ s ago, SIGKILL in (1[5-9]|20) s\)", drawn);
        Assert.True(worker.WaitForExit(30_000));
        Assert.Equal(0, worker.ExitCode);
    }

    [Theory]
    [InlineData("--PidFile:Type", "Bad_Type", "PidFile:Type: invalid PID type 'Bad_Type'")]
    [InlineData("--PidFile:StopTimeout", "2.00:00:00", "PidFile:StopTimeout: 2.00:00:00 is not more than 0 and less than a day")]
    public async Task Bad_options_stop_the_host_at_start_naming_the_key_and_write_nothing(string key, string value, string message)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "HostedWorker.dll");
        var worker = _procs.StartInOwnSessionWithEnv(new Dictionary<string, string> { ["PIDMAN_DIR"] = _dir.PidDir }, "dotnet", dll, "--service", "web", key, value);
        var stderr = worker.StandardError.ReadToEndAsync();
        string stdout = await worker.StandardOutput.ReadToEndAsync();
        Assert.True(worker.WaitForExit(30_000));
        Assert.NotEqual(0, worker.ExitCode);
        Assert.Contains(message, stdout + await stderr);
        Assert.DoesNotContain("worker: running", stdout);
        Assert.False(File.Exists(_dir.File("web.pid")));
    }

    [Fact]
    public void A_second_AddPidFile_of_another_name_is_an_error_and_of_the_same_name_adds_nothing()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddPidFile("web");
        services.AddPidFile("web");
        Assert.Single(services, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService));
        var refused = Assert.Throws<InvalidOperationException>(() => services.AddPidFile("api"));
        Assert.Contains("registers its PID file as web already", refused.Message);
    }

    private System.Diagnostics.Process StartWorker(string pidDir)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "HostedWorker.dll");
        // PIDMAN_DIR reaches the app through its environment, as it would in production.
        return _procs.StartInOwnSessionWithEnv(new Dictionary<string, string> { ["PIDMAN_DIR"] = pidDir }, "dotnet", dll, "--service", "web");
    }
}
