using Pidman.Os.Interop;

namespace Pidman.Os.Fs;

/// <summary>Whether a helper binary beside ours may be run in our place: one anyone else could have put there would run as whoever runs us.</summary>
internal static class ExecutableTrust
{
    /// <summary>
    /// True when <paramref name="candidate"/> is a regular executable file (not a link), owned by root or by the owner of
    /// <paramref name="reference"/>, and writable by its owner alone.
    /// </summary>
    internal static bool IsAsTrustedAs(string candidate, string reference)
    {
        using var own = Libc.Open(reference, Libc.O_PATH, 0, out _);
        using var helper = Libc.Open(candidate, Libc.O_PATH | Libc.O_NOFOLLOW, 0, out _);
        return Libc.TryFileStatus(own, out var owner, out _) && Libc.TryFileStatus(helper, out var status, out _)
            && status.IsRegularFile && (status.Uid == 0 || status.Uid == owner.Uid) && (status.Mode & 0x12 /* 022 */) == 0 && (status.Mode & 0x40 /* 0100 */) != 0;
    }
}
