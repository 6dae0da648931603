using Pidman.Os;

namespace Pidman.PidFiles;

/// <summary>One inspection of a PID file: the public entry plus what was read to decide it, kept to re-check before acting.</summary>
internal sealed record EntryCheck(PidEntry Entry, PidFileSnapshot Snapshot, IdentityRecord? Record, ProcStat? Stat);
