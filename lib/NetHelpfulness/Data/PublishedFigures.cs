using System.Globalization;

namespace NetHelpfulness.Data;

/// <summary>A net score the article published (<c>data/published/figure1.csv</c>), in percent as printed; null where it gives none.</summary>
/// <param name="Scenario">Scenario identifier (as in <c>data/scenarios.csv</c>).</param>
/// <param name="HelpfulPercent">Published % helpful.</param>
/// <param name="CreepyPercent">Published % creepy.</param>
/// <param name="NetPercent">Published net score in percentage points.</param>
/// <param name="Sentence">The sentence of the source that states the numbers.</param>
public sealed record PublishedNetScore(string Scenario, double? HelpfulPercent, double? CreepyPercent, double? NetPercent, string Sentence);

/// <summary>A ratio the article published (<c>data/published/trust-signals.csv</c>).</summary>
/// <param name="Signal">The trust signal(s), as the article names them.</param>
/// <param name="Exposure">The exposure column in the trust data.</param>
/// <param name="Outcome">The outcome column in the trust data.</param>
/// <param name="Ratio">The published ratio ("2.5 times more likely").</param>
/// <param name="Sentence">The sentence of the source that states it.</param>
public sealed record PublishedRatio(string Signal, string Exposure, string Outcome, double Ratio, string Sentence);

/// <summary>Reads the article's published numbers, kept as data under <c>data/published/</c>.</summary>
public static class PublishedFigures
{
    /// <summary>Columns of <c>figure1.csv</c>.</summary>
    public static readonly IReadOnlyList<string> NetScoreColumns = ["scenario", "helpful", "creepy", "net", "sentence"];

    /// <summary>Columns of <c>trust-signals.csv</c>.</summary>
    public static readonly IReadOnlyList<string> RatioColumns = ["signal", "exposure", "outcome", "ratio", "sentence"];

    /// <summary>Reads the published net scores.</summary>
    /// <exception cref="SurveyDataException">The file breaks its contract.</exception>
    public static IReadOnlyList<PublishedNetScore> ReadNetScores(string path)
    {
        var table = DelimitedTable.Read(path, NetScoreColumns);
        var issues = new List<DataIssue>();
        var rows = table.Rows.Select(r => new PublishedNetScore(
            table.Field(r.Fields, "scenario"),
            Optional(table, r, "helpful", issues),
            Optional(table, r, "creepy", issues),
            Optional(table, r, "net", issues),
            table.Field(r.Fields, "sentence"))).ToList();
        return issues.Count > 0 ? throw new SurveyDataException(issues, false) : rows;
    }

    /// <summary>Reads the published trust-signal ratios.</summary>
    /// <exception cref="SurveyDataException">The file breaks its contract.</exception>
    public static IReadOnlyList<PublishedRatio> ReadRatios(string path)
    {
        var table = DelimitedTable.Read(path, RatioColumns);
        var issues = new List<DataIssue>();
        var rows = table.Rows.Select(r => new PublishedRatio(
            table.Field(r.Fields, "signal"),
            table.Field(r.Fields, "exposure"),
            table.Field(r.Fields, "outcome"),
            Optional(table, r, "ratio", issues) ?? Missing(table, r, "ratio", issues),
            table.Field(r.Fields, "sentence"))).ToList();
        return issues.Count > 0 ? throw new SurveyDataException(issues, false) : rows;
    }

    private static double? Optional(DelimitedTable table, (long Line, string[] Fields) row, string column, List<DataIssue> issues)
    {
        var text = table.Field(row.Fields, column);
        if (text.Length == 0)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        issues.Add(new DataIssue(table.Source, row.Line, column, text, "a number (invariant culture) or empty"));
        return null;
    }

    private static double Missing(DelimitedTable table, (long Line, string[] Fields) row, string column, List<DataIssue> issues)
    {
        issues.Add(new DataIssue(table.Source, row.Line, column, "", "a number"));
        return double.NaN;
    }
}
