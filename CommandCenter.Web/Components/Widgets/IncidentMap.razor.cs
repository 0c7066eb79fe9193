using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Web.Dispatch;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CommandCenter.Web.Components.Widgets;

/// <summary>
/// The incident map widget (<c>incident-map</c>): Leaflet behind <c>js/incident-map.js</c>. Each render sends the map only
/// what changed since the last (new, restyled or gone markers), so map work follows the 250 ms signal, not the event rate.
/// </summary>
public sealed partial class IncidentMap : ComponentBase, IAsyncDisposable
{
    private readonly Dictionary<string, MapOrder> _sent = new(StringComparer.Ordinal);
    private ElementReference _element;
    private IJSObjectReference? _module;
    private IJSObjectReference? _map;
    private DotNetObjectReference<IncidentMap>? _self;
    private string? _problem;

    [Parameter, EditorRequired]
    public SituationSnapshot Snapshot { get; set; } = default!;

    [Parameter]
    public string? Title { get; set; }

    /// <summary>The placement's options (layers, view, caps); the kind's defaults when the host gives none.</summary>
    [Parameter]
    public Domain.WallLayouts.WidgetSettings? Settings { get; set; }

    [CascadingParameter]
    public IWallDispatch? Dispatch { get; set; }

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private Feeds.Reference.ReferenceBook Reference { get; set; } = default!;

    /// <summary>A marker as the map draws it.</summary>
    public sealed record MapOrder(string Id, double Lat, double Lon, string Light, bool Urgent, string Title, string Category, string State, bool CanDispatch);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        try
        {
            if (firstRender)
            {
                var (south, west, north, east) = Bounds(Snapshot.Scope);
                _self = DotNetObjectReference.Create(this);
                _module = await Js.InvokeAsync<IJSObjectReference>("import", "./js/incident-map.js");
                _map = await _module.InvokeAsync<IJSObjectReference>("create", _element, _self, south, west, north, east);
            }

            if (_module is null || _map is null)
            {
                return;
            }

            var (upserted, removed) = Changes();
            if (upserted.Count > 0 || removed.Count > 0)
            {
                await _module.InvokeVoidAsync("update", _map, upserted, removed);
                foreach (var id in removed)
                {
                    _sent.Remove(id);
                }

                foreach (var order in upserted)
                {
                    _sent[order.Id] = order;
                }
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            // A map that cannot load (no Leaflet installed, circuit gone) must not take the wall with it.
            _problem ??= "地图暂不可用";
        }
    }

    /// <summary>Called from a marker's popup: dispatches to the recommended unit and says where it went.</summary>
    [JSInvokable]
    public async Task<string> DispatchFromMap(string id)
    {
        if (Dispatch is null || Snapshot.OpenOrders.FirstOrDefault(o => o.Id.Value == id) is not { } order)
        {
            return "此工单无法从地图派单";
        }

        var outcome = await Dispatch.DispatchAsync(order, null);
        return outcome.Result is { } r
            ? $"已派 {r.UnitName}{(r.AlreadyDispatched ? "(此前已派)" : "")}"
            : $"派单未成功:{outcome.Problem}";
    }

    /// <summary>Markers new or different since the last update, and ids gone.</summary>
    internal (List<MapOrder> Upserted, List<string> Removed) Changes()
    {
        var now = Snapshot.OpenOrders.Where(o => o.Location is not null).Select(o => new MapOrder(o.Id.Value, o.Location!.Value.Latitude,
            o.Location.Value.Longitude, o.Light.ToString(), o.Urgency == Domain.WorkOrders.Urgency.Urgent, o.Title, o.CategoryName,
            WallFormat.State(o.State), Dispatch?.MayDispatch(o) == true)).ToDictionary(o => o.Id, StringComparer.Ordinal);
        var upserted = now.Values.Where(o => !_sent.TryGetValue(o.Id, out var was) || was != o).ToList();
        var removed = _sent.Keys.Where(id => !now.ContainsKey(id)).ToList();
        return (upserted, removed);
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
