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
    /// Events per transaction when the tables follow the log (in-process bus). Small, so the log's group commit never
    /// waits long behind the projection for SQLite's one write lock.
    /// </summary>
    public int ProjectionBatchSize { get; set; } = 200;

    /// <summary>Days of thinned telemetry history (drone tracks, crowd frames, camera status) kept for trails and replay.</summary>
    public int TelemetryRetentionDays { get; set; } = 7;
}
