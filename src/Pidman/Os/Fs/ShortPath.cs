using System.Globalization;
using Pidman.Exceptions;
using Pidman.Os.Interop;

namespace Pidman.Os.Fs;

/// <summary>
/// A name for a file that fits where only a short path will do - a Unix socket address holds 108 bytes - however deep the
/// project: the path itself when it is short, else <c>/proc/self/fd/N/NAME</c> through a descriptor of its directory,
/// held open while the name is used (bind or connect). The descriptor is opened without following a link.
/// </summary>
internal sealed class ShortPath : IDisposable
{
    /// <summary>Room left in sockaddr_un's sun_path for the path and its terminating NUL.</summary>
    private const int MaxSocketPath = 107;

    private readonly FileDescriptor? _directory;

    private ShortPath(string path, FileDescriptor? directory)
    {
        Path = path;
        _directory = directory;
    }

    /// <summary>The name to use while this is held.</summary>
    public string Path { get; }

    /// <summary>A short name for <paramref name="fullPath"/>.</summary>
    /// <exception cref="PidmanException">Its directory cannot be opened.</exception>
    public static ShortPath For(string fullPath)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(fullPath) <= MaxSocketPath) return new ShortPath(fullPath, null);
        string directory = System.IO.Path.GetDirectoryName(fullPath)!;
        var fd = Libc.Open(directory, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var errno);
        if (fd.IsInvalid)
        {
            fd.Dispose();
            throw new PidmanException($"cannot open {directory}: {errno.Describe()}", errno.AsException());
        }
        return new ShortPath($"/proc/self/fd/{fd.Value.ToString(CultureInfo.InvariantCulture)}/{System.IO.Path.GetFileName(fullPath)}", fd);
    }

    /// <summary>Closes the directory's descriptor.</summary>
    public void Dispose() => _directory?.Dispose();
}
