using CommandCenter.Domain.Events;
using CommandCenter.Domain.Reference;

namespace CommandCenter.Feeds.Reference;

/// <summary>
/// The reference data in force on this process. Readers take <see cref="Current"/> at each use (never keep parts of it),
/// so an import applies everywhere at once without a restart; <see cref="Changed"/> tells those that hold derived state
/// (the live picture) to rebuild it.
/// </summary>
public sealed class ReferenceBook(ReferenceEdition initial)
{
    public const string Source = "reference";

    private ReferenceEdition _current = initial;
    private ReferenceEdition? _recent;
    private readonly Lock _gate = new();

    public ReferenceEdition Current => Volatile.Read(ref _current);

    /// <summary>Raised after the edition changed, with the new one.</summary>
    public event Action<ReferenceEdition>? Changed;

    /// <summary>Puts an edition in force; false (and nothing raised) when it is the one already in force.</summary>
    public bool Use(ReferenceEdition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        lock (_gate)
        {
            if (_current.Digest == edition.Digest)
            {
                return false;
            }

            _recent = _current;
            Volatile.Write(ref _current, edition);
        }

        Changed?.Invoke(edition);
        return true;
    }

    /// <summary>
    /// The edition an imported event carries: the one in force or the one before when the digest matches (no second read
    /// of the same files on one node), else read from the event's files. Problems when the files do not validate (an event
    /// written by another version of the product); the caller keeps what is in force and says so.
    /// </summary>
    public (ReferenceEdition? Edition, IReadOnlyList<ReferenceProblem> Problems) EditionOf(ReferenceImported imported)
    {
        ArgumentNullException.ThrowIfNull(imported);
        var current = Current;
        if (current.Digest == imported.Digest)
        {
            return (current, []);
        }

        if (_recent is { } recent && recent.Digest == imported.Digest)
        {
            return (recent, []);
        }

        return ReferenceEdition.Read(imported.Files);
    }

    /// <summary>Reads the event's edition and puts it in force; false when it was already, or does not read.</summary>
    public bool Use(ReferenceImported imported, out IReadOnlyList<ReferenceProblem> problems)
    {
        var (edition, found) = EditionOf(imported);
        problems = found;
        return edition is not null && Use(edition);
    }

    /// <summary>The event that puts an edition in force, for the log.</summary>
    public static FeedEvent EventFor(ReferenceEdition edition, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(edition);
        return new FeedEvent($"reference-{edition.Digest[..16]}-{at.ToUnixTimeMilliseconds()}", Source, at, edition.Data.Tree.Root.Code,
            new ReferenceImported(edition.Digest, by, edition.Files));
    }
}
