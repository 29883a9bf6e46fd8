using System.Globalization;
using NetHelpfulness.Data;

namespace NetHelpfulness.Estimation;

/// <summary>
/// A design-based regression on the stacked ratings — one row per respondent × answered scenario, the scenario's
/// catalogue columns joined, the respondent's columns as covariates — as R's <c>svyglm</c> fits it: linear for the net
/// score (coefficients in net points), logistic for helpful or creepy (coefficients are log odds ratios), with the
/// sandwich variance of a design whose clusters are the respondents or the PSUs that contain them.
/// </summary>
/// <remarks>
/// <para><b>Estimation.</b> β solves the weighted (pseudo-)likelihood equations Σ_i w_i x_i (y_i − μ_i) = 0 over the rows
/// (Binder 1983, <i>Int. Stat. Rev.</i> 51:279–292; Lumley 2010, <i>Complex Surveys</i>, ch. 5): weighted least squares
/// for the linear model, Newton–Raphson (IRLS, with step halving) for the logit, iterated until no coefficient moves
/// by more than 10⁻¹⁰ of its size. Rows that share their covariate values (a respondent profile × a scenario) are summed
/// first, so a fit costs one pass over the rows plus p² work per distinct pattern and iteration.</para>
/// <para><b>Variance.</b> The coefficients' influence on a row is A⁻¹ x_i w_i (y_i − μ_i), A = Σ_i w_i v_i x_i x_i′
/// (v_i = 1, or μ_i(1 − μ_i) for the logit); summed over a respondent's rows it is an influence value over the design's
/// respondents, so every coefficient is a <see cref="DesignEstimate"/> and its covariance is <see cref="SurveyDesign.Covariance"/>
/// — R's <c>survey:::svy.varcoef</c>, i.e. <c>svyrecvar(estfun %*% Ainv, ...)</c>. Respondents without a rating stay in
/// the design (as <c>svyglm</c>'s <c>design[-nas, ]</c> keeps every PSU in its stratum). A calibrated design's projection of
/// influence values applies inside <see cref="SurveyDesign.Covariance"/>, so calibrated designs need nothing here.</para>
/// <para><b>Degrees of freedom.</b> The design's: PSUs with a rating − strata with a rating (R <c>degf</c>); the residual
/// df is that + 1 − p (R's <c>df.residual</c> of an <c>svyglm</c>), used for t intervals and p-values and for the F tests.</para>
/// <para><b>Refusals.</b> A singular design matrix (aliased columns: named, with what they are aliased with; R would
/// drop them with <c>NA</c>; <see cref="AliasedColumns.Drop"/> does the same), a logistic fit whose fitted probability of
/// some rows comes within 10⁻¹⁰ of 0 or 1 (separation: the maximum likelihood estimate does not exist), and one that has
/// not converged in <see cref="MaxIterations"/> iterations.</para>
/// </remarks>
public static class SurveyModel
{
    /// <summary>The most IRLS iterations of a logistic fit.</summary>
    public const int MaxIterations = 100;

    /// <summary>A logistic fit whose fitted probability of some rows is within this of 0 or 1 separates (R's glm warns at 10·ε ≈ 2·10⁻¹⁵).</summary>
    public const double SeparationThreshold = 1e-10;

    /// <summary>A column whose Cholesky pivot is at most this share of its diagonal is aliased with earlier columns.</summary>
    public const double AliasTolerance = 1e-10;

    private const double StepTolerance = 1e-10;

