namespace CommandCenter.Feeds.Reference;

/// <summary>Settings under <c>Reference</c>.</summary>
public sealed class ReferenceOptions
{
    public const string Section = "Reference";

    /// <summary>
    /// The folder of reference files that seeds the store on first start (and the gateway until a node has published the
    /// store's edition); empty means the demo district's files shipped beside the app in <c>wall-layouts/reference</c>.
    /// </summary>
    public string? Path { get; set; }

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path)
        ? System.IO.Path.Combine(AppContext.BaseDirectory, "wall-layouts", "reference")
        : System.IO.Path.GetFullPath(Path);

    /// <summary>The edition in the folder, or a start refused naming every problem.</summary>
    public ReferenceEdition ReadFolder()
    {
        var (edition, problems) = ReferenceEdition.ReadFolder(ResolvedPath);
        return edition ?? throw new InvalidOperationException(
            $"Reference:Path: the reference files in {ResolvedPath} are not valid:\n  " + string.Join("\n  ", problems.Take(50)));
    }
}
