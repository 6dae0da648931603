using Pidman.Config;
using Pidman.Containment;
using Pidman.Logs;

namespace Pidman.Services;

/// <summary>How one <see cref="ServiceMode"/> starts an instance, learns of its exit, and tidies up after it.</summary>
internal interface IServiceLauncher
{
    /// <summary>Starts instance <paramref name="type"/> of <paramref name="service"/> with output to <paramref name="log"/>, contained as <paramref name="tracking"/> says.</summary>
    /// <exception cref="Exceptions.PidmanException">It could not be started; the message says why.</exception>
    Launch Launch(ServiceDefinition service, string type, LogTarget log, (Containment.Tracking Tracking, Containment.ServiceCgroup? Cgroup) tracking);

    /// <summary>Waits up to <paramref name="timeout"/> for the instance to exit: null while it runs, else its exit code (-1 when unknown).</summary>
    int? WaitForExit(Launch launch, TimeSpan timeout);

    /// <summary>Tidies up after an instance that exited at once (a window to close, for instance).</summary>
    void Discard(Launch launch);

    /// <summary>Tidies up after <paramref name="service"/> was stopped.</summary>
    void Close(ServiceDefinition service);
}
