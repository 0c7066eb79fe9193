using System.Security.Cryptography;
using System.Text;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Reference;
using CommandCenter.Feeds.Geography;
using NetTopologySuite.Geometries;

namespace CommandCenter.Feeds.Reference;

/// <summary>
/// One version of a center's reference data as it is in force: the files it was read from (kept whole, for export and
/// for the log), their digest, the data, the outlines and the grid locator built from them.
/// </summary>
public sealed class ReferenceEdition
{
    private ReferenceEdition(IReadOnlyDictionary<string, string> files, ReferenceData data, IReadOnlyDictionary<JurisdictionCode, Geometry> outlines)
    {
        Files = files;
        Data = data;
        Outlines = outlines;
        Digest = DigestOf(files);
        Locator = new GridLocator(outlines.Where(o => o.Key.Level == JurisdictionLevel.Grid).Select(o => (o.Key, o.Value)));
    }

    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>SHA-256 of the files (names and texts, by name), hex: equal digests, equal reference data.</summary>
    public string Digest { get; }

    public ReferenceData Data { get; }

    /// <summary>Outlines by jurisdiction code (those the files give).</summary>
    public IReadOnlyDictionary<JurisdictionCode, Geometry> Outlines { get; }

    /// <summary>Places points in grids (empty when the files give no grid outlines).</summary>
    public GridLocator Locator { get; }

    /// <summary>Reads and validates a whole set of files: the edition, or every problem and no edition.</summary>
    public static (ReferenceEdition? Edition, IReadOnlyList<ReferenceProblem> Problems) Read(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var (data, found) = ReferenceFiles.Read(files);
        var problems = found.ToList();
        IReadOnlyDictionary<JurisdictionCode, Geometry> outlines = new Dictionary<JurisdictionCode, Geometry>();
        if (files.TryGetValue(ReferenceFiles.OutlinesName, out var geoJson))
        {
            outlines = OutlineFile.Read(geoJson, data?.Tree ?? TreeOnly(files), problems);
        }

        if (data is null || problems.Count > 0)
        {
            return (null, problems);
        }

        var copy = files.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        return (new ReferenceEdition(copy, data, outlines), problems);
    }

    /// <summary>The edition of data made in code (written to its files and read back, so it is exactly what an import of them gives).</summary>
    public static ReferenceEdition From(ReferenceData data)
    {
        var (edition, problems) = Read(ReferenceFiles.Write(data));
        return edition ?? throw new ArgumentException("the data does not validate: " + string.Join("; ", problems), nameof(data));
    }

    /// <summary>Reads a folder of reference files (every file whose name the reader knows; others are problems).</summary>
    public static (ReferenceEdition? Edition, IReadOnlyList<ReferenceProblem> Problems) ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return (null, [new ReferenceProblem(folder, "folder", "the reference folder does not exist (set Reference:Path)")]);
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(f => Path.GetFileName(f) is var name && !name.StartsWith('.') && !name.Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => Path.GetFileName(f)!, f => File.ReadAllText(f, Encoding.UTF8), StringComparer.Ordinal);
        return Read(files);
    }

    public static string DigestOf(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(name));
            sha.AppendData([0]);
            sha.AppendData(Encoding.UTF8.GetBytes(text));
            sha.AppendData([0]);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static JurisdictionTree? TreeOnly(IReadOnlyDictionary<string, string> files) =>
        files.TryGetValue(JurisdictionFile.Name, out var text) ? JurisdictionFile.Read(JurisdictionFile.Name, text).Tree : null;
}
