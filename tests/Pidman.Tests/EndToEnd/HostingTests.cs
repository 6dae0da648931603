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

    private System.Diagnostics.Process StartWorker(string pidDir)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "HostedWorker.dll");
        // PIDMAN_DIR reaches the app through its environment, as it would in production.
        return _procs.StartInOwnSessionWithEnv(new Dictionary<string, string> { ["PIDMAN_DIR"] = pidDir }, "dotnet", dll, "--service", "web");
    }
}
