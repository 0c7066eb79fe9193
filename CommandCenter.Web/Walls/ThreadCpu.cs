using System.Runtime.InteropServices;

namespace CommandCenter.Web.Walls;

/// <summary>
/// The CPU time the calling thread has used (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>; zero elsewhere): what a wall's render
/// costs the node, apart from the other threads running beside it.
/// </summary>
internal static class ThreadCpu
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>The calling thread's CPU seconds so far; always zero where the clock cannot be read (a measurement never breaks a wall).</summary>
    public static double Seconds()
    {
        if (Volatile.Read(ref _unavailable))
        {
            return 0;
        }

        try
        {
            return NativeMethods.ClockGetTime(NativeMethods.ClockThreadCpuTimeId, out var time) == 0 ? time.Seconds + time.Nanoseconds / 1e9 : 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            Volatile.Write(ref _unavailable, true);
            return 0;
        }
    }

    private static class NativeMethods
    {
        public const int ClockThreadCpuTimeId = 3;

        [StructLayout(LayoutKind.Sequential)]
        public struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int ClockGetTime(int clockId, out TimeSpec time);
    }
}
