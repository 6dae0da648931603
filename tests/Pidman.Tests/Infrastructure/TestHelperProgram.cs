using System.Diagnostics;

namespace Pidman.Tests.Infrastructure;

/// <summary>Starts tests/Pidman.TestHelper, a real program that registers itself with <see cref="PidFile"/>.</summary>
public static class TestHelperProgram
{
    public static Process Start(Procs procs, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Pidman.TestHelper.dll");
        // Its own session, as a real service would have: pidman never signals its own process group.
        return procs.StartInOwnSession("dotnet", [dll, .. args]);
    }
}
