// A Generic Host app that registers itself with pidman: `pidman status` shows it as web,
// and `pidman stop web` is a graceful host shutdown (its stopping handlers run, exit code 0). `--drain SECONDS` makes
// that shutdown take a while, as a worker finishing its jobs does: pidman's stop waits for it (up to the host's
// shutdown timeout), it does not SIGKILL it after its own 10 s.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddPidFile(builder.Configuration["service"] ?? "web");
builder.Services.AddHostedService(_ => new Heartbeat(TimeSpan.FromSeconds(double.Parse(builder.Configuration["drain"] ?? "0", System.Globalization.CultureInfo.InvariantCulture))));
using var host = builder.Build();
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => Console.WriteLine("worker: shutting down gracefully"));
await host.RunAsync();
Console.WriteLine("worker: stopped");

internal sealed class Heartbeat(TimeSpan drain) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Console.WriteLine($"worker: running as PID {Environment.ProcessId}");
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        if (drain <= TimeSpan.Zero) return;
        Console.WriteLine($"worker: draining for {drain.TotalSeconds} s");
        await Task.Delay(drain, CancellationToken.None);
        Console.WriteLine("worker: drained");
    }
}
