using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using CommandCenter.Domain.Cameras;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Feeds.Simulator;

namespace CommandCenter.Benchmarks;

/// <summary>
/// A scope's snapshot over the demo district with a city's camera registry in it (1,000 or 100,000 cameras spread over every
/// grid): the district's (which lists 2,000 of them) and one street's.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SnapshotBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));
    private SituationProjection _projection = default!;
    private JurisdictionCode _district;
    private JurisdictionCode _street;

    [Params(1_000, 100_000)]
    public int Cameras { get; set; }

    public static int Run()
    {
        BenchmarkRunner.Run<SnapshotBenchmark>();
        return 0;
    }

    [GlobalSetup]
    public void Setup()
    {
        var district = DemoDistrict.Build();
        var data = district.Edition.Data;
        _projection = new SituationProjection(data.Tree, data.Categories, data.Sla, dedupeWindow: Cameras + 10);
        var grids = district.Communities.SelectMany(c => c.Grids).ToArray();
        for (var i = 0; i < Cameras; i++)
        {
            var grid = grids[i % grids.Length];
            var camera = new Camera(CameraId.From($"3205050001132{i:0000000}"), $"路口 {i}", grid, new GeoPoint(31.3, 120.5), true);
            _projection.Apply(new FeedEvent($"camera-{i}", $"platform-{i / SituationProjection.CamerasPerSource}", Now, grid, new CameraRegistered(camera)));
        }

        _district = JurisdictionCode.From(DemoDistrict.DistrictCode);
        _street = grids[0].AncestorAt(JurisdictionLevel.Street)!.Value;
    }

    [Benchmark]
    public int District() => _projection.Snapshot(_district, Now).CameraCount;

    [Benchmark]
    public int Street() => _projection.Snapshot(_street, Now).CameraCount;
}
