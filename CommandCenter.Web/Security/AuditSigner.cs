using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommandCenter.Domain.Audit;

namespace CommandCenter.Web.Security;

/// <summary>
/// Signs audit checkpoints with the certificate of <c>Security:KeyEncryption</c> (RSA, SHA-256, PKCS#1 v1.5: checkable
/// with <c>openssl dgst -sha256 -verify</c> against the certificate's public key). In Development without a certificate
/// checkpoints are kept unsigned.
/// </summary>
public sealed class AuditSigner(X509Certificate2? certificate)
{
    public bool Signs => certificate?.GetRSAPrivateKey() is not null;

    /// <summary>The certificate to verify with, as PEM, or null.</summary>
    public string? CertificatePem => certificate?.ExportCertificatePem();

    public string? Sign(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var key = certificate?.GetRSAPrivateKey();
        return key is null ? null
            : Convert.ToBase64String(key.SignData(System.Text.Encoding.UTF8.GetBytes(checkpoint.SignedText), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>Whether the checkpoint's signature is this certificate's over its text (an unsigned one only passes unsigned).</summary>
    public bool Verifies(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var key = certificate?.GetRSAPublicKey();
        if (key is null || checkpoint.Signature is null)
        {
            return key is null && checkpoint.Signature is null;
        }

        try
        {
            return key.VerifyData(System.Text.Encoding.UTF8.GetBytes(checkpoint.SignedText), Convert.FromBase64String(checkpoint.Signature),
                HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
