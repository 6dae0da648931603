using System.Diagnostics;
using System.Globalization;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>
/// The same Procfile, .env, options and environment under pidman and under the real foreman (Debian's ruby-foreman),
/// side by side: each process writes what it sees (its environment, named by its PS) and both must give what foreman's
/// code and specs say (lib/foreman/engine.rb base_port/port_for/formation, procfile.rb, env.rb; spec/foreman/engine_spec.rb,
/// procfile_spec.rb), except where pidman differs on purpose (the README's "Differences from foreman"), which a case says.
/// </summary>
public sealed class ForemanSideBySideTests : ProjectTest
{
    /// <summary>What a service does in these Procfiles: write its environment where the test reads it, then stay.</summary>
    private const string Dump = "env > dumps/$PS.env; exec sleep 100000";

    /// <param name="Procfile">The Procfile, DUMP standing for <see cref="Dump"/>.</param>
    /// <param name="Files">Other files (.env, a.env ...) by name.</param>
    /// <param name="Args">Options for both start commands (-e, -p, -m: the same spelling in both tools).</param>
    /// <param name="Environment">Variables of the starting environment.</param>
    /// <param name="Expected">Each process (by PS) and what it must see; no other process may run.</param>
    /// <param name="ForemanDiffers">For the keys where pidman differs on purpose: what foreman gives instead.</param>
    /// <param name="Warned">The lines (<c>FILE:LINE</c>) pidman must name as skipped, and no others.</param>
    public sealed record Case(string Procfile, Dictionary<string, string> Files, string[] Args, Dictionary<string, string> Environment,
        Dictionary<string, Dictionary<string, string>> Expected, Dictionary<string, Dictionary<string, string>>? ForemanDiffers = null, string[]? Warned = null);

    private static Dictionary<string, string> Env(params string[] pairs) => pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    public static TheoryData<string, Case> Cases => new()
    {
        { "PORT from .env is the base: each service +100", new("web: DUMP\nworker: DUMP\n", new() { [".env"] = "PORT=7000\n" }, [], [],
            new() { ["web.1"] = Env("PORT=7000", "PS=web.1"), ["worker.1"] = Env("PORT=7100", "PS=worker.1") }) },
        { "PORT from the environment is the base", new("web: DUMP\nworker: DUMP\n", [], [], Env("PORT=6000"),
            new() { ["web.1"] = Env("PORT=6000"), ["worker.1"] = Env("PORT=6100") }) },
        { "-p wins over PORT in .env", new("web: DUMP\nworker: DUMP\n", new() { [".env"] = "PORT=7000\n" }, ["-p", "6000"], [],
            new() { ["web.1"] = Env("PORT=6000"), ["worker.1"] = Env("PORT=6100") }) },
        { "formation: several instances, each port +1", new("web: DUMP\nworker: DUMP\n", [], ["-m", "web=2,worker=3"], [],
            new()
            {
                ["web.1"] = Env("PORT=5000"), ["web.2"] = Env("PORT=5001"),
                ["worker.1"] = Env("PORT=5100"), ["worker.2"] = Env("PORT=5101"), ["worker.3"] = Env("PORT=5102"),
            }) },
        { "formation: all=1 with one left out", new("web: DUMP\nworker: DUMP\nclock: DUMP\n", [], ["-m", "all=1,worker=0"], [],
            new() { ["web.1"] = Env("PORT=5000"), ["clock.1"] = Env("PORT=5200") }) },
        { "lines foreman skips are skipped, shift no port, and are named", new(
            "# a comment\n  indented: DUMP\nweb: DUMP\nweb2 : DUMP\nempty:\n+foo: DUMP\nsome free text\nworker: DUMP\n", [], [], [],
            new() { ["web.1"] = Env("PORT=5000"), ["worker.1"] = Env("PORT=5100") }, Warned: ["Procfile:2", "Procfile:4", "Procfile:5", "Procfile:6", "Procfile:7"]) },
        { ".env: quoted value with a comment after it, backslashes, keys foreman takes", new("web: DUMP\n", new()
            {
                [".env"] = "QUOTED=\"bar\" # a comment\nDOLLAR=\"foo\\$bar\"\n1FOO=one\nlower=two\n-foo=skipped\nno equals here\nSINGLE='a \\n b'\n",
            }, [], [],
            // 1FOO is taken (not named as skipped), but no shell passes a variable of that name on, foreman's or pidman's.
            new() { ["web.1"] = Env("QUOTED=bar", "DOLLAR=foo$bar", "lower=two", "SINGLE=a \\n b") },
            ForemanDiffers: new() { ["web.1"] = Env("QUOTED=\"bar\" # a comment") }, Warned: [".env:5", ".env:6"]) },
        { "-e a.env,b.env: later files win", new("web: DUMP\n", new() { ["a.env"] = "FOO=a\nBAR=a\n", ["b.env"] = "FOO=b\n" }, ["-e", "a.env,b.env"], [],
            new() { ["web.1"] = Env("FOO=b", "BAR=a") }) },
    };

