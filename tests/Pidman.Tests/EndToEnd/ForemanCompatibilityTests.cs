using System.Net.Sockets;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>What foreman, honcho and overmind users type first: <c>-f Procfile.dev</c>, <c>-e .env.dev</c>, <c>PORT</c>.</summary>
public sealed class ForemanCompatibilityTests : ProjectTest
{
    private static Dictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Split('=', 2)).Where(kv => kv.Length == 2).GroupBy(kv => kv[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    [NeedsToolsFact("python3")]
    public void A_procfile_web_server_listens_on_the_port_base_and_the_next_type_gets_base_plus_100()
    {
        int port = Ports.Free();
        Write("Procfile", "web: python3 -m http.server $PORT --bind 127.0.0.1\nworker: sleep 100000\n");
        var start = Pidman("start", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(start.ExitCode == 0, start.ToString());
        Wait.Until(() =>
        {
            try { using var client = new TcpClient("127.0.0.1", port); return true; }
            catch (SocketException) { return false; }
        }, $"web listening on 127.0.0.1:{port}");
        Assert.Equal($"{port + 100}", EnvironmentOf(PidOf("worker"))["PORT"]);
    }

    [Fact]
    public void Procfile_services_get_foremans_ports_from_5000_or_from_a_base_an_env_file_sets()
    {
        Write("Procfile", "web: sleep 100000\nworker: sleep 100000\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        Assert.Equal("5000", EnvironmentOf(PidOf("web"))["PORT"]);
        Assert.Equal("5100", EnvironmentOf(PidOf("worker"))["PORT"]);
        Assert.Equal(0, Pidman("stop", "--all").ExitCode);

        Write(".env", "PORT=7000\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        Assert.Equal("7000", EnvironmentOf(PidOf("web"))["PORT"]); // PORT in .env is foreman's base, not every service's port
        Assert.Equal("7100", EnvironmentOf(PidOf("worker"))["PORT"]);
    }

    [Fact]
    public void File_and_env_file_options_select_procfile_dev_and_env_dev_and_status_finds_the_same_project()
    {
        Write("Procfile", "web: sleep 100000\n");
        Write(".env", "STAGE=default\n");
        Write("Procfile.dev", "devweb: sleep 100000\n");
        Write(".env.dev", "STAGE=dev\n");
        var start = Pidman("start", "-f", "Procfile.dev", "-e", ".env.dev");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Equal("dev", EnvironmentOf(PidOf("devweb"))["STAGE"]);
        Assert.False(File.Exists(Path.Combine(_dir.PidDir, "web.pid")), "the default Procfile's service was started");

        // The same selection by variable, and from a subfolder: the same project, the same names.
        Directory.CreateDirectory(Path.Combine(_dir.Path, "sub"));
        var status = PidmanCli.RunRaw(["status", "--json", "devweb"], cwd: Path.Combine(_dir.Path, "sub"),
            env: new Dictionary<string, string?> { ["PIDMAN_FILE"] = Path.Combine(_dir.Path, "Procfile.dev") });
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal("running", status.Json.GetProperty("entries")[0].GetProperty("state").GetString());

        var missing = Pidman("status", "--file", "Procfile.nope");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("Procfile.nope (from --file): no such file", missing.Stderr);
        Assert.Equal(0, Pidman("stop", "--all", "-f").ExitCode); // here -f is stop's --force
    }

    [Fact]
    public void The_detached_supervisor_supervises_the_file_it_was_given()
    {
        Write("Procfile", "web: sleep 100000\n");
        Write("Procfile.dev", "devweb: sleep 100000\n");
        var up = Pidman("up", "-d", "--wait", "--file", "Procfile.dev");
        Assert.True(up.ExitCode == 0, up.ToString());
        var status = Pidman("status", "--json", "-f", "Procfile.dev");
        var entries = status.Json.GetProperty("entries").EnumerateArray().ToList();
        var devweb = Assert.Single(entries, e => e.GetProperty("service").GetString() == "devweb");
        Assert.Equal("running", devweb.GetProperty("state").GetString());
        Assert.Equal(0, devweb.GetProperty("restarts").GetInt32()); // the supervisor knows it
        Assert.DoesNotContain(entries, e => e.GetProperty("service").GetString() == "web");
        Assert.Equal(0, Pidman("down", "-f", "Procfile.dev").ExitCode);
    }

    [NeedsToolsFact("python3")]
    public void Status_ports_lists_what_each_instance_and_its_children_listen_on()
    {
        int web = Ports.Free(), child = Ports.Free(), udp = Ports.Free();
        Write("pidman.toml", $"""
            [services.web]
            command = "python3 -m http.server {web} --bind 127.0.0.1"
            [services.wrapper]
            command = "python3 -m http.server {child} --bind 127.0.0.1 & wait"
            [services.dns]
            command = "python3 -c 'import socket, time; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind((\"127.0.0.1\", {udp})); time.sleep(100000)'"
            [services.quiet]
            command = "sleep 100000"
            """);
        Assert.Equal(0, Pidman("start").ExitCode);
        string PortsOf(System.Text.Json.JsonElement entry) =>
            string.Join(",", entry.GetProperty("ports").EnumerateArray().Select(p => $"{p.GetProperty("protocol").GetString()} {p.GetProperty("address").GetString()}:{p.GetProperty("port").GetInt32()}"));
        Dictionary<string, string> Listening() => Pidman("status", "--ports", "--json").Json.GetProperty("entries").EnumerateArray()
            .ToDictionary(e => e.GetProperty("service").GetString()!, PortsOf);
        Wait.Until(() => Listening() is var l && l["web"] != "" && l["wrapper"] != "" && l["dns"] != "", "every listener bound");
        var listening = Listening();
        Assert.Equal($"tcp 127.0.0.1:{web}", listening["web"]);
        Assert.Equal($"tcp 127.0.0.1:{child}", listening["wrapper"]); // a child of the main process, found in its cgroup or group
        Assert.Equal($"udp 127.0.0.1:{udp}", listening["dns"]);
        Assert.Equal("", listening["quiet"]);

        var table = Pidman("status", "--ports");
        Assert.Contains($"127.0.0.1:{udp}/udp", table.Stdout);
        Assert.Contains("PORTS", table.Stdout);
        // Without the flag, no ports are looked for.
        var plain = Pidman("status", "--json").Json.GetProperty("entries")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.GetProperty("ports").ValueKind);
    }

    [Fact]
    public void Run_runs_one_command_in_the_foreground_with_the_env_file_and_port_and_returns_its_exit_code()
    {
        Write("Procfile", "web: sleep 100000\n");
        Write(".env", "FOO=from dotenv\n");
        var run = Pidman("run", "sh", "-c", "echo $FOO $PORT $PS; exit 7");
        Assert.Equal(7, run.ExitCode);
        Assert.Equal("from dotenv 5000", run.Stdout.Trim());
        Assert.False(Directory.Exists(_dir.PidDir) && Directory.GetFiles(_dir.PidDir, "*.pid").Length > 0, "run wrote a PID file");
        // A service's name runs that service's command, with its own environment.
        Write("Procfile", "web: echo web sees $PORT and $FOO; exit 3\nworker: sleep 1\n");
        var named = Pidman("run", "web");
        Assert.Equal(3, named.ExitCode);
        Assert.Equal("web sees 5000 and from dotenv", named.Stdout.Trim());
        Assert.Equal(3, Pidman("run", "-p", "6000", "sh", "-c", "test $PORT = 6000 && exit 3").ExitCode);
    }

    [NeedsToolsFact("python3")]
    public void Init_from_a_procfile_keeps_the_port_the_procfile_gave()
    {
        int port = Ports.Free();
        Write("Procfile", "web: exec python3 -m http.server $PORT --bind 127.0.0.1\n");
        Write(".env", $"PORT={port}\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        Wait.Until(() => Ports.IsListening(port), $"web on {port} before init");
        Assert.Equal(0, Pidman("stop", "--all").ExitCode);

        var init = Pidman("init");
        Assert.True(init.ExitCode == 0, init.ToString());
        File.Delete(Path.Combine(_dir.Path, "Procfile"));
        Assert.Contains("port = true", Read("pidman.toml"));
        Assert.Contains("env_file = \".env\"", Read("pidman.toml"));
        Assert.Equal(0, Pidman("start").ExitCode);
        Wait.Until(() => Ports.IsListening(port), $"web on the same port {port} after init");
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), EnvironmentOf(PidOf("web"))["PORT"]);
    }

    [NeedsToolsFact("python3")]
    public void A_health_check_names_each_instance_s_port_and_an_exec_probe_sees_the_service_s_environment()
    {
        int port = Ports.Free();
        Write("app.env", "TOKEN=secret-from-env-file\n");
        Write("pidman.toml", $$"""
            [services.web]
            command = "exec python3 -m http.server $PORT --bind 127.0.0.1"
            port = {{port}}
            scale = 2
            health = { http = "http://127.0.0.1:$PORT/", interval = "200ms" }

            [services.checked]
            command = "sleep 100000"
            env_file = "app.env"
            health = { exec = "test \"$TOKEN\" = secret-from-env-file && test \"$PS\" = checked.1", interval = "200ms" }

            [services.gate]
            command = "sleep 100000"
            depends_on = { web = "healthy", checked = "healthy" }
            """);
        var up = Pidman("up", "-d", "--wait", "--timeout", "30");
        Assert.True(up.ExitCode == 0, up.ToString());
        var entries = Pidman("status", "--json").Json.GetProperty("entries").EnumerateArray().ToList();
        Assert.All(entries.Where(e => e.GetProperty("service").GetString() is "web" or "checked"), e => Assert.Equal("healthy", e.GetProperty("health").GetString()));
        Assert.True(Ports.IsListening(port) && Ports.IsListening(port + 1));
        Assert.Equal(0, Pidman("down").ExitCode);
    }
}
