using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Tests.Calibration;

/// <summary>
/// The R reference's survey (tests/reference/data/design-survey.csv: SYNTHETIC, 5 strata, 46 clusters, design weights,
/// skipped answers) and its ILLUSTRATIVE margins (tests/reference/data/calibration), with the calibrations
/// tests/reference/calibration-reference.R runs, by the names of its expected files' columns.
/// </summary>
internal static class CalibrationFixture
{
    public static readonly string Input = ReferenceFiles.Path("tests", "reference", "data", "design-survey.csv");

    public static readonly CalibrationBounds Bounds = new(0.4, 1.7);

    private static readonly Lazy<SurveyResponses> LazySurvey = new(() => SurveyReader.ReadFile(Input));

    public static SurveyResponses Survey => LazySurvey.Value;

    public static string MarginsPath(string name) => ReferenceFiles.Path("tests", "reference", "data", "calibration", name);

    public static PopulationMargins ThreeMargins { get; } = PopulationMargins.ReadFile(MarginsPath("margins-age-gender-region.csv"));

    public static PopulationMargins Cells { get; } = PopulationMargins.ReadFile(MarginsPath("margins-age-by-gender.csv"));

    /// <summary>The R script's calibrated designs, by name (R's call in the comment beside each).</summary>
    public static CalibrationSpec? Calibration(string name) => name switch
    {
        "none" => null,
        "poststratify" => new CalibrationSpec(Cells, CalibrationMethod.PostStratify),                                                  // postStratify(d, ~age_band + gender, cells)
        "rake" => new CalibrationSpec(ThreeMargins, CalibrationMethod.Rake, tolerance: 1e-10, maxIterations: 100),                   // rake(..., control = list(maxit = 100, epsilon = 1e-10))
        "rake_default" => new CalibrationSpec(ThreeMargins, CalibrationMethod.Rake),                                                 // rake(...)
        "linear" => new CalibrationSpec(ThreeMargins, CalibrationMethod.Linear),                                                     // calibrate(d, ~..., pop)
        "raking" => new CalibrationSpec(ThreeMargins, CalibrationMethod.Raking, tolerance: 1e-12),                                   // calibrate(..., calfun = "raking", epsilon = 1e-12)
        "raking_bounded" => new CalibrationSpec(ThreeMargins, CalibrationMethod.Raking, Bounds),                                     // calibrate(..., calfun = "raking", bounds = c(0.4, 1.7))
        "linear_bounded" => new CalibrationSpec(ThreeMargins, CalibrationMethod.Linear, Bounds),                                     // calibrate(..., calfun = "linear", bounds = c(0.4, 1.7))
        "logit_bounded" => new CalibrationSpec(ThreeMargins, CalibrationMethod.Logit, Bounds),                                       // calibrate(..., calfun = "logit", bounds = c(0.4, 1.7))
        "raking_both_bounds" => new CalibrationSpec(ThreeMargins, CalibrationMethod.Raking, new CalibrationBounds(0.62, 1.7), maxIterations: 100), // bounds = c(0.62, 1.7), maxit = 100
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a design of calibration-reference.R"),
    };

    public static DesignSpec Spec(string name, string strata = "stratum", LonelyPsu lonelyPsu = LonelyPsu.Fail) =>
        new() { Weight = "weight", Strata = strata, Cluster = "cluster", LonelyPsu = lonelyPsu, Calibration = Calibration(name) };

    public static SurveyDesign Design(string name) => Survey.Design(Spec(name));

    public static IReadOnlyList<Dictionary<string, string>> Expected(string file) => ReferenceFiles.ReadTable($"tests/reference/expected/calibration/{file}.csv");
}
