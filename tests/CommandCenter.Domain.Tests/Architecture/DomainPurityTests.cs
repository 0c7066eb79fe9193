using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Tests.Architecture;

/// <summary>The domain stays pure: no package references, no I/O, time only through parameters or TimeProvider.</summary>
public class DomainPurityTests
{
    private static readonly Assembly Domain = typeof(WorkOrder).Assembly;

    private static readonly string[] ForbiddenTypes =
    [
        "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.StreamReader",
        "System.IO.StreamWriter", "System.Console", "System.Threading.Thread",
        "System.Diagnostics.Process",
    ];

    private static readonly string[] ForbiddenNamespaces = ["System.Net", "System.Data", "Microsoft."];

    [Fact]
    public void Domain_references_only_the_base_class_library()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(name == "netstandard" || name.StartsWith("System.", StringComparison.Ordinal),
            $"CommandCenter.Domain references {name}"));
        Assert.DoesNotContain(references, n => n.StartsWith("System.Net", StringComparison.Ordinal) || n == "System.Data.Common");
    }

    [Fact]
    public void Domain_uses_no_io_types_and_never_reads_the_clock_itself()
    {
        using var stream = File.OpenRead(Domain.Location);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();

        var used = md.TypeReferences.Select(h => md.GetTypeReference(h))
            .Select(t => $"{md.GetString(t.Namespace)}.{md.GetString(t.Name)}").ToList();
        Assert.DoesNotContain(used, t => ForbiddenTypes.Contains(t) ||
            ForbiddenNamespaces.Any(ns => t.StartsWith(ns, StringComparison.Ordinal)));

        var clockReads = md.MemberReferences.Select(h => md.GetMemberReference(h))
            .Where(m => m.Parent.Kind == HandleKind.TypeReference)
            .Select(m => (Type: md.GetString(md.GetTypeReference((TypeReferenceHandle)m.Parent).Name), Name: md.GetString(m.Name)))
            .Where(m => (m.Type is "DateTime" or "DateTimeOffset" && m.Name is "get_Now" or "get_UtcNow" or "get_Today") ||
                        (m.Type == "Environment" && m.Name.Contains("EnvironmentVariable", StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(clockReads);
    }
}
