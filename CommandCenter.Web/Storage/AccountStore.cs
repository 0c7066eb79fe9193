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

/// <summary>Sign-in attempts of an account from one address, and the account's recent failures from all addresses.</summary>
public sealed record SignInHistory(int Failures, long? LockedUntilMs, bool SucceededBefore, int AccountFailuresLastHour);

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

    /// <summary>What sign-ins of <paramref name="account"/> (as typed) from <paramref name="client"/> have done, and the
    /// account's failures from all addresses since <paramref name="hourAgoMs"/>.</summary>
    Task<SignInHistory> SignInHistoryAsync(string account, string client, long hourAgoMs, CancellationToken cancellationToken);

    /// <summary>Records one attempt: a success clears the address's failures and lock; a failure sets them.</summary>
    Task RecordAttemptAsync(string account, string client, bool succeeded, int failures, long? lockedUntilMs, long atMs, CancellationToken cancellationToken);

    /// <summary>Forgets an account's failures and locks (an admin's reset).</summary>
    Task ClearAttemptsAsync(string account, CancellationToken cancellationToken);

    /// <summary>Accounts locked from some address now.</summary>
    Task<IReadOnlyList<string>> LockedAccountsAsync(long nowMs, CancellationToken cancellationToken);

    /// <summary>Deletes attempts of addresses that never signed in and have been quiet since <paramref name="beforeMs"/>.</summary>
    Task<int> PruneAttemptsAsync(long beforeMs, CancellationToken cancellationToken);

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

    public async Task<SignInHistory> SignInHistoryAsync(string account, string client, long hourAgoMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var here = await connection.QuerySingleOrDefaultAsync<(long Failures, long? LockedUntilMs, long? SucceededAtMs)>(new CommandDefinition(
            "SELECT CAST(failures AS bigint), locked_until_ms, succeeded_at_ms FROM sign_in_attempts WHERE account = @Account AND client = @Client",
            new { Account = account, Client = client }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var recent = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(SUM(hour_failures), 0) FROM sign_in_attempts WHERE account = @Account AND hour_started_ms >= @HourAgo",
            new { Account = account, HourAgo = hourAgoMs }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new SignInHistory((int)here.Failures, here.LockedUntilMs, here.SucceededAtMs is not null, (int)recent);
    }

    public async Task RecordAttemptAsync(string account, string client, bool succeeded, int failures, long? lockedUntilMs, long atMs,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(succeeded
            ? """
              INSERT INTO sign_in_attempts (account, client, failures, locked_until_ms, hour_started_ms, hour_failures, succeeded_at_ms)
              VALUES (@Account, @Client, 0, NULL, @At, 0, @At)
              ON CONFLICT (account, client) DO UPDATE SET failures = 0, locked_until_ms = NULL, succeeded_at_ms = @At
              """
            : """
              INSERT INTO sign_in_attempts (account, client, failures, locked_until_ms, hour_started_ms, hour_failures, succeeded_at_ms)
              VALUES (@Account, @Client, @Failures, @LockedUntil, @At, 1, NULL)
              ON CONFLICT (account, client) DO UPDATE SET failures = @Failures, locked_until_ms = @LockedUntil,
                  hour_failures = CASE WHEN sign_in_attempts.hour_started_ms < @HourAgo THEN 1 ELSE sign_in_attempts.hour_failures + 1 END,
                  hour_started_ms = CASE WHEN sign_in_attempts.hour_started_ms < @HourAgo THEN @At ELSE sign_in_attempts.hour_started_ms END
              """,
            new { Account = account, Client = client, Failures = failures, LockedUntil = lockedUntilMs, At = atMs, HourAgo = atMs - 3_600_000 },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task ClearAttemptsAsync(string account, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sign_in_attempts SET failures = 0, locked_until_ms = NULL, hour_failures = 0 WHERE account = @Account",
            new { Account = account }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> LockedAccountsAsync(long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT account FROM sign_in_attempts WHERE locked_until_ms > @Now", new { Now = nowMs },
            cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    public async Task<int> PruneAttemptsAsync(long beforeMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sign_in_attempts WHERE succeeded_at_ms IS NULL AND hour_started_ms < @Before AND COALESCE(locked_until_ms, 0) < @Before",
            new { Before = beforeMs }, cancellationToken: cancellationToken)).ConfigureAwait(false);
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
