using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WallLayouts;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Live;
using CommandCenter.Web.Walls;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace CommandCenter.Web.Components.Widgets;

/// <summary>
/// The commander's map (<c>incident-map</c>): Leaflet behind <c>js/incident-map.js</c>, with the jurisdiction's outlines and the
/// live layers (orders, alarms, drones, cameras, grid members, crowd heat) a person can switch and the layout presets. Each
/// render sends the map only what changed since the last, layer by layer, so map work follows the 250 ms signal, not the
/// event rate; orders are capped at the layout's <c>maxOrders</c> (clustered when dense).
/// </summary>
public sealed partial class IncidentMap : ComponentBase, IAsyncDisposable
{
    private MapLayers? _layers;
    private ElementReference _element;
    private IJSObjectReference? _module;
    private IJSObjectReference? _map;
    private DotNetObjectReference<IncidentMap>? _self;
    private string? _problem;
    private bool _movingOwed;
    private readonly CancellationTokenSource _closed = new();

    [Parameter, EditorRequired]
    public SituationSnapshot Snapshot { get; set; } = default!;

    [Parameter]
    public string? Title { get; set; }

    /// <summary>The placement's options (layers, view, caps); the kind's defaults when the host gives none.</summary>
    [Parameter]
    public WidgetSettings? Settings { get; set; }

    [CascadingParameter]
    public IWallDispatch? Dispatch { get; set; }

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private Feeds.Reference.ReferenceBook Reference { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <summary>Markers the map holds now, all layers together (on the element, for tests and probes).</summary>
    private int Drawn => _layers?.Drawn ?? 0;

    private WidgetSettings Options => Settings ?? WidgetSettings.Of(new WidgetPlacement(WidgetTypes.IncidentMap, 0, 0, 1, 1));

    private static readonly KeyValuePair<string, object?> MapPart = new("part", "map");

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        try
        {
            if (firstRender)
            {
                _layers = new MapLayers(Options);
                _self = DotNetObjectReference.Create(this);
                _module = await Js.InvokeAsync<IJSObjectReference>("import", "./js/incident-map.js");
                _map = await _module.InvokeAsync<IJSObjectReference>("create", _element, _self, Setup());
            }

            if (_module is null || _map is null || _layers is null)
            {
                return;
            }

            await SendAsync(moving: false);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            // A map that cannot load (a package missing, circuit gone) must not take the wall with it.
            _problem ??= "地图暂不可用";
        }
    }

    /// <summary>Sends the map what changed; when the moving layers were held back, sends them once their interval is over.</summary>
    private async Task SendAsync(bool moving)
    {
        // The frame's diff and its serialisation for the browser are the map's part of the walls' CPU.
        var cpu = Walls.ThreadCpu.Seconds();
        var frame = _layers!.Next(Snapshot, Orders(_layers), Snapshot.OpenCount, Dispatch, Trail, moving);
        var sent = frame is null ? ValueTask.CompletedTask : _module!.InvokeVoidAsync("update", _map, frame);
        Feeds.Telemetry.CenterMetrics.RenderCpu.Add(Walls.ThreadCpu.Seconds() - cpu, MapPart);
        if (_layers.MovingHeld && !_movingOwed)
        {
            _movingOwed = true;
            _ = SendMovingLaterAsync();
        }

        await sent;
    }

    /// <summary>The moving layers held back by the last update, sent when their interval is over unless a render sent them first.</summary>
    private async Task SendMovingLaterAsync()
    {
        try
        {
            await Task.Delay(MapLayers.MovingEvery, _closed.Token);
            await InvokeAsync(async () =>
            {
                _movingOwed = false;
                if (_layers is { MovingHeld: true } && _module is not null && _map is not null)
                {
                    await SendAsync(moving: true);
                }
            });
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or JSException or JSDisconnectedException or InvalidOperationException)
        {
            // Closed, or the circuit is gone: nothing is owed to a map no one sees.
        }
    }

