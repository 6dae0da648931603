// A real program for the tests to start, signal and race, instead of mocking the OS (as CliWrap's tests do).
//   register SERVICE DIR   PidFile.Register, print "registered PID" or "refused: message", then wait for a signal
//   exit-after-register SERVICE DIR   register, then return normally (the file must go with it)
using Pidman;

switch (args)
{
    case ["register", var service, var dir]:
        return Register(service, dir, waitForSignal: true);
    case ["exit-after-register", var service, var dir]:
        return Register(service, dir, waitForSignal: false);
    default:
        Console.Error.WriteLine("usage: Pidman.TestHelper register|exit-after-register SERVICE DIR");
        return 2;
}

static int Register(string service, string dir, bool waitForSignal)
{
    PidFile file;
    try
    {
        file = PidFile.Register(service, directory: new PidDirectory(dir, dir));
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
