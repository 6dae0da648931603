using Pidman.Logs;
using Pidman.Services;

namespace Pidman.Projects;

/// <summary>The logs of a project's log directory that pidman will read, and why it refuses the others.</summary>
/// <param name="Files">Logs the trust rule for files accepts, by name.</param>
/// <param name="Refused">One reason per log refused (a link, a FIFO, another user's file), naming it.</param>
internal sealed record LogListing(IReadOnlyList<LogFile> Files, IReadOnlyList<string> Refused);
