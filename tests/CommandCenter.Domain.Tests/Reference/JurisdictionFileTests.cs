using CommandCenter.Domain.Reference;

namespace CommandCenter.Domain.Tests.Reference;

/// <summary>The jurisdiction tree file: a good one reads into the tree; a bad one gives no tree and names each line and rule.</summary>
public sealed class JurisdictionFileTests
{
    private const string Good = """
        code,name,parent
        320505,虎丘区,
        320505001,狮山横塘街道,320505
        320505001001,狮山社区,320505001
        320505001001001,狮山社区第1网格,320505001001
        320505002,枫桥街道,320505
        """;

    [Fact]
    public void A_good_file_reads_into_the_tree()
    {
        var (tree, problems) = JurisdictionFile.Read("jurisdictions.csv", Good);

        Assert.Empty(problems);
        Assert.Equal(5, tree!.Count);
        Assert.Equal("狮山横塘街道", tree.ParentOf(Domain.Jurisdictions.JurisdictionCode.From("320505001001"))!.Name);
        Assert.Equal(tree.Count, JurisdictionFile.Read("again.csv", JurisdictionFile.Write(tree)).Tree!.Count);
    }

    [Theory]
    [InlineData("320505001,狮山横塘街道,320505\n320505001,又一个,320505", "line 4: 320505001: duplicate code (already on line 3)")]
    [InlineData("320505001001,狮山社区,320505", "line 3: 320505001001: wrong parent '320505': by its code its parent is 320505001")]
    [InlineData("320505003001,某社区,320505003", "line 3: 320505003001: its parent 320505003 is not in the file")]
    [InlineData("320506001,别区街道,320506", "line 3: 320506001: wrong level: every row after the first must lie below 320505")]
    [InlineData("3205050010,十位码,320505", "line 3: jurisdiction code '3205050010' has 10 digits")]
    [InlineData("320505001,,320505", "line 3: 320505001: the name must be 1–40 characters")]
    [InlineData("320505001,狮山,街道,320505", "line 3: must have 3 fields")]
    public void A_bad_row_is_named_by_line_and_rule_and_nothing_is_read(string rows, string expected)
    {
        var (tree, problems) = JurisdictionFile.Read("jurisdictions.csv", "code,name,parent\n320505,虎丘区,\n" + rows);

        Assert.Null(tree);
        Assert.Contains(problems, p => p.ToString().StartsWith("jurisdictions.csv:" + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_code_outside_its_parents_range_is_refused()
    {
        var (tree, problems) = JurisdictionFile.Read("jurisdictions.csv", "code,name,parent\n320505,虎丘区,\n320505000,零街道,320505\n");

        Assert.Null(tree);
        Assert.Contains(problems, p => p.Where == "line 3" && p.Rule.Contains("320505000", StringComparison.Ordinal));
    }

    [Fact]
    public void The_header_and_the_roots_missing_parent_are_required()
    {
        Assert.Equal("jurisdictions.csv:line 1: the first line must be the header 'code,name,parent'",
            Assert.Single(JurisdictionFile.Read("jurisdictions.csv", "code;name;parent\n320505;虎丘区;").Problems).ToString());
        Assert.Contains(JurisdictionFile.Read("jurisdictions.csv", "code,name,parent\n320505,虎丘区,3205\n").Problems,
            p => p.Rule.Contains("names no parent", StringComparison.Ordinal));
    }
}
