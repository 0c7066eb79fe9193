namespace CommandCenter.Web.Tests;

internal static class TestLayouts
{
    /// <summary>The repository's wall-layouts folder, as copied beside the test binaries.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "wall-layouts");
}
