namespace CommandCenter.Web.Live;

/// <summary>
/// Lets callers wait for a condition on a background loop's state without polling: the loop calls <see cref="Raise"/>
/// after each step, and <see cref="WaitForAsync"/> checks its condition again then.
/// </summary>
public sealed class ProgressSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes every waiter to check its condition again.</summary>
    public void Raise() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits until <paramref name="condition"/> holds, checking after every step; throws on timeout.</summary>
    public async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = _next.Task;
            if (condition())
            {
                return;
            }

            await next.WaitAsync(cts.Token).ConfigureAwait(false);
        }
    }
}
