using System.Globalization;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>
/// Every file root's pidman reads to decide something, or writes, passes one trust rule (issue "the trust boundary"): each
/// test is an attack by another local user who may write the project folder, and the attack does no damage.
/// </summary>
public sealed class TrustedFileTests(ThrowawayUsers users) : AttackTest(users), IClassFixture<ThrowawayUsers>
{
    [Fact]
    public void A_config_another_user_swapped_into_a_shared_project_folder_is_refused_and_steers_nothing()
    {
        Share(_dir.Path);
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        Assert.Equal(0, Pidman("start").ExitCode);
        int web = PidOf("web");

        // Root's daemons and files elsewhere, which the planted config points pidman at.
        string rootOnly = RootOnlyFolder();
        var daemon = _procs.StartInOwnSession("sleep", "100003");
        File.WriteAllText(Path.Combine(rootOnly, "daemon.pid"), $"{daemon.Id}\n");
        var gone = _procs.Start("true");
        gone.WaitForExit();
        File.WriteAllText(Path.Combine(rootOnly, "old.pid"), $"{gone.Id}\n");
        string marker = Path.Combine(Markers(), "ran-as-root");
        AsAttacker($"printf '[settings]\\npid_dir = \"{rootOnly}\"\\n[services.evil]\\ncommand = \"id > {marker}; sleep 100000\"\\n' > '{_dir.Path}/x' && mv -f '{_dir.Path}/x' '{_dir.Path}/pidman.toml'");

        foreach (var args in new[] { new[] { "status" }, ["cleanup", "--invalid"], ["list"], ["start"], ["up", "-d"], ["stop", "--all"] })
        {
            var result = Pidman(args);
            Assert.True(result.Stderr.Contains($"pidman.toml: is owned by uid {Users.AttackerUid} (another user)", StringComparison.Ordinal), $"{string.Join(' ', args)}: {result}");
        }
        Assert.True(ProcInfo.IsAlive(daemon.Id), "root's daemon was signalled through the planted pid_dir");
        Assert.True(File.Exists(Path.Combine(rootOnly, "old.pid")), "a root file in the planted pid_dir was removed");
        Assert.False(Directory.Exists(Path.Combine(rootOnly, ".pidman")));
        Assert.False(File.Exists(marker), "the planted command ran as root");
        Assert.False(ProcInfo.IsAlive(web)); // stop --all stopped the project's own web, from the project's own directory
    }

    public static TheoryData<string, bool> PlantedFiles => new()
    {
        { "pidman.toml", true }, { "pidman.toml", false },
        { "Procfile", true }, { "Procfile", false },
        { ".env", true }, { ".env", false },
        { "app.env", true }, { "app.env", false },
    };

    [Theory]
    [MemberData(nameof(PlantedFiles))]
    public void A_config_or_env_file_another_user_wrote_or_may_rewrite_runs_nothing(string file, bool attackersOwn)
    {
        Share(_dir.Path);
        string marker = Path.Combine(Markers(), "ran-as-root");
        // What the attacker would run as root: a command of its own, or (through an env file) its own 'sleep' on PATH.
        string bin = Path.Combine(Markers(), "bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "sleep"), $"#!/bin/sh\nid > {marker}\nexec /bin/sleep \"$@\"\n");
        File.SetUnixFileMode(Path.Combine(bin, "sleep"), (UnixFileMode)Convert.ToInt32("755", 8));
        string planted = file switch
        {
            "pidman.toml" => $"[services.web]\ncommand = \"id > {marker}; sleep 100000\"\n",
            "Procfile" => $"web: id > {marker}; sleep 100000\n",
            _ => $"PATH={bin}:/usr/bin:/bin\n",
        };
        if (file == ".env") Write("Procfile", "web: sleep 100000\n");
        if (file == "app.env") Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\nenv_file = \"app.env\"\n");
        string path = Path.Combine(_dir.Path, file);
        if (attackersOwn)
        {
            AsAttacker($"cat > '{path}' <<'EOF'\n{planted}EOF");
        }
        else
        {
            // Root's own file, but writable by the group: the attacker rewrites it in place.
            File.WriteAllText(path, file.EndsWith("env", StringComparison.Ordinal) ? "GREETING=hello\n" : planted.Replace($"id > {marker}; ", ""));
            Root($"chgrp {Users.Group} '{path}' && chmod 664 '{path}'");
            AsAttacker($"cat > '{path}' <<'EOF'\n{planted}EOF");
        }

        var start = Pidman("start");
        Assert.NotEqual(0, start.ExitCode);
        Assert.Contains(file, start.Stderr);
        Assert.Contains(attackersOwn ? $"is owned by uid {Users.AttackerUid} (another user)" : $"is writable by group {Users.GroupId}", start.Stderr);
        Assert.False(File.Exists(marker), $"the attacker's {file} ran a command as root: {start}");
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
    }

