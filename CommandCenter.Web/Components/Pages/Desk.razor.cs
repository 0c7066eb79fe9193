using System.Security.Claims;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Desk;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace CommandCenter.Web.Components.Pages;

/// <summary>
/// <c>/desk</c>: a street operator's desktop. The queue of the operator's own jurisdiction, refreshed on the wall
/// signal; a new urgent order is highlighted and announced with a chime.
/// </summary>
public sealed partial class Desk : ComponentBase, IDisposable
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _freshUrgent = new(StringComparer.Ordinal);
    private ClaimsPrincipal _user = new();
    private JurisdictionCode _scope;
    private SituationSnapshot? _snapshot;
    private IReadOnlyList<WorkOrderCard> _closed = [];
    private IReadOnlyList<Domain.GridMembers.GridTask> _tasks = [];
    private PresentSubscription? _subscription;
    private IJSObjectReference? _module;
    private string _who = "";
    private int _refreshing;
    private bool _interactive;

    [Inject]
    private LiveSituation Situation { get; set; } = default!;

    [Inject]
    private WallSignal Signal { get; set; } = default!;

    [Inject]
    private DeskService Service { get; set; } = default!;

    [Inject]
    private Tasks.GridTaskService TaskService { get; set; } = default!;

    [Inject]
    private CircuitPresence Presence { get; set; } = default!;

    [Inject]
    private DispatchService Dispatch { get; set; } = default!;

    private Domain.Dispatch.DispatchRecommendation? Recommend(WorkOrderCard order) => Dispatch.Recommend(_user, order.Id);

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private Feeds.Reference.ReferenceBook Reference { get; set; } = default!;

    private OrderPage ListPage(OrderList list, int limit) => Situation.Orders(_scope, [list], null, limit);

    private string UnitName(string id) => Reference.Current.Data.FindUnit(id)?.Name ?? id;

    private string MemberName(string id) => Reference.Current.Data.FindMember(id)?.Name ?? id;

    private Task<DispatchOutcome> AssignVerifyAsync(WorkOrderCard order, string? note, string key) =>
        TaskService.AssignVerifyAsync(_user, order.Id.Value, note, key, CancellationToken.None);

    [CascadingParameter]
    private Task<AuthenticationState>? AuthState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _user = AuthState is null ? new ClaimsPrincipal() : (await AuthState).User;
        _who = _user.DisplayName();
        _scope = _user.Jurisdiction() ?? Situation.Tree.Root.Code;
        _snapshot = Situation.Snapshot(_scope);
        _closed = Situation.AwaitingEvaluation(_scope);
        _tasks = Situation.Tasks(_scope);
        _seen.UnionWith(_snapshot.OpenOrders.Select(o => o.Id.Value));
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true; // tells a waiting person (and the browser tests) that clicks now work
            StateHasChanged();
            _subscription = new PresentSubscription(Signal, Presence, RefreshAsync); // only while the browser is there
            try
            {
                _module = await Js.InvokeAsync<IJSObjectReference>("import", "./js/desk.js");
            }
            catch (JSException)
            {
                // No chime without the module; the highlight still shows.
            }
        }
    }

    private Task<DispatchOutcome> ActAsync(WorkOrderCard order, DeskCommand command, string key) =>
        Service.ActAsync(_user, order.Id.Value, command, key, "desk", CancellationToken.None);

    private async Task RefreshAsync()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            var chime = false;
            await InvokeAsync(() =>
            {
                _snapshot = Situation.Snapshot(_scope);
                _closed = Situation.AwaitingEvaluation(_scope);
                _tasks = Situation.Tasks(_scope);
                foreach (var order in _snapshot.OpenOrders.Where(o => _seen.Add(o.Id.Value) && o.Urgency == Urgency.Urgent))
                {
                    _freshUrgent.Add(order.Id.Value);
                    chime = true;
                }

                StateHasChanged();
            });
            if (chime && _module is not null)
            {
                await _module.InvokeVoidAsync("chime");
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or ObjectDisposedException or TaskCanceledException)
        {
            // The desk was closed or the browser refused sound; the next refresh carries on.
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
