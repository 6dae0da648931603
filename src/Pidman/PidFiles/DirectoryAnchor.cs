namespace Pidman.PidFiles;

/// <summary>
/// Holds a project's PID directory and its <c>.pidman/</c> open (O_PATH), reached component by component from the project
/// root with openat and O_NOFOLLOW and checked by <see cref="TrustedPath"/>'s rule as each is opened. Files in them are
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

    private HeldDirectory? Held(bool create, bool state)
    {
        lock (_gate)
        {
            _pidDirectory ??= HeldDirectory.Open(directory.Root, directory.Path, create);
            if (!state || _pidDirectory is null) return _pidDirectory;
            _stateDirectory ??= _pidDirectory.Child(PidDirectory.StateFolderName, create);
            return _stateDirectory;
        }
    }
}
