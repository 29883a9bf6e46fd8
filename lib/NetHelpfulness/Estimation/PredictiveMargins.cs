using System.Globalization;

namespace NetHelpfulness.Estimation;

/// <summary>One cell of a predictive margin (for example relationship = established × tracking = none).</summary>
/// <param name="Levels">The level of each margin variable, in the order of <see cref="PredictiveMargins.Variables"/>.</param>
/// <param name="Rows">The model's rows that are in this cell themselves.</param>
/// <param name="Estimate">The margin with its influence values, or null when the model cannot estimate it.</param>
/// <param name="Interval">Estimate ± t·SE with the model's residual degrees of freedom; null when not estimable.</param>
/// <param name="NotEstimable">Why the cell has no estimate, or null.</param>
public sealed record MarginCell(IReadOnlyList<string> Levels, int Rows, DesignEstimate? Estimate, ConfidenceInterval? Interval, string? NotEstimable);

/// <summary>A contrast between cells of a predictive margin: a level minus the reference level of one margin variable.</summary>
/// <param name="Name">For example <c>relationship established − none | tracking = geo_tracking</c> or <c>… | mean over tracking</c>.</param>
/// <param name="Variable">The variable whose levels are contrasted.</param>
/// <param name="Level">The level (or <c>(mean of the others)</c>).</param>
/// <param name="Reference">The reference level.</param>
/// <param name="Within">The other margin variable, or null with a single margin variable.</param>
/// <param name="WithinLevels">The levels of <paramref name="Within"/> averaged over (one level: the contrast within it).</param>
/// <param name="Estimate">The contrast, with its influence values.</param>
/// <param name="Interval">Estimate ± t·SE with the model's residual degrees of freedom.</param>
/// <param name="PValue">Two-sided, Student's t with the model's residual degrees of freedom.</param>
public sealed record MarginContrast(
    string Name, string Variable, string Level, string Reference, string? Within, IReadOnlyList<string> WithinLevels,
    DesignEstimate Estimate, ConfidenceInterval Interval, double? PValue);

/// <summary>
/// Predictive margins (marginal standardisation): for each cell of one or two factors, the model's mean prediction over
/// its own rows with those factors set to the cell and every other covariate as observed — the predicted net score of
/// a linear model of the net score, the predicted share of a model of helpful or creepy — and contrasts between cells.
/// </summary>
/// <remarks>
/// <para>m_c = Σ_i w_i g(x_i(c)′β̂) / Σ_i w_i over the model's rows, g the inverse link (Graubard and Korn 1999,
/// "Predictive margins with survey data", <i>Biometrics</i> 55:652–659; Lumley 2010, §5.2). Its influence on respondent r
/// is Σ_{rows i of r} w_i (g(η_i(c)) − m_c)/Σw, for the sample's covariate distribution, plus ∂m_c/∂β′ times the
/// coefficients' influence values, ∂m_c/∂β = Σ_i w_i g′(η_i(c)) x_i(c) / Σw — the full linearisation, with the covariance of
/// the two parts. R's <c>svypredmeans</c> adds the two parts' variances without that covariance; for a model whose
/// prediction does not vary within a cell (no other covariate) the two agree.</para>
/// <para>A cell is not estimable when some x_i(c) has a component along the null space of an aliased design
/// (a cell without rows of a saturated model, for example); it is then reported without an estimate.</para>
/// <para>Contrasts: for each non-reference level of a margin variable, the level minus the reference within each level of
/// the other margin variable, and their mean over its levels where both cells are estimable; for a variable of three or more
/// levels also the mean of the other levels minus the reference. Each is <see cref="DesignEstimates.Contrast"/> of the cells.</para>
/// </remarks>
public sealed class PredictiveMargins
{
    /// <summary>The level name of the contrast "mean of the other levels − reference".</summary>
    public const string MeanOfOthers = "(mean of the others)";

    private PredictiveMargins()
    {
    }

    /// <summary>The margin variables (factors of the model).</summary>
    public IReadOnlyList<string> Variables { get; private init; } = [];

    /// <summary>What is predicted: "net score", "share helpful", "share creepy".</summary>
    public string Scale { get; private init; } = "";

    /// <summary>Every combination of the variables' levels, the first variable varying fastest (as R's <c>expand.grid</c>).</summary>
    public IReadOnlyList<MarginCell> Cells { get; private init; } = [];

    /// <summary>Contrasts between the cells.</summary>
    public IReadOnlyList<MarginContrast> Contrasts { get; private init; } = [];

