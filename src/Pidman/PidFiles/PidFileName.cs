using Pidman.Exceptions;

namespace Pidman.PidFiles;

/// <summary>The one naming rule: type <c>process</c> is <c>&lt;service&gt;.pid</c>, any other type T is <c>&lt;T&gt;_&lt;service&gt;.pid</c>.</summary>
internal readonly record struct PidFileName
{
    /// <summary>The default PID type: the service's main process.</summary>
    public const string DefaultType = PidTypes.Process;

    /// <summary>The PID file extension.</summary>
    public const string Extension = ".pid";

    private PidFileName(string service, string type)
    {
        Service = service;
        Type = type;
    }

    /// <summary>The service name, e.g. <c>web_server</c>.</summary>
    public string Service { get; }

    /// <summary>The PID type, e.g. <c>process</c>, <c>tmux</c>, <c>worker1</c>.</summary>
    public string Type { get; }

    /// <summary>The file name without extension: <c>web_server</c> or <c>tmux_web_server</c>.</summary>
    public string Stem => Type == DefaultType ? Service : $"{Type}_{Service}";

    /// <summary>The file name, e.g. <c>tmux_web_server.pid</c>.</summary>
    public string FileName => Stem + Extension;

    /// <summary>Validates both names and returns the file name they map to.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null: a caller's mistake, not a user's input.</exception>
    /// <exception cref="PidmanInputException">A name breaks the naming rule.</exception>
    public static PidFileName Create(string service, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        type ??= DefaultType;
        if (!IsValidService(service))
            throw new PidmanInputException($"invalid service name {Quote(service)}: use 1-64 characters from A-Z a-z 0-9 . _ -, starting with a letter or digit");
        if (!IsValidType(type))
            throw new PidmanInputException($"invalid PID type {Quote(type)}: use 1-32 characters from a-z 0-9 -, starting with a letter (no underscore)");
        return new PidFileName(service, type);
    }

    /// <summary>True when <paramref name="service"/> matches <c>[A-Za-z0-9][A-Za-z0-9._-]{0,63}</c>.</summary>
    public static bool IsValidService(string? service) =>
        service is { Length: >= 1 and <= 64 } && char.IsAsciiLetterOrDigit(service[0]) && service.AsSpan(1).IndexOfAnyExcept(ServiceCharacters) < 0;

    /// <summary>True when <paramref name="type"/> matches <c>[a-z][a-z0-9-]{0,31}</c>.</summary>
    public static bool IsValidType(string? type) =>
        type is { Length: >= 1 and <= 32 } && char.IsAsciiLetterLower(type[0]) && type.AsSpan(1).IndexOfAnyExcept(TypeCharacters) < 0;

    /// <summary>True when <paramref name="fileName"/> can be a PID file of <paramref name="service"/>: <c>S.pid</c> or <c>T_S.pid</c>.</summary>
    internal static bool CanBelongTo(string fileName, string service) =>
        fileName.EndsWith(Extension, StringComparison.Ordinal) && fileName.AsSpan(0, fileName.Length - Extension.Length) is var stem
        && stem.EndsWith(service, StringComparison.Ordinal) && (stem.Length == service.Length || stem[stem.Length - service.Length - 1] == '_');

    // Plain character sets, not regexes: these run for every file of every status (a regex match per name costs more).
    private static readonly System.Buffers.SearchValues<char> ServiceCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");
    private static readonly System.Buffers.SearchValues<char> TypeCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>
    /// Reads a file name written by someone else, with no identity record to say what it means.
    /// <c>a_b.pid</c> is ambiguous (service <c>a_b</c>, or type <c>a</c> of <c>b</c>), so only the
    /// types pidman itself writes (<c>tmux</c>, <c>supervisor</c>, <c>workerN</c>) are split off;
    /// anything else is a service of type <c>process</c>.
    /// </summary>
    public static PidFileName? Infer(string fileName)
    {
        if (!fileName.EndsWith(Extension, StringComparison.Ordinal)) return null;
        string stem = fileName[..^Extension.Length];
        int underscore = stem.IndexOf('_');
        if (underscore > 0)
        {
            string type = stem[..underscore];
            string service = stem[(underscore + 1)..];
            if (IsWellKnownType(type) && IsValidService(service)) return new PidFileName(service, type);
        }
        return IsValidService(stem) ? new PidFileName(stem, DefaultType) : null;
    }

    /// <summary>Human wording for messages: <c>web</c> or <c>web (tmux)</c>.</summary>
    public static string Describe(string service, string type) => type == DefaultType ? service : $"{service} ({type})";

    /// <inheritdoc />
    public override string ToString() => Describe(Service, Type);

    private static bool IsWellKnownType(string type) =>
        type is PidTypes.Tmux or PidTypes.Supervisor || (type.Length > 6 && type.StartsWith("worker", StringComparison.Ordinal) && type.AsSpan(6).IndexOfAnyExceptInRange('0', '9') < 0);

    private static string Quote(string? value) => value is null ? "(null)" : "'" + value.Replace("\n", "\\n").Replace("\r", "\\r") + "'";
}
