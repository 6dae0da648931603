using System.CommandLine;
using System.CommandLine.Parsing;

namespace Pidman.Cli;

/// <summary>
/// What is wrong with a command line, in one line: an unknown verb or option (with the nearest one that exists), a value
/// an option does not take, a missing argument. Every word that begins with <c>-</c> before <c>--</c> is an option, so an
/// unknown option is never taken for a service name.
/// </summary>
internal static class UsageErrors
{
    /// <summary>The one line that says what is wrong with <paramref name="args"/> as parsed into <paramref name="parse"/>, or null when it can run.</summary>
    public static string? Describe(RootCommand root, ParseResult parse, IReadOnlyList<string> args)
    {
        var command = parse.CommandResult.Command;
        string where = command == root ? "'pidman help'" : $"'pidman help {command.Name}'";
        // --json=maybe: the parser splits it, and a switch's value that is not true/false would become an argument.
        foreach (string arg in args.TakeWhile(a => a != "--").Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')))
        {
            string name = arg[..arg.IndexOf('=')], value = arg[(arg.IndexOf('=') + 1)..];
            if (Options(root, command).FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name)) is Option<bool> && value is not ("true" or "false"))
                return $"invalid {name}={OptionValues.Shown(value)}: {name} is a switch (give it alone, or =true / =false); see {where}";
        }
        if (command == root && parse.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-')) is { } verb)
        {
            var verbs = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
            return Pidman.Config.ServiceNames.Closest(verb, verbs) is { } near
                ? $"unknown command '{verb}' (did you mean '{near}'?)"
                : $"unknown command '{verb}'; see {where}";
        }
        if (UnknownOption(parse) is { } option)
        {
            var known = Options(root, command).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(a => a.StartsWith("--", StringComparison.Ordinal)).Distinct().ToList();
            string name = option.Split('=')[0];
            return Pidman.Config.ServiceNames.Closest(name, known) is { } near
                ? $"unknown option {OptionValues.Shown(name)} for '{Verb(root, command)}' (did you mean '{near}'?)"
                : $"unknown option {OptionValues.Shown(name)} for '{Verb(root, command)}'; see {where}";
        }
        // Every value given to an option, checked as its option reads it (the parser would not convert them all).
        for (var result = parse.CommandResult; result is not null; result = result.Parent as CommandResult)
            foreach (var given in result.Children.OfType<OptionResult>())
                foreach (var token in given.Tokens)
                    if (OptionValues.Problem(given.Option, token.Value) is { } problem) return $"{problem}; see {where}";
        if (parse.Errors.Count == 0) return null;
        // A value an option refused says most; then whatever the parser found first.
        var error = parse.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult or ArgumentResult { Parent: OptionResult }) ?? parse.Errors[0];
        return $"{error.Message.TrimEnd('.')}; see {where}";
    }

    /// <summary>
    /// The first word that names no option: one the parser could not place, or one an argument took although it begins
    /// with <c>-</c> (before a <c>--</c>, after which every word is an argument).
    /// </summary>
    private static string? UnknownOption(ParseResult parse)
    {
        if (parse.UnmatchedTokens.FirstOrDefault(t => t.StartsWith('-') && t.Length > 1) is { } unmatched) return unmatched;
        int doubleDash = IndexOf(parse.Tokens, t => t.Type == TokenType.DoubleDash);
        foreach (var argument in parse.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                if (!token.Value.StartsWith('-') || token.Value.Length == 1) continue;
                int at = IndexOf(parse.Tokens, t => ReferenceEquals(t, token));
                if (doubleDash < 0 || at < doubleDash) return token.Value;
            }
        }
        return null;
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Func<Token, bool> match)
    {
        for (int i = 0; i < tokens.Count; i++) if (match(tokens[i])) return i;
        return -1;
    }

    /// <summary>Every option <paramref name="command"/> takes: its own and those of the root that apply to every verb.</summary>
    public static IEnumerable<Option> Options(RootCommand root, Command command) =>
        command == root ? root.Options : command.Options.Concat(root.Options.Where(o => o.Recursive));

    private static string Verb(RootCommand root, Command command) => command == root ? "pidman" : command.Name;
}
