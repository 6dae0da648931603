namespace Pidman.Services;

/// <summary>Start and stop order from <c>depends_on</c>.</summary>
public static class DependencyOrder
{
    /// <summary>A cycle as a path (<c>a, b, a</c>), or null when there is none.</summary>
    public static List<string>? FindCycle(IReadOnlyList<ServiceDefinition> services)
    {
        var byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var stack = new List<string>();

        List<string>? Visit(string name)
        {
            state[name] = 1;
            stack.Add(name);
            foreach (var dep in byName[name].DependsOn.Keys.Where(byName.ContainsKey))
            {
                if (state.GetValueOrDefault(dep) == 1) return [.. stack.SkipWhile(s => s != dep), dep];
                if (state.GetValueOrDefault(dep) == 0 && Visit(dep) is { } cycle) return cycle;
            }
            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
            return null;
        }

        foreach (var s in services)
            if (state.GetValueOrDefault(s.Name) == 0 && Visit(s.Name) is { } cycle) return cycle;
        return null;
    }

    /// <summary>
    /// Start waves: every service in a wave depends only on services of earlier waves; file order within a wave.
    /// <paramref name="names"/> and everything they depend on are included.
    /// </summary>
    public static List<List<ServiceDefinition>> StartWaves(ProjectConfig config, IEnumerable<string> names)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        void Include(string name)
        {
            if (!wanted.Add(name)) return;
            foreach (var dep in config.Find(name)!.DependsOn.Keys) Include(dep);
        }
        foreach (var n in names) Include(n);

        var waves = new List<List<ServiceDefinition>>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var pending = config.Services.Where(s => wanted.Contains(s.Name)).ToList();
        while (pending.Count > 0)
        {
            var wave = pending.Where(s => s.DependsOn.Keys.All(placed.Contains)).ToList();
            if (wave.Count == 0) throw new InvalidOperationException("dependency cycle (config validation should have refused it)");
            waves.Add(wave);
            foreach (var s in wave) placed.Add(s.Name);
            pending.RemoveAll(wave.Contains);
        }
        return waves;
    }

    /// <summary>
    /// Stop waves: dependents before what they depend on (the start order reversed). Only
    /// <paramref name="names"/> are included - stopping web does not stop its database.
    /// </summary>
    public static List<List<ServiceDefinition>> StopWaves(ProjectConfig config, IEnumerable<string> names)
    {
        var set = names.ToHashSet(StringComparer.Ordinal);
        var waves = StartWaves(config, set);
        waves.Reverse();
        return waves.Select(w => w.Where(s => set.Contains(s.Name)).ToList()).Where(w => w.Count > 0).ToList();
    }
}
