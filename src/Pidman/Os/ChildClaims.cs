using System.Collections.Concurrent;

namespace Pidman.Os;

/// <summary>
/// Children that some code will reap itself (a health probe, a tmux client run by Process). The supervisor,
/// as subreaper, reaps every other zombie child; it must leave these alone or their owners lose the exit code.
/// </summary>
internal static class ChildClaims
{
    private static readonly ConcurrentDictionary<int, byte> s_claimed = new();

    internal static void Claim(int pid) => s_claimed[pid] = 0;

    internal static void Release(int pid) => s_claimed.TryRemove(pid, out _);

    internal static bool IsClaimed(int pid) => s_claimed.ContainsKey(pid);
}
