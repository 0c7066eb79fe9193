using CommandCenter.Feeds.Reference;
using CommandCenter.Feeds.Simulator;

namespace CommandCenter.Web.Tests;

/// <summary>The demo district and its reference data, generated once for the tests that read them.</summary>
internal static class TestReference
{
    public static DemoDistrict District { get; } = DemoDistrict.Build();

    /// <summary>A book on the demo district's edition (a new one each time: tests may import into it).</summary>
    public static ReferenceBook Book() => new(District.Edition);

    public static Domain.Reference.ReferenceData Data => District.Edition.Data;

    /// <summary>A book on a small tree of the test's own, with the demo district's catalogues and the units it can hold.</summary>
    public static ReferenceBook BookWith(Domain.Jurisdictions.JurisdictionTree tree)
    {
        var d = Data;
        var units = d.Units.Where(u => u.Serves.All(s => tree.Find(s) is not null)).ToList();
        return new ReferenceBook(ReferenceEdition.From(new Domain.Reference.ReferenceData(tree, d.Departments, units, d.Categories, d.Dispatch, d.Sla,
            d.CalendarDays, Domain.Reference.BaseStatistics.None)));
    }
}
