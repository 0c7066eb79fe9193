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

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