    [Fact]
    public void The_search_upward_never_adopts_a_project_another_user_left_in_a_sticky_folder()
    {
        // As /tmp: a sticky folder anyone may write; the attacker leaves a pidman.toml there, root works in a folder of its own below.
        string sticky = Path.Combine(_dir.Path, "tmp");
        Directory.CreateDirectory(sticky);
        File.SetUnixFileMode(sticky, (UnixFileMode)Convert.ToInt32("1777", 8));
        string marker = Path.Combine(Markers(), "ran-as-root");
        AsAttacker($"printf '[services.evil]\\ncommand = \"id > {marker}; sleep 100000\"\\n' > '{sticky}/pidman.toml'");
        string mine = Path.Combine(sticky, "mine");
        Directory.CreateDirectory(mine);
        File.SetUnixFileMode(mine, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        foreach (var args in new[] { new[] { "status" }, ["start"], ["start", "job", "--", "sleep", "100000"] })
        {
            var result = PidmanCli.RunRaw(args, cwd: mine);
            Assert.Contains($"not reading {sticky}/pidman.toml: it is owned by uid {Users.AttackerUid} (another user)", result.Stderr);
        }
        Assert.False(File.Exists(marker), "the planted project's command ran as root");
        // The ad-hoc start worked in root's own folder, not in the attacker's project.
        Assert.True(File.Exists(Path.Combine(mine, "local", "pid", "job.pid")));
        Assert.False(Directory.Exists(Path.Combine(sticky, "local")));
        Assert.Equal(0, PidmanCli.RunRaw(["stop", "job"], cwd: mine).ExitCode);
    }

    /// <summary>
    /// The attack on rotation: a big log of the attacker's own in the shared log folder, swapped for a link to a root-only
    /// file the moment rotation has begun (its <c>.1</c> appears), so that a rotation by name copies one file and truncates
    /// another. Returns the victim and its content, which must survive.
    /// </summary>
    private (string Victim, string Content) PlantRotationTrap(string logs)
    {
        string victim = Path.Combine(RootOnlyFolder(), "secret");
        File.WriteAllText(victim, string.Concat(Enumerable.Repeat("root's secret line\n", 200)));
        File.SetUnixFileMode(victim, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        AsAttacker($"head -c 62914560 /dev/zero > '{logs}/big' && ln -s '{victim}' '{logs}/lnk' && mv -f '{logs}/big' '{logs}/web.log'");
        // Its loop never ends when pidman rightly refuses to rotate: started by PID, so the test's end ends it.
        StartAs(Users.Attacker, "sh", "-c", $"while [ ! -e '{logs}/web.log.1' ]; do :; done; mv -f '{logs}/lnk' '{logs}/web.log'");
        return (victim, File.ReadAllText(victim));
    }

    [Fact]
    public void A_big_log_swapped_for_a_link_while_a_start_rotates_it_truncates_nothing()
    {
        Share(_dir.Path);
        string logs = Share(Path.Combine(_dir.Path, "local", "log"));
        Write("pidman.toml", "[settings]\nlog_max_size = \"1KB\"\n[services.web]\ncommand = \"sleep 100000\"\n");
        var (victim, content) = PlantRotationTrap(logs);

        var start = Pidman("start", "web");
        Assert.Equal(content, File.ReadAllText(victim));
        Assert.Equal(1, start.ExitCode); // the log is the attacker's file: web does not write into it
        Assert.Contains($"web.log is owned by uid {Users.AttackerUid} (another user)", start.Stderr);
        Assert.False(File.Exists(Path.Combine(logs, "web.log.1")));
    }

    [Fact]
    public void A_big_log_swapped_for_a_link_under_a_running_supervisor_truncates_nothing()
    {
        Share(_dir.Path);
        string logs = Share(Path.Combine(_dir.Path, "local", "log"));
        Write("pidman.toml", "[settings]\nlog_max_size = \"1KB\"\n[services.web]\ncommand = \"sleep 100000\"\n");
        UpDetached();
        WaitForPidFile("web");
        var (victim, content) = PlantRotationTrap(logs);
        // The supervisor rotates every 10 s: it either did the damage, or refused and said so in its event log.
        string events = Path.Combine(logs, "pidman.log");
        Wait.Until(() => File.ReadAllText(victim) != content || File.ReadAllText(events).Contains("log not rotated", StringComparison.Ordinal),
            "the supervisor's next rotation", TimeSpan.FromSeconds(25));
        Assert.Equal(content, File.ReadAllText(victim));
        Assert.Contains($"web.log is owned by uid {Users.AttackerUid} (another user)", File.ReadAllText(events));
    }

    [NeedsToolsFact("python3")]
    public void Thirty_seconds_of_links_raced_onto_rotated_logs_never_make_root_write_through_one()
    {
        string logs = Share(Path.Combine(_dir.Path, "local", "log"));
        // Each start finds the log over 1 KB and rotates it (.2 -> .3, .1 -> .2, copy to .1), while the attacker puts a link at
        // every rotated name the instant it is free, aimed into a folder only root may write.
        Write("pidman.toml", "[settings]\nlog_max_size = \"1KB\"\nlog_keep = 3\nstartup_window = \"0s\"\n[services.web]\ncommand = \"yes x | head -c 3000; exec sleep 100000\"\n");
        string target = RootOnlyFolder();
        string markers = Markers(), stop = Path.Combine(markers, "stop");
        File.WriteAllText(Path.Combine(markers, "race.py"), """
            import os, sys
            target, log, stop = sys.argv[1:4]
            while not os.path.exists(stop):
                for i in (1, 2, 3):
                    try:
                        os.symlink(f"{target}/planted.{i}", f"{log}.{i}")
                    except OSError:
                        pass
            """);
        var racer = _procs.Start("runuser", "-u", Users.Attacker, "--", "python3", Path.Combine(markers, "race.py"), target, Path.Combine(logs, "web.log"), stop);
        try
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            int rounds = 0;
            while (DateTime.UtcNow < until)
            {
                Pidman("start", "web");
                Wait.Until(() => File.Exists(Path.Combine(logs, "web.log")) && new FileInfo(Path.Combine(logs, "web.log")).Length > 1024, "web's output");
                Pidman("stop", "web");
                rounds++;
                Assert.Empty(Directory.GetFiles(target));
            }
            Assert.True(rounds > 20, $"only {rounds} rotations in 30 s");
        }
        finally
        {
            File.WriteAllText(stop, "");
            racer.WaitForExit(10_000);
        }
        Assert.Empty(Directory.GetFiles(target));
    }

    [Fact]
    public void Init_copies_no_linked_procfile_and_replaces_a_linked_config_instead_of_writing_through_it()
    {
        Share(_dir.Path);
        string secret = Path.Combine(RootOnlyFolder(), "shadow");
        File.WriteAllText(secret, "root: secret-hash\n");
        AsAttacker($"ln -s '{secret}' '{_dir.Path}/Procfile'");
        var init = Pidman("init");
        Assert.NotEqual(0, init.ExitCode);
        Assert.Contains("Procfile: is a symbolic link", init.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "pidman.toml")));

