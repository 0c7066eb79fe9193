using System.Diagnostics;
using CommandCenter.Web.Walls;

namespace CommandCenter.Web.Tests.Walls;

public class ThreadCpuTests
{
    [Fact]
    public void Counts_the_calling_threads_own_work_and_not_another_threads()
    {
        var before = ThreadCpu.Seconds();
        Spin(TimeSpan.FromMilliseconds(200));
        var own = ThreadCpu.Seconds() - before;

        before = ThreadCpu.Seconds();
        var other = new Thread(() => Spin(TimeSpan.FromMilliseconds(200)));
        other.Start();
        other.Join(); // blocked, not running, while the other thread works
        var whileWaiting = ThreadCpu.Seconds() - before;

        // Loose bounds: a busy thread on a shared machine gets at least a fifth of its wall time.
        Assert.InRange(own, 0.04, 5);
        Assert.InRange(whileWaiting, 0, 0.03);
    }

    private static void Spin(TimeSpan span)
    {
        var clock = Stopwatch.StartNew();
        var x = 0UL;
        while (clock.Elapsed < span)
        {
            x = (x * 31) + 7;
        }

        GC.KeepAlive(x);
    }
}
