using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Desk;
using CommandCenter.Web.Dispatch;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CommandCenter.Web.Components.Desk;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix",
    Justification = "the desk's work queue as operators call it (待办队列): a component, not a collection type")]
public sealed partial class DeskQueue : ComponentBase
{
    private ElementReference _root;
    private string _tab = DeskTabs.All[0].Id;
    private WorkOrderId? _selected;
    private WorkOrderAction? _pending;
    private string? _pendingUnit;
    private string _key = NewKey();
    private string? _note;
    private int _hours = 24;
    private string? _approver;
    private string? _approverPassword;
    private Supervision _level = Supervision.Yellow;
    private Satisfaction _satisfaction = Satisfaction.Satisfied;
    private Domain.Categories.MediationOutcome _mediation = Domain.Categories.MediationOutcome.Settled;
    private string? _message;
    private bool _failed;

    [Parameter, EditorRequired]
    public SituationSnapshot Snapshot { get; set; } = default!;

    /// <summary>Performs an action under the dialog's key (repeated clicks carry the same key).</summary>
    [Parameter, EditorRequired]
    public Func<WorkOrderCard, DeskCommand, string, Task<DispatchOutcome>> Act { get; set; } = default!;

    [Parameter]
    public Func<WorkOrderId, IReadOnlyList<TimelineEntry>> Timeline { get; set; } = _ => [];

    /// <summary>A unit's name from its id (the list and timeline show names, not ids).</summary>
    [Parameter]
    public Func<string, string> UnitName { get; set; } = id => id;

    /// <summary>Orders first seen after the desk opened that are urgent: highlighted (and announced by the page).</summary>
    [Parameter]
    public IReadOnlySet<string> FreshUrgent { get; set; } = new HashSet<string>();

    /// <summary>The desk's user: actions their level may not take on an order (两级指挥) are not offered.</summary>
    [Parameter]
    public System.Security.Claims.ClaimsPrincipal? User { get; set; }

    /// <summary>Grid members' tasks of the jurisdiction (the 网格任务 tab): open ones first.</summary>
    [Parameter]
    public IReadOnlyList<Domain.GridMembers.GridTask> Tasks { get; set; } = [];

    /// <summary>Asks the member of the order's grid to verify it (派核查), under the dialog's key; absent: not offered.</summary>
    [Parameter]
    public Func<WorkOrderCard, string?, string, Task<DispatchOutcome>>? AssignVerify { get; set; }

    [Parameter]
    public Func<string, string> MemberName { get; set; } = id => id;

    /// <summary>The recommendation for an order (▾ beside 派单: pick the lead and the assisting units); absent: not offered.</summary>
    [Parameter]
    public Func<WorkOrderCard, Domain.Dispatch.DispatchRecommendation?>? Recommend { get; set; }

    private Domain.Dispatch.DispatchRecommendation? _picking;
    private string? _pickLead;
    private readonly HashSet<string> _pickAssisting = new(StringComparer.Ordinal);

    /// <summary>Opens the dispatch picker with the recommendation: its lead, and the catalogue's assisting units ticked.</summary>
    private void StartPick(WorkOrderCard order)
    {
        Reset();
        _picking = Recommend?.Invoke(order);
        _pickLead = _picking?.Best?.Unit.Id;
        _pickAssisting.Clear();
        foreach (var helper in _picking?.AssistingBest ?? [])
        {
            _pickAssisting.Add(helper.Unit.Id);
        }
    }

    private void Toggle(string unitId)
    {
        if (!_pickAssisting.Remove(unitId))
        {
            _pickAssisting.Add(unitId);
        }
    }

    private async Task ConfirmPickAsync()
    {
        if (_pickLead is not { } lead)
        {
            return;
        }

        await RunAsync(new DeskCommand(WorkOrderAction.Dispatch, UnitId: lead, Assisting: [.. _pickAssisting.Where(u => u != lead).Order(StringComparer.Ordinal)]));
        if (!_failed)
        {
            _picking = null;
        }
    }

