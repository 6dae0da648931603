using System.Text;

namespace Pidman.Config;

/// <summary>The commented <c>pidman.toml</c> that <c>pidman init</c> writes.</summary>
internal static class ConfigTemplate
{
    /// <summary>
    /// Renders a config for <paramref name="services"/> (from a Procfile, in its order), or an example service when there
    /// are none. Each keeps what the Procfile gave it: foreman's <c>PORT</c> (<c>port = true</c>: the same port, by the same
    /// place in the file) and, with <paramref name="envFile"/>, the <c>.env</c> it read.
    /// </summary>
    public static string Render(IReadOnlyList<ServiceDefinition>? services, string? envFile = null)
    {
        var text = new StringBuilder();
        text.Append("""
            # pidman.toml - the services of this project; pidman's README describes every key.
            # pidman start | status | stop --all | logs -f

            [settings]
            # pid_dir = "local/pid"    # PID files: <service>.pid, <type>_<service>.pid
            # log_dir = "local/log"    # output of background services: <service>.log

            """);
        if (services is null || services.Count == 0)
        {
            text.Append("""

                [services.web]
                command = "python3 -m http.server 8000 --bind 127.0.0.1"
                # cwd = "."                   # relative to this file
                # env = { PORT = "8000" }
                # env_file = ".env"
                # depends_on = ["db"]         # or { db = "healthy" } - started | healthy | completed
                # stop_signal = "TERM"
                # stop_timeout = "10s"
                # restart = "on-failure"      # no | on-failure | always (under the supervisor)
                # scale = 1                   # N > 1: instances worker1..N

                """);
            return text.ToString();
        }
        bool first = true;
        foreach (var s in services)
        {
            text.Append('\n').Append("[services.").Append(Key(s.Name)).Append("]\n");
            text.Append("command = ").Append(Quote(s.Command)).Append('\n');
            text.Append("port = true                   # PORT as foreman gave it: the base + 100 per service before it\n");
            if (envFile is not null) text.Append("env_file = ").Append(Quote(envFile)).Append('\n');
            if (first)
            {
                text.Append("""
                    # depends_on = ["db"]         # or { db = "healthy" } - started | healthy | completed
                    # stop_timeout = "10s"
                    # restart = "on-failure"      # no | on-failure | always (under the supervisor)

                    """);
                first = false;
            }
        }
        return text.ToString();
    }

    private static string Key(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? name : Quote(name);

    /// <summary>A TOML basic string.</summary>
    private static string Quote(string value)
    {
        var s = new StringBuilder("\"");
        foreach (char c in value)
        {
            s.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return s.Append('"').ToString();
    }
}
