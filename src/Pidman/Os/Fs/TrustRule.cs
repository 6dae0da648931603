using System.Globalization;
using Pidman.Os.Interop;

namespace Pidman.Os.Fs;

/// <summary>
/// What pidman trusts, decided here once for every directory and file it acts on. Another local user who can write the
/// project folder, plant links or rewrite a file must not steer root's (or a teammate's) pidman: point <c>local/pid</c> at
/// /run and have <c>stop --all</c> signal root's daemons, replace <c>pidman.toml</c> and have <c>start</c> run their
/// command, or plant a link where pidman truncates a log.
/// <list type="bullet">
/// <item>A directory (from the project root down, or from <c>/</c> for one outside the project): not a symbolic link,
/// owned by the user pidman runs as or by root, not writable by everyone unless sticky (like /tmp).</item>
/// <item>A file it decides by or writes (config, Procfile, env files, logs, what <c>init</c> and <c>export</c> write): a
/// regular file, owned by that user or root, writable by no one else - group write only for the user's own primary group
/// (the user private group that <c>umask 002</c> systems give every user). A file pidman writes must also have one name
/// only (a hard link would make a truncation or an append land in another file).</item>
/// </list>
/// </summary>
internal static class TrustRule
{
    private static readonly uint s_euid = Libc.GetEffectiveUid();
    private static readonly uint s_egid = Libc.GetEffectiveGid();

    /// <summary>True when <paramref name="uid"/> is the user pidman runs as or root: the owners whose files count.</summary>
    internal static bool IsEntitled(uint uid) => uid == s_euid || uid == 0;

    /// <summary>The user pidman runs as.</summary>
    internal static uint EffectiveUid => s_euid;

    /// <summary>What is wrong with directory <paramref name="shownAs"/>'s owner or mode, or null.</summary>
    internal static string? DirectoryProblem(Libc.FileStatus status, string shownAs)
    {
        if (!IsEntitled(status.Uid))
            return $"{shownAs} is owned by uid {Number(status.Uid)}, not by you or root; pidman does not act on files another user controls: chown it, or run pidman as that user";
        if (status.IsWorldWritable && !status.IsSticky)
            return $"{shownAs} is writable by everyone (mode {status.Octal}); pidman does not act on files anyone can replace: chmod o-w it";
        return null;
    }

    /// <summary>
    /// True when others may add or rename entries in the directory (group- or world-writable): what a PID file in it says
    /// is then taken only with an identity record of ours, never on its word.
    /// </summary>
    internal static bool IsShared(Libc.FileStatus directory) => directory.IsWorldWritable || (directory.IsGroupWritable && directory.Gid != s_egid);

    /// <summary>
    /// Why a folder met while searching upward for a project may not be adopted, or null: the directory rule, and not one
    /// others may write unless it is yours (for anyone but root, /tmp is such a folder).
    /// </summary>
    internal static string? AdoptableFolderProblem(string folder)
    {
        using var fd = Libc.Open(folder, Libc.O_PATH | Libc.O_DIRECTORY, 0, out var errno);
        if (fd.IsInvalid || !Libc.TryFileStatus(fd, out var status, out errno)) return $"{folder} cannot be examined: {errno.Describe()}";
        if (DirectoryProblem(status, folder) is { } problem) return problem;
        return IsShared(status) && status.Uid != s_euid
            ? $"{folder} is writable by others (mode {status.Octal}) and is not yours, so anyone may have put the file there; pidman does not adopt a project from such a folder: give --root or -f to use it"
            : null;
    }

    /// <summary>What is wrong with file <paramref name="shownAs"/>, or null; <paramref name="forWriting"/> adds the one-name rule.</summary>
    internal static string? FileProblem(Libc.FileStatus status, string shownAs, bool forWriting = false)
    {
        if (!status.IsRegularFile)
            return $"{shownAs} is {status.Kind}, not a regular file; pidman reads and writes only regular files there: remove it";
        if (!IsEntitled(status.Uid))
            return $"{shownAs} is owned by uid {Number(status.Uid)} (another user), not by you or root; pidman does not act on a file another user controls: remove it, or chown it";
        if (status.IsWorldWritable)
            return $"{shownAs} is writable by everyone (mode {status.Octal}); pidman does not act on a file anyone can rewrite: chmod o-w {shownAs}";
        if (status.IsGroupWritable && status.Gid != s_egid)
            return $"{shownAs} is writable by group {Number(status.Gid)} (mode {status.Octal}), so by users other than you; pidman does not act on a file others can rewrite: chmod g-w {shownAs}";
        if (forWriting && status.Links > 1)
            return $"{shownAs} has {Number(status.Links)} names (hard links); pidman does not write to a file that is also elsewhere: remove it";
        return null;
    }

    private static string Number(uint value) => value.ToString(CultureInfo.InvariantCulture);
}