    /// <summary>Closed orders awaiting evaluation (the 待评价 tab).</summary>
    [Parameter]
    public IReadOnlyList<WorkOrderCard> AwaitingEvaluation { get; set; } = [];

    /// <summary>
    /// A page of a list of the desk's jurisdiction, newest first (the live index); absent, the queue lists the snapshot's cards.
    /// </summary>
    [Parameter]
    public Func<OrderList, int, OrderPage>? Lists { get; set; }

    /// <summary>Finds any order of the jurisdiction by id (the selected one may have left the tab's page); absent: the snapshot's.</summary>
    [Parameter]
    public Func<WorkOrderId, WorkOrderCard?>? Find { get; set; }

    private int _shown = DeskTabs.PageSize;
    private (SituationSnapshot Snapshot, string Tab, int Shown, OrderPage Page)? _page;

    /// <summary>The tab's page, read once per snapshot, tab and length (a render reads it several times).</summary>
    private OrderPage Page
    {
        get
        {
            if (_page is { } memo && ReferenceEquals(memo.Snapshot, Snapshot) && memo.Tab == _tab && memo.Shown == _shown)
            {
                return memo.Page;
            }

            OrderPage page;
            if (_tab == DeskTabs.Evaluate)
            {
                page = new OrderPage([.. AwaitingEvaluation], AwaitingEvaluation.Count, null);
            }
            else if (DeskTabs.ListOf(_tab) is not { } list)
            {
                page = new OrderPage([], 0, null);
            }
            else if (Lists is not null)
            {
                page = Lists(list, _shown);
            }
            else
            {
                var held = Snapshot.OpenOrders.Where(c => DeskTabs.Holds(list, c)).ToList();
                page = new OrderPage([.. held.Take(_shown)], held.Count, held.Count > _shown ? "more" : null);
            }

            _page = (Snapshot, _tab, _shown, page);
            return page;
        }
    }

    private IReadOnlyList<WorkOrderCard> Orders => Page.Orders;

    private void ShowMore() => _shown = Math.Min(DeskTabs.MaxShown, _shown + DeskTabs.PageSize);

    private int CountOf(string tab, OrderList? list) => tab switch
    {
        DeskTabs.Evaluate => AwaitingEvaluation.Count,
        DeskTabs.Tasks => Tasks.Count(t => t.IsOpen),
        _ when list is { } l && !Snapshot.ListCounts.IsDefault => Snapshot.CountOf(l),
        _ when list is { } l => Snapshot.OpenOrders.Count(c => DeskTabs.Holds(l, c)),
        _ => 0,
    };

    private bool _pendingVerify;

    private void StartVerify()
    {
        _pending = null;
        _pendingUnit = null;
        if (!_pendingVerify)
        {
            _pendingVerify = true;
            _key = NewKey();
        }
    }

    private async Task ConfirmVerifyAsync()
    {
        if (Selected is not { } order || AssignVerify is null)
        {
            return;
        }

        try
        {
            var outcome = await AssignVerify(order, _note, _key);
            _failed = outcome.Status != DispatchStatus.Dispatched;
            _message = _failed ? $"派核查未成功:{outcome.Problem}" : $"已派核查 → 网格员 {outcome.Result!.UnitName}";
            if (!_failed)
            {
                _pendingVerify = false;
                _note = null;
                _key = NewKey();
            }
        }
        catch (Exception)
        {
            _failed = true;
            _message = "派核查未成功,请重试";
        }
    }

    private WorkOrderCard? Selected => _selected is not { } id ? null
        : Orders.FirstOrDefault(o => o.Id == id) ?? (Find is not null ? Find(id)
            : Snapshot.OpenOrders.Concat(AwaitingEvaluation).FirstOrDefault(o => o.Id == id));

    private static bool WallDispatchable(WorkOrderCard order) => Widgets.WallDispatch.Dispatchable(order);

    /// <summary>The order's own actions (派单 has its button; 释放协办 sits with each assisting unit).</summary>
    private IEnumerable<WorkOrderAction> ActionsOf(WorkOrderCard order) =>
        WorkOrderRules.Allowed(order.Standing()).Where(a => a is not WorkOrderAction.Release && !(a == WorkOrderAction.Dispatch && WallDispatchable(order))
            && MayTake(order, a));

