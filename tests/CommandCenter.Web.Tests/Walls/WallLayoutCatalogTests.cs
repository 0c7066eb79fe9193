using CommandCenter.Web.Walls;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Tests.Walls;

public sealed class WallLayoutCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-layouts-").FullName;
    private readonly WallLayoutCatalog _catalog;

    public WallLayoutCatalogTests()
    {
        foreach (var file in Directory.GetFiles(TestLayouts.Folder))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }

        _catalog = new WallLayoutCatalog(Options.Create(new WallOptions { LayoutsPath = _folder }));
    }

    [Fact]
    public void Shipped_layouts_load_and_validate()
    {
        Assert.Contains("district-command", _catalog.Ids());
        Assert.DoesNotContain("wall-layout.schema", _catalog.Ids());
        foreach (var id in _catalog.Ids())
        {
            var lookup = _catalog.Find(id);
            Assert.True(lookup.Found, string.Join("; ", lookup.Problems));
        }
    }

    [Fact]
    public void Missing_layout_is_named()
    {
        var lookup = _catalog.Find("night-shift");
        Assert.False(lookup.Found);
        Assert.StartsWith("no layout 'night-shift'", Assert.Single(lookup.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Path_like_ids_are_refused_before_touching_the_disk()
    {
        var lookup = _catalog.Find("../secrets");
        Assert.Contains("is not a layout id", Assert.Single(lookup.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_is_reported_with_file_and_position()
    {
        File.WriteAllText(Path.Combine(_folder, "broken.json"), "{ \"id\": \"broken\", \"columns\": 12,, }");
        var problem = Assert.Single(_catalog.Find("broken").Problems);
        Assert.StartsWith("broken.json:", problem, StringComparison.Ordinal);
        Assert.Contains("LineNumber", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_layout_lists_every_rule_it_breaks()
    {
        File.WriteAllText(Path.Combine(_folder, "bad.json"),
            """{ "id": "other", "title": "x", "scope": "320505", "columns": 4, "rows": 4, "widgets": [ { "type": "map", "x": 0, "y": 0, "w": 1, "h": 1 } ] }""");
        var problems = _catalog.Find("bad").Problems;
        Assert.Contains(problems, p => p.Contains("unknown widget 'map'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("does not match the file name", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_are_read_typed_and_a_wrong_type_is_named_by_its_path()
    {
        File.WriteAllText(Path.Combine(_folder, "typed.json"), """
            { "id": "typed", "title": "x", "scope": "320505", "columns": 4, "rows": 4, "widgets": [
              { "type": "incident-list", "x": 0, "y": 0, "w": 2, "h": 2, "options": { "rows": "9" } },
              { "type": "incident-map", "x": 2, "y": 0, "w": 2, "h": 2, "options": { "layers": ["orders", "drones"], "maxOrders": 800 } } ] }
            """);
        File.WriteAllText(Path.Combine(_folder, "nested.json"), """
            { "id": "nested", "title": "x", "scope": "320505", "columns": 4, "rows": 4, "widgets": [
              { "type": "incident-map", "x": 0, "y": 0, "w": 2, "h": 2, "options": { "layers": { "orders": true } } } ] }
            """);
        File.WriteAllText(Path.Combine(_folder, "fixed.json"), File.ReadAllText(Path.Combine(_folder, "typed.json"))
            .Replace("\"typed\"", "\"fixed\"", StringComparison.Ordinal).Replace("\"9\"", "9", StringComparison.Ordinal));

        Assert.Equal(["typed.json: widgets[0].options.rows: must be a whole number 1–50 (is the text \"9\")"], _catalog.Find("typed").Problems);
        var nested = Assert.Single(_catalog.Find("nested").Problems);
        Assert.Contains("an option must be a number, true/false, a text or a list of names", nested, StringComparison.Ordinal);
        Assert.Contains("$.widgets[0].options.layers", nested, StringComparison.Ordinal);
        var map = Domain.WallLayouts.WidgetSettings.Of(_catalog.Find("fixed").Layout!.Widgets[1]);
        Assert.Equal(("orders,drones", 800), (string.Join(',', map.Names("layers")), map.WholeNumber("maxOrders")));
    }

    [Fact]
    public void The_schema_file_is_the_one_the_widget_kinds_generate()
    {
        var shipped = File.ReadAllText(Path.Combine(TestLayouts.Folder, "wall-layout.schema.json"));

        Assert.True(shipped == WallLayoutSchema.Text(),
            "wall-layouts/wall-layout.schema.json is out of date: dotnet run --project CommandCenter.Web --no-launch-profile -- --layout-schema > wall-layouts/wall-layout.schema.json");
        Assert.Contains("\"maxOrders\"", shipped, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