    /// <summary>The degrees of freedom of the t intervals and p-values (the model's residual df).</summary>
    public int DegreesOfFreedom { get; private init; }

    /// <summary>The cell of the given levels (in the order of <see cref="Variables"/>).</summary>
    /// <exception cref="ArgumentException">No such cell.</exception>
    public MarginCell Cell(params string[] levels) =>
        Cells.FirstOrDefault(c => c.Levels.SequenceEqual(levels, StringComparer.Ordinal))
        ?? throw new ArgumentException($"no cell {string.Join(" × ", levels)}", nameof(levels));

    internal static PredictiveMargins Compute(SurveyModelFit fit, IReadOnlyList<string> variables)
    {
        var frame = fit.Frame;
        var indices = new int[variables.Count];
        for (var k = 0; k < variables.Count; k++)
        {
            indices[k] = frame.Variables.ToList().FindIndex(v => v.Name == variables[k]);
            if (indices[k] < 0 || !frame.Variables[indices[k]].IsFactor)
            {
                throw new ModelException($"a predictive margin is taken over factors of the model; '{variables[k]}' is {(indices[k] < 0 ? "not a variable of the terms" : "a numeric covariate")} ({string.Join(", ", frame.Variables.Where(v => v.IsFactor).Select(v => v.Name))} are its factors)");
            }
        }

        if (indices.Distinct().Count() != indices.Length)
        {
            throw new ModelException("each margin variable once");
        }

        var outcome = frame.Specification.Outcome;
        var scale = outcome == ModelOutcome.Net ? "net score" : "share " + ModelSpecification.NameOf(outcome);
        var level = frame.Specification.Level;
        var df = fit.ResidualDegreesOfFreedom;
        var combinations = ModelFrame.Combinations([.. indices.Select(v => frame.Variables[v].Levels.Count)]);
        var cells = combinations.Select(levels => ComputeCell(fit, indices, levels, level, df)).ToList();
        var contrasts = new List<MarginContrast>();
        if (variables.Count is 1 or 2)
        {
            for (var k = 0; k < variables.Count; k++)
            {
                AddContrasts(fit, indices, combinations, cells, k, contrasts, level, df);
            }
        }

        return new PredictiveMargins { Variables = variables, Scale = scale, Cells = cells, Contrasts = contrasts, DegreesOfFreedom = df };
    }

    private static MarginCell ComputeCell(SurveyModelFit fit, int[] variables, int[] levels, double confidence, int df)
    {
        var frame = fit.Frame;
        var names = variables.Select((v, k) => frame.Variables[v].Levels[levels[k]]).ToArray();
        var overrides = frame.NoOverrides;
        for (var k = 0; k < variables.Length; k++)
        {
            overrides[variables[k]] = levels[k];
        }

        var kept = fit.Kept;
        var identity = fit.Family == ModelFamily.Linear;
        var x = new double[frame.Columns.Length];
        var fitted = new double[frame.PatternCount];
        var gradient = new double[kept.Length];
        var total = 0.0;
        var mean = 0.0;
        var ownCell = new bool[frame.PatternCount];
        for (var p = 0; p < frame.PatternCount; p++)
        {
            ownCell[p] = variables.Select((v, k) => frame.Code(v, p) == levels[k]).All(b => b);
            frame.Fill(p, overrides, x);
            if (!fit.IsEstimable(x))
            {
                return new MarginCell(names, CountRows(frame, ownCell), null, null,
                    "not estimable: the model's aliased columns leave this cell's prediction undetermined" + (CountRows(frame, ownCell) == 0 ? " (no rating is in the cell)" : ""));
            }

            var eta = 0.0;
            for (var c = 0; c < kept.Length; c++)
            {
                eta += x[kept[c]] * fit.Beta[c];
            }

            var mu = identity ? eta : SurveyModel.Expit(eta);
            var slope = identity ? 1 : mu * (1 - mu);
            fitted[p] = mu;
            var w = frame.PatternWeight[p];
            total += w;
            mean += w * mu;
            for (var c = 0; c < kept.Length; c++)
            {
                gradient[c] += w * slope * x[kept[c]];
            }
        }

        mean /= total;
        for (var c = 0; c < kept.Length; c++)
        {
            gradient[c] /= total;
        }

        var rowsInCell = CountRows(frame, ownCell);
        var rows = frame.Rows;
        var weights = frame.Design.Weights;
        var influence = new double[rows.RespondentCount];
        for (var i = 0; i < influence.Length; i++)
        {
            var sum = 0.0;
            for (var r = rows.Start[i]; r < rows.Start[i + 1]; r++)
            {
                sum += fitted[rows.Pattern[r]] - mean;
            }

            influence[i] = weights[i] * sum / total;
        }

        for (var c = 0; c < kept.Length; c++)
        {
            var g = gradient[c];
            var z = fit.Estimates[c].Influence;
            for (var i = 0; i < influence.Length; i++)
            {
                influence[i] += g * z[i];
            }
        }

        var first = fit.Estimates[0];
        var estimate = new DesignEstimate(fit.Design, string.Join(" × ", variables.Select((v, k) => $"{frame.Variables[v].Name} = {names[k]}")),
            mean, influence, first.DomainArray, first.WeightSum, first.WeightSquareSum);
        return new MarginCell(names, rowsInCell, estimate, ConfidenceInterval.StudentT(mean, estimate.StandardError, confidence, df), null);
    }

