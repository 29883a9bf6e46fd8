using System.Text.Json;
using System.Text.Json.Serialization;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Cli.Output;

// The records of every command's JSON output, serialised by one source-generated context: field names in snake case,
// numbers at full (round-trip) precision, proportions on [0, 1], absent optional fields left out.

internal sealed record ScoreJson(string Input, string Method, double Level, int? Replicates, ulong? Seed, IReadOnlyList<ScenarioScoreJson> Scenarios, CalibrationJson? Calibration = null);

/// <summary>How a design's weights were calibrated (absent when they were not).</summary>
internal sealed record CalibrationJson(string Method, string Margins, IReadOnlyList<string> Variables, double? BoundLower, double? BoundUpper, double? Tolerance, int? MaxIterations)
{
    public static CalibrationJson? From(CalibrationSpec? spec) => spec is null ? null : new(
        CalibrationSpec.NameOf(spec.Method), spec.Margins.Source, [.. spec.Margins.Variables.Select(v => v.Name)], spec.Bounds?.Lower, spec.Bounds?.Upper,
        spec.IsIterative ? spec.EffectiveTolerance : null, spec.IsIterative ? spec.EffectiveMaxIterations : null);
}

internal sealed record ScenarioScoreJson(
    string Scenario, int N, double? Helpful, double? Neutral, double? Creepy, double? Net, double? Se, double? CiLow, double? CiHigh,
    double? DesignEffect, double? EffectiveN)
{
    public static ScenarioScoreJson From(string scenario, NetScoreEstimate s) =>
        new(scenario, s.N, s.Helpful, s.Neutral, s.Creepy, s.Estimate, s.StandardError, s.Interval.Lower, s.Interval.Upper, s.DesignEffect, s.EffectiveN);
}

internal sealed record GroupScoresJson(
    string Input, string Method, double Level, int? Replicates, ulong? Seed, string By, string Reference, int MinCell,
    IReadOnlyList<GroupScoreJson> Groups, IReadOnlyList<GroupDifferenceJson> Differences, CalibrationJson? Calibration = null);

internal sealed record GroupScoreJson(
    string Group, string Scenario, int N, string? Note, double? Helpful, double? Neutral, double? Creepy, double? Net, double? Se,
    double? CiLow, double? CiHigh, double? DesignEffect, double? EffectiveN);

internal sealed record GroupDifferenceJson(string Group, string Reference, string Scenario, int N, string? Note, double? Estimate, double? Se, double? CiLow, double? CiHigh);

internal sealed record CompareJson(string Input, string A, string B, string Method, double Level, int? Replicates, ulong? Seed, int N, double Estimate, double Se, double CiLow, double CiHigh, CalibrationJson? Calibration = null);

internal sealed record ContrastOutputJson(string Input, string Method, double Level, ContrastJson Contrast, CalibrationJson? Calibration = null);

internal sealed record ContrastJson(
    IReadOnlyList<ContrastTermJson> Terms, int N, double EffectiveN, double Estimate, double Se, double CiLow, double CiHigh, double? Z, double? P);

internal sealed record ContrastTermJson(string Scenario, double Coefficient, int N, double Net, double Se);

internal sealed record EffectsJson(string Input, string Scenarios, string Method, double Level, IReadOnlyList<EffectJson> Effects, CalibrationJson? Calibration = null);

internal sealed record EffectJson(
    string Effect, string Kind, string Description, IReadOnlyList<EffectPairJson> Pairs, int N, double Estimate, double Se, double CiLow, double CiHigh,
    CohensHJson CohensHHelpful, CohensHJson CohensHCreepy,
    [property: JsonPropertyName("d_z"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Dz);

internal sealed record EffectPairJson(IReadOnlyList<string> First, IReadOnlyList<string> Second);

internal sealed record CohensHJson(double ShareFirst, double ShareSecond, double Estimate, double Se, double CiLow, double CiHigh)
{
    public static CohensHJson From(CohensH h) => new(h.First, h.Second, h.Estimate, h.StandardError, h.Interval.Lower, h.Interval.Upper);
}

internal sealed record RatioJson(string Exposure, string Outcome, int NExposed, int NUnexposed, RatioMeasureJson RiskRatio, RatioMeasureJson OddsRatio, RatioMeasureJson RiskDifference);

internal sealed record RatioMeasureJson(double Estimate, double CiLow, double CiHigh, string Method)
{
    public static RatioMeasureJson From(EffectEstimate e) => new(e.Estimate, e.Interval.Lower, e.Interval.Upper, EffectMethods.NameOf(e.Method));
}

internal sealed record PlanJson(
    string Target, double Margin, double Level, double DesignEffect, double? Helpful, double? Creepy,
    double? HelpfulA, double? CreepyA, double? HelpfulB, double? CreepyB, double? Correlation,
    double Variance, long NSimpleRandomSample, long N);

internal sealed record CoverageJson(string Data, ulong Seed, IReadOnlyList<CoverageCellJson> Cells);

internal sealed record CoverageCellJson(
    string Method, double Helpful, double Neutral, double Creepy, double Net, int N, int Replicates, double Coverage,
    [property: JsonPropertyName("mc_se")] double MonteCarloSe, double MeanWidth, double Level);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScoreJson))]
