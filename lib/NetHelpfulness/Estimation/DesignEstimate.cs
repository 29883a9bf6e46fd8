using System.Globalization;

namespace NetHelpfulness.Estimation;

/// <summary>
/// A design-based estimate that carries its influence values over the design's respondents, so that any linear
/// combination, difference or smooth function of estimates from the same design gets its design-based standard error
/// without new algebra — the shape of R <c>survey</c>'s <c>svystat</c> with its influence functions, combined as
/// <c>svycontrast</c> does.
/// </summary>
/// <remarks>
/// <para>For an estimator θ̂ with influence values z_i (θ̂ − θ ≈ Σ_i z_i), the linearised variance is the design variance
/// of the total of z (<see cref="SurveyDesign.TotalVariance"/>; Lumley 2010, §2.3; Binder 1983). For a domain mean
/// z_i = w_i d_i (y_i − ȳ) / Σ w d, zero outside the domain (Woodruff 1971). A contrast Σ c_k θ̂_k has influence
/// Σ c_k z_k; a smooth g(θ̂₁, …, θ̂_K) has Σ ∂g/∂θ_k · z_k (the delta method). See <see cref="DesignEstimates"/>.</para>
/// <para>The variance is computed once, on first use. Estimates of different designs cannot be combined.</para>
/// </remarks>
public sealed class DesignEstimate
{
    private readonly double[] _influence;
    private readonly bool[] _inDomain;
    private double _variance = double.NaN;

    /// <summary>Creates an estimate from its parts.</summary>
    /// <param name="design">The design the estimate comes from.</param>
    /// <param name="name">A name for messages and tables (for example a scenario).</param>
    /// <param name="estimate">The point estimate.</param>
    /// <param name="influence">One influence value per respondent of the design (0 outside the domain).</param>
    /// <param name="inDomain">The respondents the estimate rests on.</param>
    /// <param name="weightSum">Σ w over the domain.</param>
    /// <param name="weightSquareSum">Σ w² over the domain (for Kish's design effect).</param>
    /// <exception cref="ArgumentException">The influence values or the domain do not have one value per respondent.</exception>
    public DesignEstimate(SurveyDesign design, string name, double estimate, double[] influence, bool[] inDomain, double weightSum, double weightSquareSum)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(influence);
        ArgumentNullException.ThrowIfNull(inDomain);
        if (influence.Length != design.RespondentCount || inDomain.Length != design.RespondentCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"an estimate needs one influence value and one domain flag per respondent of the design ({design.RespondentCount})"));
        }

        Design = design;
        Name = name ?? "";
        Estimate = estimate;
        _influence = influence;
        _inDomain = inDomain;
        N = inDomain.Count(x => x);
        WeightSum = weightSum;
        WeightSquareSum = weightSquareSum;
    }

    /// <summary>The design the estimate comes from.</summary>
    public SurveyDesign Design { get; }

    /// <summary>The estimate's name (a scenario, a contrast, ...).</summary>
    public string Name { get; }

    /// <summary>The point estimate.</summary>
    public double Estimate { get; }

    /// <summary>The influence values z_i, one per respondent of the design.</summary>
    public ReadOnlySpan<double> Influence => _influence;

    /// <summary>The respondents the estimate rests on (its domain).</summary>
    public ReadOnlySpan<bool> InDomain => _inDomain;

    /// <summary>Respondents in the domain (unweighted).</summary>
    public int N { get; }

    /// <summary>Σ w over the domain.</summary>
    public double WeightSum { get; }

    /// <summary>Σ w² over the domain.</summary>
    public double WeightSquareSum { get; }

    /// <summary>Kish's design effect due to unequal weights over the domain, n·Σw²/(Σw)² (Kish 1965); 1 when unweighted.</summary>
    public double DesignEffect => N == 0 ? 1.0 : N * WeightSquareSum / (WeightSum * WeightSum);

    /// <summary>Kish's effective sample size, (Σw)²/Σw² = n / deff.</summary>
    public double EffectiveN => N == 0 ? 0.0 : WeightSum * WeightSum / WeightSquareSum;

    /// <summary>The linearised variance: the design variance of the total of the influence values.</summary>
    public double Variance
    {
        get
        {
            if (double.IsNaN(_variance))
            {
                _variance = Design.TotalVarianceOf(_influence, _inDomain);
            }

            return _variance;
        }
    }

    /// <summary>The linearised standard error, √<see cref="Variance"/>.</summary>
    public double StandardError => Math.Sqrt(Variance);

    /// <summary>The normal-theory interval, estimate ± z·SE.</summary>
    public ConfidenceInterval Interval(double level = 0.95) => ConfidenceInterval.Normal(Estimate, StandardError, level);

    /// <summary>Two-sided p-value of the Wald z test of <paramref name="nullValue"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The SE is 0 and the estimate equals the null value (p undefined).</exception>
    public double PValue(double nullValue = 0) => PValues.TwoSidedNormal(Estimate, StandardError, nullValue);

    /// <summary>The estimate in the shape every result shares, with the linearized interval.</summary>
    public EstimateSummary Summarize(double level = 0.95) =>
        new(Estimate, StandardError, Interval(level), IntervalMethods.NameOf(IntervalMethod.Linearized), N, EffectiveN);

    /// <summary>The same estimate under another name.</summary>
    public DesignEstimate Named(string name) =>
        new(Design, name, Estimate, _influence, _inDomain, WeightSum, WeightSquareSum) { _variance = _variance };

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}: {Estimate:R} (SE {StandardError:R}, n = {N})");

    internal double[] InfluenceArray => _influence;

    internal bool[] DomainArray => _inDomain;
}
