namespace CommandCenter.Web.Walls;

/// <summary>Settings under <c>Wall</c>.</summary>
public sealed class WallOptions
{
    public const string Section = "Wall";

    /// <summary>Folder of layout JSON files; empty means the wall-layouts folder shipped beside the app.</summary>
    public string? LayoutsPath { get; set; }

    /// <summary>The layout <c>/</c> opens.</summary>
    public string DefaultLayout { get; set; } = "district-command";

    /// <summary>How often at most hub clients are sent changes, in milliseconds (20–5,000; walls keep 250).</summary>
    [System.ComponentModel.DataAnnotations.Range(20, 5_000)]
    public int HubWindowMilliseconds { get; set; } = 250;

    /// <summary>
    /// For measuring only: walls render on every change the bus brings, with no coalescing window (the naive mode the load
    /// harness compares the product against). Never on a real wall: its cost grows with the event rate.
    /// </summary>
    public bool RenderEveryChange { get; set; }

    /// <summary>
    /// The map's tile URL template (<c>https://tiles.example.gov.cn/{z}/{x}/{y}.png</c>) for a site with a tile server; empty: the
    /// map draws outlines on a plain background and loads nothing from elsewhere. Its origin alone is added to the pages'
    /// <c>img-src</c>.
    /// </summary>
    public string? MapTileUrl { get; set; }

    /// <summary>The tiles' coordinate system: <c>wgs84</c>, or <c>gcj02</c> (Chinese online maps), to which every position is then converted.</summary>
    public string MapTileCoordinates { get; set; } = "wgs84";

    /// <summary>The deepest zoom the tile server has.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 22)]
    public int MapTileMaxZoom { get; set; } = 18;

    /// <summary>
    /// The tile server's origin (scheme, host, port) when a valid template is set; with a <c>{s}</c> subdomain first in the host,
    /// every subdomain of the rest (<c>https://*.tiles.example.gov.cn</c>), as the map asks a, b and c in turn.
    /// </summary>
    public string? MapTileOrigin
    {
        get
        {
            if (!Uri.TryCreate(MapTileUrl?.Replace("{z}", "0", StringComparison.Ordinal).Replace("{x}", "0", StringComparison.Ordinal)
                    .Replace("{y}", "0", StringComparison.Ordinal).Replace("{s}", "a", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https"))
            {
                return null;
            }

            var origin = uri.GetLeftPart(UriPartial.Authority);
            return MapTileUrl!.Contains("://{s}.", StringComparison.Ordinal) ? origin.Replace("://a.", "://*.", StringComparison.Ordinal) : origin;
        }
    }

    /// <summary>Why the tile settings cannot be used, or null.</summary>
    public string? MapTileProblem() =>
        string.IsNullOrWhiteSpace(MapTileUrl) ? null
        : MapTileOrigin is null ? $"Wall:MapTileUrl '{MapTileUrl}' must be an absolute http(s) URL"
        : !(MapTileUrl.Contains("{z}", StringComparison.Ordinal) && MapTileUrl.Contains("{x}", StringComparison.Ordinal) && MapTileUrl.Contains("{y}", StringComparison.Ordinal))
            ? $"Wall:MapTileUrl '{MapTileUrl}' must hold {{z}}, {{x}} and {{y}}"
        : MapTileUrl.Contains("{s}", StringComparison.Ordinal) && !MapTileUrl.Contains("://{s}.", StringComparison.Ordinal)
            ? $"Wall:MapTileUrl '{MapTileUrl}' may hold {{s}} only as the first part of its host ({{s}}.tiles.example.gov.cn)"
        : MapTileCoordinates is not ("wgs84" or "gcj02") ? $"Wall:MapTileCoordinates must be wgs84 or gcj02 (is '{MapTileCoordinates}')"
        : null;

    public string ResolvedLayoutsPath => string.IsNullOrWhiteSpace(LayoutsPath)
        ? Path.Combine(AppContext.BaseDirectory, "wall-layouts")
        : Path.GetFullPath(LayoutsPath);
}

/// <summary>Refuses the start with tile settings the map could not use, naming the setting and the problem.</summary>
internal sealed class WallTileValidation : Microsoft.Extensions.Options.IValidateOptions<WallOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, WallOptions options) =>
        options.MapTileProblem() is { } problem
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
