using System.Globalization;
using NetHelpfulness.Data;

namespace NetHelpfulness.Estimation.Calibration;

/// <summary>
/// Calibrates a survey design's weights to population margins — post-stratification, raking, linear (GREG) and bounded
/// calibration — and returns the calibrated design, on which every estimator of the package works unchanged, with
/// linearised variances that use the calibration residuals as R <c>survey</c> does.
/// </summary>
/// <remarks>
/// <para><b>Weights.</b> Starting from the design weights d (1 when unweighted), calibration finds factors g with
/// w_i = g_i d_i such that Σ_i w_i x_i = T, the population totals of the variables' levels (Deville and Särndal 1992,
/// JASA 87:376–382; Lumley 2010, <i>Complex Surveys</i>, ch. 7):</para>
/// <list type="bullet">
/// <item><description>post-stratification: g = N_g / Σ_{i∈g} d_i for the post-stratum g (R <c>postStratify</c>);</description></item>
/// <item><description>raking: iterative proportional fitting, post-stratifying on each variable in turn until the
/// cross-classified weighted table changes by less than the tolerance in a pass (R <c>rake</c>; Deming and Stephan 1940);</description></item>
/// <item><description>linear: g = 1 + x′λ, λ = (X′DX)⁻¹ (T − X′d), the GREG weights (R <c>calibrate(calfun = "linear")</c>);</description></item>
/// <item><description>raking distance g = exp(x′λ), logit distance g ∈ (L, U), and bounded (truncated) linear or raking:
/// Newton's method on the calibration equations as R <c>grake</c> (<c>calibrate(calfun = , bounds = )</c>).</description></item>
/// </list>
/// <para>The model of linear and Newton calibration is the main effects of the variables (an intercept and each
/// variable's levels but one). Every level of the data must have a margin and every margin a level in the data;
/// all variables' totals must add up to the same population.</para>
/// <para><b>Variance.</b> The calibrated design keeps the starting design's strata, PSUs and lonely-PSU rule; before any
/// variance, an estimator's influence values are replaced by their calibration residuals exactly as
/// <c>survey:::svyrecvar</c> does for the design's <c>postStrata</c> (see <see cref="DesignCalibration"/>), and every
/// stratum counts as present — R keeps every respondent of a calibrated design in a domain, with weight 0 outside it.
/// The bootstrap recalibrates every replicate (<see cref="Bootstrap"/>).</para>
/// </remarks>
public static class SurveyCalibration
{
    /// <summary>Relative difference allowed between two variables' population sizes.</summary>
    public const double PopulationTolerance = 1e-9;

    /// <summary>Calibrates the design <paramref name="spec"/> describes to its <see cref="DesignSpec.Calibration"/>.</summary>
    /// <exception cref="ArgumentException">The spec has no calibration, or names a column the survey does not have as a design column.</exception>
    /// <exception cref="SurveyDataException">The margins do not fit the survey: a variable that is not a column, a level without margin or a margin without respondents, totals of different populations.</exception>
    public static CalibrationResult Calibrate(SurveyResponses survey, DesignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(spec);
        var calibration = spec.Calibration ?? throw new ArgumentException("the design spec has no calibration", nameof(spec));
        return Calibrate(survey, survey.Design(spec with { Calibration = null }), calibration);
    }

    /// <summary>Calibrates a design built from <paramref name="survey"/> (its weights are the starting weights).</summary>
    /// <exception cref="ArgumentException">The design is not over the survey's respondents, or is calibrated already.</exception>
    /// <exception cref="SurveyDataException">The margins do not fit the survey (see <see cref="Calibrate(SurveyResponses, DesignSpec)"/>).</exception>
    public static CalibrationResult Calibrate(SurveyResponses survey, SurveyDesign design, CalibrationSpec calibration)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(calibration);
        NetScore.RequireRespondents(survey, design);
        if (design.Calibration is not null)
        {
            throw new ArgumentException("the design is calibrated already; calibrate the design it was calibrated from (to calibrate weights again, read them as a weight column)", nameof(design));
        }

