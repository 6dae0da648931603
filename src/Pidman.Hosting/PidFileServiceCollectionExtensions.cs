using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pidman.Hosting;

// In the namespace users already import for AddHostedService, as Microsoft.Extensions.Hosting.Systemd does.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the host's PID file with pidman.</summary>
public static class PidFileServiceCollectionExtensions
{
    /// <summary>
    /// Writes <c>local/pid/&lt;service&gt;.pid</c> when the host starts and removes it when the host stops
    /// gracefully, so <c>pidman status</c> sees the app and <c>pidman stop &lt;service&gt;</c> is a clean shutdown.
    /// A second instance fails to start with <see cref="Pidman.Exceptions.AlreadyRunningException"/>, which names the PID.
    /// The options are bound from configuration section <see cref="PidFileOptions.Section"/> first, then
    /// <paramref name="configure"/> runs; they are validated when the host starts (an <see cref="OptionsValidationException"/>
    /// naming the key at fault).
    /// </summary>
    /// <exception cref="InvalidOperationException">A PID file of another service was added already: a host has one.</exception>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddPidFile(this IServiceCollection services, string service, Action<PidFileOptions>? configure = null)
    {
        Pidman.PidFiles.PidFileName.Create(service); // a bad name fails here, at registration, not at host start
        // One process, one PID file: a second name would silently replace the first (the options are one instance).
        if (services.FirstOrDefault(d => d.ServiceType == typeof(PidFileRegistration))?.ImplementationInstance is PidFileRegistration { Service: var first } && first != service)
            throw new InvalidOperationException($"AddPidFile(\"{service}\"): this host registers its PID file as {first} already; a process has one PID file");
        services.TryAddSingleton(new PidFileRegistration(service));
        // Configuration first, then the code: AddPidFile's name and configure have the last word. Checked at host start.
        services.AddOptions<PidFileOptions>()
            .BindConfiguration(PidFileOptions.Section)
            .Configure(o =>
            {
                o.Service = service;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PidFileOptions>, PidFileOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PidFileHostedService>());
        return services;
    }
}