    private bool MayTake(WorkOrderCard order, WorkOrderAction action) => User is null || CommandLevels.Refusal(User, order, action) is null;

    /// <summary>An assisting unit's steps: 签收, then 办结反馈; the center may release it until it has reported.</summary>
    private IEnumerable<WorkOrderAction> PartActions(WorkOrderCard order, UnitPart part)
    {
        if (part.Role != UnitRole.Assisting || part.IsDone || order.State is not (WorkOrderState.Dispatched or WorkOrderState.InProgress))
        {
            yield break;
        }

        yield return part.SignedOffAt is null ? WorkOrderAction.SignOff : WorkOrderAction.ReportDone;
        if (MayTake(order, WorkOrderAction.Release))
        {
            yield return WorkOrderAction.Release;
        }
    }

    /// <summary>A timeline note with unit names for ids: a dispatch's unit, an assisting unit's step (协办 U-…), a release (U-…: why).</summary>
    private string NoteOf(TimelineEntry entry)
    {
        var note = entry.Note ?? "";
        if (entry.Action == WorkOrderAction.Dispatch)
        {
            return UnitName(note);
        }

        if (note.StartsWith("协办 ", StringComparison.Ordinal))
        {
            var rest = note[3..];
            var end = rest.IndexOf(':', StringComparison.Ordinal);
            return end < 0 ? $"协办 {UnitName(rest)}" : $"协办 {UnitName(rest[..end])}{rest[end..]}";
        }

        var colon = note.IndexOf(':', StringComparison.Ordinal);
        return entry.Action == WorkOrderAction.Release && colon > 0 ? $"{UnitName(note[..colon])}{note[colon..]}" : note;
    }

    private static bool IsDispute(WorkOrderCard order) =>
        Domain.Categories.GovernanceMatters.Of(order.Category) == Domain.Categories.GovernanceMatter.Dispute;

    /// <summary>A social-governance matter's own fields, as the desk shows them under the title.</summary>
    private static string? MatterLine(WorkOrderCard order) => order.Matter switch
    {
        { RectifyBy: { } by } m => $"整改期限 {by:yyyy-MM-dd}{(m.Placard == Domain.Categories.Placard.None ? "" : m.Placard == Domain.Categories.Placard.District ? " · 区级挂牌督办" : " · 街道挂牌督办")}",
        { Group: { } group } => $"特殊人群:{group}",
        _ => null,
    };

    private static string PartState(UnitPart part) => part switch
    {
        { ReleasedAt: not null } => "已释放",
        { ReportedAt: not null } => "已反馈",
        { SignedOffAt: not null } => "处理中",
        _ => "待签收",
    };

    private static string NewKey() => $"desk-{Guid.NewGuid():N}";

    private static string Shortcut(WorkOrderAction action) => action switch
    {
        WorkOrderAction.Accept => " (a)",
        WorkOrderAction.SignOff => " (s)",
        WorkOrderAction.ReportDone => " (f)",
        WorkOrderAction.VerifyOk => " (v)",
        _ => "",
    };

    private string RowClass(WorkOrderCard order) =>
        string.Join(' ', new[]
        {
            order.Id == _selected ? "selected" : "",
            order.Urgency == Urgency.Urgent ? "urgent" : "",
            FreshUrgent.Contains(order.Id.Value) ? "fresh-urgent" : "",
        }.Where(c => c.Length > 0));

    private void Show(string tab)
    {
        _tab = tab;
        _shown = DeskTabs.PageSize;
        _selected = Orders.Count > 0 ? Orders[0].Id : null;
        Reset();
    }

    private void Select(WorkOrderCard order)
    {
        if (_selected != order.Id)
        {
            _selected = order.Id;
            Reset();
        }
    }

    private void Reset()
    {
        _picking = null;
        _pendingVerify = false;
        _pending = null;
        _pendingUnit = null;
        _note = null;
        _approver = null;
        _approverPassword = null;
        _message = null;
        _key = NewKey();
    }

