using CommandCenter.Domain.Reference;

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
    public ReferenceEdition ReadFolder() => Checked(ReferenceEdition.ReadFolder(ResolvedPath));

    /// <summary>
    /// The folder as read by <paramref name="early"/> when it read this folder (started before the host was built, so its
    /// geometry checks overlap the rest of the start), else read now.
    /// </summary>
    public ReferenceEdition ReadFolder(EarlyFolderRead early) =>
        early.Path == ResolvedPath ? Checked(early.Result.GetAwaiter().GetResult()) : ReadFolder();

    private ReferenceEdition Checked((ReferenceEdition? Edition, IReadOnlyList<ReferenceProblem> Problems) read) =>
        read.Edition ?? throw new InvalidOperationException(
            $"Reference:Path: the reference files in {ResolvedPath} are not valid:\n  " + string.Join("\n  ", read.Problems.Take(50)));
}

/// <summary>The reference folder being read on a pool thread from the moment the feeds are configured.</summary>
public sealed class EarlyFolderRead
{
    private EarlyFolderRead(string path)
    {
        Path = path;
        Result = Task.Run(() => ReferenceEdition.ReadFolder(path));
    }

    public string Path { get; }

    public Task<(ReferenceEdition? Edition, IReadOnlyList<ReferenceProblem> Problems)> Result { get; }

    public static EarlyFolderRead Start(ReferenceOptions configured) => new(configured.ResolvedPath);
}
