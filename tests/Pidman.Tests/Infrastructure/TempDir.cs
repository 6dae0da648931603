namespace Pidman.Tests.Infrastructure;

/// <summary>A fresh directory under /tmp that deletes itself.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pidman-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The PID directory the tests use: &lt;temp&gt;/local/pid.</summary>
    public string PidDir => System.IO.Path.Combine(Path, "local", "pid");

    public string File(string name) => System.IO.Path.Combine(PidDir, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
