using System.Globalization;

namespace NetHelpfulness.Estimation;

/// <summary>A coefficient of a fitted model, with its design-based standard error, t interval and p-value.</summary>
/// <param name="Name">The design matrix's column, as R's <c>model.matrix</c> names it (<c>relationshipestablished:trackinggeo_tracking</c>).</param>
/// <param name="Term">The term it belongs to (<c>relationship:tracking</c>), or <c>(Intercept)</c>.</param>
/// <param name="Estimate">The coefficient with its influence values over the design's respondents (so contrasts of coefficients come from <see cref="DesignEstimates"/>), or null when the column is aliased.</param>
/// <param name="StandardError">Its linearised standard error; null when aliased.</param>
/// <param name="TStatistic">Estimate / SE; null when aliased or the SE is 0.</param>
/// <param name="PValue">Two-sided, Student's t with the model's residual degrees of freedom (as <c>summary.svyglm</c>); null when aliased or the SE is 0.</param>
/// <param name="Interval">Estimate ± t·SE with the residual degrees of freedom (as <c>confint.svyglm</c>); null when aliased.</param>
public sealed record ModelCoefficient(string Name, string Term, DesignEstimate? Estimate, double? StandardError, double? TStatistic, double? PValue, ConfidenceInterval? Interval)
{
    /// <summary>True when the column is a linear combination of earlier ones and was dropped (R's <c>NA</c>).</summary>
    public bool IsAliased => Estimate is null;

    /// <summary>The coefficient's value, or null when aliased.</summary>
    public double? Value => Estimate?.Estimate;
}

/// <summary>A Wald test that every coefficient of a term is 0, as R's <c>regTermTest(model, ~term)</c> (method "Wald").</summary>
/// <param name="Term">The term's label.</param>
/// <param name="Columns">Its (estimable) columns.</param>
/// <param name="Df">Numerator degrees of freedom: the number of its estimable columns.</param>
/// <param name="DenominatorDf">The model's residual degrees of freedom (regTermTest's default <c>df</c>).</param>
/// <param name="ChiSquare">β′V⁻¹β over the term's coefficients.</param>
/// <param name="F">χ² / df.</param>
/// <param name="PChiSquare">P(χ²_df ≥ χ²): regTermTest with <c>df = Inf</c>.</param>
/// <param name="PF">P(F_{df, ddf} ≥ F): regTermTest's default.</param>
public sealed record ModelTermTest(string Term, IReadOnlyList<string> Columns, int Df, int DenominatorDf, double ChiSquare, double F, double PChiSquare, double PF);

/// <summary>
/// A fitted design-based model of the stacked ratings (<see cref="SurveyModel.Fit"/>): coefficients as design estimates,
/// their covariance, Wald tests of terms and predictive margins.
/// </summary>
/// <remarks>
/// Tests: χ² = β̂_T′ V_T⁻¹ β̂_T over a term's coefficients, F = χ²/q with (q, residual df) degrees of freedom — R's
/// <c>regTermTest</c> (Lumley and Scott 2014, "Tests for regression models fitted to survey data", <i>Aust. N. Z. J.
/// Stat.</i> 56:1–14), whose F form is the default and whose χ² form is <c>df = Inf</c>.
/// </remarks>
public sealed class SurveyModelFit
{
    private static readonly string[] MarginCandidates = ["relationship", "tracking"];
    private readonly double[][] _aliases;
    private readonly double[,] _covariance;