    private static int CountRows(ModelFrame frame, bool[] ownCell)
    {
        var count = 0;
        foreach (var p in frame.Rows.Pattern)
        {
            count += ownCell[p] ? 1 : 0;
        }

        return count;
    }

    private static void AddContrasts(SurveyModelFit fit, int[] variables, List<int[]> combinations, List<MarginCell> cells, int k, List<MarginContrast> contrasts, double confidence, int df)
    {
        var frame = fit.Frame;
        var variable = frame.Variables[variables[k]];
        var other = variables.Length == 2 ? frame.Variables[variables[1 - k]] : null;
        var otherLevels = other is null ? [-1] : Enumerable.Range(0, other.Levels.Count).ToArray();
        MarginCell? CellAt(int levelOfK, int levelOfOther) =>
            cells[combinations.FindIndex(c => c[k] == levelOfK && (other is null || c[1 - k] == levelOfOther))];

        void Add(string level, IReadOnlyList<(int Level, double Coefficient)> sides)
        {
            // One contrast within each level of the other variable, then their mean over the levels where every cell is estimable.
            var within = new List<(int OtherLevel, List<(MarginCell Cell, double Coefficient)> Terms)>();
            foreach (var o in otherLevels)
            {
                var terms = sides.Select(s => (Cell: CellAt(s.Level, o)!, s.Coefficient)).ToList();
                if (terms.All(t => t.Cell.Estimate is not null))
                {
                    within.Add((o, terms));
                }
            }

            var head = $"{variable.Name} {level} − {variable.Levels[0]}";
            foreach (var (o, terms) in within)
            {
                var name = other is null ? head : $"{head} | {other.Name} = {other.Levels[o]}";
                contrasts.Add(Make(name, level, other is null ? [] : [other.Levels[o]], terms));
            }

            if (other is not null && within.Count > 1)
            {
                var averaged = within.SelectMany(w => w.Terms.Select(t => (t.Cell, t.Coefficient / within.Count))).ToList();
                var usedLevels = within.Select(w => other.Levels[w.OtherLevel]).ToList();
                var name = $"{head} | mean over {other.Name}" + (within.Count < otherLevels.Length ? " = " + string.Join(", ", usedLevels) : "");
                contrasts.Add(Make(name, level, usedLevels, averaged));
            }
        }

        MarginContrast Make(string name, string level, IReadOnlyList<string> withinLevels, IReadOnlyList<(MarginCell Cell, double Coefficient)> terms)
        {
            var estimate = DesignEstimates.Contrast([.. terms.Select(t => t.Cell.Estimate!)], [.. terms.Select(t => t.Coefficient)], name);
            var se = estimate.StandardError;
            return new MarginContrast(name, variable.Name, level, variable.Levels[0], other?.Name, withinLevels, estimate,
                ConfidenceInterval.StudentT(estimate.Estimate, se, confidence, df), se > 0 ? PValues.TwoSidedStudentT(estimate.Estimate / se, df) : null);
        }

        for (var l = 1; l < variable.Levels.Count; l++)
        {
            Add(variable.Levels[l], [(l, 1.0), (0, -1.0)]);
        }

        if (variable.Levels.Count >= 3)
        {
            var others = variable.Levels.Count - 1;
            Add(MeanOfOthers, [.. Enumerable.Range(1, others).Select(l => (l, 1.0 / others)), (0, -1.0)]);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"predictive margins of {string.Join(" × ", Variables)} ({Cells.Count} cells, {Contrasts.Count} contrasts)");
}
