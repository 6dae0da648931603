using System.CommandLine;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>
/// Every verb and every option, taken from the command tree itself (a new option is covered without editing this test), fed
/// bad input: a usage error is exit 2 and one line on stderr, never a crash, a stack trace or a hang.
/// </summary>
public sealed class CommandLineTests : ProcessTest
{
    private static readonly RootCommand Tree = Pidman.Cli.Cli.CreateRoot();

    /// <summary>What a value-taking option must refuse: words, empty, not-a-number, too large, negative, absurdly long, control characters, the forms other tools accept.</summary>
    private static readonly string[] BadValues = ["abc", "", " ", "NaN", "inf", "1e400", "-5", new string('9', 2000), "\u0001", "0x10", "1_000", "١٢"];

    private static IEnumerable<Command> Verbs() => Tree.Subcommands.Where(c => !c.Hidden).Prepend(Tree);

    private static IEnumerable<Option> OptionsOf(Command verb) =>
        (verb == Tree ? Tree.Options : verb.Options.Concat(Tree.Options.Where(o => o.Recursive)))
        .Where(o => !o.Hidden && o.Name is not ("--help" or "--version"));

    /// <summary>Values for the arguments and required options a verb needs, so that only the option under test is wrong.</summary>
    private static List<string> Required(Command verb, Option? except = null)
    {
        var args = new List<string>();
        foreach (var option in OptionsOf(verb).Where(o => o.Required && o != except)) args.AddRange([option.Name, "12345"]);
        foreach (var argument in verb.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0))
            args.Add(argument.Name switch { "SIGNAL" => "HUP", "FORMAT" => "systemd", "SHELL" => "bash", "COMMAND" => "true", _ => "web" });
        return args;
    }

    private static bool TakesTypedValue(Option o) => o.ValueType != typeof(bool) && o.ValueType != typeof(string) && o.ValueType != typeof(string[]);

    private PidmanCli.Result Run(string[] args) =>
        PidmanCli.RunRaw(args, cwd: _dir.Path, env: new Dictionary<string, string?> { ["PIDMAN_FILE"] = null, ["PIDMAN_ENV_FILE"] = null }, timeout: TimeSpan.FromSeconds(20));

    private static void AssertOneUsageLine(PidmanCli.Result result, string[] args, string? contains = null)
    {
        string shown = string.Join(' ', args.Select(a => a.Length > 30 ? a[..30] + "…" : a));
        Assert.True(result.ExitCode == 2, $"pidman {shown}: {result}");
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1 && lines[0].StartsWith("pidman: ", StringComparison.Ordinal), $"pidman {shown}: not one line: {result.Stderr}");
        Assert.DoesNotContain("Unhandled exception", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        if (contains is not null) Assert.Contains(contains, result.Stderr);
    }

    public static TheoryData<string> VerbNames => new(Verbs().Select(v => v == Tree ? "" : v.Name));

    /// <summary>Every verb; the root's own options are every verb's too (they are recursive), so the typed-value test takes them there.</summary>
    public static TheoryData<string> Subcommands => new(Tree.Subcommands.Where(c => !c.Hidden).Select(v => v.Name));

    [Theory]
    [MemberData(nameof(Subcommands))]
    public void Every_typed_option_of_a_verb_refuses_bad_values_with_one_line_naming_it(string verbName)
    {
        var verb = Tree.Subcommands.Single(c => c.Name == verbName);
        var cases = OptionsOf(verb).Where(TakesTypedValue)
            .SelectMany(o => BadValues.Select(bad => (Option: o, Args: (string[])[verbName, o.Name, bad, .. Required(verb, o)])))
            .ToList();
        Assert.NotEmpty(cases); // --port, at least
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, c => AssertOneUsageLine(Run(c.Args), c.Args, $"invalid {c.Option.Name}"));
    }

    [Theory]
    [MemberData(nameof(VerbNames))]
    public void Every_verb_refuses_an_unknown_option_with_one_line_and_never_takes_it_for_a_name(string verbName)
    {
        var verb = verbName == "" ? Tree : Tree.Subcommands.Single(c => c.Name == verbName);
        foreach (string unknown in new[] { "--no-such-option", "--no-such-option=3", "-Z" })
        {
            string[] args = [.. verbName == "" ? [] : new[] { verbName }, unknown, .. Required(verb)];
            AssertOneUsageLine(Run(args), args, $"unknown option '{unknown.Split('=')[0]}'");
        }
    }

    [Theory]
    [MemberData(nameof(VerbNames))]
    public void Every_text_option_takes_an_empty_or_strange_value_without_a_crash(string verbName)
    {
        var verb = verbName == "" ? Tree : Tree.Subcommands.Single(c => c.Name == verbName);
        foreach (var option in OptionsOf(verb).Where(o => o.ValueType == typeof(string) || o.ValueType == typeof(string[])))
        {
            foreach (string value in new[] { "", "\u0001", new string('x', 5000), "-" })
            {
                string[] args = [.. verbName == "" ? [] : new[] { verbName }, option.Name, value, .. Required(verb, option)];
                if (verbName is "logs" or "attach" or "up") args = [.. args, "--no-such-option"]; // never follow, attach or supervise for real
                var result = Run(args);
                Assert.True(result.ExitCode is >= 0 and <= 4, $"pidman {verbName} {option.Name} <{value.Length} chars>: {result}");
                Assert.DoesNotContain("Unhandled exception", result.Stderr);
                Assert.DoesNotContain("internal error", result.Stderr);
                Assert.DoesNotContain("   at ", result.Stderr);
            }
        }
    }

    [Fact]
    public void A_mistyped_verb_is_one_line_with_the_suggestion_and_help_takes_a_verb()
    {
        AssertOneUsageLine(Run(["stauts"]), ["stauts"], "unknown command 'stauts' (did you mean 'status'?)");
        AssertOneUsageLine(Run(["frobnicate"]), ["frobnicate"], "unknown command 'frobnicate'");
        var help = Run(["help", "stop"]);
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("Stop services", help.Stdout);
        Assert.Contains("--timeout", help.Stdout);
        var all = Run(["help"]);
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("status", all.Stdout);
        AssertOneUsageLine(Run(["help", "stauts"]), ["help", "stauts"], "did you mean 'status'?");
        // Response files and directives are off: neither reads a file nor changes what runs.
        var response = Run(["status", "@/proc/self/environ"]);
        Assert.Equal(2, response.ExitCode);
        Assert.DoesNotContain("PATH=", response.Stderr);
        AssertOneUsageLine(Run(["[suggest]", "sta"]), ["[suggest]", "sta"]);
        AssertOneUsageLine(Run(["-?x"]), ["-?x"], "unknown option '-?x'");
        AssertOneUsageLine(Run(["start", "--json=maybe"]), ["start", "--json=maybe"], "--json is a switch");
    }
}