    internal SurveyModelFit(ModelFrame frame, ModelFamily family, int[] kept, int[] aliased, double[][] aliases, double[] beta, double[] mu, int iterations, double[][] influence)
    {
        Frame = frame;
        Family = family;
        Kept = kept;
        AliasedColumns = aliased;
        _aliases = aliases;
        Beta = beta;
        FittedByPattern = mu;
        Iterations = iterations;
        var design = frame.Design;
        var rows = frame.Rows;
        var domain = rows.RespondentHasRows;
        double weightSum = 0, weightSquares = 0;
        var weights = design.Weights;
        var psuSeen = new bool[design.PsuCount];
        var stratumSeen = new bool[design.StratumCount];
        for (var i = 0; i < domain.Length; i++)
        {
            if (domain[i])
            {
                weightSum += weights[i];
                weightSquares += weights[i] * weights[i];
                psuSeen[design.PsuOf[i]] = true;
                stratumSeen[design.StratumOf[i]] = true;
                RespondentCount++;
            }
        }

        PsuCount = psuSeen.Count(x => x);
        StratumCount = stratumSeen.Count(x => x);
        DesignDegreesOfFreedom = PsuCount - StratumCount;
        ResidualDegreesOfFreedom = DesignDegreesOfFreedom + 1 - kept.Length;
        if (ResidualDegreesOfFreedom <= 0)
        {
            throw new InsufficientDataException(string.Create(CultureInfo.InvariantCulture,
                $"the design has {DesignDegreesOfFreedom} degrees of freedom ({PsuCount} PSUs with ratings − {StratumCount} strata), too few for a model with {kept.Length} coefficients (R's svyglm would give NaN p-values): fewer terms, or a design with more PSUs"));
        }

        Estimates = [.. kept.Select((k, c) => new DesignEstimate(design, frame.Columns[k].Name, beta[c], influence[c], domain, weightSum, weightSquares))];
        _covariance = design.Covariance(Estimates);
        var level = frame.Specification.Level;
        var coefficients = new List<ModelCoefficient>();
        for (var j = 0; j < frame.Columns.Length; j++)
        {
            var column = frame.Columns[j];
            var term = column.Term < 0 ? column.Name : frame.Formula.TermLabels[column.Term];
            var c = Array.IndexOf(kept, j);
            if (c < 0)
            {
                coefficients.Add(new ModelCoefficient(column.Name, term, null, null, null, null, null));
                continue;
            }

            var se = Math.Sqrt(_covariance[c, c]);
            double? t = se > 0 ? beta[c] / se : null;
            coefficients.Add(new ModelCoefficient(column.Name, term, Estimates[c], se, t,
                t is { } tv ? PValues.TwoSidedStudentT(tv, ResidualDegreesOfFreedom) : null,
                ConfidenceInterval.StudentT(beta[c], se, level, ResidualDegreesOfFreedom)));
        }

        Coefficients = coefficients;
    }

    /// <summary>What was fitted.</summary>
    public ModelSpecification Specification => Frame.Specification;

    /// <summary>The family used (the specification's, or the outcome's default).</summary>
    public ModelFamily Family { get; }

    /// <summary>The parsed terms.</summary>
    public ModelFormula Formula => Frame.Formula;

    /// <summary>The model's variables (source, factor or numeric, levels with the reference first).</summary>
    public IReadOnlyList<ModelVariable> Variables => Frame.Variables;

    /// <summary>Every column of the design matrix, aliased ones included, in R's order.</summary>
    public IReadOnlyList<ModelCoefficient> Coefficients { get; }

    /// <summary>The estimable coefficients as design estimates, in the order of <see cref="Covariance"/>.</summary>
    public IReadOnlyList<DesignEstimate> Estimates { get; }

    /// <summary>The design covariance of the estimable coefficients (R's <c>vcov(svyglm)</c>).</summary>
    public double[,] Covariance => (double[,])_covariance.Clone();

    /// <summary>The design of the survey's respondents.</summary>
    public SurveyDesign Design => Frame.Design;

    /// <summary>Rows of the stacked data (answered ratings).</summary>
    public int RowCount => Frame.Rows.Count;

    /// <summary>Respondents with at least one row.</summary>
    public int RespondentCount { get; }

    /// <summary>PSUs with at least one row.</summary>
    public int PsuCount { get; }

    /// <summary>Strata with at least one row.</summary>
    public int StratumCount { get; }

    /// <summary>The design's degrees of freedom, PSUs − strata among those with rows (R <c>degf</c>).</summary>
    public int DesignDegreesOfFreedom { get; }

    /// <summary>Design df + 1 − estimable coefficients (R's <c>df.residual</c> of an svyglm).</summary>
    public int ResidualDegreesOfFreedom { get; }

    /// <summary>Iterations of the fit (1 for the linear model).</summary>
    public int Iterations { get; }

