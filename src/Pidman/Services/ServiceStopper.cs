using Pidman.Config;
using Pidman.Logs;
using Pidman.PidFiles;
using Pidman.Stopping;

namespace Pidman.Services;

/// <summary>Stops services: dependents before what they depend on, in parallel within each wave, each with its own stop signal and timeout.</summary>
internal sealed class ServiceStopper(ProjectConfig? config, PidManager pids, ServiceLogs logs, Func<ServiceMode, IServiceLauncher> launcherFor)
{
    /// <summary>
    /// Stops <paramref name="names"/> (or, with <paramref name="all"/>, every config service and every PID file but the
    /// supervisor's); only PID type <paramref name="type"/> when given.
    /// </summary>
    internal async Task<IReadOnlyList<StopResult>> StopAsync(IReadOnlyCollection<string> names, bool all, bool force, TimeSpan? timeout, string? type, CancellationToken cancellationToken)
    {
        foreach (var name in names) PidFileName.Create(name, type);
        var configNames = config?.Services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        // --all never takes the supervisor's own PID file: 'pidman down' stops the supervisor.
        var wanted = all
            ? names.Union(configNames).Union(pids.ListServices().Where(s => s != PidTypes.SupervisorService)).ToList()
            : names.Distinct().ToList();
        var results = new List<StopResult>();

        // Processes outside the config (registered, or started with run) depend on nothing we know: first.
        var plan = StopPlan.Default with { Force = force, Timeout = timeout ?? StopPlan.DefaultTimeout, RecordedTimeoutApplies = timeout is null };
        var others = wanted.Where(n => !configNames.Contains(n));
        results.AddRange(await Task.WhenAll(others.Select(n => pids.StopServiceAsync(n, plan, type, cancellationToken))).ConfigureAwait(false));
        if (config is null) return results;

        foreach (var wave in DependencyOrder.StopWaves(config, wanted.Where(configNames.Contains)))
        {
            results.AddRange(await Task.WhenAll(wave.Select(async s =>
            {
                // A stopped job runs again at the next start: its last completion is forgotten with the stop.
                if (config.IsOneShot(s.Name))
                    foreach (var t in s.InstanceTypes.Where(t => type is null || t == type)) pids.ForgetCompletion(s.Name, t);
                var result = await pids.StopServiceAsync(s.Name, s.ToStopPlan(force, timeout), type, cancellationToken).ConfigureAwait(false);
                launcherFor(s.Mode).Close(s);
                foreach (var e in result.Entries.Where(e => e.Pid is not null && e.Outcome is StopOutcome.Terminated or StopOutcome.Killed))
                    logs.EndOfRunBanner(logs.For(PidFileName.Create(e.Service, e.Type)), $"{StopWords.Describe(e)} (PID {e.Pid})");
                return result;
            })).ConfigureAwait(false));
        }
        return results;
    }
}
