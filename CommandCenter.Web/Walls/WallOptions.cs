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

    public string ResolvedLayoutsPath => string.IsNullOrWhiteSpace(LayoutsPath)
        ? Path.Combine(AppContext.BaseDirectory, "wall-layouts")
        : Path.GetFullPath(LayoutsPath);
}