[JsonSerializable(typeof(GroupScoresJson))]
[JsonSerializable(typeof(CompareJson))]
[JsonSerializable(typeof(ContrastOutputJson))]
[JsonSerializable(typeof(EffectsJson))]
[JsonSerializable(typeof(RatioJson))]
[JsonSerializable(typeof(PlanJson))]
[JsonSerializable(typeof(CoverageJson))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;

// The banner's and the model's records write every field, null where there is no value (a suppressed cell, an aliased
// coefficient), so that each row of their output has the same fields; the few that are left out when absent say so.

internal sealed record BannerJson(
    string Input, string Design, bool Synthetic, string Method, double Level, double Alpha, string Adjust, int MinCell,
    IReadOnlyList<string> Variables, IReadOnlyList<string> Scenarios, IReadOnlyList<BannerColumnJson> Columns, IReadOnlyList<BannerCellJson> Cells,
    IReadOnlyList<BannerTestJson> Tests, IReadOnlyList<string> Notes);

internal sealed record BannerColumnJson(string Variable, string Level, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Letter, int Respondents);

// Every field of a cell is written, null where the cell is suppressed (or, for the letter, the Total); the note only when there is one.
internal sealed record BannerCellJson(
    string Scenario, string Variable, string Level, string? Letter, int N,
    double? EffectiveN,
    double? Net,
    double? Se,
    double? CiLow,
    double? CiHigh,
    double? Helpful,
    double? Creepy,
    IReadOnlyList<string> GreaterThan, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note);

internal sealed record BannerTestJson(
    string Scenario, string Variable, string A, string B, string LetterA, string LetterB, double Difference, double Se,
    double? P,
    double? PAdjusted, bool Significant);

internal sealed record ModelJson(
    string Input, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scenarios, string Outcome, string Family, string Terms, string Design, int Respondents, int RespondentsWithRatings, int Rows,
    int Psus, int Strata, int DesignDf, int ResidualDf, double Level, int Iterations, IReadOnlyList<ModelVariableJson> Variables,
    IReadOnlyList<ModelCoefficientJson> Coefficients, IReadOnlyList<ModelTestJson> Tests, IReadOnlyList<string> UntestedTerms, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PredictedScale, IReadOnlyList<string> MarginVariables,
    IReadOnlyList<ModelPredictedJson> Predicted, IReadOnlyList<ModelContrastJson> Contrasts);

internal sealed record ModelVariableJson(string Name, string Source, string Kind, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Levels, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reference);

/// <summary>A coefficient: <c>term</c> is the design matrix's column (R's name), <c>model_term</c> the term it belongs to; an aliased column has nulls.</summary>
internal sealed record ModelCoefficientJson(
    string Term, string ModelTerm, bool Aliased,
    double? Estimate,
    double? Se,
    double? CiLow,
    double? CiHigh,
    double? T,
    double? P,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? OddsRatio, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? OrCiLow, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? OrCiHigh);

internal sealed record ModelTestJson(string Term, IReadOnlyList<string> Columns, int Df, int Ddf, double F, [property: JsonPropertyName("p_f")] double PF, double Chisq, double PChisq);

internal sealed record ModelPredictedJson(
    IReadOnlyDictionary<string, string> Cell, int Rows,
    double? Estimate,
    double? Se,
    double? CiLow,
    double? CiHigh,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note);

internal sealed record ModelContrastJson(
    string Contrast, string Variable, string Level, string Reference, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Within, IReadOnlyList<string> WithinLevels,
    double Estimate, double Se, double CiLow, double CiHigh, double? P);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BannerJson))]
[JsonSerializable(typeof(ModelJson))]
internal sealed partial class OutputJsonWithNullsContext : JsonSerializerContext;

/// <summary>Writes an output record as indented JSON followed by a newline.</summary>
internal static class JsonOutput
{
    public static string Write<T>(T value)
    {
        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)(OutputJsonContext.Default.GetTypeInfo(typeof(T))
            ?? OutputJsonWithNullsContext.Default.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not an output record of either JSON context"));
        return JsonSerializer.Serialize(value, info) + "\n";
    }
}
