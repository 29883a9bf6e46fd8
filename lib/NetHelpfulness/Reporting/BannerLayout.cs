using System.Globalization;
using System.Net;
using System.Text;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Reporting;

/// <summary>Where a banner's data came from, for its notes.</summary>
/// <param name="Input">The survey file as the user named it.</param>
/// <param name="Design">The design in words (<see cref="DesignSpec.Describe"/>), for example <c>weights: weight, strata: stratum, clusters: cluster</c>.</param>
/// <param name="IsSynthetic">True when the respondent-level data are synthetic (then every output says so).</param>
public sealed record BannerSource(string Input, string Design, bool IsSynthetic = false);

/// <summary>
/// How a banner is laid out for people, in every format alike (the command line's table, Markdown, HTML, the workbook and
/// the notebooks): column headings, letters, the suppression mark and the notes that say what the table is.
/// </summary>
public static class BannerLayout
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The table's title: <c>Net helpfulness score by age_band, gender</c>.</summary>
    public static string Title(BannerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return $"Net helpfulness score by {string.Join(", ", result.Variables)}";
    }

    /// <summary>A column's heading: <c>Total</c>, or the level and its letter, <c>18-34 (A)</c>.</summary>
    public static string Heading(BannerColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.IsTotal ? Banner.TotalLevel : $"{column.Level} ({column.Letter})";
    }

    /// <summary>The letters a cell is above, as shown: <c>BC</c>; separated by commas when the variable has more than 26 columns (letters of two characters).</summary>
    public static string Letters(BannerResult result, BannerCell cell)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(cell);
        return string.Join(cell.GreaterThan.Any(l => l.Length > 1) || result.ColumnsOf(cell.Column.Variable).Count > 26 ? "," : "", cell.GreaterThan);
    }

    /// <summary>What a suppressed cell shows in a table: an en dash (the notes say why).</summary>
    public const char SuppressedMark = '–';

    /// <summary>Why a cell is suppressed, for CSV and JSON notes and the tables' tooltips: <c>suppressed (n &lt; 30)</c>.</summary>
    public static string Suppressed(BannerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Create(Inv, $"suppressed (n < {result.Options.MinimumCell})");
    }

    /// <summary>The adjustment's name as the command line spells it: none, holm, bonferroni, bh.</summary>
    public static string AdjustmentName(PAdjustment adjustment) => adjustment switch
    {
        PAdjustment.None => "none",
        PAdjustment.Holm => "holm",
        PAdjustment.Bonferroni => "bonferroni",
        PAdjustment.BenjaminiHochberg => "bh",
        _ => throw new ArgumentOutOfRangeException(nameof(adjustment), adjustment, "unknown adjustment"),
    };

    /// <summary>The notes every format prints under the table: data source, weighting, the test, the adjustment, small cells and unknowns.</summary>
    public static IReadOnlyList<string> Notes(BannerResult result, BannerSource source)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(source);
        var o = result.Options;
        var notes = new List<string>
        {
            string.Create(Inv, $"Data: {source.Input}, {result.RespondentCount} respondents")
                + (source.IsSynthetic ? " — SYNTHETIC respondent-level data (generated to match published figures; not a real sample)." : "."),
            $"Weighting and design: {source.Design}. Each cell is a domain of the whole design (the column's respondents who answered the scenario); "
                + string.Create(Inv, $"net score = % helpful − % creepy in percentage points, linearized (Taylor series) SE and {Format.Level(o.Level)} interval; ")
                + "n = respondents who answered, effective n = Kish's (Σw)²/Σw².",
            "Letters: the columns of the same variable whose net score this cell's is significantly above — a two-sided z test of the difference "
                + "of the two domain means, its SE from their joint covariance under the design (not as independent samples), "
                + string.Create(Inv, $"at α = {o.Alpha:0.###} after adjustment."),
            $"Adjustment: {AdjustmentText(o.Adjustment)}, within each scenario (row) and variable, over every pair of that variable's tested columns "
                + "(k tested columns: k(k − 1)/2 tests). The Total column is not tested.",
            string.Create(Inv, $"Small cells: a cell with fewer than {o.MinimumCell} respondents who answered is suppressed (shown as {SuppressedMark}) and never tested; ")
                + (result.HasSuppressed
                    ? string.Create(Inv, $"{result.Cells.Count(c => c.IsSuppressed)} of {result.Cells.Count} cells are suppressed here.")
                    : "no cell is suppressed here."),
        };
        if (result.VariablesWithUnknown.Count > 0)
        {
            notes.Add($"{Banner.UnknownLevel}: respondents with no value in {string.Join(", ", result.VariablesWithUnknown)}; "
                + "a column like any other (estimated, and tested when not suppressed).");
        }

        return notes;
    }

    /// <summary>The banner as an HTML fragment (one table with grouped columns and its notes, with its own CSS), for a notebook or a page.</summary>
    /// <remarks>Self-contained: inline CSS scoped to the fragment, no script, no external asset; prints in landscape with the heading repeated on each page.</remarks>
    public static string ToHtml(BannerResult result, BannerSource source)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(source);
        var html = new StringBuilder();
        html.Append("<div class=\"nethelp-banner\">\n<style>").Append(Style).Append("</style>\n<table>\n<caption>")
            .Append(Encode(Title(result))).Append(source.IsSynthetic ? " <span class=\"synthetic\">(SYNTHETIC data)</span>" : "")
            .Append("</caption>\n<thead>\n<tr><th rowspan=\"2\" class=\"scenario\">Scenario</th><th rowspan=\"2\" class=\"first\">Total</th>");
        foreach (var variable in result.Variables)
        {
            html.Append(Inv, $"<th colspan=\"{result.ColumnsOf(variable).Count}\" class=\"variable first\">").Append(Encode(variable)).Append("</th>");
        }

        html.Append("</tr>\n<tr>");
        foreach (var column in result.Columns.Where(c => !c.IsTotal))
        {
            html.Append(FirstOfVariable(result, column) ? "<th class=\"first\">" : "<th>")
                .Append(Encode(column.Level)).Append(" <span class=\"letter\">").Append(Encode(column.Letter)).Append("</span></th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n<tr class=\"base\"><th class=\"scenario\">Respondents (base)</th>");
        foreach (var column in result.Columns)
        {
            html.Append(CellStart(result, column, "num")).Append(column.Respondents.ToString("N0", Inv)).Append("</td>");
        }

        html.Append("</tr>\n");
        foreach (var scenario in result.Scenarios)
        {
            html.Append("<tr class=\"net\"><th class=\"scenario\">").Append(Encode(scenario)).Append("</th>");
            foreach (var column in result.Columns)
            {
                var cell = result.Cell(scenario, column);
                if (cell.Net is not { } net)
                {
                    html.Append(CellStart(result, column, "num suppressed")).Append("<span title=\"").Append(Encode(Suppressed(result))).Append("\">").Append(SuppressedMark).Append("</span></td>");
                    continue;
                }

                html.Append(CellStart(result, column, "num")).Append("<span class=\"score\">").Append(Format.Points(net.Estimate)).Append("</span>");
                var letters = Letters(result, cell);
                html.Append(letters.Length > 0 ? $"<span class=\"letters\">{Encode(letters)}</span>" : "").Append("</td>");
            }

            html.Append("</tr>\n<tr class=\"n\"><th class=\"scenario\">n</th>");
            foreach (var column in result.Columns)
            {
                html.Append(CellStart(result, column, "num")).Append(result.Cell(scenario, column).N.ToString("N0", Inv)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n<ul class=\"notes\">\n");
        foreach (var note in Notes(result, source))
        {
            html.Append("<li>").Append(Encode(note)).Append("</li>\n");
        }

        return html.Append("</ul>\n</div>\n").ToString();
    }

    /// <summary>The banner as a whole HTML document (the fragment of <see cref="ToHtml"/> in a page).</summary>
    public static string ToHtmlDocument(BannerResult result, BannerSource source)
    {
        ArgumentNullException.ThrowIfNull(result);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + $"<title>{Encode(Title(result))}</title>\n"
            + "<style>body{font-family:'Liberation Sans',Arial,Helvetica,sans-serif;color:#222;margin:0;background:#fff}main{padding:24px}</style>\n"
            + "</head>\n<body>\n<main>\n" + ToHtml(result, source) + "</main>\n</body>\n</html>\n";
    }

    private static string AdjustmentText(PAdjustment adjustment) => adjustment switch
    {
        PAdjustment.None => "none (unadjusted p-values)",
        PAdjustment.Holm => "Holm (1979) step-down, family-wise error rate",
        PAdjustment.Bonferroni => "Bonferroni, family-wise error rate",
        PAdjustment.BenjaminiHochberg => "Benjamini–Hochberg (1995), false discovery rate",
        _ => throw new ArgumentOutOfRangeException(nameof(adjustment), adjustment, "unknown adjustment"),
    };

    private static bool FirstOfVariable(BannerResult result, BannerColumn column) =>
        column.IsTotal || ReferenceEquals(result.ColumnsOf(column.Variable)[0], column);

    private static string CellStart(BannerResult result, BannerColumn column, string classes) =>
        $"<td class=\"{classes}{(FirstOfVariable(result, column) ? " first" : "")}\">";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Style =
        ".nethelp-banner{font-family:'Liberation Sans',Arial,Helvetica,sans-serif;color:#222;overflow-x:auto}"
        + ".nethelp-banner table{border-collapse:collapse;font-size:0.9em;margin:8px 0}"
        + ".nethelp-banner caption{text-align:left;font-weight:bold;font-size:1.1em;padding:4px 0 8px}"
        + ".nethelp-banner .synthetic{color:#a00;font-weight:normal}"
        + ".nethelp-banner th,.nethelp-banner td{padding:3px 7px;border-bottom:1px solid #e3e3e3;vertical-align:baseline}"
        + ".nethelp-banner thead th{background:#f2f2f2;text-align:center;border-bottom:1px solid #bbb}"
        + ".nethelp-banner th.scenario{text-align:left;font-weight:normal;white-space:nowrap}"
        + ".nethelp-banner thead th.scenario{font-weight:bold}"
        + ".nethelp-banner .first{border-left:2px solid #bbb}"
        + ".nethelp-banner td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
        + ".nethelp-banner .letter{color:#555;font-weight:normal}"
        + ".nethelp-banner .letters{color:#0b5394;font-weight:bold;font-size:0.85em;margin-left:3px}"
        + ".nethelp-banner tr.net td{padding-top:6px}"
        + ".nethelp-banner tr.n td,.nethelp-banner tr.n th{color:#777;font-size:0.8em;border-bottom:1px solid #ccc}"
        + ".nethelp-banner tr.base td,.nethelp-banner tr.base th{font-weight:bold;background:#fafafa}"
        + ".nethelp-banner td.suppressed{color:#999}"
        + ".nethelp-banner .notes{font-size:0.85em;color:#444;max-width:70em;padding-left:1.2em}"
        // On paper the table must fit the page width: smaller type, and long letter lists wrap under the score.
        + "@media print{.nethelp-banner{overflow:visible}.nethelp-banner table{font-size:7pt;width:100%}"
        + ".nethelp-banner th,.nethelp-banner td{padding:2px 3px}.nethelp-banner td.num{white-space:normal}"
        + ".nethelp-banner .letters{display:block;word-break:break-all;margin-left:0}"
        + ".nethelp-banner thead{display:table-header-group}.nethelp-banner tr{page-break-inside:avoid}"
        + ".nethelp-banner thead th,.nethelp-banner tr.base td,.nethelp-banner tr.base th{background:none}}"
        + "@page{size:landscape;margin:12mm}";
}
