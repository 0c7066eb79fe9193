using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Feeds.Geography;
using NetTopologySuite.Geometries;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Point-in-polygon placement: lookups against a district's 840 grids and a city's 20,000, each an irregular
/// twelve-sided cell of a square lattice, the points uniform over the area (some outside every grid).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class LocateBenchmark
{
    private const int Points = 1024;
    private GridLocator _locator = default!;
    private (double Lat, double Lon)[] _points = [];

    [Params(840, 20_000)]
    public int Grids { get; set; }

    public static int Run()
    {
        BenchmarkRunner.Run<LocateBenchmark>();
        return 0;
    }

    [GlobalSetup]
    public void Setup()
    {
        var factory = new GeometryFactory();
        var side = (int)Math.Ceiling(Math.Sqrt(Grids));
        const double Cell = 0.004; // about 400 m, a city grid
        var outlines = new List<(JurisdictionCode, Geometry)>();
        for (var i = 0; i < Grids; i++)
        {
            var (x, y) = (120.4 + (i % side) * Cell, 31.2 + (i / side) * Cell);
            // A lattice cell with its edges broken into three segments each, as drawn outlines are.
            var ring = new List<Coordinate>();
            foreach (var (ax, ay, bx, by) in new[] { (0, 0, 1, 0), (1, 0, 1, 1), (1, 1, 0, 1), (0, 1, 0, 0) })
            {
                for (var k = 0; k < 3; k++)
                {
                    ring.Add(new Coordinate(x + (ax + (bx - ax) * k / 3.0) * Cell, y + (ay + (by - ay) * k / 3.0) * Cell));
                }
            }

            ring.Add(ring[0]);
            var code = JurisdictionCode.From($"3205{(i / 7 / 20 / 9) + 1:00}{(i / 7 / 20 % 9) + 1:000}{(i / 7 % 20) + 1:000}{(i % 7) + 1:000}");
            outlines.Add((code, factory.CreatePolygon([.. ring])));
        }

        _locator = new GridLocator(outlines);
        var random = new Random(7);
        var span = side * Cell * 1.05;
        _points = [.. Enumerable.Range(0, Points).Select(_ => (31.2 + random.NextDouble() * span, 120.4 + random.NextDouble() * span))];
    }

    /// <summary>One batch of <see cref="Points"/> lookups; lookups per second = 1,024 / the mean.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public int Locate()
    {
        var found = 0;
        foreach (var (lat, lon) in _points)
        {
            found += _locator.Locate(lat, lon) is null ? 0 : 1;
        }

        return found;
    }
}
