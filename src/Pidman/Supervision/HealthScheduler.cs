namespace Pidman.Supervision;

/// <summary>Runs health probes off the event loop; each result is posted back to it.</summary>
internal sealed class HealthScheduler(Action<Action> post, CancellationToken stopping)
{
    /// <summary>Probes <paramref name="instance"/> in the background; <paramref name="onResult"/> runs on the loop with the PID probed and the verdict.</summary>
    public void Probe(SupervisedInstance instance, Action<SupervisedInstance, int, bool> onResult)
    {
        var check = instance.Definition.Health!;
        int pid = instance.Pid!.Value;
        instance.ProbeRunning = true;
        _ = Task.Run(async () =>
        {
            bool ok = await HealthProbe.CheckAsync(check, instance.Definition.WorkingDirectory, stopping).ConfigureAwait(false);
            post(() => onResult(instance, pid, ok));
        });
    }
}
