using System.Text;

namespace NetHelpfulness.Cli.Output;

/// <summary>Aligned plain-text tables: the first <c>leftAligned</c> columns flush left, the rest flush right.</summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string[]> rows, int leftAligned)
    {
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var text = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0)
                {
                    text.Append("  ");
                }

                text.Append(c < leftAligned ? row[c].PadRight(widths[c]) : row[c].PadLeft(widths[c]));
            }

            text.Append('\n');
            if (r == 0)
            {
                text.Append('-', widths.Sum() + (2 * (widths.Length - 1))).Append('\n');
            }
        }

        return text.ToString();
    }
}

/// <summary>RFC 4180 quoting for values we write.</summary>
internal static class Csv
{
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
