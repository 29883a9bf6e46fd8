using System.Globalization;
using System.Text.Json;
using System.Text;
using NetHelpfulness.Cli.Output;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Cli.Commands;

/// <summary><c>nethelp effects</c>: relationship and tracking effects, per respondent, with effect sizes.</summary>
internal sealed class EffectsCommand : ICommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Name => "effects";

    public string Summary => "relationship and tracking effects (paired, per respondent) with Cohen's h and d_z";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. SurveyInput.Options,
        new("scenarios", "the scenario catalogue (data/scenarios.csv)", ValueName: "FILE"),
        new("level", "confidence level (default 0.95)", ValueName: "P"),
        new("format", "table (default) or json", ValueName: "FORMAT"),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var cataloguePath = options.Require("scenarios");
        var level = options.Double("level", 0.95, 0, 1);
        var format = options.Choice("format", "table", "table", "json");
        var lonely = SurveyInput.LonelyPsuRule(options);
        var survey = SurveyInput.Load(options);
        var catalogue = ScenarioCatalogue.Read(cataloguePath);
        var missing = survey.Scenarios.Where(s => catalogue.Find(s) is null).ToList();
        if (missing.Count > 0)
        {
            throw new SurveyDataException([.. missing.Select(s => new DataIssue(cataloguePath, 0, "id", "", $"a row for scenario '{s}' of {survey.Source}"))], false);
        }

        var effects = Effects.EstimateAll(survey, catalogue, level, lonely);
        var input = options.Require("input");
        return format == "json" ? ToJson(input, cataloguePath, level, effects) : ToTable(input, level, survey, effects);
    }

    private static string ToJson(string input, string catalogue, double level, IReadOnlyList<ContrastEffect> effects)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("input", input);
            json.WriteString("scenarios", catalogue);
            json.WriteString("method", "linearized");
            json.WriteNumber("level", level);
            json.WriteStartArray("effects");
            foreach (var e in effects)
            {
                var d = e.Difference;
                json.WriteStartObject();
                json.WriteString("effect", e.Effect.Name);
                json.WriteString("kind", e.Effect.Kind.ToString());
                json.WriteString("description", e.Effect.Description);
                json.WriteStartArray("pairs");
                foreach (var pair in e.Effect.Pairs)
                {
                    json.WriteStartObject();
                    WriteList(json, "first", pair.Positive);
                    WriteList(json, "second", pair.Negative);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteNumber("n", d.N);
                json.WriteNumber("estimate", d.Estimate);
                json.WriteNumber("se", d.StandardError);
                json.WriteNumber("ci_low", d.Interval.Lower);
                json.WriteNumber("ci_high", d.Interval.Upper);
                WriteH(json, "cohens_h_helpful", e.Helpful);
                WriteH(json, "cohens_h_creepy", e.Creepy);
                if (e.Dz is { } dz)
                {
                    json.WriteNumber("d_z", dz);
                }
                else
                {
                    json.WriteNull("d_z");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }

    private static void WriteH(Utf8JsonWriter json, string name, CohensH h)
    {
        json.WriteStartObject(name);
        json.WriteNumber("share_first", h.First);
        json.WriteNumber("share_second", h.Second);
        json.WriteNumber("estimate", h.Estimate);
        json.WriteNumber("se", h.StandardError);
        json.WriteNumber("ci_low", h.Interval.Lower);
        json.WriteNumber("ci_high", h.Interval.Upper);
        json.WriteEndObject();
    }

    private static string ToTable(string input, double level, SurveyResponses survey, IReadOnlyList<ContrastEffect> effects)
    {
        var levelText = (level * 100).ToString("0.##", Inv) + "%";
        var rows = new List<string[]>
        {
            new[] { "effect", "n", "net difference", $"{levelText} CI", "h (helpful)", $"{levelText} CI", "h (creepy)", $"{levelText} CI", "d_z" },
        };
        foreach (var e in effects)
        {
            var d = e.Difference;
            rows.Add(
            [
                e.Effect.Name,
                d.N.ToString(Inv),
                Points(d.Estimate),
                $"[{Points(d.Interval.Lower)}, {Points(d.Interval.Upper)}]",
                e.Helpful.Estimate.ToString("+0.00;−0.00;0.00", Inv),
                $"[{e.Helpful.Interval.Lower.ToString("+0.00;−0.00;0.00", Inv)}, {e.Helpful.Interval.Upper.ToString("+0.00;−0.00;0.00", Inv)}]",
                e.Creepy.Estimate.ToString("+0.00;−0.00;0.00", Inv),
                $"[{e.Creepy.Interval.Lower.ToString("+0.00;−0.00;0.00", Inv)}, {e.Creepy.Interval.Upper.ToString("+0.00;−0.00;0.00", Inv)}]",
                e.Dz is { } dz ? dz.ToString("+0.00;−0.00;0.00", Inv) : "n/a",
            ]);
        }

        var text = new StringBuilder();
        text.Append("Relationship and tracking effects, per respondent (first side minus second; net difference in percentage points)\n");
        text.Append(Inv, $"input: {input} ({survey.RespondentCount} respondents); interval: {ScoreReport.Describe(IntervalMethod.Linearized, survey, null)}\n");
        text.Append("relationship = mean of the matched contrasts (established − none, same tracking); tracking = relationship only − relationship with deep tracking\n\n");
        text.Append(TextTable.Render(rows, leftAligned: 1));
        return text.ToString();
    }

    private static string Points(double net) => (net * 100).ToString("+0.0;−0.0;0.0", Inv);
}
