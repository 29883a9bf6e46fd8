using BenchmarkDotNet.Attributes;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Benchmarks;

/// <summary>
/// Calibration of a million respondents (SYNTHETIC, in memory: 20 strata, 6 age bands × 2 genders × 12 regions, design
/// weights, 3 scenarios with 2% skipped) to 3 illustrative margins, and the net scores' SEs under the calibrated design.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CalibrationBenchmarks
{
    private const int Respondents = 1_000_000;
    private SurveyResponses _survey = null!;
    private DesignSpec _rake = null!;
    private DesignSpec _linear = null!;
    private SurveyDesign _raked = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_survey, var margins) = BenchmarkData.CalibrationSurvey(Respondents);
        var design = new DesignSpec { Weight = SurveyResponses.WeightColumnName, Strata = "stratum" };
        _rake = design with { Calibration = new CalibrationSpec(margins, CalibrationMethod.Rake) };
        _linear = design with { Calibration = new CalibrationSpec(margins, CalibrationMethod.Linear) };
        _raked = _survey.Design(_rake);
    }

    /// <summary>Raking to the 3 margins (R rake's defaults: epsilon 1, at most 10 passes).</summary>
    [Benchmark]
    public double Rake() => SurveyCalibration.Calibrate(_survey, _rake).LargestChange;

    /// <summary>Linear (GREG) calibration to the same margins.</summary>
    [Benchmark]
    public double Linear() => SurveyCalibration.Calibrate(_survey, _linear).LargestChange;

    /// <summary>The 3 net scores and their SEs on the raked design (the raking's ten sweeps of projections per SE).</summary>
    [Benchmark]
    public double ScoresWithSeOnRakedDesign() => NetScore.Estimates(_survey, _raked).Sum(e => e.StandardError);

    /// <summary>Raking, then the 3 net scores with their SEs: the work of <c>score --calibrate M --calibration rake</c> after loading.</summary>
    [Benchmark]
    public double RakeThenScoresWithSe() => NetScore.Estimates(_survey, _survey.Design(_rake)).Sum(e => e.StandardError);
}
