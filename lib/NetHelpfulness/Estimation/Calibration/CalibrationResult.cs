namespace NetHelpfulness.Estimation.Calibration;

/// <summary>One margin's level: its population total, and the weighted totals before and after calibration.</summary>
/// <param name="Variable">The calibration variable.</param>
/// <param name="Level">Its level.</param>
/// <param name="Target">The population total.</param>
/// <param name="Achieved">Σ w over the level's respondents (calibrated weights).</param>
/// <param name="Starting">Σ d over the level's respondents (starting weights).</param>
/// <param name="Population">The variable's population size (the sum of its totals).</param>
/// <param name="WeightSum">Σ w over all respondents.</param>
/// <param name="StartingWeightSum">Σ d over all respondents.</param>
public sealed record MarginFit(string Variable, string Level, double Target, double Achieved, double Starting, double Population, double WeightSum, double StartingWeightSum)
{
    /// <summary>|achieved − target| / target.</summary>
    public double RelativeError => Math.Abs(Achieved - Target) / Target;

    /// <summary>The level's share of the population, target / population.</summary>
    public double TargetShare => Target / Population;

    /// <summary>The level's weighted share of the sample with the calibrated weights.</summary>
    public double AchievedShare => Achieved / WeightSum;

    /// <summary>The level's weighted share of the sample with the starting weights.</summary>
    public double StartingShare => Starting / StartingWeightSum;
}

/// <summary>The spread of a set of weights: range, sum, and Kish's (1965) design effect from weighting.</summary>
/// <param name="Minimum">The smallest weight.</param>
/// <param name="Maximum">The largest weight.</param>
/// <param name="Sum">Σ w.</param>
/// <param name="DesignEffect">Kish's design effect from weighting, n Σw² / (Σw)².</param>
/// <param name="Count">Number of weights n.</param>
public sealed record WeightSummary(double Minimum, double Maximum, double Sum, double DesignEffect, int Count)
{
    /// <summary>The largest weight over the smallest.</summary>
    public double Ratio => Maximum / Minimum;

    /// <summary>Kish's effective sample size, n / deff = (Σw)² / Σw².</summary>
    public double EffectiveN => Count / DesignEffect;

    /// <summary>Summarises weights.</summary>
    public static WeightSummary Of(ReadOnlySpan<double> weights)
    {
        var sum = new CompensatedSum();
        var squares = new CompensatedSum();
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var w in weights)
        {
            sum.Add(w);
            squares.Add(w * w);
            min = Math.Min(min, w);
            max = Math.Max(max, w);
        }

        return new WeightSummary(min, max, sum.Value, weights.Length * squares.Value / (sum.Value * sum.Value), weights.Length);
    }
}

/// <summary>
/// A calibration's outcome: the calibrated weights, how the iterations went, the weights' spread, and — when it
/// succeeded — the calibrated design.
/// </summary>
public sealed class CalibrationResult
{
    private readonly double[] _weights;
    private readonly double[] _start;
    private readonly double[] _factors;
    private readonly SurveyDesign? _design;

    internal CalibrationResult(CalibrationSpec spec, double[] start, double[] weights, int iterations, double largestChange, bool converged, string? problem,
        IReadOnlyList<MarginFit> margins, double factorScale, SurveyDesign? design, bool exactDerivative = false)
    {
        UsedExactDerivative = exactDerivative;
        Spec = spec;
        _start = start;
        _weights = weights;
        Iterations = iterations;
        LargestChange = largestChange;
        Converged = converged;
        Problem = problem;
        Margins = margins;
        FactorScale = factorScale;
        _design = design;
        Weighting = WeightSummary.Of(weights);
        StartingWeighting = WeightSummary.Of(start);
        _factors = new double[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            _factors[i] = weights[i] / start[i];
        }

        MinimumFactor = _factors.Length == 0 ? double.NaN : _factors.Min();
        MaximumFactor = _factors.Length == 0 ? double.NaN : _factors.Max();
    }

    /// <summary>The calibration that was asked for.</summary>
    public CalibrationSpec Spec { get; }

    /// <summary>The calibrated weights, one per respondent.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>The starting weights (the design weights, or 1).</summary>
    public ReadOnlySpan<double> StartingWeights => _start;

    /// <summary>Passes (raking), Newton iterations, or 1 (post-stratification, unbounded linear calibration).</summary>
    public int Iterations { get; }

    /// <summary>
    /// The convergence criterion at the last iteration: for raking the largest change of a cell's weighted count in the
    /// last pass (R <c>rake</c>'s), otherwise the largest |target − achieved| / (1 + |target|) over the margins (R <c>grake</c>'s).
    /// </summary>
    public double LargestChange { get; }

    /// <summary>True when the criterion fell below the tolerance within the iterations allowed.</summary>
    public bool Converged { get; }

    /// <summary>
    /// Bounded raking only: true when R <c>grake</c>'s iterations did not converge and the weights come from Newton's
    /// method with the truncated raking function's exact derivative (R would have failed here; see docs/calibration.md).
    /// </summary>
    public bool UsedExactDerivative { get; }

    /// <summary>Why the weights cannot be used (no convergence, a weight that is not positive), or null.</summary>
    public string? Problem { get; }

    /// <summary>True when the weights can be used: converged, every weight finite and &gt; 0.</summary>
    public bool Succeeded => Problem is null;

    /// <summary>Each margin's target and what the weights achieve.</summary>
    public IReadOnlyList<MarginFit> Margins { get; }

    /// <summary>
    /// The factor the starting weights were scaled by before bounds applied (R <c>grake</c>: when every population total is
    /// more than 20 times the sample's, by the mean ratio of the totals); 1 otherwise.
    /// </summary>
    public double FactorScale { get; }

    /// <summary>The calibrated weights' range, sum, Kish design effect and effective n.</summary>
    public WeightSummary Weighting { get; }

    /// <summary>The same of the starting weights, for comparison.</summary>
    public WeightSummary StartingWeighting { get; }

    /// <summary>Each respondent's factor g = w/d.</summary>
    public ReadOnlySpan<double> Factors => _factors;

    /// <summary>The smallest g = w/d, the factor from starting to calibrated weight.</summary>
    public double MinimumFactor { get; }

    /// <summary>The largest g = w/d.</summary>
    public double MaximumFactor { get; }

    /// <summary>The largest relative error of a margin.</summary>
    public double LargestMarginError => Margins.Count == 0 ? 0 : Margins.Max(m => m.RelativeError);

    /// <summary>The calibrated design: the starting design's strata, PSUs and lonely-PSU rule with the calibrated weights,
    /// whose variances use the calibration residuals.</summary>
    /// <exception cref="CalibrationException">The calibration did not succeed (<see cref="Problem"/>).</exception>
    public SurveyDesign Design => _design ?? throw new CalibrationException(Problem ?? "the calibration did not succeed");
}
