using BenchmarkDotNet.Attributes;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Benchmarks;

/// <summary>
/// The design-based model of the stacked ratings (issue 14) on 10⁶ and 10⁷ ratings (10⁵ and 10⁶ respondents × 10 scenarios,
/// 19 countries as strata and as a covariate, each respondent its own PSU, weights): the linear model of the net score and
/// the logistic model of helpful, relationship*tracking + country (26 coefficients), fit with every standard error; and
/// the predicted net scores of the 8 cells with their 17 contrasts. The file is the scaling benchmark's (written once to
/// the temp folder, not committed), loaded in the setup.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ModelBenchmarks
{
    private static readonly ModelSpecification Linear = new() { Terms = "relationship * tracking + country" };
    private static readonly ModelSpecification Logit = new() { Terms = "relationship * tracking + country", Outcome = ModelOutcome.Helpful };

    [Params(1_000_000, 10_000_000)]
    public int Ratings { get; set; }

    private SurveyResponses _survey = null!;
    private ScenarioAttributes _scenarios = null!;
    private SurveyDesign _design = null!;
    private SurveyModelFit _linear = null!;

    [GlobalSetup]
    public void Setup()
    {
        _survey = SurveyReader.ReadFile(BenchmarkData.ScalingFile(Ratings), new SurveyReadOptions { WeightColumn = "weight", StrataColumn = "country" });
        _scenarios = ScenarioAttributes.Read(BenchmarkData.ModelCatalogue());
        _design = _survey.Design();
        _linear = SurveyModel.Fit(_survey, _scenarios, _design, Linear);
    }

    [Benchmark]
    public SurveyModelFit LinearNetScore() => SurveyModel.Fit(_survey, _scenarios, _design, Linear);

    [Benchmark]
    public SurveyModelFit LogisticHelpful() => SurveyModel.Fit(_survey, _scenarios, _design, Logit);

    [Benchmark]
    public PredictiveMargins PredictedNetScoresAndContrasts() => _linear.Margins();
}
