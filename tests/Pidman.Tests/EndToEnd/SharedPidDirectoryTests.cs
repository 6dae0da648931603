using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>
/// A PID directory (and the supervisor's socket in it) that others may write: what another user moves, removes, plants or
/// sends there never makes pidman signal a wrong process, start a second instance, lock its user out, or obey the stranger.
/// </summary>
public sealed class SharedPidDirectoryTests(ThrowawayUsers users) : AttackTest(users), IClassFixture<ThrowawayUsers>
{
    private const string WebAndDb = "[services.web]\ncommand = \"sleep 100000\"\n[services.db]\ncommand = \"sleep 100001\"\n";

    /// <summary><c>local/pid</c> shared with the attacker's group (<c>root:GROUP 2775</c>), as a team's project folder would be.</summary>
    private void SharePidDirectory()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "local"));
        Share(_dir.PidDir);
    }

    [Fact]
    public void Swapped_or_moved_in_pid_files_stop_no_wrong_service()
    {
        SharePidDirectory();
        Write("pidman.toml", WebAndDb);
        Assert.Equal(0, Pidman("start").ExitCode);
        int web = PidOf("web"), db = PidOf("db");
        AsAttacker($"cd '{_dir.PidDir}' && mv web.pid t && mv db.pid web.pid && mv t db.pid");

        var stop = Pidman("stop", "web");
        Assert.NotEqual(0, stop.ExitCode);
        Assert.Contains("is not vouched for by an identity record of pidman's", stop.Stderr + stop.Stdout);
        Assert.True(ProcInfo.IsAlive(db), "the swap made 'stop web' stop db");
        Assert.True(ProcInfo.IsAlive(web));

        // Swapped back, the files are the ones their records were written with again.
        Root($"cd '{_dir.PidDir}' && mv web.pid t && mv db.pid web.pid && mv t db.pid");
        // Another project's PID file moved in under a new name.
        string other = Path.Combine(_dir.Path, "other");
        Directory.CreateDirectory(Path.Combine(other, "local"));
        Share(Path.Combine(other, "local", "pid"));
        File.WriteAllText(Path.Combine(other, "pidman.toml"), "[services.svc]\ncommand = \"sleep 100002\"\n");
        Assert.Equal(0, PidmanCli.RunRaw(["start"], cwd: other).ExitCode);
        int svc = int.Parse(File.ReadAllText(Path.Combine(other, "local", "pid", "svc.pid")), CultureInfo.InvariantCulture);
        AsAttacker($"mv '{other}/local/pid/svc.pid' '{_dir.PidDir}/intruder.pid'");

        var all = Pidman("stop", "--all");
        Assert.NotEqual(0, all.ExitCode); // intruder refused
        Assert.False(ProcInfo.IsAlive(web) || ProcInfo.IsAlive(db), all.ToString());
        Assert.True(ProcInfo.IsAlive(svc), "stop --all stopped another project's service through a moved PID file");
        // That project still knows its service by its record, PID file or not.
        var otherStop = PidmanCli.RunRaw(["stop", "svc"], cwd: other);
        Assert.True(otherStop.ExitCode == 0, otherStop.ToString());
        Assert.False(ProcInfo.IsAlive(svc));
    }

    [Fact]
    public void A_pid_file_another_user_deleted_gives_no_second_instance_and_its_stop_still_ends_it()
    {
        SharePidDirectory();
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        int web = PidOf("web");
        AsAttacker($"rm -f '{_dir.PidDir}/web.pid'");

        var status = Pidman("status", "web", "--json");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(web, status.Json.GetProperty("entries")[0].GetProperty("pid").GetInt32());
        var start = Pidman("start", "web");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains($"already running (PID {web})", start.Stdout);
        Assert.Single(ProcInfo.ProcessesUnder(_dir.Path), p => ProcInfo.CommandLine(p) == "sleep\0100000\0");
        Assert.Equal(web, PidOf("web")); // written again

        AsAttacker($"rm -f '{_dir.PidDir}/web.pid'");
        Assert.Equal(0, Pidman("stop", "--all").ExitCode);
        Assert.False(ProcInfo.IsAlive(web));
    }

    [Fact]
    public void A_state_folder_another_user_moved_aside_is_found_again_and_the_services_can_be_stopped()
    {
        SharePidDirectory();
        Write("pidman.toml", WebAndDb);
        Assert.Equal(0, Pidman("start").ExitCode);
        int web = PidOf("web");
        AsAttacker($"cd '{_dir.PidDir}' && mv .pidman .pidman.old && mkdir .pidman");

        var status = Pidman("status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"belonged to uid {Users.AttackerUid}, not to pidman", status.Stderr);
        Assert.Contains("moved back", status.Stderr);
        Assert.All(status.Json.GetProperty("entries").EnumerateArray(), e => Assert.Equal("verified", e.GetProperty("reason").GetString()));
        var stop = Pidman("stop", "--all");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(ProcInfo.IsAlive(web));
    }

    [Fact]
    public void Entries_another_user_planted_in_a_users_shared_directory_do_not_stop_its_stop_all()
    {
        // The victim's project, with a root-owned PID directory anyone may add to (sticky, like /tmp).
        Root($"chown {Users.Victim} '{_dir.Path}'");
        Directory.CreateDirectory(_dir.PidDir);
        Root($"chown {Users.Victim} '{_dir.Path}/local' && chmod 1777 '{_dir.PidDir}'");
        Write("pidman.toml", WebAndDb);
        Root($"chown {Users.Victim} '{_dir.Path}/pidman.toml'");
        As(Users.Victim, $"cd '{_dir.Path}' && '{Users.Pidman}' start");
        int web = PidOf("web"), db = PidOf("db");

        int attackers = StartAs(Users.Attacker, "sleep", "100003");
        int threads = StartAs(Users.Attacker, "python3", "-c", "import threading, time; threading.Thread(target=time.sleep, args=(100004,)).start(); time.sleep(100004)");
        Wait.Until(() => Directory.GetDirectories($"/proc/{threads}/task").Length > 1, "the attacker's second thread");
        string tid = Directory.GetDirectories($"/proc/{threads}/task").Select(Path.GetFileName).First(t => t != threads.ToString(CultureInfo.InvariantCulture))!;
        AsAttacker($"echo {attackers} > '{_dir.PidDir}/aaa.pid' && echo {tid} > '{_dir.PidDir}/thr.pid'");

        string stop = As(Users.Victim, $"cd '{_dir.Path}' && '{Users.Pidman}' stop --all; echo \"exit $?\"");
        Assert.False(ProcInfo.IsAlive(web) || ProcInfo.IsAlive(db), stop);
        Assert.True(ProcInfo.IsAlive(attackers) && ProcInfo.IsAlive(threads), stop);
        Assert.Contains("exit 1", stop); // some entries were refused, and the exit code says so
        Assert.Contains("a thread ID, not a process", stop);
    }

    [Fact]
    public void Kernel_threads_and_thread_ids_are_never_taken_for_a_service()
    {
        Directory.CreateDirectory(_dir.PidDir);
        File.WriteAllText(_dir.File("kthread.pid"), "2\n");
        var threads = _procs.StartInOwnSession("python3", "-c", "import threading, time; threading.Thread(target=time.sleep, args=(100005,)).start(); time.sleep(100005)");
        Wait.Until(() => Directory.GetDirectories($"/proc/{threads.Id}/task").Length > 1, "a second thread");
        string tid = Directory.GetDirectories($"/proc/{threads.Id}/task").Select(Path.GetFileName).First(t => t != threads.Id.ToString(CultureInfo.InvariantCulture))!;
        File.WriteAllText(_dir.File("thr.pid"), $"{tid}\n");

        var status = Pidman("status", "--json");
        Assert.Equal(4, status.ExitCode); // LSB: invalid
        var reasons = status.Json.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("service").GetString()!, e => e.GetProperty("reason").GetString());
        Assert.Equal("kernel-thread", reasons["kthread"]);
        Assert.Equal("not-a-process", reasons["thr"]);
        var stop = Pidman("stop", "--all", "--force");
        Assert.NotEqual(0, stop.ExitCode);
        Assert.True(ProcInfo.IsAlive(threads.Id));
        var register = Pidman("register", "thr2", "--pid", tid);
        Assert.Equal(2, register.ExitCode);
        Assert.Contains("is a thread ID, not a process", register.Stderr);
        Assert.Equal(2, Pidman("register", "k2", "--pid", "2").ExitCode);
    }

    [NeedsToolsFact("gcc")]
    public void The_control_socket_lets_no_other_user_in_through_fifty_supervisor_starts_under_umask_002()
    {
        SharePidDirectory();
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        // The attacker knocks as fast as C can: connect, and when that succeeds, ask for 'stop --all'.
        string markers = Markers();
        File.WriteAllText(Path.Combine(markers, "knock.c"), """
            #include <stdio.h>
            #include <string.h>
            #include <sys/socket.h>
            #include <sys/un.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                struct sockaddr_un address = { .sun_family = AF_UNIX };
                strncpy(address.sun_path, argv[1], sizeof address.sun_path - 1);
                const char request[] = "{\"command\":\"stop\",\"services\":[],\"all\":true}\n";
                long connected = 0, served = 0;
                char reply[65536];
                while (access(argv[2], F_OK) != 0) {
                    for (int i = 0; i < 1000; i++) {
                        int s = socket(AF_UNIX, SOCK_STREAM, 0);
                        if (connect(s, (struct sockaddr *)&address, sizeof address) == 0) {
                            connected++;
                            if (write(s, request, sizeof request - 1) > 0) {
                                ssize_t n = read(s, reply, sizeof reply - 1);
                                if (n > 0) { reply[n] = 0; if (!strstr(reply, "refused")) served++; }
                            }
                        }
                        close(s);
                    }
                }
                FILE *out = fopen(argv[3], "w");
                fprintf(out, "%ld %ld\n", connected, served);
                fclose(out);
                return 0;
            }
            """);
        Root($"gcc -O2 -o '{markers}/knock' '{markers}/knock.c'");
        string stopFile = Path.Combine(markers, "stop"), result = Path.Combine(markers, "result");
        var knocker = _procs.Start("runuser", "-u", Users.Attacker, "--", Path.Combine(markers, "knock"), Path.Combine(_dir.PidDir, ".pidman", "supervisor.sock"), stopFile, result);
        try
        {
            for (int round = 0; round < 50; round++)
            {
                var up = PidmanCli.RunRaw(["sh", "-c", $"umask 0002; exec '{PidmanCli.Path}' up -d"], cwd: _dir.Path, exe: "/usr/bin/env");
                Assert.True(up.ExitCode == 0, $"round {round}: {up}");
                WaitForPidFile("web");
                Assert.True(Pidman("status", "web").ExitCode == 0, $"round {round}: web was stopped by someone");
                var down = Pidman("down");
                Assert.True(down.ExitCode == 0, $"round {round}: {down}");
            }
        }
        finally
        {
            File.WriteAllText(stopFile, "");
            knocker.WaitForExit(10_000);
        }
        Assert.Equal("0 0\n", File.ReadAllText(result)); // never connected, never served
    }

    [Fact]
    public async Task Every_malformed_control_request_gets_an_answer_and_the_supervisor_goes_on()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        UpDetached();
        WaitForPidFile("web");
        string[] requests =
        [
            "{}",
            """{"command":"stop","services":null}""",
            """{"command":"unregister","services":[]}""",
            """{"command":"unregister","services":["a","b"]}""",
            """{"command":"stop","services":["web"],"timeout_seconds":1e308}""",
            """{"command":"stop","services":["../x"]}""",
            "not json at all",
        ];
        foreach (string request in requests)
        {
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await client.ConnectAsync(new UnixDomainSocketEndPoint(Path.Combine(_dir.PidDir, ".pidman", "supervisor.sock")));
            await client.SendAsync(Encoding.UTF8.GetBytes(request + "\n"), SocketFlags.None);
            using var stream = new NetworkStream(client);
            using var reply = new MemoryStream();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await stream.CopyToAsync(reply, deadline.Token); // the connection is closed after the answer
            Assert.Contains("malformed request", Encoding.UTF8.GetString(reply.ToArray()));
        }
        Assert.True(ProcInfo.IsAlive(PidOf("web")));
        Assert.Equal(0, Pidman("status", "web").ExitCode);
    }

    [Fact]
    public void A_stop_that_arrives_while_the_supervisor_first_starts_the_service_wins()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        for (int round = 0; round < 12; round++)
        {
            UpDetached();
            var stop = Pidman("stop", "web"); // at once: the supervisor's first start of web may still be under way
            Assert.True(stop.ExitCode == 0, $"round {round}: {stop}");
            Wait.StaysFalse(() => File.Exists(_dir.File("web.pid")), $"round {round}: web running after its stop", TimeSpan.FromSeconds(1));
            Assert.DoesNotContain(ProcInfo.ProcessesUnder(_dir.Path), p => ProcInfo.CommandLine(p) == "sleep\0100000\0");
            Assert.Equal(0, Pidman("down").ExitCode);
        }
    }
}
