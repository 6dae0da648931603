using Pidman.Config;
using Pidman.Exceptions;
using Pidman.PidFiles;
using Pidman.Services;

namespace Pidman.Supervision;

internal sealed partial class Supervisor
{
    /// <summary>
    /// The instances of <paramref name="config"/> this supervisor runs, in start order; an instance of <paramref name="keep"/>
    /// whose service is unchanged (same <see cref="ServiceDefinition.Fingerprint"/>) is kept as it is, running process and all.
    /// </summary>
    private List<SupervisedInstance> InstancesFor(ProjectConfig config, IReadOnlyList<SupervisedInstance> keep)
    {
        var wanted = _wanted.Count == 0 ? config.Services.Select(s => s.Name).ToList() : _wanted.Where(n => config.Find(n) is not null).ToList();
        var byLabel = keep.ToDictionary(i => i.Label, StringComparer.Ordinal);
        return DependencyOrder.StartWaves(config, wanted).SelectMany(w => w)
            .SelectMany(s => s.InstanceTypes.Select(t =>
                byLabel.TryGetValue(PidFileName.Create(s.Name, t).Stem, out var old) && old.Definition.Fingerprint() == s.Fingerprint() ? old : new SupervisedInstance(s, t)))
            .ToList();
    }

    /// <summary>
    /// <c>pidman reload</c> and SIGHUP: re-reads the config and applies the difference - removed and changed services stop
    /// (dependents first), then changed and added ones start; unchanged ones are not touched. A broken config changes nothing.
    /// </summary>
    private Task<ControlResponse> Reload()
    {
        ProjectConfig fresh;
        try
        {
            fresh = _reload();
        }
        catch (PidmanException e)
        {
            _events.Write("pidman", $"reload refused, nothing changed:{Environment.NewLine}{e.Message}");
            return Task.FromResult(ControlResponse.Refused($"reload refused, nothing changed:{Environment.NewLine}{e.Message}"));
        }
        var old = _machine.Instances;
        var next = InstancesFor(fresh, old);
        var gone = old.Where(i => !next.Contains(i)).ToList();
        var oldNames = old.Select(i => i.Definition.Name).ToHashSet(StringComparer.Ordinal);
        var nextNames = next.Select(i => i.Definition.Name).ToHashSet(StringComparer.Ordinal);
        var changed = gone.Select(i => i.Definition.Name).Where(nextNames.Contains).Distinct().ToList();
        var lines = new List<string>();
        void Say(string what, IEnumerable<string> names)
        {
            var list = names.Distinct().ToList();
            if (list.Count > 0) lines.Add($"{what}: {string.Join(", ", list)}");
        }
        Say("added", nextNames.Where(n => !oldNames.Contains(n)));
        Say("removed", oldNames.Where(n => !nextNames.Contains(n)));
        Say("restarted", changed);
        Say("unchanged", nextNames.Where(n => oldNames.Contains(n) && !changed.Contains(n)));
        _events.Write("pidman", $"reload: {(lines.Count == 0 ? "nothing to do" : string.Join("; ", lines))}");

        return StopInBackground(gone, gone.Select(i => i.Definition.Name).Distinct().ToList(), all: false, force: false, timeout: null, type: null)
            .ContinueWith(stopped => OnLoop(() =>
            {
                // From here on the new config rules: the controller's stop plans, one-shot jobs, the tmux socket.
                _config = fresh;
                _controller = new ServiceController(fresh, _pids, fresh.LogDirectory, _controller.LineStamper, _controller.Warn);
                _machine.Replace(next);
                int code = stopped.Result.All(r => r.Succeeded) ? 0 : 1;
                return Task.FromResult(new ControlResponse(code, null, [], [], stopped.Result) { Lines = lines });
            }), TaskScheduler.Default).Unwrap();
    }
}
