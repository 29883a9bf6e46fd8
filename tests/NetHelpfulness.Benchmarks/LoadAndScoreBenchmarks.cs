using BenchmarkDotNet.Attributes;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

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

    /// <summary>The same file through the full loader only (text, a string per field), as every file was read before the fast path.</summary>
    [Benchmark]
    public SurveyResponses LoadShippedSurveyFullLoader()
    {
        using var text = new StreamReader(BenchmarkData.ShippedSurvey);
        return SurveyReader.Read(text, BenchmarkData.ShippedSurvey, Weighted);
    }

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

/// <summary>The stratified bootstrap (B = 10,000, PSUs within countries, weights kept) and paired comparisons on the shipped survey.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ResamplingBenchmarks
{
    private SurveyResponses _survey = null!;
    private SurveyDesign _design = null!;

    [GlobalSetup]
    public void Setup()
    {
        _survey = SurveyReader.ReadFile(BenchmarkData.ShippedSurvey, new SurveyReadOptions { WeightColumn = "weight", StrataColumn = "country" });
        _design = _survey.Design();
    }

    [Benchmark]
    public BootstrapReplicates Bootstrap10000AllScenarios() =>
        Bootstrap.Replicate(_survey.Ratings.ToArray().Select(r => r == SurveyResponses.Missing ? r : _survey.Scale.Score(r)).ToArray(),
            _survey.ScenarioCount, _design, new BootstrapOptions { Replicates = 10_000 });

    [Benchmark]
    public IReadOnlyList<ScenarioScore> BootstrapPercentileEachScenario() =>
        NetScore.BootstrapEachScenario(_survey, IntervalMethod.BootstrapPercentile, new BootstrapOptions { Replicates = 10_000 });

    [Benchmark]
    public int PairedComparisonsLinearized()
    {
        var first = _survey.Scores(0);
        var n = 0;
        for (var j = 1; j < _survey.ScenarioCount; j++)
        {
            n += PairedDifference.Linearized(first, _survey.Scores(j), _design).N;
        }

        return n;
    }
}

/// <summary><c>nethelp reproduce --no-images</c> end to end, in-process: every table, the HTML figures and the report.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ReproduceBenchmarks
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "nethelp-bench-reproduce");

    [Benchmark]
    public int ReproduceWithoutImages()
    {
        var code = NetHelpfulness.Cli.CommandLineApp.Run(
            ["reproduce", "--no-images", "--data", Path.Combine(BenchmarkData.RepositoryRoot, "data"), "--out", _out], TextWriter.Null, TextWriter.Null);
        return code == 0 ? code : throw new InvalidOperationException("reproduce failed");
    }
}

/// <summary>A banner of the shipped survey by country: 10 scenarios × (Total + 19 countries), 171 design-based pairwise tests per scenario; and its workbook.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class BannerBenchmarks
{
    private SurveyResponses _survey = null!;
    private SurveyDesign _design = null!;
    private BannerResult _banner = null!;

    [GlobalSetup]
    public void Setup()
    {
        _survey = SurveyReader.ReadFile(BenchmarkData.ShippedSurvey, new SurveyReadOptions { WeightColumn = "weight" });
        _design = _survey.Design();
        _banner = Banner.Compute(_survey, _design, ["country"]);
    }

    [Benchmark]
    public BannerResult BannerByCountry() => Banner.Compute(_survey, _design, ["country"]);

    [Benchmark]
    public long BannerWorkbook()
    {
        using var stream = new MemoryStream();
        NetHelpfulness.Cli.Output.BannerWorkbook.Write(_banner, new NetHelpfulness.Reporting.BannerSource("survey.csv", "weights: weight"), stream);
        return stream.Length;
    }
}
