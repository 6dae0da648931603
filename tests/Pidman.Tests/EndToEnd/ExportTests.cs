using System.Diagnostics;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>Exports checked by the real tools: systemd-analyze verify, and supervisord running the demo stack.</summary>
public sealed class ExportTests : ProjectTest
{
    public ExportTests()
    {
        string demo = Path.Combine(Repository.Root, "examples", "demo");
        File.Copy(Path.Combine(demo, "pidman.toml"), Path.Combine(_dir.Path, "pidman.toml"));
        File.Copy(Path.Combine(demo, ".env"), Path.Combine(_dir.Path, ".env"));
    }

    private static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), $"{file} did not finish");
        return (p.ExitCode, stdout + stderr.Result);
    }

    [NeedsToolsFact("systemd-analyze")]
    public void Systemd_units_pass_systemd_analyze_verify_and_carry_the_config()
    {
        var export = Pidman("export", "systemd", "--out", "units");
        Assert.True(export.ExitCode == 0, export.ToString());
        string project = Path.GetFileName(_dir.Path);
        var files = Directory.GetFiles(Path.Combine(_dir.Path, "units")).Order().ToList();
        Assert.Equal(6, files.Count); // db, migrate, web, two workers, and the target

        var (code, output) = Run("systemd-analyze", ["verify", .. files]);
        Assert.True(code == 0 && output.Trim().Length == 0, $"systemd-analyze verify: exit {code}\n{output}");

        string web = Read($"units/{project}-web.service");
        Assert.Contains($"After={project}-db.service {project}-migrate.service", web);
        Assert.Contains($"Requires={project}-db.service {project}-migrate.service", web);
        Assert.Contains("KillMode=control-group", web);
        Assert.Contains("TimeoutStopSec=3", web);
        Assert.Contains("Environment=\"GREETING=hello from .env\"", web);
        Assert.Contains("$$PORT", web); // left for the shell, not expanded by systemd
        Assert.Contains("Type=oneshot", Read($"units/{project}-migrate.service"));
        Assert.Contains($"Wants={project}-db.service", Read($"units/{project}.target"));
    }

    [NeedsToolsFact("supervisord", "supervisorctl")]
    public void Supervisord_runs_the_exported_demo_stack()
    {
        var export = Pidman("export", "supervisord", "--out", "supervisord.conf");
        Assert.True(export.ExitCode == 0, export.ToString());
        string conf = Path.Combine(_dir.Path, "supervisord.conf");
        Assert.Equal(0, Run("supervisord", "-c", conf).ExitCode);
        try
        {
            string project = Path.GetFileName(_dir.Path);
            // One program per instance, named as pidman names the instance, in a group named after the project.
            string[] expected = [$"{project}:db RUNNING", $"{project}:migrate EXITED", $"{project}:web RUNNING", $"{project}:worker1_worker RUNNING", $"{project}:worker2_worker RUNNING"];
            string status = "";
            Wait.Until(() =>
            {
                status = string.Join('\n', Run("supervisorctl", "-c", conf, "status").Output.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2))));
                return expected.All(status.Contains);
            }, "supervisorctl status to show the stack running", TimeSpan.FromSeconds(30));
            Assert.Contains("web: serving on 127.0.0.1:8080", Read("local/log/web.log"));
            // supervisord wrote its PID into our directory: pidman sees it, unverified.
            Assert.Contains("\"service\": \"supervisord\"", Pidman("status", "supervisord", "--json").Stdout);
        }
        finally
        {
            int supervisord = int.Parse(Read("local/pid/supervisord.pid").Trim());
            Run("supervisorctl", "-c", conf, "shutdown");
            Wait.Until(() => !ProcInfo.IsAlive(supervisord), "supervisord to shut down", TimeSpan.FromSeconds(60));
        }
    }

    [NeedsToolsFact("supervisord", "supervisorctl", "systemd-analyze")]
    public void A_multi_line_command_and_an_env_value_with_a_newline_run_the_same_under_a_real_supervisord()
    {
        Write("pidman.toml", """"
            [services.job]
            command = """
            echo "first line: $NOTE" | tr '\n' ' '
            echo 'second: 100% "quoted" $HOME-free'
            exec sleep 100000
            """
            env = { NOTE = "two\nlines" }
            """");
        var units = Pidman("export", "systemd", "--out", "units");
        Assert.True(units.ExitCode == 0, units.ToString());
        var (verify, verifyOutput) = Run("systemd-analyze", ["verify", .. Directory.GetFiles(Path.Combine(_dir.Path, "units"))]);
        Assert.True(verify == 0 && verifyOutput.Trim().Length == 0, $"systemd-analyze verify: exit {verify}\n{verifyOutput}");

        var export = Pidman("export", "supervisord", "--out", "supervisord.conf");
        Assert.True(export.ExitCode == 0, export.ToString());
        string conf = Path.Combine(_dir.Path, "supervisord.conf");
        Assert.Equal(0, Run("supervisord", "-c", conf).ExitCode);
        try
        {
            Wait.Until(() => Run("supervisorctl", "-c", conf, "status").Output.Contains("RUNNING"), "job RUNNING under supervisord", TimeSpan.FromSeconds(30));
            string log = Path.Combine(_dir.Path, "local", "log", "job.log");
            Wait.Until(() => File.Exists(log) && File.ReadAllText(log).Contains("second"), "the job's output");
            Assert.Contains("first line: two lines", File.ReadAllText(log));
            Assert.Contains("second: 100% \"quoted\" $HOME-free", File.ReadAllText(log));
            // exec'd as the script's last step: supervisord's child is the sleep itself.
            string pidLine = Run("supervisorctl", "-c", conf, "pid", $"{Path.GetFileName(_dir.Path)}:job").Output.Trim();
            Assert.Equal("sleep\0100000\0", ProcInfo.CommandLine(int.Parse(pidLine)));
        }
        finally
        {
            int supervisord = int.Parse(Read("local/pid/supervisord.pid").Trim());
            Run("supervisorctl", "-c", conf, "shutdown");
            Wait.Until(() => !ProcInfo.IsAlive(supervisord), "supervisord to shut down", TimeSpan.FromSeconds(60));
        }
    }

    [NeedsToolsFact("supervisord", "supervisorctl", "systemd-analyze", "python3")]
    public void Exported_instances_get_the_port_and_instance_they_get_under_pidman()
    {
        File.Delete(Path.Combine(_dir.Path, "pidman.toml"));
        File.Delete(Path.Combine(_dir.Path, ".env"));
        int webPort = Ports.Free(), workerBase = webPort + 100;
        Write("Procfile", "web: python3 -m http.server $PORT --bind 127.0.0.1\nworker: env > dumps/$PS.env; exec sleep 100000\n");
        Write(".env", "GREETING=from .env\n");
        Directory.CreateDirectory(Path.Combine(_dir.Path, "dumps"));
        string port = webPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var units = Pidman("export", "systemd", "--out", "units", "-p", port, "-m", "worker=2");
        Assert.True(units.ExitCode == 0, units.ToString());
        var (verify, verifyOutput) = Run("systemd-analyze", ["verify", .. Directory.GetFiles(Path.Combine(_dir.Path, "units"))]);
        Assert.True(verify == 0 && verifyOutput.Trim().Length == 0, $"systemd-analyze verify: exit {verify}\n{verifyOutput}");
        string project = Path.GetFileName(_dir.Path);
        string second = Read($"units/{project}-worker2_worker.service");
        Assert.Contains($"Environment=\"PORT={workerBase + 1}\"", second);
        Assert.Contains("Environment=\"PIDMAN_INSTANCE=2\"", second);
        Assert.Contains("Environment=\"PS=worker.2\"", second);
        Assert.Contains("Environment=\"GREETING=from .env\"", second);

        var export = Pidman("export", "supervisord", "--out", "supervisord.conf", "-p", port, "-m", "worker=2");
        Assert.True(export.ExitCode == 0, export.ToString());
        string conf = Path.Combine(_dir.Path, "supervisord.conf");
        Assert.Equal(0, Run("supervisord", "-c", conf).ExitCode);
        try
        {
            // The web answers on its PORT, not on http.server's default.
            Wait.Until(() => Ports.IsListening(webPort), $"web listening on {webPort} under supervisord", TimeSpan.FromSeconds(30));
            Wait.Until(() => File.Exists(Path.Combine(_dir.Path, "dumps", "worker.2.env")) && File.Exists(Path.Combine(_dir.Path, "dumps", "worker.1.env")), "both workers' environments");
            foreach (int n in new[] { 1, 2 })
            {
                var env = File.ReadAllLines(Path.Combine(_dir.Path, "dumps", $"worker.{n}.env")).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
                Assert.Equal((workerBase + n - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), env["PORT"]);
                Assert.Equal(n.ToString(System.Globalization.CultureInfo.InvariantCulture), env["PIDMAN_INSTANCE"]);
                Assert.Equal("from .env", env["GREETING"]);
            }
        }
        finally
        {
            int supervisord = int.Parse(Read("local/pid/supervisord.pid").Trim());
            Run("supervisorctl", "-c", conf, "shutdown");
            Wait.Until(() => !ProcInfo.IsAlive(supervisord), "supervisord to shut down", TimeSpan.FromSeconds(60));
        }
    }
}