    /// <summary>Called from a marker's popup: dispatches to the recommended unit and says where it went.</summary>
    [JSInvokable]
    public async Task<string> DispatchFromMap(string id)
    {
        var order = Snapshot.OpenOrders.FirstOrDefault(o => o.Id.Value == id)
            ?? (Services.GetService(typeof(LiveSituation)) is LiveSituation live && Domain.WorkOrders.WorkOrderId.TryFrom(id, out var orderId, out _)
                ? live.CardOf(orderId) : null);
        if (Dispatch is null || order is null || !Snapshot.Scope.Contains(order.Scope))
        {
            return "此工单无法从地图派单";
        }

        var outcome = await Dispatch.DispatchAsync(order, null);
        return outcome.Result is { } r
            ? $"已派 {r.UnitName}{(r.AlreadyDispatched ? "(此前已派)" : "")}"
            : $"派单未成功:{outcome.Problem}";
    }

    /// <summary>
    /// The open orders to draw: the snapshot's newest when they are enough, else from the live index: nothing when no order
    /// changed, only the changed ones while the map holds all of the scope's, else the first up to the cap with cards only for
    /// those changed since the map drew them. A frame costs what changed, not every marker shown.
    /// </summary>
    private OrderListing Orders(MapLayers layers) =>
        layers.MaxOrders <= Snapshot.OpenOrders.Length || Snapshot.OpenCount <= Snapshot.OpenOrders.Length || Services.GetService(typeof(LiveSituation)) is not LiveSituation live
            ? new OrderListing(-1, true, [.. Snapshot.OpenOrders.Select(o => new ListedOrder(o.Id.Value, 0, o))], [], false)
            : live.Standings(Snapshot.Scope, OrderLists.ByState, layers.MaxOrders, layers.Holds, layers.ListedAt, layers.ListedComplete,
                layers.WholeDue(Snapshot.At));

    /// <summary>A drone's thinned history for the layout's trail length, as [lat, lon] pairs.</summary>
    private IReadOnlyList<double[]> Trail(string droneId) =>
        Services.GetService(typeof(LiveSituation)) is LiveSituation live
            ? [.. live.TrailOf(droneId, Snapshot.At.AddMinutes(-Options.WholeNumber("trailMinutes"))).Select(p => new[] { p.Position.Latitude, p.Position.Longitude })]
            : [];

    /// <summary>What the map is created with: the view, the layers shown first, the outlines, and the tile server if any.</summary>
    private object Setup()
    {
        var (south, west, north, east) = Bounds(Snapshot.Scope);
        var options = Options;
        var wall = (Services.GetService(typeof(IOptions<WallOptions>)) as IOptions<WallOptions>)?.Value ?? new WallOptions();
        return new
        {
            bounds = new[] { south, west, north, east },
            view = options.Choice("view"),
            centre = options.Number("centreLat") is { } lat && options.Number("centreLon") is { } lon ? new[] { lat, lon } : null,
            zoom = options.WholeNumber("zoom"),
            layers = options.Names("layers"),
            trailMinutes = options.WholeNumber("trailMinutes"),
            outlines = MapOutlines.Of(Reference, Snapshot.Scope),
            tiles = wall.MapTileOrigin is null ? null : new { url = wall.MapTileUrl, gcj02 = wall.MapTileCoordinates == "gcj02", maxZoom = wall.MapTileMaxZoom },
        };
    }

    /// <summary>
    /// The box around the scope's outline in the reference data (the nearest outlined jurisdiction above it when it has
    /// none), with a little margin; the whole tree's outlines when none is known.
    /// </summary>
    private (double South, double West, double North, double East) Bounds(JurisdictionCode scope)
    {
        var outlines = Reference.Current.Outlines;
        NetTopologySuite.Geometries.Envelope? box = null;
        for (var level = scope.Level; level >= JurisdictionLevel.Province && box is null; level--)
        {
            if (scope.AncestorAt(level) is { } code && outlines.TryGetValue(code, out var outline))
            {
                box = outline.EnvelopeInternal;
            }
        }

        if (box is null)
        {
            box = new NetTopologySuite.Geometries.Envelope();
            foreach (var outline in outlines.Values)
            {
                box.ExpandToInclude(outline.EnvelopeInternal);
            }
        }

        if (box.IsNull)
        {
            return (31.2, 120.4, 31.4, 120.7); // no outlines at all: a default view until the reference data gives one
        }

        const double Margin = 0.005;
        return (box.MinY - Margin, box.MinX - Margin, box.MaxY + Margin, box.MaxX + Margin);
    }

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        _closed.Dispose();
        try
        {
            if (_module is not null && _map is not null)
            {
                await _module.InvokeVoidAsync("dispose", _map);
            }

            if (_map is not null)
            {
                await _map.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is the map.
        }

        _self?.Dispose();
    }
}
