using System.Collections;
using System.Globalization;
using Pidman.PidFiles;

namespace Pidman.Config;

/// <summary>The environment a service runs with: the one place that builds it (and copies pidman's own).</summary>
internal static class ServiceEnvironment
{
    /// <summary>The service's name.</summary>
    public const string ServiceVariable = "PIDMAN_SERVICE";

    /// <summary>The instance number, 1..scale.</summary>
    public const string InstanceVariable = "PIDMAN_INSTANCE";

    /// <summary>The PID type (<c>process</c>, <c>workerN</c>).</summary>
    public const string TypeVariable = "PIDMAN_TYPE";

    /// <summary>The PID directory it belongs to, so a service whose starter died before writing its PID file can be recognised.</summary>
    public const string PidDirectoryVariable = "PIDMAN_PID_DIR";

    /// <summary>foreman's port variable (<see cref="ServiceDefinition.Port"/>).</summary>
    public const string PortVariable = "PORT";

    /// <summary>foreman's process name variable: <c>web.1</c>, <c>worker.3</c>.</summary>
    public const string ProcessVariable = "PS";

    /// <summary>A copy of this process's environment.</summary>
    public static Dictionary<string, string> Inherited()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables()) env[(string)e.Key] = (string?)e.Value ?? "";
        return env;
    }

    /// <summary>
    /// The environment of instance <paramref name="type"/> of <paramref name="service"/>: pidman's own when
    /// <paramref name="inherit"/> (a tmux window inherits its server's instead), then the service's, then the <c>PIDMAN_*</c> variables.
    /// </summary>
    public static Dictionary<string, string> For(ServiceDefinition service, string type, string pidDirectory, bool inherit)
    {
        var env = inherit ? Inherited() : new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in Own(service, type)) env[k] = v;
        env[TypeVariable] = type;
        env[PidDirectoryVariable] = pidDirectory;
        return env;
    }

    /// <summary>
    /// What instance <paramref name="type"/> of <paramref name="service"/> gets over the environment it inherits, wherever it
    /// runs (under pidman, or exported to systemd or supervisord): the service's env files and <c>env</c>, then foreman's
    /// <c>PORT</c> (over one of theirs, as foreman sets it) and <c>PS</c>, then <c>PIDMAN_SERVICE</c> and <c>PIDMAN_INSTANCE</c>.
    /// </summary>
    public static Dictionary<string, string> Own(ServiceDefinition service, string type)
    {
        var env = new Dictionary<string, string>(service.Environment, StringComparer.Ordinal);
        int instance = PidTypes.InstanceNumber(type);
        if (service.Port is int port) env[PortVariable] = (port + instance - 1).ToString(CultureInfo.InvariantCulture);
        env[ProcessVariable] = $"{service.Name}.{instance.ToString(CultureInfo.InvariantCulture)}";
        env[ServiceVariable] = service.Name;
        env[InstanceVariable] = instance.ToString(CultureInfo.InvariantCulture);
        return env;
    }
}
