using Pidman.PidFiles;

namespace Pidman.Supervision;

/// <summary>What makes a control request malformed: said back to the client, never acted on.</summary>
internal static class ControlRequestCheck
{
    /// <summary>The longest stop timeout a request may ask for (a day, as a config's durations).</summary>
    private const double MaxTimeoutSeconds = 24 * 3600;

    /// <summary>Why <paramref name="request"/> cannot be carried out as it stands, or null.</summary>
    internal static string? Problem(ControlRequest? request)
    {
        if (request is null) return "null";
        if (!Enum.IsDefined(request.Command)) return $"unknown command {(int)request.Command}";
        if (request.Services is null) return "'services' must be a list of names";
        if (request.Services.Any(s => s is null)) return "'services' holds a null";
        if (request.Services.FirstOrDefault(s => !PidFileName.IsValidService(s)) is { } bad) return $"invalid service name '{bad}'";
        if (request.Type is { } type && !PidFileName.IsValidType(type)) return $"invalid PID type '{type}'";
        if (request.TimeoutSeconds is double t && (!double.IsFinite(t) || t < 0 || t > MaxTimeoutSeconds))
            return $"timeout_seconds must be from 0 to {MaxTimeoutSeconds:0}";
        if (request.Command == ControlCommand.Unregister && request.Services.Count != 1) return "unregister takes exactly one service";
        return null;
    }
}
