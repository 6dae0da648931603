using System.Globalization;
using Pidman.Os;

namespace Pidman.Containment;

/// <summary>
/// The cgroup v2 of one run of a service instance, <c>&lt;our cgroup&gt;/pidman-&lt;project&gt;/&lt;stem&gt;.&lt;run&gt;</c>: the process joins it
/// before it executes the command (a child is born in its parent's cgroup), so no descendant is ever outside it. One
/// cgroup per run, named in its identity record: a stop that ends the members of one run can never reach the next.
/// </summary>
internal sealed class ServiceCgroup
{
    /// <summary>The prefix of a project's parent cgroup.</summary>
    public const string ProjectPrefix = "pidman-";

    private ServiceCgroup(string path) => Path = path;

    /// <summary>The cgroup's directory.</summary>
    public string Path { get; }

    /// <summary>The file a process writes its PID to, to join.</summary>
    public string ProcsFile => System.IO.Path.Combine(Path, "cgroup.procs");

    /// <summary>
    /// The cgroup at <paramref name="path"/> if it has the shape pidman gives its cgroups (<c>…/pidman-*/STEM.RUN</c> on a
    /// cgroup2 file system), else null: a path read from a record never leads pidman to another cgroup.
    /// </summary>
    public static ServiceCgroup? At(string? path)
    {
        if (string.IsNullOrEmpty(path) || !System.IO.Path.IsPathFullyQualified(path) || path.Contains("/../", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal)) return null;
        string? parent = System.IO.Path.GetDirectoryName(path);
        if (parent is null || !System.IO.Path.GetFileName(parent).StartsWith(ProjectPrefix, StringComparison.Ordinal)) return null;
        return new ServiceCgroup(path);
    }

    /// <summary>
    /// The directory new instance cgroups of the project with key <paramref name="projectKey"/> go in, created when
    /// missing; null where no cgroup2 tree is writable here (then tracking falls back to <see cref="Tracking.Group"/>).
    /// </summary>
    public static string? ProjectDirectory(string projectKey)
    {
        if (ProcFs.OwnCgroupDirectory() is not { } own) return null;
        string dir = System.IO.Path.Combine(own, ProjectPrefix + projectKey);
        try
        {
            Directory.CreateDirectory(dir);
            return File.Exists(System.IO.Path.Combine(dir, "cgroup.procs")) ? dir : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates a new, empty cgroup for a run of instance <paramref name="stem"/> in <paramref name="projectDirectory"/>, removing
    /// the empty ones earlier runs left (a starter killed before it wrote the record). The caller holds the instance's
    /// start lock, so no other run of it is being set up meanwhile.
    /// </summary>
    public static ServiceCgroup Create(string projectDirectory, string stem)
    {
        foreach (string run in Runs(projectDirectory, stem)) TryRemoveDirectory(run);
        var cgroup = new ServiceCgroup(System.IO.Path.Combine(projectDirectory, $"{stem}.{Guid.NewGuid():N}"[..(stem.Length + 13)]));
        Directory.CreateDirectory(cgroup.Path);
        return cgroup;
    }

    /// <summary>The project's cgroup directory if it exists (see <see cref="ProjectDirectory"/>, which creates it).</summary>
    public static string? ExistingProjectDirectory(string projectKey) =>
        ProcFs.OwnCgroupDirectory() is { } own && Directory.Exists(System.IO.Path.Combine(own, ProjectPrefix + projectKey)) ? System.IO.Path.Combine(own, ProjectPrefix + projectKey) : null;

    /// <summary>The run cgroups of instance <paramref name="stem"/> (every instance's when null) in <paramref name="projectDirectory"/>.</summary>
    public static IEnumerable<string> Runs(string projectDirectory, string? stem = null) =>
        Directory.Exists(projectDirectory) ? Directory.EnumerateDirectories(projectDirectory, stem is null ? "*.*" : stem + ".*") : [];

    /// <summary>Removes an empty cgroup directory; false when it has members or child cgroups, or is gone.</summary>
    public static bool TryRemoveDirectory(string path)
    {
        try
        {
            Directory.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Live members (zombies have left the cgroup already); empty when the cgroup is gone.</summary>
    public IReadOnlyList<int> Members() => MemberPids().Where(pid => ProcFs.TryReadStat(pid, out var s) && !s.HasExited).ToList();

    /// <summary>The PIDs in <c>cgroup.procs</c>, unchecked; empty when the cgroup is gone.</summary>
    public IReadOnlyList<int> MemberPids()
    {
        if (KernelFile.ReadText(ProcsFile, 1 << 16) is not { } text) return [];
        var pids = new List<int>();
        foreach (var line in text.AsSpan().EnumerateLines())
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) pids.Add(pid);
        return pids;
    }

    /// <summary>Sends <paramref name="signal"/> to every member; never to pidman itself or its group.</summary>
    public void Signal(Signal signal)
    {
        foreach (int pid in Members()) Signaller.ToListedProcess(pid, signal);
    }

    /// <summary>SIGKILL to every member: <c>cgroup.kill</c> (Linux 5.14+) where there is one, else member by member.</summary>
    public void KillMembers()
    {
        if (Members().Count == 0) return;
        try
        {
            File.WriteAllText(System.IO.Path.Combine(Path, "cgroup.kill"), "1");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Signal(Os.Signal.SIGKILL);
        }
    }

    /// <summary>Waits until no live member is left; false when <paramref name="timeout"/> passes first.</summary>
    public Task<bool> WaitUntilEmptyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Polling.UntilAsync(() => Members().Count == 0, timeout, cancellationToken);

    /// <summary>Removes the (empty) cgroup, and the project's parent when it was the last one; false when it still has members or is gone.</summary>
    public bool TryRemove()
    {
        if (!TryRemoveDirectory(Path)) return false;
        TryRemoveDirectory(System.IO.Path.GetDirectoryName(Path)!); // fails while other instances have theirs
        return true;
    }
}