        var cells = CalibrationCells.Build(survey, calibration.Margins);
        CheckMargins(calibration);
        var start = design.Weights.ToArray();
        var calibrator = new CellCalibrator(cells, calibration);
        var fit = calibrator.Fit(cells.CellTotals(start), keepLastPass: true);
        var weights = new double[start.Length];
        var notPositive = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = start[i] * fit.Factors[cells.CellOf[i]];
            if (!(weights[i] > 0 && double.IsFinite(weights[i])))
            {
                notPositive++;
            }
        }

        var problem = !fit.Converged ? calibrator.DescribeFailure(fit) + Advice(calibration)
            : notPositive > 0 ? string.Create(CultureInfo.InvariantCulture,
                $"{CalibrationSpec.NameOf(calibration.Method)} calibration gives {notPositive} respondent(s) a weight that is not positive (smallest factor g = w/d: {fit.Factors.Min():G6}); bound the factors (for example bounds 0.3 to 3) or use raking, whose weights stay positive")
            : calibration.Method == CalibrationMethod.Linear && calibration.Bounds is null && fit.LargestChange > 1e-8
                ? string.Create(CultureInfo.InvariantCulture,
                    $"linear calibration cannot meet every margin (largest |target − achieved| / (1 + |target|) = {fit.LargestChange:G6}): some variables' levels determine others' in the sample (for example a region within a country) and their totals disagree")
            : null;
        var margins = new List<MarginFit>();
        var (weightSum, startSum) = (WeightSummary.Of(weights).Sum, WeightSummary.Of(start).Sum);
        for (var k = 0; k < cells.Variables.Length; k++)
        {
            var variable = cells.Variables[k];
            var achieved = new CompensatedSum[variable.Levels.Count];
            var starting = new CompensatedSum[variable.Levels.Count];
            for (var i = 0; i < weights.Length; i++)
            {
                achieved[cells.LevelOf[k][i]].Add(weights[i]);
                starting[cells.LevelOf[k][i]].Add(start[i]);
            }

            margins.AddRange(variable.Levels.Select((l, j) => new MarginFit(variable.Name, l.Level, l.Total, achieved[j].Value, starting[j].Value, variable.Total, weightSum, startSum)));
        }

        var calibrated = problem is null ? design.WithWeights(weights, new DesignCalibration(calibrator, start, weights, fit)) : null;
        return new CalibrationResult(calibration, start, weights, fit.Iterations, fit.LargestChange, fit.Converged, problem, margins, fit.Scale, calibrated, fit.ExactDerivative);
    }

    private static string Advice(CalibrationSpec calibration) => calibration.Method == CalibrationMethod.Rake
        ? "; allow more passes (max iterations) or a larger tolerance, or check that the margins can be met together"
        : calibration.Bounds is not null
            ? "; allow more iterations, widen the bounds, or check that the margins can be met within them"
            : "; allow more iterations or check that the margins can be met together";

    private static void CheckMargins(CalibrationSpec calibration)
    {
        var variables = calibration.Margins.Variables;
        var source = calibration.Margins.Source;
        if (calibration.Method == CalibrationMethod.PostStratify && variables.Count > 1)
        {
            throw new SurveyDataException(new DataIssue(source, variables[1].Line, "variable", variables[1].Name,
                $"one variable for post-stratification (the margins name {string.Join(", ", variables.Select(v => $"'{v.Name}'"))}): cross columns as 'a:b' for their cells, or rake or calibrate to several margins"));
        }

        var issues = new List<DataIssue>();
        foreach (var variable in variables.Skip(1))
        {
            if (Math.Abs(variable.Total - variables[0].Total) > PopulationTolerance * variables[0].Total)
            {
                issues.Add(new DataIssue(source, variable.Line, "total", variable.Total.ToString("R", CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture,
                        $"totals of '{variable.Name}' that add up to the same population as those of '{variables[0].Name}' ({variables[0].Total:R}, within a relative {PopulationTolerance:0e0}): every variable's margins describe one population")));
            }
        }

        if (issues.Count > 0)
        {
            throw new SurveyDataException(issues, false);
        }
    }
}
