using System.Globalization;
using System.Text;

namespace Pidman.PidFiles;

/// <summary>
/// 12 hex digits of the 64-bit FNV-1a hash of a project's root path: unique per project and short, for names that
/// must fit small limits (a tmux socket path, a cgroup name). FNV rather than SHA-256: SHA-256 loads OpenSSL, which
/// cost every pidman call with a config 2-5 ms; this needs no secrecy.
/// </summary>
internal static class ProjectKey
{
    /// <summary>The key of the project at <paramref name="root"/>.</summary>
    public static string For(string root)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in Encoding.UTF8.GetBytes(Path.GetFullPath(root)))
            hash = (hash ^ b) * 1099511628211;
        return hash.ToString("x16", CultureInfo.InvariantCulture)[..12];
    }
}
