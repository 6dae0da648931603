using Pidman.Os.Fs;
using Pidman.Os.Interop;

namespace Pidman.PidFiles;

/// <summary>
/// Holds a project's PID directory and its <c>.pidman/</c> open (O_PATH), reached component by component from the project
/// root with openat and O_NOFOLLOW and checked by <see cref="TrustRule"/> as each is opened. Files in them are
/// then named <c>/proc/self/fd/N/NAME</c>, which the kernel resolves to the very directory held: renaming or replacing a
/// component after the check cannot redirect pidman. (<see cref="PidDirectory.Path"/> stays the name users see.)
/// </summary>
internal sealed class DirectoryAnchor(PidDirectory directory)
{
    private readonly Lock _gate = new();
    private HeldDirectory? _pidDirectory;
    private HeldDirectory? _stateDirectory;

    /// <summary>A file in the state folder (<c>.pidman/</c>) as a path that cannot be redirected; null when the folder does not exist and <paramref name="create"/> is false.</summary>
    public string? FileInStateDirectory(string fileName, bool create = false) => HeldStateDirectory(create)?.File(fileName);

    /// <summary>The PID directory held; null when it does not exist and <paramref name="create"/> is false.</summary>
    public HeldDirectory? HeldPidDirectory(bool create = false) => Held(create, state: false);

    /// <summary>The state folder held; null when it does not exist and <paramref name="create"/> is false.</summary>
    public HeldDirectory? HeldStateDirectory(bool create = false) => Held(create, state: true);

    /// <summary>What opening the folders had to mend (a state folder someone else put in the place of ours), for the user to hear.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    private readonly List<string> _warnings = [];

    /// <summary>An empty file pidman puts in every state folder it makes, by which it knows its own folder under another name.</summary>
    internal const string MarkerName = ".pidman-state";

    private HeldDirectory? Held(bool create, bool state)
    {
        lock (_gate)
        {
            _pidDirectory ??= HeldDirectory.Open(directory.Root, directory.Path, create);
            if (!state || _pidDirectory is null) return _pidDirectory;
            _stateDirectory ??= OpenStateDirectory(_pidDirectory, create);
            return _stateDirectory;
        }
    }

    private HeldDirectory? OpenStateDirectory(HeldDirectory pids, bool create)
    {
        HeldDirectory? held;
        try
        {
            held = pids.Child(PidDirectory.StateFolderName, create);
        }
        catch (Exceptions.PidmanException) when (pids.IsShared && IsForeign(pids, PidDirectory.StateFolderName))
        {
            // Others may rename entries of a shared PID directory: ours may have been moved aside and another user's folder
            // (or a link) put in its place. Ours is found again by its marker; without this, every command would fail there.
            held = RecoverStateDirectory(pids, create);
        }
        if (held is not null && !held.TryStatus(MarkerName, out _))
            held.CreateEmptyFile(MarkerName, 0x1A4);
        return held;
    }

    /// <summary>True when what stands at <paramref name="name"/> is not a directory of ours or root's.</summary>
    private static bool IsForeign(HeldDirectory pids, string name) =>
        pids.TryStatus(name, out var status) && (!status.IsDirectory || !TrustRule.IsEntitled(status.Uid));

    private HeldDirectory? RecoverStateDirectory(HeldDirectory pids, bool create)
    {
        pids.TryStatus(PidDirectory.StateFolderName, out var foreign);
        string aside = $"{PidDirectory.StateFolderName}.foreign-{foreign.Uid}-{Guid.NewGuid():N}"[..40];
        if (pids.MoveNoReplace(PidDirectory.StateFolderName, aside) is not Os.Interop.Errno.None and var failed)
            throw new Exceptions.PidmanException($"{directory.StatePath} is not pidman's (owned by uid {foreign.Uid}) and cannot be moved aside: {failed.Describe()}", failed.AsException());
        // Ours: a directory of ours or root's, by the directory rule, holding the marker we made with it; the newest, if several.
        string? found = null;
        DateTimeOffset newest = DateTimeOffset.MinValue;
        foreach (string name in System.IO.Directory.EnumerateDirectories(pids.IoPath).Select(Path.GetFileName).OfType<string>())
        {
            if (name == aside || !pids.TryStatus(name, out var status) || !status.IsDirectory || TrustRule.DirectoryProblem(status, name) is not null) continue;
            using var candidate = Child(pids, name);
            if (candidate is null || !candidate.TryStatus(MarkerName, out var marker) || !TrustRule.IsEntitled(marker.Uid) || status.ModifiedAt <= newest) continue;
            (found, newest) = (name, status.ModifiedAt);
        }
        string moved = $"{directory.StatePath} belonged to uid {foreign.Uid}, not to pidman (moved to {Path.Combine(directory.Path, aside)})";
        if (found is not null && pids.MoveNoReplace(found, PidDirectory.StateFolderName) == Os.Interop.Errno.None)
            _warnings.Add($"{moved}; pidman's own state folder was found as {Path.Combine(directory.Path, found)} and moved back. Others can rename files in {directory.Path}: make it sticky (chmod +t) or not group-writable");
        else
            _warnings.Add($"{moved}; pidman's own state folder was not found, so identity records are lost. Others can rename files in {directory.Path}: make it sticky (chmod +t) or not group-writable");
        return pids.Child(PidDirectory.StateFolderName, create);
    }

    private static HeldDirectory? Child(HeldDirectory parent, string name)
    {
        try
        {
            return parent.Child(name, create: false);
        }
        catch (Exceptions.PidmanException)
        {
            return null;
        }
    }
}
