using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Model;

/// <summary>
/// The models of tests/reference/model-reference.R, fitted here on the same SYNTHETIC file (data/model-survey.csv with
/// data/model-scenarios.csv): a stratified, clustered, weighted design with skipped answers, respondents and a whole
/// cluster without any answer, and a numeric covariate.
/// </summary>
internal static class ModelReference
{
    public static readonly string Input = ReferenceFiles.Path("tests", "reference", "data", "model-survey.csv");
    public static readonly string Catalogue = ReferenceFiles.Path("tests", "reference", "data", "model-scenarios.csv");

    /// <summary>R's designs: <c>ids = ~cluster</c> and <c>ids = ~respondent_id</c>, strata and weights the same.</summary>
    public static readonly IReadOnlyDictionary<string, DesignSpec> Designs = new Dictionary<string, DesignSpec>
    {
        ["clusters"] = new() { Weight = "weight", Strata = "stratum", Cluster = "cluster" },
        ["respondents"] = new() { Weight = "weight", Strata = "stratum" },
    };

    /// <summary>The models by the names the R script gives them.</summary>
    public static readonly IReadOnlyDictionary<string, ModelSpecification> Models = new Dictionary<string, ModelSpecification>
    {
        ["net_saturated_country"] = new() { Terms = "relationship * tracking + country" },
        ["helpful_saturated_country"] = new() { Terms = "relationship * tracking + country", Outcome = ModelOutcome.Helpful },
        ["creepy_additive_age"] = new() { Terms = "relationship + tracking + country + age", Outcome = ModelOutcome.Creepy },
        ["net_relationship_by_country"] = new() { Terms = "relationship * country + tracking + channel" },
        ["net_nested_dummies"] = new() { Terms = "tracking + relationship:tracking" },
        ["net_references"] = new()
        {
            Terms = "relationship * tracking + country",
            References = new Dictionary<string, string> { ["relationship"] = "established", ["tracking"] = "geo_tracking", ["country"] = "JP" },
        },
        ["net_aliased_channel"] = new() { Terms = "relationship * tracking + channel", Aliased = AliasedColumns.Drop },
    };

    private static readonly Lazy<SurveyResponses> Survey = new(() => SurveyReader.ReadFile(Input));
    private static readonly Lazy<ScenarioAttributes> Scenarios = new(() => ScenarioAttributes.Read(Catalogue));
    private static readonly Dictionary<(string, string), SurveyModelFit> Fits = [];

    public static SurveyResponses Data => Survey.Value;

    public static ScenarioAttributes Attributes => Scenarios.Value;

    public static SurveyModelFit Fit(string model, string design)
    {
        lock (Fits)
        {
            if (!Fits.TryGetValue((model, design), out var fit))
            {
                fit = SurveyModel.Fit(Data, Attributes, Data.Design(Designs[design]), Models[model]);
                Fits[(model, design)] = fit;
            }

            return fit;
        }
    }

    public static IReadOnlyList<Dictionary<string, string>> Expected(string file) => ReferenceFiles.ReadTable($"tests/reference/expected/model/{file}.csv");

    /// <summary>|a − b| ≤ tolerance · max(1, |b|).</summary>
    public static void Close(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)),
            FormattableString.Invariant($"{what}: expected {expected:R}, got {actual:R} (difference {actual - expected:G3})"));

    /// <summary>|a − b| ≤ tolerance · |b| (relative, also for values far below 1).</summary>
    public static void Relative(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Abs(expected),
            FormattableString.Invariant($"{what}: expected {expected:R}, got {actual:R} (relative difference {(actual - expected) / expected:G3})"));
}
