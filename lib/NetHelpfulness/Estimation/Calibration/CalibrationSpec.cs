using System.Globalization;

namespace NetHelpfulness.Estimation.Calibration;

/// <summary>How the design weights are adjusted to the population margins.</summary>
public enum CalibrationMethod
{
    /// <summary>Post-stratification on one variable (possibly columns crossed): w = d · N_g / Σ_g d (R <c>postStratify</c>).</summary>
    PostStratify,

    /// <summary>Raking by iterative proportional fitting over several variables (R <c>rake</c>).</summary>
    Rake,

    /// <summary>Linear (GREG) calibration on the variables' main effects: g = 1 + x′λ (R <c>calibrate(calfun = "linear")</c>); with bounds, truncated linear.</summary>
    Linear,

    /// <summary>Calibration with the raking distance, g = exp(x′λ), by Newton's method (R <c>calibrate(calfun = "raking")</c>); with bounds, truncated.</summary>
    Raking,

    /// <summary>Logit calibration, g in (L, U) for the bounds L &lt; 1 &lt; U (R <c>calibrate(calfun = "logit")</c>); needs bounds.</summary>
    Logit,
}

/// <summary>Bounds on the calibration factors g = w / d (the ratio of a calibrated weight to its starting weight), as R's <c>calibrate(bounds = c(L, U))</c>.</summary>
/// <param name="Lower">The smallest factor, 0 ≤ L &lt; 1.</param>
/// <param name="Upper">The largest factor, 1 &lt; U &lt; ∞.</param>
public readonly record struct CalibrationBounds(double Lower, double Upper)
{
    /// <summary>Why the bounds are not usable, or null.</summary>
    public string? Problem =>
        !double.IsFinite(Lower) || !double.IsFinite(Upper) ? "the bounds must be finite numbers"
        : Lower < 0 || Lower >= 1 ? string.Create(CultureInfo.InvariantCulture, $"the lower bound must be at least 0 and below 1 (the starting weights must be allowed); got {Lower:R}")
        : Upper <= 1 ? string.Create(CultureInfo.InvariantCulture, $"the upper bound must be above 1 (the starting weights must be allowed); got {Upper:R}")
        : null;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Lower:R}, {Upper:R}]");
}

/// <summary>
/// A calibration of a design's weights to population margins: the margins, the method, and its bounds, tolerance and
/// largest number of iterations. Carried by <see cref="DesignSpec.Calibration"/>, so that
/// <see cref="Data.SurveyResponses.Design(DesignSpec)"/> returns the calibrated design.
/// </summary>
/// <remarks>
/// <para>Starting weights are the design weights (1 when the design is unweighted). Every estimator of the package works
/// on the calibrated design unchanged; its linearised variances use the calibration residuals as R's <c>svyrecvar</c>
/// does (see <see cref="SurveyCalibration"/> and docs/calibration.md).</para>
/// <para>Tolerance and iterations: for <see cref="CalibrationMethod.Rake"/> they are R <c>rake</c>'s <c>epsilon</c> and
/// <c>maxit</c> (defaults 1 and 10): raking stops when no cell of the variables' cross-classification changed its weighted
/// count by <c>epsilon</c> or more in the last pass — <c>epsilon</c> ≥ 1 is a count, below 1 a fraction of the sum of the
/// starting weights. For <see cref="CalibrationMethod.Raking"/>, <see cref="CalibrationMethod.Logit"/> and bounded
/// <see cref="CalibrationMethod.Linear"/> they are R <c>grake</c>'s: Newton steps until every margin's
/// |target − achieved| / (1 + |target|) is below the tolerance (default 1e-7), at most 50 iterations.
/// Post-stratification and unbounded linear calibration are closed forms and take neither.</para>
/// </remarks>
public sealed record CalibrationSpec
{
    /// <summary>R <c>rake</c>'s default <c>epsilon</c>.</summary>
    public const double DefaultRakeTolerance = 1;

    /// <summary>R <c>rake</c>'s default <c>maxit</c>.</summary>
    public const int DefaultRakeIterations = 10;

