namespace Pidman.Config;

/// <summary>What a dependent waits for before it starts.</summary>
internal enum DependencyCondition
{
    /// <summary>The dependency's process is running.</summary>
    Started,
    /// <summary>Its health check passes (gated by the supervisor; <c>pidman start</c> treats it as started).</summary>
    Healthy,
    /// <summary>It ran to completion with exit code 0 (a one-shot job such as a migration).</summary>
    Completed,
}
