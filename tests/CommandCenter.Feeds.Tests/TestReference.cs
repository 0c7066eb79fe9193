using CommandCenter.Feeds.Reference;
using CommandCenter.Feeds.Simulator;

namespace CommandCenter.Feeds.Tests;

/// <summary>The demo district and its reference data, built once for the tests that read it.</summary>
internal static class TestReference
{
    public static DemoDistrict District { get; } = DemoDistrict.Build();

    /// <summary>A book on the demo district's edition (a new one each time: tests may import into it).</summary>
    public static ReferenceBook Book() => new(District.Edition);

    public static Domain.Reference.ReferenceData Data => District.Edition.Data;
}
