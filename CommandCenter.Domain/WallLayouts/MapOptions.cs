namespace CommandCenter.Domain.WallLayouts;

/// <summary>The map widget's layers and options (<c>incident-map</c>).</summary>
public static class MapOptions
{
    public const string Outlines = "outlines";
    public const string Orders = "orders";
    public const string Alarms = "alarms";
    public const string Drones = "drones";
    public const string Cameras = "cameras";
    public const string Members = "members";
    public const string Crowd = "crowd";

    /// <summary>Every layer, in the order the map stacks them (the first lowest).</summary>
    public static IReadOnlyList<string> Layers { get; } = [Outlines, Crowd, Cameras, Members, Orders, Alarms, Drones];

    /// <summary>Fit the map to the wall's jurisdiction.</summary>
    public const string Fit = "fit";

    /// <summary>Open at <c>centreLat</c>, <c>centreLon</c> and <c>zoom</c>.</summary>
    public const string Centre = "centre";

    public static IReadOnlyList<WidgetOption> All { get; } =
    [
        new("layers", OptionKind.Names, "the layers shown when the wall opens (each can be switched on the map)",
            new OptionValue.Names([Outlines, Orders, Alarms]), Choices: Layers),
        new("view", OptionKind.Choice, "fit the jurisdiction, or open at a centre and zoom", new OptionValue.Text(Fit), Choices: [Fit, Centre]),
        new("centreLat", OptionKind.Number, "the centre's latitude (WGS-84) when view is centre", Minimum: -90, Maximum: 90),
        new("centreLon", OptionKind.Number, "the centre's longitude (WGS-84) when view is centre", Minimum: -180, Maximum: 180),
        new("zoom", OptionKind.WholeNumber, "the zoom when view is centre", new OptionValue.Number(14), Minimum: 3, Maximum: 19),
        new("maxOrders", OptionKind.WholeNumber, "the most order markers drawn; beyond it, counts per grid",
            new OptionValue.Number(2000), Minimum: 1, Maximum: 5000),
        new("droneStaleSeconds", OptionKind.WholeNumber, "a drone silent this long is drawn as stale", new OptionValue.Number(30), Minimum: 5, Maximum: 3600),
        new("lowBattery", OptionKind.WholeNumber, "battery percent below which a drone is flagged", new OptionValue.Number(20), Minimum: 0, Maximum: 100),
        new("trailMinutes", OptionKind.WholeNumber, "minutes of a drone's thinned track drawn behind it", new OptionValue.Number(10), Minimum: 0, Maximum: 120),
    ];
}