    /// <summary>A coefficient by its column name.</summary>
    /// <exception cref="ArgumentException">No such column.</exception>
    public ModelCoefficient Coefficient(string name) =>
        Coefficients.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"the model has no column '{name}'; it has {string.Join(", ", Coefficients.Select(c => c.Name))}", nameof(name));

    /// <summary>The Wald test of every term that can be tested (<see cref="UntestedTerms"/> lists the others), in the formula's order.</summary>
    public IReadOnlyList<ModelTermTest> Tests() =>
        [.. Formula.TermLabels.Except(UntestedTerms, StringComparer.Ordinal).Where(t => Coefficients.Any(c => c.Term == t && !c.IsAliased)).Select(Test)];

    /// <summary>
    /// Terms with estimable columns whose coefficients' design covariance is singular, so that no Wald test exists (for
    /// example a factor level held by a single PSU, whose residuals sum to zero within it).
    /// </summary>
    public IReadOnlyList<string> UntestedTerms =>
        [.. Formula.TermLabels.Where(t =>
        {
            var indices = Enumerable.Range(0, Estimates.Count).Where(c => Frame.Columns[Kept[c]].Term >= 0 && Formula.TermLabels[Frame.Columns[Kept[c]].Term] == t).ToList();
            return indices.Count > 0 && SymmetricMatrix.Factor(SymmetricMatrix.Select(_covariance, indices)) is null;
        })];

    /// <summary>The Wald test that every estimable coefficient of a term is 0 (R <c>regTermTest(model, ~term)</c>).</summary>
    /// <param name="term">A term label (<c>relationship:tracking</c>; the order of its variables does not matter).</param>
    /// <exception cref="ArgumentException">The model has no such term, or none of its columns is estimable.</exception>
    /// <exception cref="InsufficientDataException">The covariance of the term's coefficients is singular.</exception>
    public ModelTermTest Test(string term)
    {
        var label = Formula.CanonicalLabel(term) ?? throw new ArgumentException($"the model has no term '{term}'; its terms are {string.Join(", ", Formula.TermLabels)}", nameof(term));
        var indices = Enumerable.Range(0, Estimates.Count).Where(c => Frame.Columns[Kept[c]].Term >= 0 && Formula.TermLabels[Frame.Columns[Kept[c]].Term] == label).ToList();
        if (indices.Count == 0)
        {
            throw new ArgumentException($"every column of the term '{label}' is aliased", nameof(term));
        }

        var covariance = SymmetricMatrix.Factor(SymmetricMatrix.Select(_covariance, indices))
            ?? throw new InsufficientDataException($"the covariance of the coefficients of '{label}' is singular, so the term cannot be tested");
        var chi = covariance.QuadraticForm([.. indices.Select(c => Beta[c])]);
        var q = indices.Count;
        var f = chi / q;
        return new ModelTermTest(label, [.. indices.Select(c => Frame.Columns[Kept[c]].Name)], q, ResidualDegreesOfFreedom, chi, f,
            PValues.UpperChiSquare(chi, q), PValues.UpperF(f, q, ResidualDegreesOfFreedom));
    }

    /// <summary>The factors whose predictive margins are shown by default: those of relationship and tracking that are factors of the model.</summary>
    public IReadOnlyList<string> DefaultMarginVariables =>
        [.. MarginCandidates.Where(n => Variables.Any(v => v.Name == n && v.IsFactor))];

    /// <summary>The predictive margins of the cells of <paramref name="variables"/> (default <see cref="DefaultMarginVariables"/>) and contrasts between them.</summary>
    /// <exception cref="ModelException">A variable is not a factor of the model.</exception>
    public PredictiveMargins Margins(IReadOnlyList<string>? variables = null) => PredictiveMargins.Compute(this, variables ?? DefaultMarginVariables);

    internal ModelFrame Frame { get; }

    internal int[] Kept { get; }

    internal int[] AliasedColumns { get; }

    internal double[] Beta { get; }

    internal double[] FittedByPattern { get; }

    /// <summary>True when x′β is estimable: x is orthogonal to the null space of the design matrix (x_j = Σ_k a_jk x_k for every aliased column j).</summary>
    internal bool IsEstimable(ReadOnlySpan<double> x)
    {
        for (var a = 0; a < AliasedColumns.Length; a++)
        {
            var combination = 0.0;
            var size = 0.0;
            for (var c = 0; c < Kept.Length; c++)
            {
                var term = _aliases[a][c] * x[Kept[c]];
                combination += term;
                size += Math.Abs(term);
            }

            if (Math.Abs(x[AliasedColumns[a]] - combination) > 1e-8 * (1 + size))
            {
                return false;
            }
        }

        return true;
    }
}
