// A Generic Host app that registers itself with pidman: `pidman status` shows it as web,
// and `pidman stop web` is a graceful host shutdown (its stopping handlers run, exit code 0).
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddPidFile(builder.Configuration["service"] ?? "web");
builder.Services.AddHostedService<Heartbeat>();
using var host = builder.Build();
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => Console.WriteLine("worker: shutting down gracefully"));
await host.RunAsync();
Console.WriteLine("worker: stopped");

internal sealed class Heartbeat : BackgroundService
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
    }
}