    /// <summary>Fits the model.</summary>
    /// <param name="survey">The survey (its ratings are stacked).</param>
    /// <param name="scenarios">The catalogue whose columns are joined by scenario, or null when no term names one.</param>
    /// <param name="design">The design of the survey's respondents (weights, strata, PSUs; calibrated or not).</param>
    /// <param name="specification">Outcome, family, terms, references.</param>
    /// <exception cref="ModelException">A term names no column, a factor has one level, the design matrix is singular, or a logistic fit separates or does not converge.</exception>
    /// <exception cref="SurveyDataException">A variable's value is empty or varies within a respondent, or a survey scenario is not in the catalogue.</exception>
    /// <exception cref="InsufficientDataException">No rating, or fewer design degrees of freedom than coefficients.</exception>
    public static SurveyModelFit Fit(SurveyResponses survey, ScenarioAttributes? scenarios, SurveyDesign design, ModelSpecification specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var family = specification.EffectiveFamily;
        if (family == ModelFamily.Logit && specification.Outcome == ModelOutcome.Net)
        {
            throw new ModelException("the net score is −1/0/+1, not 0/1: a logistic model needs the outcome helpful or creepy (or fit the net score with the linear model)");
        }

        var frame = ModelFrame.Build(survey, scenarios, design, specification);
        var structural = CrossProduct(frame, [.. Enumerable.Range(0, frame.Columns.Length)], frame.PatternWeight);
        var (kept, aliased) = SymmetricMatrix.KeptColumns(structural, AliasTolerance);
        var aliases = Aliases(structural, kept, aliased);
        if (aliased.Length > 0 && specification.Aliased == AliasedColumns.Refuse)
        {
            throw new ModelException(DescribeAliasing(frame, kept, aliased, aliases));
        }

        var (beta, mu, information, iterations) = family == ModelFamily.Linear
            ? FitLinear(frame, kept, SymmetricMatrix.Select(structural, kept))
            : FitLogit(frame, kept);
        var influence = Influence(frame, kept, mu, information.Inverse());
        return new SurveyModelFit(frame, family, kept, aliased, aliases, beta, mu, iterations, influence);
    }

    /// <summary>Σ_p weight_p x_p x_p′ over the patterns, for the columns <paramref name="columns"/>.</summary>
    internal static double[,] CrossProduct(ModelFrame frame, int[] columns, double[] weight)
    {
        var k = columns.Length;
        var sum = new double[k, k];
        var scratch = new double[frame.Columns.Length];
        var x = new double[k];
        for (var p = 0; p < frame.PatternCount; p++)
        {
            var w = weight[p];
            if (w == 0)
            {
                continue;
            }

            Gather(frame.Row(p, scratch), columns, x);
            for (var a = 0; a < k; a++)
            {
                var wa = w * x[a];
                if (wa == 0)
                {
                    continue;
                }

                for (var b = 0; b <= a; b++)
                {
                    sum[a, b] += wa * x[b];
                }
            }
        }

        for (var a = 0; a < k; a++)
        {
            for (var b = 0; b < a; b++)
            {
                sum[b, a] = sum[a, b];
            }
        }

        return sum;
    }

