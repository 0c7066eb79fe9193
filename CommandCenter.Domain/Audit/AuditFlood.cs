using System.Globalization;

namespace CommandCenter.Domain.Audit;

/// <summary>
/// Keeps a flood of the same noisy entry (failed or refused sign-ins, denied accesses) from burying the audit log,
/// without losing count of it: past <see cref="PerActorPerMinute"/> entries of one action by one actor in a minute, or
/// <see cref="PerActionPerMinute"/> of one action by anyone, further ones are counted instead of written, and each
/// window that suppressed any is summarised as one <c>audit.suppressed</c> entry ("N more … suppressed between … and …").
/// Not thread-safe: the caller serialises.
/// </summary>
public sealed class AuditFlood(int perActorPerMinute = 20, int perActionPerMinute = 300)
{
    public const string SuppressedAction = "audit.suppressed";
    private const int MaxWindows = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<(string Action, string Actor), Counter> _byActor = [];
    private readonly Dictionary<string, Counter> _byAction = new(StringComparer.Ordinal);
    private readonly List<AuditRecord> _closed = [];

    public int PerActorPerMinute => perActorPerMinute;

    public int PerActionPerMinute => perActionPerMinute;

    /// <summary>Entries that could flood: refused and failed sign-ins and approvals, and denied accesses. Everything else is always written.</summary>
    public static bool IsNoisy(string action) =>
        action is "access.denied" || (action.StartsWith("sign-in.", StringComparison.Ordinal) && action != "sign-in.ok") ||
        (action.StartsWith("approval.", StringComparison.Ordinal) && action != "approval.ok");

    /// <summary>Whether to write this entry now (false: it is counted in its window's summary).</summary>
    public bool Admit(AuditRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!IsNoisy(record.Action))
        {
            return true;
        }

        var byAction = Current(_byAction, record.Action, now, record.Action, "(many)");
        // Past the cap on distinct actors, new ones are held to the action's window only.
        var byActor = _byActor.Count < MaxWindows || _byActor.ContainsKey((record.Action, record.Actor))
            ? Current(_byActor, (record.Action, record.Actor), now, record.Action, record.Actor)
            : null;
        byAction.Seen++;
        if (byActor is not null && ++byActor.Seen > perActorPerMinute)
        {
            byActor.Suppress(now);
            return false;
        }

        if (byAction.Seen > perActionPerMinute)
        {
            byAction.Suppress(now);
            return false;
        }

        return true;
    }

    /// <summary>Summaries of the windows that have ended by <paramref name="now"/> (all of them when <paramref name="now"/> is null).</summary>
    public IReadOnlyList<AuditRecord> Due(DateTimeOffset? now)
    {
        Close(_byActor, now);
        Close(_byAction, now);
        var due = _closed.ToList();
        _closed.Clear();
        return due;
    }

    private Counter Current<TKey>(Dictionary<TKey, Counter> windows, TKey key, DateTimeOffset now, string action, string actor)
        where TKey : notnull
    {
        if (windows.TryGetValue(key, out var counter) && now - counter.Start < Window)
        {
            return counter;
        }

        if (counter is not null)
        {
            Summarise(counter);
        }

        return windows[key] = new Counter(action, actor, now);
    }

    private void Close<TKey>(Dictionary<TKey, Counter> windows, DateTimeOffset? now)
        where TKey : notnull
    {
        foreach (var (key, counter) in windows.Where(w => now is null || now.Value - w.Value.Start >= Window).ToList())
        {
            Summarise(counter);
            windows.Remove(key);
        }
    }

    private void Summarise(Counter counter)
    {
        if (counter.Suppressed > 0)
        {
            _closed.Add(new AuditRecord(counter.Actor, SuppressedAction, counter.Action,
                string.Create(CultureInfo.InvariantCulture,
                    $"{counter.Suppressed} more '{counter.Action}' entries suppressed between {counter.FirstSuppressed:u} and {counter.LastSuppressed:u}")));
        }
    }

    private sealed class Counter(string action, string actor, DateTimeOffset start)
    {
        public string Action { get; } = action;

        public string Actor { get; } = actor;

        public DateTimeOffset Start { get; } = start;

        public int Seen { get; set; }

        public int Suppressed { get; private set; }

        public DateTimeOffset FirstSuppressed { get; private set; }

        public DateTimeOffset LastSuppressed { get; private set; }

        public void Suppress(DateTimeOffset at)
        {
            if (Suppressed++ == 0)
            {
                FirstSuppressed = at;
            }

            LastSuppressed = at;
        }
    }
}
