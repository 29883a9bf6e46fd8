using System.Globalization;
using System.Text;

namespace NetHelpfulness.Cli.Reproduce;

/// <summary>A cell: full-precision text for CSV, rounded text for Markdown and HTML.</summary>
internal readonly record struct Cell(string Csv, string Display)
{
    public static implicit operator Cell(string text) => new(text, text);

    public static Cell Int(int value) => new(value.ToString(CultureInfo.InvariantCulture), value.ToString("N0", CultureInfo.InvariantCulture));

    /// <summary>A share in [0, 1], shown in percent.</summary>
    public static Cell Share(double value) => new(Number(value), Format.Percent(value));

    /// <summary>A net score or difference in [−1, 1], shown in signed percentage points.</summary>
    public static Cell Points(double value) => new(Number(value), Format.Points(value));

    /// <summary>A standard error on the net score's scale, shown in percentage points without a sign.</summary>
    public static Cell PointsUnsigned(double value) => new(Number(value), Format.PointsUnsigned(value));

    /// <summary>A plain number, shown with <paramref name="decimals"/> decimals.</summary>
    public static Cell Plain(double value, int decimals) => new(Number(value), Format.Decimal(value, decimals));

    public static Cell Empty(string display) => new("", display);

    private static string Number(double value) => Format.RoundTrip(value);
}

/// <summary>A table of the reproduction, written as CSV (full precision) and Markdown (rounded).</summary>
internal sealed record ResultTable(string Name, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<Cell>> Rows, string? Note = null)
{
    public string ToCsv()
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns.Select(Csv.Quote))).Append('\n');
        foreach (var row in Rows)
        {
            text.Append(string.Join(',', row.Select(c => Csv.Quote(c.Csv)))).Append('\n');
        }

        return text.ToString();
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| ").Append(string.Join(" | ", Columns.Select(Escape))).Append(" |\n");
        text.Append('|').Append(string.Concat(Columns.Select(_ => "---|"))).Append('\n');
        foreach (var row in Rows)
        {
            text.Append("| ").Append(string.Join(" | ", row.Select(c => Escape(c.Display)))).Append(" |\n");
        }

        if (Note is not null)
        {
            text.Append('\n').Append(Note).Append('\n');
        }

        return text.ToString();
    }

    public IEnumerable<IReadOnlyList<string>> DisplayRows => Rows.Select(r => (IReadOnlyList<string>)[.. r.Select(c => c.Display)]);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
