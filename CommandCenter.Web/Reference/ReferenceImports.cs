using System.Security.Claims;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Reference;
using CommandCenter.Feeds.Reference;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Reference;

/// <summary>What an import would do: the problems that refuse it, or the changes it makes, file by file.</summary>
public sealed record ReferencePreview(
    IReadOnlyList<ReferenceProblem> Problems,
    IReadOnlyList<string> StrandedOrders,
    IReadOnlyList<ReferenceFileChange> Changes,
    string CurrentDigest,
    string? Digest)
{
    public bool CanApply => Problems.Count == 0 && StrandedOrders.Count == 0 && Digest is not null && Changes.Count > 0;
}

/// <summary>
/// Imports a center's reference data (<c>/admin/reference</c> and <c>POST /api/reference/{preview|import}</c>): the files
/// uploaded replace those of the same name in force, the others stay; the whole set must validate; an import that strands
/// open orders (their place or unit removed) is refused naming them; an applied import is audited and logged as an event
/// with the files whole, so every node and gateway puts it in force without a restart. Only an admin of the whole tree
/// imports.
/// </summary>
public sealed class ReferenceImports(ReferenceBook book, LiveSituation live, IDispatchStore store, OutboxPublisher outbox, TimeProvider time)
{
    /// <summary>The most one import may carry (all files): within the server's request limit; a city's 20,000 grid outlines take about 8 MB.</summary>
    public const long MaxBytes = 28L * 1024 * 1024;

    public static bool MayImport(ClaimsPrincipal user, ReferenceBook book) =>
        user.Can(Domain.Security.Permission.Administer) && AdminScope.SeesAll(user, book.Current.Data.Tree);

    public ReferencePreview Preview(IReadOnlyDictionary<string, string> uploaded) => Preview(uploaded, out _);

    /// <summary>Applies the upload if its preview allows; the preview either way, and whether it was applied.</summary>
    public async Task<(ReferencePreview Preview, bool Applied)> ApplyAsync(ClaimsPrincipal user, IReadOnlyDictionary<string, string> uploaded,
        CancellationToken cancellationToken)
    {
        var preview = Preview(uploaded, out var edition);
        if (!preview.CanApply || edition is null)
        {
            return (preview, false);
        }

        var now = time.GetUtcNow();
        var feedEvent = ReferenceBook.EventFor(edition, user.Id(), now);
        var summary = string.Join("; ", preview.Changes.Select(c => $"{c.File} +{c.Added} -{c.Removed}"));
        var audit = new AuditRecord(user.Id(), "reference.imported", edition.Digest[..12], $"{string.Join(", ", uploaded.Keys.Order(StringComparer.Ordinal))}: {summary}");
        if (await store.RecordActionAsync(feedEvent, audit, cancellationToken).ConfigureAwait(false))
        {
            await outbox.PublishAsync([feedEvent], cancellationToken).ConfigureAwait(false);
        }

        return (preview, true);
    }

    private ReferencePreview Preview(IReadOnlyDictionary<string, string> uploaded, out ReferenceEdition? edition)
    {
        ArgumentNullException.ThrowIfNull(uploaded);
        var current = book.Current;
        var files = new Dictionary<string, string>(current.Files, StringComparer.Ordinal);
        foreach (var (name, text) in uploaded)
        {
            files[name] = text;
        }

        var (read, problems) = ReferenceEdition.Read(files);
        edition = read;
        if (read is null)
        {
            return new ReferencePreview(problems, [], [], current.Digest, null);
        }

        var stranded = ReferenceDiff.StrandedOrders(current.Data, read.Data, live.OpenOrders());
        return new ReferencePreview([], stranded, ReferenceDiff.Compare(current.Files, read.Files), current.Digest, read.Digest);
    }
}
