using System.Runtime.InteropServices;
using System.Text;
using Pidman.Exceptions;
using Pidman.Os.Interop;

namespace Pidman.Os;

/// <summary>
/// Starts services with posix_spawn(3) and <c>POSIX_SPAWN_SETSID</c>: each leads its own session and
/// process group, so a group signal takes its whole tree and it outlives the pidman that started it.
/// </summary>
internal static unsafe class Spawner
{
    /// <summary>Spawns the request; returns the PID.</summary>
    /// <exception cref="PidmanException">posix_spawn failed; the message names the program and the cause.</exception>
    internal static int Spawn(SpawnRequest request)
    {
        byte* attributes = (byte*)NativeMemory.AllocZeroed(Libc.OpaqueSize);
        byte* actions = (byte*)NativeMemory.AllocZeroed(Libc.OpaqueSize);
        byte* emptyMask = (byte*)NativeMemory.AllocZeroed(Libc.OpaqueSize);
        byte* allSignals = (byte*)NativeMemory.AllocZeroed(Libc.OpaqueSize);
        var argv = new NativeStringArray(request.Arguments);
        var envp = new NativeStringArray(request.Environment.Select(kv => $"{kv.Key}={kv.Value}").ToList());
        try
        {
            Check(Libc.PosixSpawnattrInit(attributes), "posix_spawnattr_init");
            Check(Libc.PosixSpawnFileActionsInit(actions), "posix_spawn_file_actions_init");
            Libc.SigEmptySet(emptyMask);
            Libc.SigFillSet(allSignals);
            // The runtime ignores SIGPIPE and blocks some signals; a service must start with the defaults.
            Check(Libc.PosixSpawnattrSetsigmask(attributes, emptyMask), "posix_spawnattr_setsigmask");
            Check(Libc.PosixSpawnattrSetsigdefault(attributes, allSignals), "posix_spawnattr_setsigdefault");
            Check(Libc.PosixSpawnattrSetflags(attributes, Libc.POSIX_SPAWN_SETSID | Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF), "posix_spawnattr_setflags");
            if (request.InputFd >= 0)
                Check(Libc.PosixSpawnFileActionsAdddup2(actions, request.InputFd, 0), "adddup2 stdin");
            else
                Check(Libc.PosixSpawnFileActionsAddopen(actions, 0, "/dev/null", Libc.O_RDONLY, 0), "addopen stdin");
            if (request.OutputFd >= 0)
                Check(Libc.PosixSpawnFileActionsAdddup2(actions, request.OutputFd, 1), "adddup2 stdout");
            else
                Check(Libc.PosixSpawnFileActionsAddopen(actions, 1, "/dev/null", Libc.O_WRONLY, 0), "addopen stdout");
            Check(Libc.PosixSpawnFileActionsAdddup2(actions, 1, 2), "adddup2 stderr");
            Check(Libc.PosixSpawnFileActionsAddchdir(actions, request.WorkingDirectory), "addchdir");

            int error = Libc.PosixSpawnp(out int pid, request.Arguments[0], actions, attributes, argv.Pointer, envp.Pointer);
            if (error != 0)
                throw new PidmanException($"cannot start '{request.Arguments[0]}' in {request.WorkingDirectory}: {Marshal.GetPInvokeErrorMessage(error)}");
            return pid;
        }
        finally
        {
            Libc.PosixSpawnFileActionsDestroy(actions);
            Libc.PosixSpawnattrDestroy(attributes);
            argv.Dispose();
            envp.Dispose();
            NativeMemory.Free(attributes);
            NativeMemory.Free(actions);
            NativeMemory.Free(emptyMask);
            NativeMemory.Free(allSignals);
        }
    }

    private static void Check(int result, string what)
    {
        if (result != 0) throw new PidmanException($"{what} failed: {Marshal.GetPInvokeErrorMessage(result)}");
    }

    /// <summary>A NULL-terminated array of NUL-terminated UTF-8 strings, as execve wants.</summary>
    private readonly struct NativeStringArray : IDisposable
    {
        private readonly int _count;

        public NativeStringArray(IReadOnlyList<string> values)
        {
            _count = values.Count;
            Pointer = (byte**)NativeMemory.AllocZeroed((nuint)(values.Count + 1), (nuint)sizeof(byte*));
            for (int i = 0; i < values.Count; i++)
            {
                int length = Encoding.UTF8.GetByteCount(values[i]);
                byte* s = (byte*)NativeMemory.Alloc((nuint)length + 1);
                Encoding.UTF8.GetBytes(values[i], new Span<byte>(s, length));
                s[length] = 0;
                Pointer[i] = s;
            }
        }

        public byte** Pointer { get; }

        public void Dispose()
        {
            for (int i = 0; i < _count; i++) NativeMemory.Free(Pointer[i]);
            NativeMemory.Free(Pointer);
        }
    }
}
