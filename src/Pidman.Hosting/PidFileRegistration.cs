namespace Pidman.Hosting;

/// <summary>The service name the first <c>AddPidFile</c> gave, so that a second one with another name is refused.</summary>
/// <param name="Service">That service name.</param>
internal sealed record PidFileRegistration(string Service);
