namespace Pidman.PidFiles;

/// <summary>Replaces a file so that readers see the old content or the new, never a torn or empty file.</summary>
internal static class AtomicFile
{
    /// <summary>The PID of the process that created temp file <paramref name="fileName"/> (<c>.NAME.PID.GUID.tmp</c>), or null.</summary>
    internal static int? WriterPid(string fileName)
    {
        var parts = fileName.Split('.');
        return parts.Length >= 4 && int.TryParse(parts[^3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    /// <summary>Writes a temp file in <paramref name="tempDirectory"/> (same filesystem), fsyncs it, then renames it over <paramref name="path"/>.</summary>
    internal static void Write(string path, ReadOnlySpan<byte> content, string tempDirectory)
    {
        string temp = Path.Combine(tempDirectory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true); // rename(2): atomic within one filesystem
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
    }
}
