using System.Globalization;
using System.Text;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Cli.Commands;

/// <summary><c>nethelp effects</c>: relationship and tracking effects, per respondent, with effect sizes.</summary>
internal sealed class EffectsCommand : ICommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Name => "effects";

    public string Summary => "relationship and tracking effects (paired, per respondent) with Cohen's h and d_z";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. SurveyInput.EstimationOptions,
        new("scenarios", "the scenario catalogue (data/scenarios.csv)", ValueName: "FILE"),
        SurveyInput.LevelOption,
        new("format", "table (default) or json", ValueName: "FORMAT"),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var cataloguePath = options.Require("scenarios");
        var level = options.Double("level", Defaults.Level, 0, 1);
        var format = options.Choice("format", "table", "table", "json");
        var survey = SurveyInput.Load(options, stderr);
        var catalogue = ScenarioCatalogue.Read(cataloguePath);
        var missing = survey.Scenarios.Where(s => catalogue.Find(s) is null).ToList();
        if (missing.Count > 0)
        {
            throw new SurveyDataException([.. missing.Select(s => new DataIssue(cataloguePath, 0, "id", "", $"a row for scenario '{s}' of {survey.Source}"))], false);
        }

        var design = survey.Design(SurveyInput.Spec(options));
        var effects = Effects.EstimateAll(survey, catalogue, design, level);
        var input = options.Require("input");
        return format == "json" ? ToJson(input, cataloguePath, level, effects, design.CalibrationSpec) : ToTable(input, level, survey, effects, design.CalibrationSpec);
    }

    private static string ToJson(string input, string catalogue, double level, IReadOnlyList<ContrastEffect> effects, CalibrationSpec? calibration) =>
        JsonOutput.Write(new EffectsJson(input, catalogue, IntervalMethods.NameOf(IntervalMethod.Linearized), level,
            [.. effects.Select(e => new EffectJson(e.Effect.Name, e.Effect.Kind.ToString(), e.Effect.Description,
                [.. e.Effect.Pairs.Select(p => new EffectPairJson(p.Positive, p.Negative))],
                e.Difference.N, e.Difference.Estimate, e.Difference.StandardError, e.Difference.Interval.Lower, e.Difference.Interval.Upper,
                CohensHJson.From(e.Helpful), CohensHJson.From(e.Creepy), e.Dz))], CalibrationJson.From(calibration)));

    private static string ToTable(string input, double level, SurveyResponses survey, IReadOnlyList<ContrastEffect> effects, CalibrationSpec? calibration)
    {
        var levelText = Format.Level(level);
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
                Format.Points(d.Estimate),
                $"[{Format.Points(d.Interval.Lower)}, {Format.Points(d.Interval.Upper)}]",
                Format.Signed(e.Helpful.Estimate, 2),
                $"[{Format.Signed(e.Helpful.Interval.Lower, 2)}, {Format.Signed(e.Helpful.Interval.Upper, 2)}]",
                Format.Signed(e.Creepy.Estimate, 2),
                $"[{Format.Signed(e.Creepy.Interval.Lower, 2)}, {Format.Signed(e.Creepy.Interval.Upper, 2)}]",
                e.Dz is { } dz ? Format.Signed(dz, 2) : "n/a",
            ]);
        }

        var text = new StringBuilder();
        text.Append("Relationship and tracking effects, per respondent (first side minus second; net difference in percentage points)\n");
        text.Append(Inv, $"input: {input} ({survey.RespondentCount} respondents); interval: {ScoreReport.Describe(IntervalMethod.Linearized, survey, null, calibration)}\n");
        text.Append("relationship = mean of the matched contrasts (established − none, same tracking); tracking = relationship only − relationship with deep tracking\n\n");
        text.Append(TextTable.Render(rows, leftAligned: 1));
        return text.ToString();
    }

}