    /// <summary>Actions that need nothing more run at once; the others open their small form first.</summary>
    private async Task StartAsync(WorkOrderAction action)
    {
        if (action is WorkOrderAction.Accept or WorkOrderAction.SignOff or WorkOrderAction.VerifyOk or WorkOrderAction.Resume)
        {
            await RunAsync(new DeskCommand(action));
            return;
        }

        _pendingVerify = false;
        if (_pending != action || _pendingUnit is not null)
        {
            _pending = action;
            _pendingUnit = null;
            _key = NewKey();
        }
    }

    /// <summary>An assisting unit's step: 签收 at once, 办结反馈 and 释放 through the form.</summary>
    private async Task StartPartAsync(WorkOrderAction action, string unitId)
    {
        if (action == WorkOrderAction.SignOff)
        {
            await RunAsync(new DeskCommand(action, UnitId: unitId));
            return;
        }

        if (_pending != action || _pendingUnit != unitId)
        {
            _pending = action;
            _pendingUnit = unitId;
            _key = NewKey();
        }
    }

    private Task ConfirmAsync() => _pending is { } action
        ? RunAsync(new DeskCommand(action, _note, action == WorkOrderAction.Supervise ? _level : null,
            action == WorkOrderAction.Evaluate ? _satisfaction : null, action == WorkOrderAction.Postpone ? TimeSpan.FromHours(_hours) : null,
            action == WorkOrderAction.Postpone ? _approver : null, UnitId: _pendingUnit,
            ApproverPassword: action == WorkOrderAction.Postpone ? _approverPassword : null,
            Mediation: action == WorkOrderAction.ReportDone && _pendingUnit is null && Selected is { } order && IsDispute(order) ? _mediation : null))
        : Task.CompletedTask;

    private async Task RunAsync(DeskCommand command)
    {
        if (Selected is not { } order)
        {
            return;
        }

        try
        {
            var outcome = await Act(order, command, _key);
            _failed = outcome.Status != DispatchStatus.Dispatched;
            _message = _failed
                ? $"{WorkOrderRules.NameOf(command.Action)}未成功:{outcome.Problem}"
                : command.Action == WorkOrderAction.Dispatch && outcome.Result is { } r
                    ? $"已派单 → {r.UnitName}{(r.Assisting is { Count: > 0 } helpers ? $",协办 {string.Join("、", helpers.Select(UnitName))}" : "")}{(r.AlreadyDispatched ? "(此前已派)" : "")}"
                    : $"已{WorkOrderRules.NameOf(command.Action)}";
            if (!_failed)
            {
                _pending = null;
                _pendingUnit = null;
                _note = null;
                _key = NewKey(); // the next action is a new dialog
            }
        }
        catch (Exception)
        {
            _failed = true;
            _message = $"{WorkOrderRules.NameOf(command.Action)}未成功,请重试";
        }
    }

    private async Task OnKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key is "ArrowDown" or "j" or "ArrowUp" or "k")
        {
            var list = Orders.ToList();
            var at = list.FindIndex(o => o.Id == _selected);
            var next = e.Key is "ArrowDown" or "j" ? Math.Min(list.Count - 1, at + 1) : Math.Max(0, at - 1);
            if (list.Count > 0)
            {
                Select(list[next]);
            }

            return;
        }

        if (_pending is not null || Selected is not { } order)
        {
            return; // typing in a form, or nothing selected
        }

        var action = e.Key switch
        {
            "a" => WorkOrderAction.Accept,
            "d" => WorkOrderAction.Dispatch,
            "s" => WorkOrderAction.SignOff,
            "f" => WorkOrderAction.ReportDone,
            "v" => WorkOrderAction.VerifyOk,
            _ => (WorkOrderAction?)null,
        };
        if (action == WorkOrderAction.Dispatch && WallDispatchable(order) && MayTake(order, WorkOrderAction.Dispatch))
        {
            await RunAsync(new DeskCommand(WorkOrderAction.Dispatch));
        }
        else if (action is { } a && ActionsOf(order).Contains(a))
        {
            await StartAsync(a);
        }
    }
}
