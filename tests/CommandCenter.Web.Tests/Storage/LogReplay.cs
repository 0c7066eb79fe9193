using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Sla;
using CommandCenter.Feeds.Serialization;
using CommandCenter.Feeds.Simulator;
using Dapper;

namespace CommandCenter.Web.Tests.Storage;

/// <summary>The wall the log alone gives: every stored event, in log order, through a fresh projection.</summary>
internal static class LogReplay
{
    public static async Task<SituationSnapshot> RebuildFromLogAsync(System.Data.Common.DbConnection connection)
    {
        var district = TestReference.District;
        var projection = new SituationProjection(district.Tree, TestReference.Data.Categories, TestReference.Data.Sla);
        foreach (var payload in await connection.QueryAsync<string>("SELECT payload FROM feed_events ORDER BY seq"))
        {
            projection.Apply(FeedEventJson.Deserialize(payload));
        }

        // Every open order, not the snapshot's newest 500: the tests compare the whole picture, read back page by page.
        var now = DateTimeOffset.UtcNow;
        return projection.Snapshot(district.Tree.Root.Code, now) with
        {
            OpenOrders = [.. projection.OpenOrders.Select(o => projection.CardOf(o.Id, now)!)],
        };
    }
}
