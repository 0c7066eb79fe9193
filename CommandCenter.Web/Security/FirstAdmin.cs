using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Security;

/// <summary>
/// <c>--create-admin {id} {jurisdiction}</c>: the first account of a new installation (outside Development there are no
/// demo accounts). The password is read from standard input, never from the command line; the account must change it
/// at its first sign-in.
/// </summary>
public static class FirstAdmin
{
    public static async Task<int> CreateAdminAsync(this WebApplication app, string[] args, TextReader input)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        var at = Array.IndexOf(args, "--create-admin");
        if (at < 0 || args.Length < at + 3)
        {
            await Console.Error.WriteLineAsync("usage: --create-admin {id} {jurisdiction}   (the password on standard input)").ConfigureAwait(false);
            return 2;
        }

        var (id, jurisdiction) = (args[at + 1], args[at + 2]);
        if (UserAdministration.IdProblem(id) is { } idProblem)
        {
            return await FailAsync(idProblem).ConfigureAwait(false);
        }

        if (!JurisdictionCode.TryFrom(jurisdiction, out var code, out var codeProblem))
        {
            return await FailAsync($"jurisdiction: {codeProblem}").ConfigureAwait(false);
        }

        var password = (await input.ReadLineAsync().ConfigureAwait(false))?.Trim() ?? "";
        if (password.Length < 10)
        {
            return await FailAsync("password (standard input): at least 10 characters").ConfigureAwait(false);
        }

        await app.Services.GetRequiredService<IStoreMigrations>().MigrateAsync(CancellationToken.None).ConfigureAwait(false);
        var time = app.Services.GetRequiredService<TimeProvider>();
        var user = new StoredUser(id, "系统管理员", nameof(Role.Admin), code.Value, null, 0, null, 1, time.GetUtcNow().ToUnixTimeMilliseconds());
        if (!await app.Services.GetRequiredService<IAccountStore>().CreateUserAsync(user with { PasswordHash = AccountService.Hash(user, password) },
            CancellationToken.None).ConfigureAwait(false))
        {
            return await FailAsync($"id: '{id}' is taken").ConfigureAwait(false);
        }

        await app.Services.GetRequiredService<IAuditLog>().AppendAuditAsync(new AuditRecord("console", "user.created", id, $"Admin, {code}, --create-admin"),
            CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine($"Created admin '{id}' for {code}; it must change its password at the first sign-in.");
        return 0;
    }

    private static async Task<int> FailAsync(string problem)
    {
        await Console.Error.WriteLineAsync($"--create-admin: {problem}").ConfigureAwait(false);
        return 1;
    }
}
