namespace NetHelpfulness.Estimation.Calibration;

/// <summary>How far a calibrated weighting is from one margin's total.</summary>
/// <param name="Variable">The calibration variable.</param>
/// <param name="Level">Its level.</param>
/// <param name="Target">The population total.</param>
/// <param name="Achieved">Σ w over the level's respondents.</param>
public sealed record MarginFit(string Variable, string Level, double Target, double Achieved)
{
    /// <summary>|achieved − target| / target.</summary>
    public double RelativeError => Math.Abs(Achieved - Target) / Target;
}

/// <summary>
/// A calibration's outcome: the calibrated weights, how the iterations went, the weights' spread, and — when it
/// succeeded — the calibrated design.
/// </summary>
public sealed class CalibrationResult
{
    private readonly double[] _weights;
    private readonly double[] _start;
    private readonly SurveyDesign? _design;

    internal CalibrationResult(CalibrationSpec spec, double[] start, double[] weights, int iterations, double largestChange, bool converged, string? problem,
        IReadOnlyList<MarginFit> margins, double factorScale, SurveyDesign? design)
    {
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
        var sum = new CompensatedSum();
        var squares = new CompensatedSum();
        double min = double.PositiveInfinity, max = double.NegativeInfinity, gMin = double.PositiveInfinity, gMax = double.NegativeInfinity;
        for (var i = 0; i < weights.Length; i++)
        {
            sum.Add(weights[i]);
            squares.Add(weights[i] * weights[i]);
            min = Math.Min(min, weights[i]);
            max = Math.Max(max, weights[i]);
            var g = weights[i] / start[i];
            gMin = Math.Min(gMin, g);
            gMax = Math.Max(gMax, g);
        }

        MinimumWeight = min;
        MaximumWeight = max;
        MinimumFactor = gMin;
        MaximumFactor = gMax;
        WeightSum = sum.Value;
        DesignEffect = weights.Length * squares.Value / (sum.Value * sum.Value);
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

    /// <summary>The smallest calibrated weight.</summary>
    public double MinimumWeight { get; }

    /// <summary>The largest calibrated weight.</summary>
    public double MaximumWeight { get; }

    /// <summary>The largest weight over the smallest.</summary>
    public double WeightRatio => MaximumWeight / MinimumWeight;

    /// <summary>The smallest g = w/d, the factor from starting to calibrated weight.</summary>
    public double MinimumFactor { get; }

    /// <summary>The largest g = w/d.</summary>
    public double MaximumFactor { get; }

    /// <summary>Σ w.</summary>
    public double WeightSum { get; }

    /// <summary>Kish's (1965) design effect from weighting, n Σw² / (Σw)².</summary>
    public double DesignEffect { get; }

    /// <summary>Kish's effective sample size, n / deff = (Σw)² / Σw².</summary>
    public double EffectiveN => _weights.Length / DesignEffect;

    /// <summary>The largest relative error of a margin.</summary>
    public double LargestMarginError => Margins.Count == 0 ? 0 : Margins.Max(m => m.RelativeError);

    /// <summary>The calibrated design: the starting design's strata, PSUs and lonely-PSU rule with the calibrated weights,
    /// whose variances use the calibration residuals.</summary>
    /// <exception cref="CalibrationException">The calibration did not succeed (<see cref="Problem"/>).</exception>
    public SurveyDesign Design => _design ?? throw new CalibrationException(Problem ?? "the calibration did not succeed");
}
