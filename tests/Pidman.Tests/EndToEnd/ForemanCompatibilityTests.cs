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
    public void Procfile_services_get_foremans_ports_from_5000_unless_an_env_file_sets_port()
    {
        Write("Procfile", "web: sleep 100000\nworker: sleep 100000\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        Assert.Equal("5000", EnvironmentOf(PidOf("web"))["PORT"]);
        Assert.Equal("5100", EnvironmentOf(PidOf("worker"))["PORT"]);
        Assert.Equal(0, Pidman("stop", "--all").ExitCode);

        Write(".env", "PORT=7000\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        Assert.Equal("7000", EnvironmentOf(PidOf("web"))["PORT"]);
        Assert.Equal("7000", EnvironmentOf(PidOf("worker"))["PORT"]);
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
}
