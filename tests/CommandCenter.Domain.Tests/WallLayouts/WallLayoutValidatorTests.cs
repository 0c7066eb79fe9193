using CommandCenter.Domain.WallLayouts;

namespace CommandCenter.Domain.Tests.WallLayouts;

public class WallLayoutValidatorTests
{
    private static WallLayout Valid() => new("district-command", "指挥中心", "320505", 12, 8,
    [
        new WidgetPlacement(WidgetTypes.Clock, 0, 0, 3, 1),
        new WidgetPlacement(WidgetTypes.KpiTiles, 3, 0, 9, 2),
        new WidgetPlacement(WidgetTypes.IncidentList, 0, 2, 8, 6),
    ]);

    [Fact]
    public void A_well_formed_layout_has_no_errors() => Assert.Empty(WallLayoutValidator.Validate(Valid()));

    [Fact]
    public void Unknown_widget_type_is_named_with_the_known_ones()
    {
        var layout = Valid() with { Widgets = [new WidgetPlacement("weather", 0, 0, 1, 1)] };
        var error = Assert.Single(WallLayoutValidator.Validate(layout));
        Assert.StartsWith("widgets[0].type: unknown widget 'weather'", error, StringComparison.Ordinal);
        Assert.Contains(WidgetTypes.IncidentList, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlap_and_out_of_grid_are_reported_by_index()
    {
        var layout = Valid() with
        {
            Widgets =
            [
                new WidgetPlacement(WidgetTypes.Clock, 0, 0, 4, 2),
                new WidgetPlacement(WidgetTypes.KpiTiles, 3, 1, 2, 2),
                new WidgetPlacement(WidgetTypes.AlarmTicker, 10, 7, 4, 1),
            ],
        };
        var errors = WallLayoutValidator.Validate(layout);
        Assert.Contains(errors, e => e.StartsWith("widgets[1]: overlaps widgets[0]", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("widgets[2]: cells", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_id_scope_and_empty_widgets_are_all_reported()
    {
        var errors = WallLayoutValidator.Validate(new WallLayout("Bad Id", "", "12345", 12, 8, []));
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("scope:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("id:", StringComparison.Ordinal));
    }
}
