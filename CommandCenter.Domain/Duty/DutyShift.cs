using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Duty;

/// <summary>A person on the duty roster with a phone to reach them.</summary>
public sealed record DutyOfficer(string Name, string Phone, string? Title = null);

/// <summary>A shift on the roster (值班): the shift leader (值班长) and members, for a jurisdiction, from start to end.</summary>
public sealed record DutyShift
{
    public DutyShift(string id, JurisdictionCode scope, DutyOfficer leader, IReadOnlyList<DutyOfficer> members,
        DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (end <= start)
        {
            throw new ArgumentException($"shift {id} ends at {end:u}, not after its start {start:u}", nameof(end));
        }

        Id = id;
        Scope = scope;
        Leader = leader;
        Members = members;
        Start = start;
        End = end;
    }

    public string Id { get; }

    public JurisdictionCode Scope { get; }

    public DutyOfficer Leader { get; }

    public IReadOnlyList<DutyOfficer> Members { get; }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public bool IsOnDutyAt(DateTimeOffset at) => at >= Start && at < End;
}
