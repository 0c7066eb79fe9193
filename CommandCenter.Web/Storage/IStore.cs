namespace CommandCenter.Web.Storage;

/// <summary>
/// Marks the narrow interfaces of the store, one per concern (event log, projected tables, dispatch and outbox, audit,
/// accounts, sessions, briefings, dead letters, migrations). Each concrete store implements exactly one of them, and nothing
/// outside <c>Storage/</c> names a concrete store: an architecture test keeps it so.
/// </summary>
public interface IStore;
