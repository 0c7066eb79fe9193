using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.GridMembers;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Situation;

/// <summary>Grid members' tasks (核查, 走访): open ones kept until done, done ones until the day is over.</summary>
public sealed partial class SituationProjection
{
    private readonly Dictionary<string, GridTask> _tasks = new(StringComparer.Ordinal);

    /// <summary>Alarms of elderly residents living alone (一键告警, 门禁异常) that call for a visit by the grid member.</summary>
    public static bool CallsForVisit(AlarmKind kind) => kind is AlarmKind.ElderlyOneKey or AlarmKind.AccessAnomaly;

    public GridTask? FindTask(string id) => _tasks.GetValueOrDefault(id);

    /// <summary>Tasks of the scope, open ones first (oldest first), then those done today (newest first), at most <paramref name="max"/>.</summary>
    public IReadOnlyList<GridTask> Tasks(JurisdictionCode scope, int max = 500) =>
        [.. _tasks.Values.Where(t => scope.Contains(t.Scope))
            .OrderBy(t => t.IsOpen ? 0 : 1).ThenBy(t => t.IsOpen ? t.AssignedAt.UtcTicks : -t.DoneAt!.Value.UtcTicks)
            .ThenBy(t => t.Id, StringComparer.Ordinal).Take(max)];

    /// <summary>A member's tasks: open ones, and those done in the last day.</summary>
    public IReadOnlyList<GridTask> TasksOf(string memberId) =>
        [.. _tasks.Values.Where(t => t.MemberId == memberId).OrderBy(t => t.IsOpen ? 0 : 1).ThenBy(t => t.AssignedAt).ThenBy(t => t.Id, StringComparer.Ordinal)];

    /// <summary>
    /// Active alarms calling for a visit that have no visit task yet, with the member who should go: what the task rule
    /// turns into <see cref="GridTaskAssigned"/> events (<c>visit-{alarm id}</c>, once whichever node sees it first).
    /// </summary>
    public IReadOnlyList<GridTask> VisitsDue() =>
        [.. _alarms.Active.Where(a => CallsForVisit(a.Kind) && !_tasks.ContainsKey(VisitId(a)))
            .Select(a => GridTask.MemberFor(a.Scope, _members) is { } member
                ? new GridTask(VisitId(a), GridTaskKind.Visit, member.Id, a.Scope, $"走访:{a.Description}", a.RaisedAt, AlarmId: a.Id)
                : null)
            .OfType<GridTask>().OrderBy(t => t.Id, StringComparer.Ordinal)];

    public static string VisitId(Alarm alarm) => $"visit-{alarm.Id}";

    private ApplyOutcome Assign(GridTask task)
    {
        if (_tasks.TryGetValue(task.Id, out var existing) && !existing.IsOpen)
        {
            return ApplyOutcome.Rejected($"task {task.Id} is done already");
        }

        _tasks[task.Id] = task; // as assigned: a reassignment carries the first assignment's time
        return ApplyOutcome.Applied;
    }

    private ApplyOutcome Complete(FeedEvent e, GridTaskDone done)
    {
        if (!_tasks.TryGetValue(done.TaskId, out var task))
        {
            return ApplyOutcome.Rejected($"no task {done.TaskId}");
        }

        if (task.MemberId != done.MemberId)
        {
            return ApplyOutcome.Rejected($"task {done.TaskId} is {task.MemberId}'s, not {done.MemberId}'s");
        }

        if (!task.IsOpen)
        {
            return ApplyOutcome.Rejected($"task {done.TaskId} is done already");
        }

        _tasks[task.Id] = task with { DoneAt = e.OccurredAt, Result = done.Result };
        return ApplyOutcome.Applied;
    }

    private int PruneTasks(DateTimeOffset startOfDay)
    {
        var removed = 0;
        foreach (var (id, task) in _tasks.ToList())
        {
            removed += task.DoneAt < startOfDay && _tasks.Remove(id) ? 1 : 0;
        }

        return removed;
    }
}
