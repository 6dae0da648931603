namespace Pidman.Config;

/// <summary>Start and stop order from <c>depends_on</c>; linear in services and edges, and without recursion (a chain may be long).</summary>
internal static class DependencyOrder
{
    /// <summary>A cycle as a path (<c>a, b, a</c>), or null when there is none.</summary>
    public static List<string>? FindCycle(IReadOnlyList<ServiceDefinition> services)
    {
        var byName = ByName(services);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        foreach (var root in services)
        {
            if (state.GetValueOrDefault(root.Name) != 0) continue;
            // An explicit stack of (service, its dependencies still to visit): depth-first without recursion.
            var path = new List<string>();
            var stack = new Stack<(string Name, IEnumerator<string> Deps)>();
            void Enter(string name)
            {
                state[name] = 1;
                path.Add(name);
                stack.Push((name, byName[name].DependsOn.Keys.Where(byName.ContainsKey).GetEnumerator()));
            }
            Enter(root.Name);
            while (stack.Count > 0)
            {
                var (name, deps) = stack.Peek();
                if (!deps.MoveNext())
                {
                    stack.Pop();
                    path.RemoveAt(path.Count - 1);
                    state[name] = 2;
                    continue;
                }
                string dep = deps.Current;
                if (state.GetValueOrDefault(dep) == 1) return [.. path.SkipWhile(s => s != dep), dep];
                if (state.GetValueOrDefault(dep) == 0) Enter(dep);
            }
        }
        return null;
    }

    /// <summary>
    /// Start waves: every service in a wave depends only on services of earlier waves (its wave is its longest chain of
    /// dependencies); file order within a wave. <paramref name="names"/> and everything they depend on are included.
    /// </summary>
    public static List<List<ServiceDefinition>> StartWaves(ProjectConfig config, IEnumerable<string> names)
    {
        var byName = ByName(config.Services);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var toVisit = new Stack<string>(names);
        while (toVisit.Count > 0)
        {
            string name = toVisit.Pop();
            if (!wanted.Add(name)) continue;
            foreach (var dep in byName[name].DependsOn.Keys) toVisit.Push(dep);
        }

        // Kahn's algorithm over the wanted services: a service's wave is one more than its latest dependency's.
        var pendingDeps = new Dictionary<string, int>(StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var wave = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in wanted)
        {
            var deps = byName[name].DependsOn.Keys.Where(wanted.Contains).ToList();
            pendingDeps[name] = deps.Count;
            foreach (var dep in deps) (dependents.TryGetValue(dep, out var list) ? list : dependents[dep] = []).Add(name);
            wave[name] = 0;
        }
        var ready = new Queue<string>(wanted.Where(n => pendingDeps[n] == 0));
        int placed = 0;
        while (ready.Count > 0)
        {
            string name = ready.Dequeue();
            placed++;
            foreach (var dependent in dependents.GetValueOrDefault(name) ?? [])
            {
                wave[dependent] = Math.Max(wave[dependent], wave[name] + 1);
                if (--pendingDeps[dependent] == 0) ready.Enqueue(dependent);
            }
        }
        if (placed != wanted.Count) throw new InvalidOperationException("dependency cycle (config validation should have refused it)");

        var waves = new List<List<ServiceDefinition>>();
        foreach (var s in config.Services.Where(s => wanted.Contains(s.Name)))
        {
            while (waves.Count <= wave[s.Name]) waves.Add([]);
            waves[wave[s.Name]].Add(s);
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

    private static Dictionary<string, ServiceDefinition> ByName(IEnumerable<ServiceDefinition> services)
    {
        var byName = new Dictionary<string, ServiceDefinition>(StringComparer.Ordinal);
        foreach (var s in services) byName.TryAdd(s.Name, s);
        return byName;
    }
}
