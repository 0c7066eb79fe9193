namespace CommandCenter.Web.Walls;

/// <summary>Settings under <c>Wall</c>.</summary>
public sealed class WallOptions
{
    public const string Section = "Wall";

    /// <summary>Folder of layout JSON files; empty means the wall-layouts folder shipped beside the app.</summary>
    public string? LayoutsPath { get; set; }

    /// <summary>The layout <c>/</c> opens.</summary>
    public string DefaultLayout { get; set; } = "district-command";

    public string ResolvedLayoutsPath => string.IsNullOrWhiteSpace(LayoutsPath)
        ? Path.Combine(AppContext.BaseDirectory, "wall-layouts")
        : Path.GetFullPath(LayoutsPath);
}
