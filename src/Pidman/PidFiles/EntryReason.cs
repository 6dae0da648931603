using System.Text.Json.Serialization;
using Pidman.Json;

namespace Pidman.PidFiles;

/// <summary>Why an entry has its <see cref="PidState"/>; its JSON spelling is the kebab case of its name (docs/json.md).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<EntryReason>))]
public enum EntryReason
{
    /// <summary>Running, and the identity record (start time, boot id) matches.</summary>
    Verified,
    /// <summary>Running, but written by another program without an identity record: trusted only as far as its PID is alive.</summary>
    Unverified,
    /// <summary>No PID file.</summary>
    NoFile,
    /// <summary>No process has this PID.</summary>
    ProcessGone,
    /// <summary>The process has exited and waits to be reaped.</summary>
    Zombie,
    /// <summary>Another process now holds the PID (start time differs from the record).</summary>
    PidReused,
    /// <summary>The record was written during another boot.</summary>
    OtherBoot,
    /// <summary>The file is empty or whitespace only.</summary>
    Empty,
    /// <summary>The content is not a plain decimal number.</summary>
    NotANumber,
    /// <summary>PID 0 or 1, which are never a service.</summary>
    PidTooSmall,
    /// <summary>Above the kernel's pid_max.</summary>
    PidOutOfRange,
    /// <summary>The PID file is a symbolic link.</summary>
    Symlink,
    /// <summary>A directory, FIFO, device or socket rather than a regular file.</summary>
    NotRegularFile,
    /// <summary>Larger than any PID file can be.</summary>
    TooLarge,
    /// <summary>Anyone may write the file, so anyone could aim our signals.</summary>
    WorldWritable,
    /// <summary>Owned by another non-root user while pidman runs as root.</summary>
    ForeignOwner,
    /// <summary>The file could not be read.</summary>
    Unreadable,
    /// <summary>The main process is gone, but processes it started (its cgroup or process group) still run.</summary>
    Leftovers,
    /// <summary>The PID is a thread of another process, not a process: never a service's main process, never signalled.</summary>
    NotAProcess,
    /// <summary>The PID is a kernel thread (kthreadd's): never a service, never signalled.</summary>
    KernelThread,
    /// <summary>A one-shot job ran to its end (its exit code says how).</summary>
    Exited,
}

/// <summary>Stable codes and readable wording for <see cref="EntryReason"/>.</summary>
internal static class EntryReasons
{
    /// <summary>A short phrase for tables and messages.</summary>
    public static string Describe(this EntryReason reason) => reason switch
    {
        EntryReason.Verified => "identity verified",
        EntryReason.Unverified => "unverified (no identity record)",
        EntryReason.NoFile => "no PID file",
        EntryReason.ProcessGone => "process gone",
        EntryReason.Zombie => "zombie (exited)",
        EntryReason.PidReused => "PID reused by another process",
        EntryReason.OtherBoot => "written during another boot",
        EntryReason.Empty => "empty file",
        EntryReason.NotANumber => "not a number",
        EntryReason.PidTooSmall => "PID must be greater than 1",
        EntryReason.PidOutOfRange => "PID above pid_max",
        EntryReason.Symlink => "symbolic link",
        EntryReason.NotRegularFile => "not a regular file",
        EntryReason.TooLarge => "file too large for a PID",
        EntryReason.WorldWritable => "world-writable file",
        EntryReason.ForeignOwner => "owned by another user while running as root",
        EntryReason.Unreadable => "unreadable",
        EntryReason.Leftovers => "main process gone; processes it started still run",
        EntryReason.NotAProcess => "a thread ID, not a process",
        EntryReason.KernelThread => "a kernel thread",
        EntryReason.Exited => "ran to its end",
        _ => reason.ToString(),
    };
}
