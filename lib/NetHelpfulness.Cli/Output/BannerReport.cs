using System.Globalization;
using System.Text;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Cli.Output;

/// <summary>A banner in the command line's text formats: an aligned table, CSV (one row per cell, full precision), JSON and Markdown.</summary>
internal sealed record BannerReport(BannerResult Result, BannerSource Source)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The CSV's columns, one row per cell; the workbook's Cells sheet has the same.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
        ["scenario", "variable", "level", "letter", "n", "effective_n", "net", "se", "ci_low", "ci_high", "helpful", "creepy", "greater_than", "note"];

    public string ToCsv()
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', CsvColumns)).Append('\n');
        foreach (var cell in Result.Cells)
        {
            var c = cell.Column;
            text.Append(string.Join(',', Csv.Quote(cell.Scenario), Csv.Quote(c.Variable), Csv.Quote(c.Level), c.Letter, cell.N.ToString(Inv)));
            if (cell.Net is { } net)
            {
                var ci = net.Interval(Result.Options.Level);
                foreach (var value in new[] { net.EffectiveN, net.Estimate, net.StandardError, ci.Lower, ci.Upper, cell.Helpful!.Estimate, cell.Creepy!.Estimate })
                {
                    text.Append(',').Append(Format.RoundTrip(value));
                }

                text.Append(',').Append(Csv.Quote(BannerLayout.Letters(Result, cell))).Append(",\n");
            }
            else
            {
                text.Append(",,,,,,,,,").Append(Csv.Quote(BannerLayout.Suppressed(Result))).Append('\n');
            }
        }

        return text.ToString();
    }

    public string ToJson()
    {
        var o = Result.Options;
        return JsonOutput.Write(new BannerJson(
            Source.Input, Source.Design, Source.IsSynthetic, IntervalMethods.NameOf(IntervalMethod.Linearized), o.Level, o.Alpha,
            BannerLayout.AdjustmentName(o.Adjustment), o.MinimumCell, Result.Variables, Result.Scenarios,
            [.. Result.Columns.Select(c => new BannerColumnJson(c.Variable, c.Level, c.IsTotal ? null : c.Letter, c.Respondents))],
            [.. Result.Cells.Select(cell => cell.Net is { } net
                ? new BannerCellJson(cell.Scenario, cell.Column.Variable, cell.Column.Level, cell.Column.IsTotal ? null : cell.Column.Letter, cell.N,
                    net.EffectiveN, net.Estimate, net.StandardError, net.Interval(o.Level).Lower, net.Interval(o.Level).Upper,
                    cell.Helpful!.Estimate, cell.Creepy!.Estimate, cell.GreaterThan, null)
                : new BannerCellJson(cell.Scenario, cell.Column.Variable, cell.Column.Level, cell.Column.IsTotal ? null : cell.Column.Letter, cell.N,
                    null, null, null, null, null, null, null, [], BannerLayout.Suppressed(Result)))],
            [.. Result.Tests.Select(t => new BannerTestJson(t.Scenario, t.Variable, t.A.Level, t.B.Level, t.A.Letter, t.B.Letter,
                t.Difference, t.StandardError, t.P, t.AdjustedP, t.Significant))],
            BannerLayout.Notes(Result, Source)));
    }

    /// <summary>One aligned table per banner variable (the Total beside its levels); rows are scenarios, with their bases.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.Append(BannerLayout.Title(Result)).Append(" (percentage points; letters: columns of the same variable this one is significantly above)\n");
        foreach (var variable in Result.Variables)
        {
            text.Append('\n').Append(variable).Append('\n').Append(TextTable.Render(Grid(variable, table: true), leftAligned: 1));
        }

        text.Append('\n');
        foreach (var note in BannerLayout.Notes(Result, Source))
        {
            text.Append("- ").Append(note).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The banner in Markdown: a table per banner variable, then the notes.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("# ").Append(BannerLayout.Title(Result)).Append(Source.IsSynthetic ? " (SYNTHETIC data)" : "").Append("\n\n")
            .Append("Net score in percentage points; letters: the columns of the same variable this one is significantly above.\n");
        foreach (var variable in Result.Variables)
        {
            var rows = Grid(variable, table: false);
            text.Append("\n## By ").Append(Escape(variable)).Append("\n\n| ").Append(string.Join(" | ", rows[0].Select(Escape))).Append(" |\n|")
                .Append(string.Concat(rows[0].Select((_, k) => k == 0 ? "---|" : "---:|"))).Append('\n');
            foreach (var row in rows.Skip(1))
            {
                text.Append("| ").Append(string.Join(" | ", row.Select(Escape))).Append(" |\n");
            }
        }

        text.Append("\n## Notes\n\n");
        foreach (var note in BannerLayout.Notes(Result, Source))
        {
            text.Append("- ").Append(Escape(note)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Rows of one variable's table: heading, bases, then per scenario its net scores with letters and its n.</summary>
    private List<string[]> Grid(string variable, bool table)
    {
        List<BannerColumn> columns = [Result.Columns[0], .. Result.ColumnsOf(variable)];
        string[] heading = ["scenario", .. columns.Select(BannerLayout.Heading)];
        string[] bases = ["Respondents (base)", .. columns.Select(c => c.Respondents.ToString(Inv))];
        var rows = new List<string[]> { heading, bases };
        foreach (var scenario in Result.Scenarios)
        {
            var cells = columns.Select(c => Result.Cell(scenario, c)).ToList();
            rows.Add([scenario, .. cells.Select(cell => cell.Net is { } net
                ? (Format.Points(net.Estimate) + " " + BannerLayout.Letters(Result, cell)).TrimEnd()
                : BannerLayout.SuppressedMark.ToString())]);
            rows.Add([table ? "  n" : "n", .. cells.Select(cell => cell.N.ToString(Inv))]);
        }

        return rows;
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