    [NeedsToolsTheory("foreman")]
    [MemberData(nameof(Cases))]
    public void Pidman_gives_each_process_what_foreman_gives_it(string what, Case c)
    {
        Write("Procfile", c.Procfile.Replace("DUMP", Dump));
        foreach (var (name, text) in c.Files) Write(name, text);
        string dumps = Path.Combine(_dir.Path, "dumps");
        Directory.CreateDirectory(dumps);

        // pidman
        var env = c.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        var start = PidmanCli.RunRaw(["start", .. c.Args], cwd: _dir.Path, env: env);
        Assert.True(start.ExitCode == 0, $"{what}: {start}");
        var seen = Collect(dumps, c.Expected.Count);
        Assert.Equal(0, Pidman("stop", "--all").ExitCode);
        Check(what, "pidman", seen, c.Expected, null);
        var warned = System.Text.RegularExpressions.Regex.Matches(start.Stderr, @"/([^/:\s]+:\d+): (?:\S+: )?skipped").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(c.Warned ?? [], warned);

        // foreman, the same way
        foreach (var file in Directory.GetFiles(dumps)) File.Delete(file);
        var info = new ProcessStartInfo("foreman") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir.Path };
        foreach (var a in (string[])["start", "-f", "Procfile", "-d", _dir.Path, .. c.Args]) info.ArgumentList.Add(a);
        foreach (var (k, v) in c.Environment) info.Environment[k] = v;
        var foreman = Process.Start(info)!;
        _procs.Track(foreman);
        foreman.BeginOutputReadLine();
        foreman.BeginErrorReadLine();
        try
        {
            Check(what, "foreman", Collect(dumps, c.Expected.Count), c.Expected, c.ForemanDiffers);
        }
        finally
        {
            _procs.Start("kill", "-TERM", foreman.Id.ToString(CultureInfo.InvariantCulture)).WaitForExit();
            foreman.WaitForExit(10_000);
        }
    }

    /// <summary>Each process's environment, once <paramref name="count"/> have written it (and no more come in a moment).</summary>
    private static Dictionary<string, Dictionary<string, string>> Collect(string dumps, int count)
    {
        bool Complete(string file) => File.ReadAllText(file).Contains("\nPS=", StringComparison.Ordinal) || File.ReadAllText(file).StartsWith("PS=", StringComparison.Ordinal);
        Wait.Until(() => Directory.GetFiles(dumps).Count(Complete) >= count, $"{count} processes to write their environment");
        return Directory.GetFiles(dumps).ToDictionary(f => Path.GetFileNameWithoutExtension(f), f =>
            File.ReadAllLines(f).Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]));
    }

    private static void Check(string what, string tool, Dictionary<string, Dictionary<string, string>> seen,
        Dictionary<string, Dictionary<string, string>> expected, Dictionary<string, Dictionary<string, string>>? differs)
    {
        Assert.True(seen.Keys.Order().SequenceEqual(expected.Keys.Order()), $"{what}, {tool}: processes {string.Join(", ", seen.Keys.Order())}, expected {string.Join(", ", expected.Keys.Order())}");
        foreach (var (ps, want) in expected)
        {
            foreach (var (key, value) in want)
            {
                string expectedValue = differs?.GetValueOrDefault(ps)?.GetValueOrDefault(key) ?? value;
                Assert.True(seen[ps].GetValueOrDefault(key) == expectedValue, $"{what}, {tool}: {ps} saw {key}={seen[ps].GetValueOrDefault(key) ?? "(unset)"}, expected {expectedValue}");
            }
            Assert.Equal(ps, seen[ps]["PS"]);
        }
    }
}