    internal static void Gather(ReadOnlySpan<double> row, int[] columns, Span<double> x)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            x[c] = row[columns[c]];
        }
    }

    internal static double LinearPredictor(ReadOnlySpan<double> x, double[] beta)
    {
        var eta = 0.0;
        for (var c = 0; c < beta.Length; c++)
        {
            eta += x[c] * beta[c];
        }

        return eta;
    }

    /// <summary>The logistic function 1 / (1 + e^−η).</summary>
    internal static double Expit(double eta) => eta >= 0 ? 1 / (1 + Math.Exp(-eta)) : Math.Exp(eta) / (1 + Math.Exp(eta));

    private static (double[] Beta, double[] Mu, SymmetricMatrix Information, int Iterations) FitLinear(ModelFrame frame, int[] kept, double[,] crossProduct)
    {
        var information = SymmetricMatrix.Factor(crossProduct) ?? throw Singular(frame, kept);
        var right = new double[kept.Length];
        var scratch = new double[frame.Columns.Length];
        var x = new double[kept.Length];
        for (var p = 0; p < frame.PatternCount; p++)
        {
            Gather(frame.Row(p, scratch), kept, x);
            for (var c = 0; c < kept.Length; c++)
            {
                right[c] += frame.PatternOutcome[p] * x[c];
            }
        }

        var beta = information.Solve(right);
        return (beta, Predictions(frame, kept, beta, identity: true), information, 1);
    }

    private static double[] Predictions(ModelFrame frame, int[] kept, double[] beta, bool identity)
    {
        var mu = new double[frame.PatternCount];
        var scratch = new double[frame.Columns.Length];
        var x = new double[kept.Length];
        for (var p = 0; p < mu.Length; p++)
        {
            Gather(frame.Row(p, scratch), kept, x);
            var eta = LinearPredictor(x, beta);
            mu[p] = identity ? eta : Expit(eta);
        }

        return mu;
    }

    private static (double[] Beta, double[] Mu, SymmetricMatrix Information, int Iterations) FitLogit(ModelFrame frame, int[] kept)
    {
        var outcome = ModelSpecification.NameOf(frame.Specification.Outcome);
        var totalWeight = frame.PatternWeight.Sum();
        var share = frame.PatternOutcome.Sum() / totalWeight;
        if (!(share > 0 && share < 1))
        {
            throw new ModelException(string.Create(CultureInfo.InvariantCulture,
                $"no logistic model of '{outcome}': {(share > 0 ? "every" : "no")} rating of the model's {frame.Rows.Count} is {outcome}, so the fit separates at once"));
        }

        // Start from the intercept-only fit (column 0, the intercept, is always kept first).
        var beta = new double[kept.Length];
        beta[0] = Math.Log(share / (1 - share));
        var deviance = Deviance(frame, kept, beta);
        var step = new double[kept.Length];
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            var mu = Predictions(frame, kept, beta, identity: false);
            var weights = new double[frame.PatternCount];
            var gradient = new double[kept.Length];
            var scratch = new double[frame.Columns.Length];
            var x = new double[kept.Length];
            for (var p = 0; p < frame.PatternCount; p++)
            {
                weights[p] = frame.PatternWeight[p] * mu[p] * (1 - mu[p]);
                Gather(frame.Row(p, scratch), kept, x);
                var residual = frame.PatternOutcome[p] - (frame.PatternWeight[p] * mu[p]);
                for (var c = 0; c < kept.Length; c++)
                {
                    gradient[c] += residual * x[c];
                }
            }

            var information = SymmetricMatrix.Factor(CrossProduct(frame, kept, weights))
                ?? throw Separated(frame, kept, mu, step, iteration);
            var newton = information.Solve(gradient);
            var scale = 1.0;
            double[] next;
            double nextDeviance;
            while (true)
            {
                next = [.. beta.Select((b, c) => b + (scale * newton[c]))];
                nextDeviance = Deviance(frame, kept, next);
                if (nextDeviance <= deviance + (1e-12 * Math.Abs(deviance)) || scale < 1e-10)
                {
                    break;
                }

                scale /= 2;
            }

            var largest = 0.0;
            for (var c = 0; c < kept.Length; c++)
            {
                step[c] = next[c] - beta[c];
                largest = Math.Max(largest, Math.Abs(step[c]) / (1 + Math.Abs(next[c])));
            }

            beta = next;
            deviance = nextDeviance;
            mu = Predictions(frame, kept, beta, identity: false);
            for (var p = 0; p < mu.Length; p++)
            {
                if (frame.PatternWeight[p] > 0 && (mu[p] < SeparationThreshold || mu[p] > 1 - SeparationThreshold))
                {
                    throw Separated(frame, kept, mu, step, iteration);
                }
            }

            if (largest <= StepTolerance)
            {
                for (var p = 0; p < frame.PatternCount; p++)
                {
                    weights[p] = frame.PatternWeight[p] * mu[p] * (1 - mu[p]);
                }

                var final = SymmetricMatrix.Factor(CrossProduct(frame, kept, weights)) ?? throw Separated(frame, kept, mu, step, iteration);
                return (beta, mu, final, iteration);
            }
        }

        throw new ModelException(string.Create(CultureInfo.InvariantCulture,
            $"the logistic fit of '{outcome}' did not converge in {MaxIterations} iterations (largest last step: {step.Max(Math.Abs):G3} in {LargestStep(frame, kept, step)}); drop or merge terms with few ratings"));
    }

    // −2 × the binomial log pseudo-likelihood, Σ_p −2 [Y_p log μ_p + (W_p − Y_p) log(1 − μ_p)], from η for stability.
    private static double Deviance(ModelFrame frame, int[] kept, double[] beta)
    {
        var scratch = new double[frame.Columns.Length];
        var x = new double[kept.Length];
        var sum = new CompensatedSum();
        for (var p = 0; p < frame.PatternCount; p++)
        {
            Gather(frame.Row(p, scratch), kept, x);
            var eta = LinearPredictor(x, beta);
            var y = frame.PatternOutcome[p];
            var w = frame.PatternWeight[p];
            sum.Add(2 * ((y * Softplus(-eta)) + ((w - y) * Softplus(eta))));
        }

        return sum.Value;
    }

    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    // Per respondent: the sum over their rows of A⁻¹ x w (y − μ), one array per kept coefficient.
    private static double[][] Influence(ModelFrame frame, int[] kept, double[] mu, double[,] inverse)
    {
        var rows = frame.Rows;
        var n = rows.RespondentCount;
        var k = kept.Length;
        var influence = new double[k][];
        for (var c = 0; c < k; c++)
        {
            influence[c] = new double[n];
        }

        var weights = frame.Design.Weights;
        var outcome = frame.Specification.Outcome;
        var scratch = new double[frame.Columns.Length];
        var score = new double[k];
        var used = new int[k];
        for (var i = 0; i < n; i++)
        {
            if (rows.Start[i] == rows.Start[i + 1])
            {
                continue;
            }

            Array.Clear(score);
            for (var r = rows.Start[i]; r < rows.Start[i + 1]; r++)
            {
                var p = rows.Pattern[r];
                var residual = ModelFrame.Outcome(outcome, rows.Score[r]) - mu[p];
                var x = frame.Row(p, scratch);
                for (var c = 0; c < k; c++)
                {
                    var xc = x[kept[c]];
                    if (xc != 0)
                    {
                        score[c] += residual * xc;
                    }
                }
            }

            // A respondent's score has few non-zero entries (the columns of their own rows): multiply only those.
            var nonZero = 0;
            for (var b = 0; b < k; b++)
            {
                if (score[b] != 0)
                {
                    used[nonZero++] = b;
                }
            }

            var w = weights[i];
            for (var a = 0; a < k; a++)
            {
                var s = 0.0;
                for (var m = 0; m < nonZero; m++)
                {
                    s += inverse[a, used[m]] * score[used[m]];
                }

                influence[a][i] = w * s;
            }
        }

        return influence;
    }

    // For each aliased column j, the combination of kept columns it equals: A_kk⁻¹ A_kj.
    private static double[][] Aliases(double[,] crossProduct, int[] kept, int[] aliased)
    {
        if (aliased.Length == 0)
        {
            return [];
        }

        var factor = SymmetricMatrix.Factor(SymmetricMatrix.Select(crossProduct, kept))!;
        return [.. aliased.Select(j => factor.Solve([.. kept.Select(k => crossProduct[k, j])]))];
    }

    private static string DescribeAliasing(ModelFrame frame, int[] kept, int[] aliased, double[][] aliases)
    {
        var lines = new List<string>();
        foreach (var (j, a) in aliased.Zip(aliases).Take(5))
        {
            var name = frame.Columns[j].Name;
            var combination = string.Join(" ", kept.Select((k, c) => (Name: frame.Columns[k].Name, Coefficient: a[c]))
                .Where(t => Math.Abs(t.Coefficient) > 1e-8).Select((t, i) => Signed(t.Coefficient, i == 0) + t.Name));
            lines.Add(combination.Length == 0 ? $"'{name}' is zero on every row" : $"'{name}' = {combination}");
        }

        var empty = EmptyCells(frame, aliased);
        return $"the model's design matrix is singular: {aliased.Length} column{(aliased.Length == 1 ? " is" : "s are")} a linear combination of earlier columns on the model's rows "
            + $"({string.Join("; ", lines)}{(aliased.Length > 5 ? "; …" : "")})"
            + (empty.Count > 0 ? $"; cells without ratings: {string.Join(", ", empty.Take(8))}{(empty.Count > 8 ? ", …" : "")}" : "")
            + ". R's svyglm would drop the aliased columns (coefficients NA); drop or merge the terms concerned, or fit with the aliased columns dropped as R does (--aliased drop)";
    }

    private static string Signed(double coefficient, bool first)
    {
        var magnitude = Math.Abs(coefficient);
        var number = Math.Abs(magnitude - 1) < 1e-9 ? "" : magnitude.ToString("0.######", CultureInfo.InvariantCulture) + "·";
        return (coefficient < 0 ? (first ? "−" : "− ") : first ? "" : "+ ") + number;
    }

    // The level combinations of the aliased columns' factors that no row has (for example a relationship × tracking cell).
    private static List<string> EmptyCells(ModelFrame frame, int[] aliased)
    {
        var result = new List<string>();
        foreach (var term in aliased.Select(j => frame.Columns[j].Term).Where(t => t >= 0).Distinct())
        {
            var factors = frame.Formula.Terms[term].Where(v => frame.Variables[v].IsFactor).ToArray();
            if (factors.Length < 2)
            {
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var p = 0; p < frame.PatternCount; p++)
            {
                seen.Add(string.Join("|", factors.Select(v => frame.Code(v, p))));
            }

            var combinations = ModelFrame.Combinations([.. factors.Select(v => frame.Variables[v].Levels.Count)]);
            result.AddRange(combinations.Where(c => !seen.Contains(string.Join("|", c)))
                .Select(c => string.Join(" × ", factors.Select((v, i) => $"{frame.Variables[v].Name} = {frame.Variables[v].Levels[c[i]]}"))));
        }

        return [.. result.Distinct()];
    }

    private static ModelException Singular(ModelFrame frame, int[] kept) =>
        new($"the model's cross-product matrix is not positive definite on the columns {string.Join(", ", kept.Select(k => frame.Columns[k].Name))}; the design matrix is numerically singular");

    private static ModelException Separated(ModelFrame frame, int[] kept, double[] mu, double[] step, int iteration)
    {
        var outcome = ModelSpecification.NameOf(frame.Specification.Outcome);
        var extreme = Enumerable.Range(0, frame.PatternCount)
            .Where(p => frame.PatternWeight[p] > 0 && (mu[p] < SeparationThreshold || mu[p] > 1 - SeparationThreshold)).ToList();
        var groups = extreme.Take(3).Select(p =>
        {
            var observed = frame.PatternOutcome[p] / frame.PatternWeight[p];
            var what = observed == 0 ? $"none {outcome}" : observed == 1 ? $"all {outcome}" : string.Create(CultureInfo.InvariantCulture, $"{observed:P1} {outcome}");
            return $"{frame.Describe(p)} ({what}, fitted {(mu[p] < 0.5 ? "0" : "1")})";
        });
        return new ModelException(string.Create(CultureInfo.InvariantCulture,
            $"the logistic fit of '{outcome}' separates (iteration {iteration}): the fitted probability of some rows goes to 0 or 1, so the maximum likelihood estimate does not exist; "
            + $"{extreme.Count} group{(extreme.Count == 1 ? "" : "s")} of rows: {string.Join("; ", groups)}{(extreme.Count > 3 ? "; …" : "")}; "
            + $"diverging: {LargestStep(frame, kept, step)}. Drop or merge the terms or levels concerned"));
    }

    private static string LargestStep(ModelFrame frame, int[] kept, double[] step)
    {
        var largest = step.Max(Math.Abs);
        return largest == 0 ? "no coefficient" : string.Join(", ", kept.Where((_, c) => Math.Abs(step[c]) >= largest / 2).Select(k => frame.Columns[k].Name));
    }
}
