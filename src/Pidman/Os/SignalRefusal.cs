using System.Text.Json.Serialization;
using Pidman.Json;

namespace Pidman.Os;

/// <summary>Which safety rule kept a process from being signalled (DESIGN "Safety rules").</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<RefusalKind>))]
public enum RefusalKind
{
    /// <summary>The PID is 1 or below, or above the kernel's pid_max.</summary>
    OutOfRange,
    /// <summary>The PID is pidman's own (the calling process's).</summary>
    Pidman,
    /// <summary>The PID is pidman's parent.</summary>
    PidmanParent,
    /// <summary>The PID leads pidman's own process group (a stop would end pidman's own session's leader).</summary>
    PidmanGroupLeader,
    /// <summary>The PID file has no identity record of pidman's and others may write its directory: a file's word is no evidence there.</summary>
    UnvouchedInSharedDirectory,
    /// <summary>The PID file has no identity record and its status cannot be read.</summary>
    UnexaminableFile,
    /// <summary>The PID file has no identity record and the process started after the file was written (the PID was probably reused).</summary>
    StartedAfterFile,
    /// <summary>The PID file has no identity record and its owner (not root) does not own the process.</summary>
    ForeignOwner,
}

/// <summary>Why a process was not signalled: the rule, and what it looked at. The words are made by the renderers.</summary>
public sealed record SignalRefusal
{
    [JsonConstructor]
    internal SignalRefusal(RefusalKind kind, int pid)
    {
        Kind = kind;
        Pid = pid;
    }

    /// <summary>The rule that refused.</summary>
    public RefusalKind Kind { get; init; }

    /// <summary>The PID that was not signalled.</summary>
    public int Pid { get; init; }

    /// <summary>The PID file, for the rules about files without an identity record.</summary>
    public string? PidFilePath { get; init; }

    /// <summary>The directory others may write (<see cref="RefusalKind.UnvouchedInSharedDirectory"/>).</summary>
    public string? Directory { get; init; }

    /// <summary>The PID file's owner (<see cref="RefusalKind.ForeignOwner"/>).</summary>
    public uint? FileOwnerUid { get; init; }
}
