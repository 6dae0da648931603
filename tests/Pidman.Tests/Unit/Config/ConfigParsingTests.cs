using Pidman.Services;
using Pidman.Tests.Infrastructure;
using Pidman.Config;

namespace Pidman.Tests.Unit.Config;

public class ConfigParsingTests
{
    [Fact]
    public void An_unknown_service_error_lists_at_most_twelve_names_and_still_points_at_the_close_one()
    {
        var known = Enumerable.Range(1, 200).Select(i => $"s{i}").ToList();

        string message = ServiceNames.Unknown("s150x", known, "pidman.toml").Message;

        Assert.Equal("unknown service 's150x' (did you mean 's150'?); pidman.toml defines s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12 and 188 more", message);
        Assert.Equal("unknown service 'x'; pidman.toml defines web, db", ServiceNames.Unknown("x", ["web", "db"], "pidman.toml").Message);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    public void Durations_take_a_number_and_a_unit(string text, double ms)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(ms, value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-1s")]
    [InlineData("s")]
    [InlineData("1 s")]
    [InlineData("100h")]
    public void Durations_refuse_anything_else(string text) => Assert.False(Durations.TryParse(text, out _));

    [Fact]
    public void Dotenv_reads_foreman_style_files()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, ".env");
        File.WriteAllText(path, "# comment\nA=1\nexport B=two words\nC=\"quoted # not a comment\"\nD='single $literal'\nE=x # trailing comment\n\nF=\"line\\nbreak\"\n");
        var errors = new List<ConfigError>();
        var env = DotEnv.Read(path, errors);
        Assert.Empty(errors);
        Assert.Equal("1", env["A"]);
        Assert.Equal("two words", env["B"]);
        Assert.Equal("quoted # not a comment", env["C"]);
        Assert.Equal("single $literal", env["D"]);
        Assert.Equal("x", env["E"]);
        Assert.Equal("line\nbreak", env["F"]);
    }

    [Fact]
    public void Dotenv_skips_what_foreman_skips_with_a_warning_naming_the_line()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, ".env");
        File.WriteAllText(path, "A=1\nnot a pair\n1X=2\n-foo=x\nkéy=3\nfoo=lower\n");
        var errors = new List<ConfigError>();
        var warnings = new List<ConfigError>();
        var env = DotEnv.Read(path, errors, warnings);
        Assert.Empty(errors);
        Assert.Equal([2, 4, 5], warnings.Select(e => e.Line));
        Assert.All(warnings, w => Assert.Contains("(foreman skips it too)", w.Message));
        Assert.Equal("2", env["1X"]);
        Assert.Equal("lower", env["foo"]);
    }

    [Fact]
    public void Procfile_errors_name_the_line()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "Procfile");
        File.WriteAllText(path, "web: run web\nno colon here\nweb: again\n.hidden: x\nempty:\n");
        var e = Assert.Throws<ConfigException>(() => ProcfileReader.Read(path, dir.Path));
        Assert.Equal([2, 3, 4, 5], e.Errors.Select(x => x.Line));
        Assert.Contains("defined twice", e.Errors[1].Message);
    }

    [Fact]
    public void Two_services_that_would_share_a_pid_file_are_refused()
    {
        ConfigEntry Entry(string service, string key, object value) => new(["services", service, key], value, 1);
        var e = Assert.Throws<ConfigException>(() => ProjectConfigBuilder.Build(
            new ConfigDocument("pidman.toml", [Entry("web", "command", "a"), Entry("web", "scale", 2L), Entry("worker1_web", "command", "b")], [], []),
            "/tmp", ProjectSettings.Defaults("/tmp"), []));
        Assert.Contains("PID file worker1_web.pid would be the same as service web's", e.Message);
    }

    [Fact]
    public void Stop_waves_put_dependents_first_and_leave_out_what_was_not_named()
    {
        ServiceDefinition S(string name, params string[] deps) => new()
        {
            Name = name, Command = "x", WorkingDirectory = "/",
            DependsOn = deps.ToDictionary(d => d, _ => DependencyCondition.Started),
        };
        var config = new ProjectConfig("/", "pidman.toml", ProjectSettings.Defaults("/"), [S("db"), S("cache"), S("web", "db", "cache"), S("worker", "db")]);

        var start = DependencyOrder.StartWaves(config, ["web"]).Select(w => w.Select(s => s.Name).ToList()).ToList();
        Assert.Equal([["db", "cache"], ["web"]], start);

        var stop = DependencyOrder.StopWaves(config, ["db", "web", "worker"]).Select(w => w.Select(s => s.Name).ToList()).ToList();
        Assert.Equal([["web", "worker"], ["db"]], stop);
    }
}
