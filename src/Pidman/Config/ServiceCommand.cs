using System.Text;

namespace Pidman.Config;

/// <summary>How a service's command runs, so that its PID file names the service itself and not a shell around it.</summary>
internal enum CommandForm
{
    /// <summary>No shell syntax: split by shell quoting rules and executed directly (<c>sleep 100000</c>).</summary>
    Direct,
    /// <summary>One simple command with shell syntax (assignments, redirections, <c>$VAR</c>, globs): run by <c>/bin/sh -c 'exec …'</c>, so the shell replaces itself.</summary>
    ExecInShell,
    /// <summary>A compound command (<c>;</c> <c>&amp;&amp;</c> <c>||</c> <c>|</c> <c>&amp;</c>, loops, subshells): the shell stays the main process.</summary>
    Shell,
}

/// <summary>
/// A service command as pidman runs it. Debian's <c>/bin/sh</c> (dash) does not <c>exec</c> the last command of
/// <c>sh -c</c>, so a plain <c>sh -c "nginx"</c> would leave the shell as the recorded PID and nginx as its child:
/// <see cref="Script"/> is the command with <c>exec</c> where the shell can hand over to the service.
/// </summary>
/// <param name="Command">The command as written.</param>
/// <param name="Form">How it runs.</param>
/// <param name="Arguments">For <see cref="CommandForm.Direct"/>: the argv; otherwise empty.</param>
/// <param name="Script">What <c>/bin/sh -c</c> runs: it ends by exec'ing the service unless the command is compound.</param>
internal sealed record ServiceCommand(string Command, CommandForm Form, IReadOnlyList<string> Arguments, string Script)
{
    /// <summary>Words that make a command the shell's own: reserved words, and builtins with no program to exec (<c>exit 4</c>).</summary>
    private static readonly HashSet<string> ShellOnly =
    [
        "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "in", "function", "select", "{", "}", "!", "[[", "]]", "time",
        "exit", "return", "break", "continue", "export", "readonly", "set", "unset", "shift", "trap", "eval", ".", ":", "cd", "umask", "wait", "ulimit",
        "alias", "unalias", "read", "getopts", "hash", "type", "command", "source", "local", "jobs", "fg", "bg",
    ];

    /// <summary>Analyses <paramref name="command"/> by the POSIX shell's quoting and word rules.</summary>
    public static ServiceCommand Parse(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false, syntax = false;
        int commandWordStart = -1; // offset of the first word that is not an assignment
        int wordStart = 0;

        ServiceCommand Compound() => new(command, CommandForm.Shell, [], command);

        void EndWord()
        {
            if (!inWord) return;
            string text = word.ToString();
            if (commandWordStart < 0 && IsAssignment(command.AsSpan(wordStart)))
            {
                syntax = true;
            }
            else if (commandWordStart < 0)
            {
                commandWordStart = wordStart;
            }
            words.Add(text);
            word.Clear();
            inWord = false;
        }

        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (!inWord && c is ' ' or '\t') continue;
            if (!inWord)
            {
                inWord = true;
                wordStart = i;
                if (c is '~' or '#') syntax = true;
            }
            switch (c)
            {
                case ' ' or '\t':
                    EndWord();
                    break;
                case '\n' or ';' or '(' or ')':
                    return Compound();
                case '&' or '|':
                    // '>&', '<&' and '>|' are redirections; any other '&' or '|' joins commands.
                    if (i > 0 && command[i - 1] is '>' or '<') { syntax = true; break; }
                    return Compound();
                case '<' or '>' or '*' or '?' or '[' or '$' or '`':
                    syntax = true;
                    if (c == '$' && i + 1 < command.Length && command[i + 1] == '(' && SkipParenthesised(command, i + 1) is int end) i = end;
                    else if (c == '`' && command.IndexOf('`', i + 1) is int close and > 0) i = close;
                    word.Append(c);
                    break;
                case '\\':
                    if (i + 1 >= command.Length || command[i + 1] == '\n') return Compound();
                    word.Append(command[++i]);
                    break;
                case '\'':
                    int quote = command.IndexOf('\'', i + 1);
                    if (quote < 0) return Compound(); // unterminated: let the shell say so
                    word.Append(command, i + 1, quote - i - 1);
                    i = quote;
                    break;
                case '"':
                    int j = i + 1;
                    for (; j < command.Length && command[j] != '"'; j++)
                    {
                        if (command[j] is '$' or '`') syntax = true;
                        if (command[j] == '\\' && j + 1 < command.Length) j++;
                    }
                    if (j >= command.Length) return Compound();
                    word.Append(command, i + 1, j - i - 1);
                    if (command.AsSpan(i + 1, j - i - 1).Contains('\\')) syntax = true;
                    i = j;
                    break;
                default:
                    word.Append(c);
                    break;
            }
        }
        EndWord();

        if (commandWordStart < 0) return Compound(); // only assignments or redirections: nothing to exec
        string first = words[words.FindIndex(w => !IsAssignment(w))];
        if (ShellOnly.Contains(first)) return Compound();
        if (first == "exec") return new(command, syntax ? CommandForm.ExecInShell : CommandForm.Direct, syntax ? [] : words.Skip(1).ToList(), command);
        if (!syntax) return new(command, CommandForm.Direct, words, "exec " + ShellQuote.Join(words));
        return new(command, CommandForm.ExecInShell, [], command[..commandWordStart] + "exec " + command[commandWordStart..]);
    }

    /// <summary><c>NAME=</c> at the start: a variable assignment.</summary>
    private static bool IsAssignment(ReadOnlySpan<char> text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || !(char.IsAsciiLetter(text[0]) || text[0] == '_')) return false;
        foreach (char c in text[..eq])
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        return true;
    }

    /// <summary>The index of the ')' that closes the '(' at <paramref name="open"/>, or null.</summary>
    private static int? SkipParenthesised(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        }
        return null;
    }
}
