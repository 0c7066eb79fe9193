using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>A local account as stored. The password hash is the ASP.NET Core Identity format (salted PBKDF2).</summary>
/// <remarks>Init properties rather than a positional record: SQLite reads integers as 64-bit, PostgreSQL as 32-bit.</remarks>
public sealed record StoredUser
{
    public StoredUser()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public StoredUser(string id, string displayName, string role, string jurisdiction, string? passwordHash, int failedLogins,
        long? lockedUntilMs, int mustChangePassword, long createdAtMs)
    {
        (Id, DisplayName, Role, Jurisdiction, PasswordHash) = (id, displayName, role, jurisdiction, passwordHash);
        (FailedLogins, LockedUntilMs, MustChangePassword, CreatedAtMs) = (failedLogins, lockedUntilMs, mustChangePassword, createdAtMs);
    }

    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    public required string Role { get; init; }

    public required string Jurisdiction { get; init; }

    public string? PasswordHash { get; init; }

    public int FailedLogins { get; init; }

    public long? LockedUntilMs { get; init; }

    public int MustChangePassword { get; init; }

    public long CreatedAtMs { get; init; }

    /// <summary>When an admin disabled the account; a disabled account cannot sign in.</summary>
    public long? DisabledAtMs { get; init; }
}

/// <summary>Local accounts (sign-in, lockout, passwords) and the Data Protection key ring all nodes share.</summary>
public interface IAccountStore : IStore
{
    Task<StoredUser?> FindUserAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredUser>> UsersAsync(CancellationToken cancellationToken);

    /// <summary>Creates the account unless one with that id exists; returns whether it was created.</summary>
    Task<bool> CreateUserAsync(StoredUser user, CancellationToken cancellationToken);

    Task RecordSignInAsync(string id, bool succeeded, int failures, long? lockedUntilMs, long atMs, CancellationToken cancellationToken);

    Task SetPasswordAsync(string id, string passwordHash, bool mustChange, CancellationToken cancellationToken);

    /// <summary>Moves an account to another role and jurisdiction.</summary>
    Task SetRoleAsync(string id, string role, string jurisdiction, CancellationToken cancellationToken);

    /// <summary>Disables (a time) or enables (null) an account.</summary>
    Task SetDisabledAsync(string id, long? disabledAtMs, CancellationToken cancellationToken);

    /// <summary>Synchronous: ASP.NET Core Data Protection reads its key ring synchronously.</summary>
    IReadOnlyList<(string Name, string Xml)> DataProtectionKeys();

    void StoreDataProtectionKey(string name, string xml);
}

internal sealed class AccountStore(Database database) : IAccountStore
{
    private const string UserColumns = """
        id AS Id, display_name AS DisplayName, role AS Role, jurisdiction AS Jurisdiction, password_hash AS PasswordHash,
        failed_logins AS FailedLogins, locked_until_ms AS LockedUntilMs, must_change_password AS MustChangePassword,
        created_at_ms AS CreatedAtMs, disabled_at_ms AS DisabledAtMs
        """;

    public async Task<StoredUser?> FindUserAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<StoredUser>(new CommandDefinition(
            $"SELECT {UserColumns} FROM users WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredUser>> UsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<StoredUser>(new CommandDefinition(
            $"SELECT {UserColumns} FROM users ORDER BY id", cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    public async Task<bool> CreateUserAsync(StoredUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO users (id, display_name, role, jurisdiction, password_hash, failed_logins, locked_until_ms,
                must_change_password, created_at_ms)
            VALUES (@Id, @DisplayName, @Role, @Jurisdiction, @PasswordHash, @FailedLogins, @LockedUntilMs,
                @MustChangePassword, @CreatedAtMs)
            ON CONFLICT (id) DO NOTHING
            """, user, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task RecordSignInAsync(string id, bool succeeded, int failures, long? lockedUntilMs, long atMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(succeeded
            ? "UPDATE users SET failed_logins = 0, locked_until_ms = NULL, last_sign_in_at_ms = @AtMs WHERE id = @Id"
            : "UPDATE users SET failed_logins = @Failures, locked_until_ms = @LockedUntilMs WHERE id = @Id",
            new { Id = id, Failures = failures, LockedUntilMs = lockedUntilMs, AtMs = atMs },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task SetPasswordAsync(string id, string passwordHash, bool mustChange, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @Hash, must_change_password = @MustChange WHERE id = @Id",
            new { Id = id, Hash = passwordHash, MustChange = mustChange ? 1 : 0 }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task SetRoleAsync(string id, string role, string jurisdiction, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET role = @Role, jurisdiction = @Jurisdiction WHERE id = @Id",
            new { Id = id, Role = role, Jurisdiction = jurisdiction }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task SetDisabledAsync(string id, long? disabledAtMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET disabled_at_ms = @At WHERE id = @Id",
            new { Id = id, At = disabledAtMs }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public IReadOnlyList<(string Name, string Xml)> DataProtectionKeys()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return [.. connection.Query<(string, string)>("SELECT name, xml FROM data_protection_keys ORDER BY created_at_ms")];
    }

    public void StoreDataProtectionKey(string name, string xml)
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        // Data Protection writes synchronously, and rarely (a new key every 90 days); it waits its turn all the same.
        using var turn = database.WriteTurnAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        connection.Execute("""
            INSERT INTO data_protection_keys (name, xml, created_at_ms) VALUES (@Name, @Xml, @At)
            ON CONFLICT (name) DO UPDATE SET xml = excluded.xml
            """, new { Name = name, Xml = xml, At = database.Time.GetUtcNow().ToUnixTimeMilliseconds() });
    }
}
