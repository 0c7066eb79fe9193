using CommandCenter.Domain.WallLayouts;

namespace CommandCenter.Domain.Tests.WallLayouts;

/// <summary>Widget options are typed by their kind's declaration: checked with the layout, read with their defaults.</summary>
public class WidgetOptionTests
{
    private static WallLayout With(string type, params (string Name, OptionValue Value)[] options) =>
        new("district-command", "指挥中心", "320505", 12, 8,
            [new WidgetPlacement(type, 0, 0, 6, 6, Options: options.ToDictionary(o => o.Name, o => o.Value))]);

    private static OptionValue.Number N(double value) => new(value);

    [Theory]
    [InlineData(0.0, "widgets[0].options.rows: must be 1–50 (is the number 0)")]
    [InlineData(51.0, "widgets[0].options.rows: must be 1–50 (is the number 51)")]
    [InlineData(7.5, "widgets[0].options.rows: must be a whole number 1–50 (is the number 7.5)")]
    public void A_number_out_of_its_range_is_named_with_the_range(double rows, string expected) =>
        Assert.Equal([expected], WallLayoutValidator.Validate(With(WidgetTypes.IncidentList, ("rows", N(rows)))));

    [Fact]
    public void A_number_written_as_text_is_refused_saying_what_was_found() =>
        Assert.Equal(["widgets[0].options.rows: must be a whole number 1–50 (is the text \"9\")"],
            WallLayoutValidator.Validate(With(WidgetTypes.AlarmTicker, ("rows", new OptionValue.Text("9")))));

    [Fact]
    public void An_unknown_option_is_named_with_the_ones_the_kind_takes()
    {
        var error = Assert.Single(WallLayoutValidator.Validate(With(WidgetTypes.IncidentMap, ("layer", new OptionValue.Names(["orders"])))));

        Assert.StartsWith("widgets[0].options.layer: unknown option of incident-map (known: layers, view,", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kind_without_options_says_so() =>
        Assert.Equal(["widgets[0].options.rows: a kpi-tiles widget takes no options"],
            WallLayoutValidator.Validate(With(WidgetTypes.KpiTiles, ("rows", N(3)))));

    [Fact]
    public void Map_layers_must_be_known_and_each_named_once()
    {
        var unknown = WallLayoutValidator.Validate(With(WidgetTypes.IncidentMap, ("layers", new OptionValue.Names(["orders", "weather"]))));
        var twice = WallLayoutValidator.Validate(With(WidgetTypes.IncidentMap, ("layers", new OptionValue.Names(["drones", "drones"]))));
        var notAList = WallLayoutValidator.Validate(With(WidgetTypes.IncidentMap, ("layers", new OptionValue.Text("drones"))));

        Assert.Equal(["widgets[0].options.layers: 'weather' is not one of outlines, crowd, cameras, members, orders, alarms, drones"], unknown);
        Assert.Equal(["widgets[0].options.layers: names a value twice"], twice);
        Assert.Equal(["widgets[0].options.layers: must be a list of names from outlines, crowd, cameras, members, orders, alarms, drones (is the text \"drones\")"], notAList);
    }

    [Fact]
    public void A_centred_view_needs_its_centre_and_a_choice_must_be_one_of_its_values()
    {
        var centred = WallLayoutValidator.Validate(With(WidgetTypes.IncidentMap, ("view", new OptionValue.Text("centre")), ("zoom", N(15))));
        var complete = WallLayoutValidator.Validate(With(WidgetTypes.IncidentMap, ("view", new OptionValue.Text("centre")),
            ("centreLat", N(31.3)), ("centreLon", N(120.55)), ("zoom", N(15))));
        var unknown = WallLayoutValidator.Validate(With(WidgetTypes.IncidentMap, ("view", new OptionValue.Text("world"))));

        Assert.Equal(["widgets[0].options: view centre needs centreLat and centreLon"], centred);
        Assert.Empty(complete);
        Assert.Equal(["widgets[0].options.view: must be one of fit, centre (is the text \"world\")"], unknown);
    }

    [Fact]
    public void Settings_read_the_layouts_value_and_the_kinds_default_where_it_gives_none()
    {
        var given = WidgetSettings.Of(With(WidgetTypes.IncidentMap, ("layers", new OptionValue.Names(["drones", "crowd"])), ("maxOrders", N(300))).Widgets[0]);
        var defaults = WidgetSettings.Of(new WidgetPlacement(WidgetTypes.IncidentMap, 0, 0, 1, 1));
        var list = WidgetSettings.Of(new WidgetPlacement(WidgetTypes.IncidentList, 0, 0, 1, 1));

        Assert.Equal(("drones,crowd", 300, "fit", 20), (string.Join(',', given.Names("layers")), given.WholeNumber("maxOrders"), given.Choice("view"), given.WholeNumber("lowBattery")));
        Assert.Equal(("outlines,orders,alarms", 2000, (double?)null), (string.Join(',', defaults.Names("layers")), defaults.WholeNumber("maxOrders"), defaults.Number("centreLat")));
        Assert.Equal(14, list.WholeNumber("rows"));
        Assert.Throws<ArgumentException>(() => list.WholeNumber("zoom"));
    }

    [Fact]
    public void Every_kind_declares_defaults_that_pass_its_own_checks() =>
        Assert.All(WidgetTypes.Kinds.SelectMany(k => k.Options).Where(o => o.Default is not null), o => Assert.Null(o.Problem(o.Default!)));
}
