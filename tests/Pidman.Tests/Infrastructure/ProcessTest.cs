namespace Pidman.Tests.Infrastructure;

/// <summary>Base of the end-to-end tests: a fresh directory and a set of started processes, both cleaned up after each test.</summary>
public abstract class ProcessTest : IDisposable
{
    protected readonly TempDir _dir = new();
    protected readonly Procs _procs = new();

    public virtual void Dispose()
    {
        _procs.Dispose();
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
