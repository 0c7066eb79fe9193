using System.Security.Claims;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WallLayouts;
using CommandCenter.Web.Live;
using CommandCenter.Web.Walls;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Components.Pages;

/// <summary>
/// A wall (大屏) drawn from a layout file. It subscribes to the wall signal and pulls one snapshot per
/// signal, so it renders at most every 250 ms however fast events arrive.
/// </summary>
public sealed partial class Wall : ComponentBase, IAsyncDisposable
{
    private WallLayout? _layout;
    private JurisdictionCode _scope;
    private SituationSnapshot? _snapshot;
    private IReadOnlyList<string> _problems = [];
    private IReadOnlyList<string> _available = [];
    private PresentSubscription? _subscription;
    private int _refreshing;
    private bool _counted;
    private DateTimeOffset _shownNewest = DateTimeOffset.MinValue;

    [Parameter]
    public string LayoutId { get; set; } = "";

    [Inject]
    private WallLayoutCatalog Layouts { get; set; } = default!;

    [Inject]
    private LiveSituation Situation { get; set; } = default!;

    [Inject]
    private WallSignal Signal { get; set; } = default!;

    [Inject]
    private ILogger<Wall> Logger { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private CircuitPresence Presence { get; set; } = default!;

    [Inject]
    private ScopeGuard Guard { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthState { get; set; }

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    private Widgets.IWallDispatch? _dispatch;
    private bool _canSignOut;
    private string _who = "";

    private string GridStyle => $"grid-template-columns: repeat({_layout!.Columns}, minmax(0, 1fr)); grid-template-rows: repeat({_layout.Rows}, minmax(0, 1fr));";

    private static string CellStyle(WidgetPlacement w) => $"grid-column: {w.X + 1} / span {w.W}; grid-row: {w.Y + 1} / span {w.H};";

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthState is null ? new ClaimsPrincipal() : (await AuthState).User;
        _who = user.DisplayName();
        _canSignOut = user.Role() is { } role && role != Role.WallDisplay;
        _dispatch ??= user.Can(Permission.Dispatch) && Services.GetService(typeof(Dispatch.DispatchService)) is Dispatch.DispatchService dispatch
            ? new Widgets.WallDispatch(dispatch, user)
            : null;
        var lookup = Layouts.Find(LayoutId);
        _layout = lookup.Layout;
        _problems = lookup.Problems;
        if (_layout is not null && !ScopeGuard.Allows(user, JurisdictionCode.From(_layout.Scope)))
        {
            // Outside the user's jurisdiction: answered exactly like a layout that does not exist.
            if (!RendererInfo.IsInteractive)
            {
                await Guard.DeniedAsync(user, $"wall/{LayoutId}", $"layout scope {_layout.Scope} is outside the user's jurisdiction", CancellationToken.None);
            }

            _layout = null;
            _problems = [$"no layout '{LayoutId}' in {Layouts.Folder}"];
        }

        if (_layout is null)
        {
            _snapshot = null;
            _available = [.. Layouts.Ids().Where(id => Layouts.Find(id).Layout is { } l && ScopeGuard.Allows(user, JurisdictionCode.From(l.Scope)))];
            return;
        }

        _scope = JurisdictionCode.From(_layout.Scope);
        _snapshot = Situation.Snapshot(_scope);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // Only while the browser is there: a closed or disconnected wall stops rendering at once.
            _subscription = new PresentSubscription(Signal, Presence, RefreshAsync);
            Feeds.Telemetry.CenterMetrics.WallOpened();
            _counted = true;
        }
    }

    /// <summary>Called by the signal; skips when a refresh of this wall is still queued.</summary>
    private async Task RefreshAsync()
    {
        if (_layout is null || Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            await InvokeAsync(() =>
            {
                var cpu = Walls.ThreadCpu.Seconds();
                _snapshot = Situation.Snapshot(_scope);
                StateHasChanged();
                Feeds.Telemetry.CenterMetrics.RenderCpu.Add(Walls.ThreadCpu.Seconds() - cpu, new KeyValuePair<string, object?>("part", "render"));
            });
            Feeds.Telemetry.CenterMetrics.Renders.Add(1);
            if (Situation.NewestEventAt is var newest && newest > _shownNewest && newest != DateTimeOffset.MinValue)
            {
                _shownNewest = newest;
                Feeds.Telemetry.CenterMetrics.FeedToWall.Record(Math.Max(0, (Time.GetUtcNow() - newest).TotalSeconds));
            }
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            // Keep showing the last good picture; the next signal tries again.
            LogRefreshFailed(Logger, ex, LayoutId);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (_counted)
        {
            _counted = false;
            Feeds.Telemetry.CenterMetrics.WallClosed();
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wall {LayoutId} refresh failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string layoutId);
}
