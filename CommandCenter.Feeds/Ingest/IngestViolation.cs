namespace CommandCenter.Feeds.Ingest;

/// <summary>One thing wrong with an input: the field (a JSON path such as <c>location.lat</c>) and the rule it breaks.</summary>
public sealed record IngestViolation(string Field, string Rule)
{
    public override string ToString() => $"{Field}: {Rule}";
}

/// <summary>Why an input was refused: the HTTP status it answers with and what is wrong.</summary>
public sealed record IngestRejection(int Status, string Title, IReadOnlyList<IngestViolation> Violations)
{
    public string Reason => Violations.Count == 0 ? Title : $"{Title}: {string.Join("; ", Violations)}";

    public static IngestRejection Invalid(IReadOnlyList<IngestViolation> violations) =>
        new(422, "the input breaks the feed's rules", violations);

    public static IngestRejection Malformed(string field, string rule) =>
        new(400, "the input is not readable JSON", [new IngestViolation(field, rule)]);
}
