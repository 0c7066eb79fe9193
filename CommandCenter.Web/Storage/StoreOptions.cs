namespace CommandCenter.Web.Storage;

/// <summary>
/// Where the store lives: PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, otherwise a SQLite file
/// (<c>Storage:SqlitePath</c>, by default <c>App_Data/commandcenter.db</c> under the app's content root).
/// </summary>
public sealed class StoreOptions
{
    public const string Section = "Storage";

    public string? SqlitePath { get; set; }

    /// <summary>Events per store transaction of the Redis persister.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// Most events per transaction when the tables follow the log; unset, the store's own (<see cref="PostgresProjectionBatch"/>,
    /// <see cref="SqliteProjectionBatch"/>). The projector takes what the log holds past its mark, up to this.
    /// </summary>
    public int? ProjectionBatchSize { get; set; }

    /// <summary>
    /// PostgreSQL's: the tables' statements cost per statement more than per row (measured as a node runs it: 8,200 events/s at
    /// 200, 11,700 at 500, 14,300 at 2,000), and the log's commits never wait for the projection's transaction.
    /// </summary>
    public const int PostgresProjectionBatch = 2000;

    /// <summary>
    /// SQLite's: larger than 200 (11,200 events/s) pays fewer statements and commits (14,900 at 500), smaller than 2,000
    /// (13,000), whose transactions hold the one write lock long enough to hold the log's group commit back.
    /// </summary>
    public const int SqliteProjectionBatch = 500;

    /// <summary>Days of thinned telemetry history (drone tracks, crowd frames, camera status) kept for trails and replay.</summary>
    public int TelemetryRetentionDays { get; set; } = 7;
}