    /// <summary>R <c>calibrate</c>'s default <c>epsilon</c> (Newton iterations).</summary>
    public const double DefaultNewtonTolerance = 1e-7;

    /// <summary>R <c>calibrate</c>'s default <c>maxit</c> (Newton iterations).</summary>
    public const int DefaultNewtonIterations = 50;

    /// <summary>Creates a calibration.</summary>
    /// <exception cref="ArgumentException">Bounds on a method that takes none, logit without bounds, or bounds that do not contain 1.</exception>
    public CalibrationSpec(PopulationMargins margins, CalibrationMethod method, CalibrationBounds? bounds = null, double? tolerance = null, int? maxIterations = null)
    {
        ArgumentNullException.ThrowIfNull(margins);
        if (bounds is { } b && b.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(bounds));
        }

        if (bounds is not null && method is CalibrationMethod.PostStratify or CalibrationMethod.Rake)
        {
            throw new ArgumentException("bounds apply to linear, raking and logit calibration (R calibrate(bounds = )); post-stratification and raking by iterative proportional fitting take none", nameof(bounds));
        }

        if (bounds is null && method == CalibrationMethod.Logit)
        {
            throw new ArgumentException("logit calibration needs bounds L < 1 < U (the weights' factors lie between them)", nameof(bounds));
        }

        if (tolerance is { } t && !(t > 0 && double.IsFinite(t)))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "the tolerance must be a finite number > 0");
        }

        if (maxIterations is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "at least one iteration is needed");
        }

        Margins = margins;
        Method = method;
        Bounds = bounds;
        Tolerance = tolerance;
        MaxIterations = maxIterations;
    }

    /// <summary>The population margins.</summary>
    public PopulationMargins Margins { get; }

    /// <summary>The method.</summary>
    public CalibrationMethod Method { get; }

    /// <summary>Bounds on the factors g = w/d (linear, raking, logit), or null.</summary>
    public CalibrationBounds? Bounds { get; }

    /// <summary>The convergence tolerance, or null for the method's default (see the remarks).</summary>
    public double? Tolerance { get; }

    /// <summary>The largest number of iterations (raking: passes), or null for the method's default.</summary>
    public int? MaxIterations { get; }

    /// <summary>True when the method iterates (raking, Newton's method), so that a tolerance and iterations apply.</summary>
    public bool IsIterative => Method is CalibrationMethod.Rake or CalibrationMethod.Raking or CalibrationMethod.Logit
        || (Method == CalibrationMethod.Linear && Bounds is not null);

    /// <summary>The tolerance in force: the one given or the method's default (0 for the closed forms).</summary>
    public double EffectiveTolerance => !IsIterative ? 0 : Tolerance ?? (Method == CalibrationMethod.Rake ? DefaultRakeTolerance : DefaultNewtonTolerance);

    /// <summary>The iterations allowed: the number given or the method's default (1 for the closed forms).</summary>
    public int EffectiveMaxIterations => !IsIterative ? 1 : MaxIterations ?? (Method == CalibrationMethod.Rake ? DefaultRakeIterations : DefaultNewtonIterations);

    /// <summary>The method's name as the command line spells it.</summary>
    public static string NameOf(CalibrationMethod method) => method switch
    {
        CalibrationMethod.PostStratify => "poststratify",
        CalibrationMethod.Rake => "rake",
        CalibrationMethod.Linear => "linear",
        CalibrationMethod.Raking => "raking",
        CalibrationMethod.Logit => "logit",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>The method named as the command line spells it, or null.</summary>
    public static CalibrationMethod? Parse(string name) =>
        Enum.GetValues<CalibrationMethod>().Cast<CalibrationMethod?>().FirstOrDefault(m => NameOf(m!.Value) == name);

    /// <summary>A short description for tables and reports.</summary>
    public string Describe() =>
        $"calibrated: {NameOf(Method)}{(Bounds is { } b ? $" within {b}" : "")} to {Margins.Source} ({string.Join(", ", Margins.Variables.Select(v => v.Name))})";
}
