namespace CommandCenter.Web.Storage;

/// <summary>
/// Where the store lives: PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, otherwise a SQLite file
/// (<c>Storage:SqlitePath</c>, by default <c>App_Data/commandcenter.db</c> under the app's content root).
/// </summary>
public sealed class StoreOptions
{
    public const string Section = "Storage";

    public string? SqlitePath { get; set; }

    /// <summary>Events per store transaction.</summary>
    public int BatchSize { get; set; } = 1000;
}
