using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CommandCenter.Web.Security;

/// <summary>
/// <c>Security:KeyEncryption</c>: the certificate the Data Protection key ring is encrypted with in the store (the keys
/// that sign every session cookie and antiforgery token). Required outside Development: without it, anyone who can read
/// the database could forge sessions.
/// </summary>
public sealed class KeyEncryptionOptions
{
    /// <summary>A PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) or a PEM certificate (<c>.pem</c>, <c>.crt</c>) with its key in <see cref="CertificateKeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PKCS#12 file's password, or the PEM key's if it is encrypted.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The PEM private key of a PEM certificate.</summary>
    public string? CertificateKeyPath { get; set; }
}

public static class KeyEncryption
{
    public const string Section = $"{SecurityOptions.Section}:KeyEncryption";

    /// <summary>The certificate, with its private key; throws naming the setting when it cannot be used.</summary>
    public static X509Certificate2 Load(KeyEncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.CertificatePath ?? throw new InvalidOperationException($"{Section}:CertificatePath is not set");
        X509Certificate2 certificate;
        try
        {
            certificate = Path.GetExtension(path).ToUpperInvariant() is ".PEM" or ".CRT"
                ? string.IsNullOrEmpty(options.CertificatePassword)
                    ? X509Certificate2.CreateFromPemFile(path, options.CertificateKeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword, options.CertificateKeyPath)
                : X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException($"{Section}:CertificatePath '{path}' could not be loaded: {ex.Message}", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{Section}:CertificatePath '{path}' has no private key (set CertificateKeyPath for a PEM certificate)");
        }

        return certificate;
    }

    /// <summary>What is wrong with the setting in this environment, or null.</summary>
    public static string? Problem(KeyEncryptionOptions options, bool development)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return development ? null
                : $"{Section}:CertificatePath must be set outside Development: the sign-in keys are encrypted at rest with it";
        }

        try
        {
            using var certificate = Load(options);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }
}
