namespace Pidman.Tests.Infrastructure;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pidman.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root (Pidman.slnx) not found above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;
}
