using Pidman.Os;

namespace Pidman.Containment;

/// <summary>
/// The live members of process groups, for one look at many instances (a whole <c>status</c>): /proc is walked at
/// most once, and not at all for groups that kill(-pgid, 0) shows to be empty.
/// </summary>
internal sealed class ProcessGroups
{
    private readonly Lazy<ILookup<int, ProcStat>> _byGroup = new(ProcFs.LiveProcessesByGroup, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The live members of group <paramref name="pgid"/>.</summary>
    public IReadOnlyList<ProcStat> Members(int pgid)
    {
        if (!Signaller.GroupExists(pgid)) return [];
        return _byGroup.Value[pgid].ToList();
    }
}