        File.Delete(Path.Combine(_dir.Path, "Procfile"));
        AsAttacker($"ln -s '{secret}' '{_dir.Path}/pidman.toml'");
        var force = Pidman("init", "--force");
        Assert.True(force.ExitCode == 0, force.ToString());
        Assert.Equal("root: secret-hash\n", File.ReadAllText(secret));
        Assert.Null(new FileInfo(Path.Combine(_dir.Path, "pidman.toml")).LinkTarget); // the link itself was replaced
        Assert.Contains("[services.web]", Read("pidman.toml"));
    }

    [Fact]
    public void Logs_prints_no_linked_file_and_export_writes_into_no_linked_folder()
    {
        string logs = Share(Path.Combine(_dir.Path, "local", "log"));
        Share(_dir.Path);
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        string rootOnly = RootOnlyFolder();
        File.WriteAllText(Path.Combine(rootOnly, "secret"), "root's secret\n");
        AsAttacker($"ln -s '{rootOnly}/secret' '{logs}/notes.log' && ln -s '{rootOnly}' '{_dir.Path}/units'");

        foreach (var args in new[] { new[] { "logs" }, ["logs", "notes"] })
        {
            var result = Pidman(args);
            Assert.DoesNotContain("root's secret", result.Stdout + result.Stderr);
            Assert.Contains("notes.log is a symbolic link", result.Stderr);
        }
        var export = Pidman("export", "systemd", "--out", "units");
        Assert.Equal(1, export.ExitCode);
        Assert.Contains("units is a symbolic link", export.Stderr);
        Assert.Equal(["secret"], Directory.GetFiles(rootOnly).Select(Path.GetFileName));

        File.Delete(Path.Combine(_dir.Path, "units"));
        export = Pidman("export", "systemd", "--out", "units");
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains($"wrote {Path.Combine(_dir.Path, "units")}/", export.Stdout); // where they went, by its real name
    }

    [Fact]
    public void A_project_root_anyone_may_write_is_refused_like_every_folder_under_it()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)Convert.ToInt32("777", 8));
        foreach (var args in new[] { new[] { "status" }, ["start"] })
        {
            var result = Pidman(args);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains($"{_dir.Path} is writable by everyone (mode 777)", result.Stderr);
        }
        Assert.Empty(ProcInfo.ProcessesUnder(_dir.Path));
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)Convert.ToInt32("755", 8));
    }

    public static TheoryData<string> SpecialPlaces => new() { "pidman.toml", "Procfile", ".env", "app.env", "local/log/web.log", "local/log/pidman.log" };

    [Theory]
    [MemberData(nameof(SpecialPlaces))]
    public void A_fifo_or_a_device_link_in_place_of_a_file_makes_no_command_hang(string place)
    {
        switch (place)
        {
            case ".env": Write("Procfile", "web: sleep 100000\n"); break;
            case "app.env": Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\nenv_file = \"app.env\"\n"); break;
            case "pidman.toml" or "Procfile": break; // the config itself
            default: Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n"); break;
        }
        string path = Path.Combine(_dir.Path, place);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        foreach (string kind in new[] { "fifo", "/dev/zero" })
        {
            if (kind == "fifo") Root($"mkfifo '{path}'");
            else File.CreateSymbolicLink(path, kind);
            foreach (var args in new[] { new[] { "status" }, ["stop", "--all"], ["list"], ["start", "web"], ["logs"], ["up", "-d"], ["down"] })
            {
                var result = PidmanWithin(5, args); // fails the test if it hangs
                Assert.DoesNotContain("Unhandled exception", result.Stderr);
                Assert.DoesNotContain("OutOfMemory", result.Stderr);
                Assert.True(result.ExitCode is not (134 or 139), $"{kind} at {place}, {string.Join(' ', args)}: {result}");
            }
            Pidman("stop", "--all", "--force");
            File.Delete(path);
        }
    }

    [Fact]
    public void A_full_log_directory_does_not_block_a_start_and_the_dropped_banner_is_named()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"sleep 100000\"\n");
        string full = Path.Combine(_dir.Path, "full");
        string log = Path.Combine(_dir.Path, "local", "log", "web.log");
        Directory.CreateDirectory(full);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        File.WriteAllText(log, "");
        Root($"mount -t tmpfs -o size=16k tmpfs '{full}'");
        try
        {
            File.WriteAllText(Path.Combine(full, "web.log"), "");
            using (var filler = File.Create(Path.Combine(full, "filler")))
            {
                try { while (true) filler.Write(new byte[4096]); }
                catch (IOException) { /* full */ }
            }
            Root($"mount --bind '{full}/web.log' '{log}'");
            try
            {
                var start = Pidman("start");
                Assert.True(start.ExitCode == 0, start.ToString());
                Assert.Contains($"banner not written: cannot write {log}: No space left on device", start.Stderr);
                Assert.True(ProcInfo.IsAlive(PidOf("web")));
                Assert.Equal(0, Pidman("stop", "web").ExitCode);
            }
            finally
            {
                _procs.Start("umount", log).WaitForExit();
            }
        }
        finally
        {
            _procs.Start("umount", "-l", full).WaitForExit();
        }
    }
}
