using BenchmarkDotNet.Attributes;
using NetHelpfulness.Data;

namespace NetHelpfulness.Benchmarks;

/// <summary>Loading the shipped survey (115,000 ratings) and scoring every scenario.</summary>
[MemoryDiagnoser]
public class LoadAndScoreBenchmarks
{
    private static readonly SurveyReadOptions Weighted = new() { WeightColumn = "weight" };
    private SurveyResponses _survey = null!;

    [GlobalSetup]
    public void Setup() => _survey = SurveyReader.ReadFile(BenchmarkData.ShippedSurvey, Weighted);

    [Benchmark]
    public SurveyResponses LoadShippedSurvey() => SurveyReader.ReadFile(BenchmarkData.ShippedSurvey, Weighted);

    [Benchmark]
    public IReadOnlyList<ScenarioScore> LinearizedAllScenarios() => NetScore.ForEachScenario(_survey, IntervalMethod.Linearized);

    [Benchmark]
    public IReadOnlyList<ScenarioScore> LoadAndScore() =>
        NetScore.ForEachScenario(SurveyReader.ReadFile(BenchmarkData.ShippedSurvey, Weighted), IntervalMethod.Linearized);
}

/// <summary>Time against file size: 10⁵, 10⁶ and 10⁷ ratings, loaded and scored (should grow linearly).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ScalingBenchmarks
{
    [Params(100_000, 1_000_000, 10_000_000)]
    public int Ratings { get; set; }

    private string _path = "";

    [GlobalSetup]
    public void Setup() => _path = BenchmarkData.ScalingFile(Ratings);

    [Benchmark]
    public IReadOnlyList<ScenarioScore> LoadAndScore() =>
        NetScore.ForEachScenario(SurveyReader.ReadFile(_path, new SurveyReadOptions { WeightColumn = "weight" }), IntervalMethod.Linearized);
}
