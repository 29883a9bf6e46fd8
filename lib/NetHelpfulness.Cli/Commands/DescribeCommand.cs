using System.Globalization;
using System.Text;
using System.Text.Json;
using NetHelpfulness.Cli.Output;
using NetHelpfulness.Data;
using NetHelpfulness.Data.Spss;

namespace NetHelpfulness.Cli.Commands;

/// <summary><c>nethelp describe</c>: the cases and variables of a data file (.sav, .zsav or CSV).</summary>
internal sealed class DescribeCommand : ICommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Name => "describe";

    public string Summary => "cases and variables of a data file (.sav, .zsav, CSV): names, labels, types, value labels, missing values";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("input", "the file: an SPSS system file (.sav, .zsav) or CSV", ValueName: "FILE"),
        new("format", "table (default) or json", ValueName: "FORMAT"),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var path = options.Require("input");
        var format = options.Choice("format", "table", "table", "json");
        var description = DataFileDescription.Describe(path);
        return format == "json" ? ToJson(description) : ToTable(description);
    }

    internal static string ToJson(DataFileDescription description) =>
        JsonSerializer.Serialize(DescribeJson.From(description), CliJsonContext.Default.DescribeJson) + "\n";

    private static string ToTable(DataFileDescription description)
    {
        var text = new StringBuilder();
        text.Append(Inv, $"{description.Source}: {description.Kind}; {description.Cases} cases, {description.Variables.Count} variables");
        if (description.WeightVariable is { } weight)
        {
            text.Append(Inv, $"; weighted by {weight}");
        }

        text.Append('\n');
        if (description.FileLabel is { } label)
        {
            text.Append(Inv, $"file label: {label}\n");
        }

        text.Append('\n');
        var withFormat = description.Variables.Any(v => v.Format is not null);
        // Text columns flush left, the width (a number) last and flush right.
        List<string[]> rows = [withFormat
            ? ["name", "type", "format", "label", "value labels", "missing values", "width"]
            : ["name", "type", "label", "value labels", "missing values", "width"]];
        foreach (var v in description.Variables)
        {
            var labels = string.Join("; ", v.ValueLabels.Select(l => $"{Shown(l.Value)} = {l.Label}"));
            List<string> row = [v.Name, v.Type];
            if (withFormat)
            {
                row.Add(v.Format ?? "");
            }

            row.AddRange([v.Label ?? "", labels, Missing(v.MissingValues), v.Width.ToString(Inv)]);
            rows.Add([.. row]);
        }

        text.Append(TextTable.Render(rows, leftAligned: rows[0].Length - 1));
        return text.ToString();
    }

    /// <summary>SPSS syntax: <c>7 THRU 9</c>, <c>LO THRU 0, 9</c>, <c>'NA'</c>.</summary>
    private static string Missing(SpssMissingValues missing)
    {
        var parts = new List<string>();
        if (missing.Range is { } r)
        {
            parts.Add($"{(double.IsNegativeInfinity(r.Low) ? "LO" : r.Low.ToString("R", Inv))} THRU {(double.IsPositiveInfinity(r.High) ? "HI" : r.High.ToString("R", Inv))}");
        }

        parts.AddRange(missing.Discrete.Select(Shown));
        return string.Join(", ", parts);
    }

    private static string Shown(SpssValue value) => value.IsString ? "'" + value.Text + "'" : value.ToString();
}
