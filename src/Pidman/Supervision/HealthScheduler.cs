namespace Pidman.Supervision;

/// <summary>Runs health probes off the event loop; each result is posted back to it.</summary>
internal sealed class HealthScheduler(Action<Action> post, CancellationToken stopping)
{
    /// <summary>Probes <paramref name="instance"/> in the background; <paramref name="onResult"/> runs on the loop with the PID probed and the verdict.</summary>
    public void Probe(SupervisedInstance instance, Action<SupervisedInstance, int, bool> onResult)
    {
        var check = instance.Definition.Health!;
        int pid = instance.Pid!.Value;
        _ = Task.Run(async () =>
        {
            // The instance's own world: its variables fill $PORT in the target, and an exec probe runs with them in its folder.
            var env = Config.ServiceEnvironment.Inherited();
            foreach (var (k, v) in Config.ServiceEnvironment.Own(instance.Definition, instance.Type)) env[k] = v;
            bool ok = await HealthProbe.CheckAsync(check, instance.Definition.WorkingDirectory, env, stopping).ConfigureAwait(false);
            post(() => onResult(instance, pid, ok));
        });
    }
}
