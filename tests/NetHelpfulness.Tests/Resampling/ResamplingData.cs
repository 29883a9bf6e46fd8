using NetHelpfulness.Data;

namespace NetHelpfulness.Tests.Resampling;

/// <summary>The synthetic test survey and the R outputs written by tests/reference/resampling-reference.R.</summary>
internal static class ResamplingData
{
    public const double Tolerance = 1e-9;

    public static string SurveyPath { get; } = ReferenceFiles.Path("tests", "reference", "data", "resampling-survey.csv");

    public static string CataloguePath { get; } = ReferenceFiles.Path("tests", "reference", "data", "resampling-scenarios.csv");

    /// <summary>Design options as the R designs: "strata-clusters" (weights, strata, clusters), "strata" (weights, strata), "none" (unweighted SRS).</summary>
    public static SurveyResponses Load(string design, params string[] groups) => SurveyReader.ReadFile(SurveyPath, design switch
    {
        "strata-clusters" => new SurveyReadOptions { WeightColumn = "weight", StrataColumn = "stratum", ClusterColumn = "cluster", GroupColumns = groups },
        "strata" => new SurveyReadOptions { WeightColumn = "weight", StrataColumn = "stratum", GroupColumns = groups },
        "none" => new SurveyReadOptions { GroupColumns = groups },
        _ => throw new ArgumentOutOfRangeException(nameof(design), design, "unknown design"),
    });

    public static IReadOnlyList<Dictionary<string, string>> Expected(string name) =>
        ReferenceFiles.ReadTable($"tests/reference/expected/resampling/{name}.csv");

    public static string[] DesignArgs(string design) => design switch
    {
        "strata-clusters" => ["--weight", "weight", "--strata", "stratum", "--cluster", "cluster"],
        "strata" => ["--weight", "weight", "--strata", "stratum"],
        _ => [],
    };
}
