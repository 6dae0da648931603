// A real program for the tests to start, signal and race, instead of mocking the OS (as CliWrap's tests do).
//   register SERVICE DIR   PidFile.Register, print "registered PID" or "refused: message", then wait for a signal
//   exit-after-register SERVICE DIR   register, then return normally (the file must go with it)
//   register-then-drain SERVICE DIR   register, then a SIGTERM handler of its own (registered after) that cancels the
//                          signal; once every handler has run, report whether the PID file is still there, dispose, exit 0
//   read-pid SERVICE       print what `new PidManager().ReadPid(SERVICE)` finds from the working directory ("none" when not running)
//   http PORT DELAY_MS     after DELAY_MS, answer every request on 127.0.0.1:PORT with 200 OK (a health target)
//   supervise ROOT down|cancel   run the project's supervisor in this process (Project.SuperviseAsync), wait until it is
//                          ready, then end it by DownAsync from this same process or by cancelling its token; print
//                          "ended by down|cancel in N ms, exit code C"
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pidman;
using Pidman.Exceptions;
using Pidman.PidFiles;

switch (args)
{
    case ["register", var service, var dir]:
        return Register(service, dir, waitForSignal: true);
    case ["exit-after-register", var service, var dir]:
        return Register(service, dir, waitForSignal: false);
    case ["register-then-drain", var service, var dir]:
        return RegisterThenDrain(service, dir);
    case ["read-pid", var service]:
        Console.Out.WriteLine($"{new PidManager().Directory.Path} {new PidManager().ReadPid(service)?.ToString() ?? "none"}");
        return 0;
    case ["http", var port, var delayMs]:
        return await ServeHttp(int.Parse(port), int.Parse(delayMs));
    case ["supervise", var root, var how and ("down" or "cancel")]:
        return await SuperviseInProcess(root, how);
    default:
        Console.Error.WriteLine("usage: Pidman.TestHelper register|exit-after-register|register-then-drain SERVICE DIR | read-pid SERVICE | http PORT DELAY_MS | supervise ROOT down|cancel");
        return 2;
}

static async Task<int> ServeHttp(int port, int delayMs)
{
    Console.Out.WriteLine($"http: listening on 127.0.0.1:{port} in {delayMs} ms");
    await Task.Delay(delayMs); // the start-up time the health check must wait out
    var listener = new TcpListener(IPAddress.Loopback, port);
    listener.Start();
    Console.Out.WriteLine("http: listening");
    while (true)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        int read = await stream.ReadAsync(new byte[4096]); // the request itself does not matter
        if (read < 0) return 1;
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    }
}

static async Task<int> SuperviseInProcess(string root, string how)
{
    var project = Pidman.Projects.Project.Open(new Pidman.Config.ProjectOptions { Root = root });
    using var cancel = new CancellationTokenSource();
    var run = project.SuperviseAsync([], cancellationToken: cancel.Token);
    var ready = await project.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
    Console.Out.WriteLine($"ready: {ready.Ready}, web is PID {project.Pids.ReadPid("web")}");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    if (how == "down") await project.DownAsync().WaitAsync(TimeSpan.FromSeconds(60));
    else await cancel.CancelAsync();
    int code = await run.WaitAsync(TimeSpan.FromSeconds(60));
    Console.Out.WriteLine($"ended by {how} in {clock.ElapsedMilliseconds} ms, exit code {code}");
    return 0;
}

static int RegisterThenDrain(string service, string dir)
{
    // .NET runs a signal's handlers newest first; this one, registered before Register, runs last: once it has, every
    // handler has (PidFile's included), and what is on disk then is what they left.
    using var handled = new ManualResetEventSlim();
    using var last = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => handled.Set());
    using var file = PidFile.Register(service, directory: dir);
    using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
    {
        c.Cancel = true; // a graceful shutdown of the app's own
        Console.Out.WriteLine("draining");
    });
    Console.Out.WriteLine($"registered {file.Pid}");
    Console.Out.Flush();
    handled.Wait(TimeSpan.FromSeconds(10)); // a runtime that stopped at the cancelling handler would not run it: go on
    Console.Out.WriteLine($"after every handler; PID file still there: {File.Exists(file.Path)}");
    return 0;
}

static int Register(string service, string dir, bool waitForSignal)
{
    PidFile file;
    try
    {
        file = PidFile.Register(service, directory: dir);
    }
    catch (AlreadyRunningException e)
    {
        Console.Out.WriteLine($"refused: {e.Message}");
        return 3;
    }
    Console.Out.WriteLine($"registered {file.Pid}");
    Console.Out.Flush();
    if (waitForSignal) Thread.Sleep(Timeout.Infinite); // ended by SIGTERM/SIGINT from the test
    return 0;
}
