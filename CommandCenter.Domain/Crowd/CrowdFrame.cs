using CommandCenter.Domain.Geo;

namespace CommandCenter.Domain.Crowd;

/// <summary>
/// A crowd heat-map frame (人流热力图) of one area: a grid of people counts over rectangular bounds,
/// row-major from the south-west corner.
/// </summary>
public sealed record CrowdFrame
{
    public CrowdFrame(string areaId, string areaName, GeoPoint southWest, GeoPoint northEast, double cellSizeMeters,
        int rows, int columns, IReadOnlyList<int> counts, DateTimeOffset at, double densityThreshold)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(areaId);
        if (rows <= 0 || columns <= 0 || counts.Count != rows * columns)
        {
            throw new ArgumentException($"crowd frame {areaId}: {counts.Count} counts do not fill {rows}×{columns} cells", nameof(counts));
        }

        if (cellSizeMeters <= 0 || counts.Any(c => c < 0))
        {
            throw new ArgumentException($"crowd frame {areaId}: cell size and counts must be positive", nameof(counts));
        }

        AreaId = areaId;
        AreaName = areaName;
        SouthWest = southWest;
        NorthEast = northEast;
        CellSizeMeters = cellSizeMeters;
        Rows = rows;
        Columns = columns;
        Counts = counts;
        At = at;
        DensityThreshold = densityThreshold;
    }

    public string AreaId { get; }

    public string AreaName { get; }

    public GeoPoint SouthWest { get; }

    public GeoPoint NorthEast { get; }

    public double CellSizeMeters { get; }

    public int Rows { get; }

    public int Columns { get; }

    public IReadOnlyList<int> Counts { get; }

    public DateTimeOffset At { get; }

    /// <summary>People per square metre above which the area is over capacity.</summary>
    public double DensityThreshold { get; }

    public int Total => Counts.Sum();

    /// <summary>Highest density of any cell, in people per square metre.</summary>
    public double PeakDensity => Counts.Max() / (CellSizeMeters * CellSizeMeters);

    public bool OverThreshold => PeakDensity > DensityThreshold;
}
