using System.Security.Claims;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Feeds.Ingest;

namespace CommandCenter.Web.Security;

/// <summary>
/// What of the center's records an admin may read: everything for an admin of the whole tree; for an admin of a part,
/// only what belongs to it (audit entries by or about its accounts; dead letters of sources bound within it).
/// </summary>
public static class AdminScope
{
    /// <summary>Whether the admin's jurisdiction is the whole tree (null: not an admin of anything).</summary>
    public static bool SeesAll(ClaimsPrincipal admin, JurisdictionTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return admin.Jurisdiction() is { } own && own == tree.Root.Code;
    }

    /// <summary>The ingest sources whose dead letters the admin may read: those bound wholly within the admin's jurisdiction.</summary>
    public static IReadOnlyCollection<string> SourcesOf(ClaimsPrincipal admin, IngestOptions ingest)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        if (admin.Jurisdiction() is not { } own)
        {
            return [];
        }

        return [.. ingest.Sources.Where(s => s.Value.Jurisdictions.Length > 0 && s.Value.Jurisdictions.All(j =>
            JurisdictionCode.TryFrom(j, out var code, out _) && own.Contains(code))).Select(s => s.Key)];
    }
}
