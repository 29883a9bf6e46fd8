using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace NetHelpfulness.Estimation.Calibration;

/// <summary>The outcome of calibrating cell totals: each cell's factor g = w/d and how the iterations went.</summary>
/// <param name="Factors">g of each cell.</param>
/// <param name="Iterations">Passes (raking), Newton iterations, or 1 (closed forms).</param>
/// <param name="LargestChange">Raking: the largest change of a cell's weighted count in the last pass; otherwise the largest |target − achieved| / (1 + |target|).</param>
/// <param name="Converged">True when the criterion fell below the tolerance within the iterations allowed.</param>
/// <param name="LastPassFactors">Raking only: [variable][cell], the factors after each variable's step of the last pass (for the variance).</param>
/// <param name="Scale">Newton's method only: the factor the starting weights were scaled by before the bounds applied (1 when none).</param>
/// <param name="ExactDerivative">Bounded raking only: R's iterations did not converge, and these are Newton's with the truncated function's exact derivative.</param>
internal sealed record CellFit(double[] Factors, int Iterations, double LargestChange, bool Converged, double[][]? LastPassFactors = null, double Scale = 1, bool ExactDerivative = false);

/// <summary>
/// The calibration methods on the cells of the calibration variables: post-stratification, raking (iterative proportional
/// fitting), linear (GREG) calibration and the bounded or non-linear distances by Newton's method, each the algorithm of
/// R <c>survey</c> 4.1 (<c>postStratify</c>, <c>rake</c>, <c>regcalibrate</c>, <c>grake</c>) written for cells.
/// </summary>
/// <remarks>
/// The model matrix has an intercept and, for every variable, the indicators of its levels but the first in ordinal order
/// (R's treatment contrasts with the levels sorted as in the C locale): the calibrated weights do not depend on the basis,
/// but grake's rescaling (the mean of the totals' ratios) does, so the basis is R's.
/// </remarks>
internal sealed class CellCalibrator
{
    private const double RescaleThreshold = 20; // grake's SOMETHRESHOLD
    private const double GinvTolerance = 256 * 2.220446049250313e-16; // 256 × R's .Machine$double.eps

    private readonly CalibrationCells _cells;
    private readonly CalibrationSpec _spec;
    private readonly double[][] _targets;     // [variable][level]
    private readonly double[,] _model;        // [cell, column]
    private readonly double[] _modelTargets;  // [column]

    public CellCalibrator(CalibrationCells cells, CalibrationSpec spec)
    {
        _cells = cells;
        _spec = spec;
        _targets = [.. cells.Variables.Select(v => v.Levels.Select(l => l.Total).ToArray())];
        (_model, _modelTargets) = ModelMatrix(cells, _targets);
    }

    public CalibrationSpec Spec => _spec;

    public CalibrationCells Cells => _cells;

    /// <summary>[cell, column]: the model matrix's row of each cell (intercept, then level indicators).</summary>
    public double[,] Model => _model;

    /// <summary>Calibrates the cells' starting-weight totals <paramref name="start"/> to the margins.</summary>
    public CellFit Fit(ReadOnlySpan<double> start, bool keepLastPass = false) => _spec.Method switch
    {
        CalibrationMethod.PostStratify => PostStratify(start),
        CalibrationMethod.Rake => Rake(start, keepLastPass),
        CalibrationMethod.Linear when _spec.Bounds is null => Linear(start),
        CalibrationMethod.Raking when _spec.Bounds is not null => BoundedRaking(start),
        _ => Newton(start, exactDerivative: false),
    };

    // R's grake first, so that its weights are R's wherever R converges. Its derivative of the truncated raking function
    // (zero outside L − 1 < u < U − 1, not log L < u < log U) makes Newton's steps overshoot near the bounds, and the
    // iterations often do not converge where the calibration has a solution; then Newton's method with the exact
    // derivative, from the start, finds it (the bounded problem's solution is unique: Deville and Särndal 1992, §3).
    private CellFit BoundedRaking(ReadOnlySpan<double> start)
    {
        var asR = Newton(start, exactDerivative: false);
        if (asR.Converged)
        {
            return asR;
        }

        var exact = Newton(start, exactDerivative: true);
        return exact.Converged ? exact with { ExactDerivative = true } : asR;
    }

    /// <summary>The largest |target − achieved| / (1 + |target|) over the margins' levels when cell c gets the weight total <paramref name="weighted"/>[c].</summary>
    public double LargestMisfit(ReadOnlySpan<double> weighted)
    {
        var largest = 0.0;
        for (var k = 0; k < _targets.Length; k++)
        {
            var achieved = LevelTotals(k, weighted);
            for (var l = 0; l < achieved.Length; l++)
            {
                largest = Math.Max(largest, Math.Abs(_targets[k][l] - achieved[l]) / (1 + Math.Abs(_targets[k][l])));
            }
        }

        return largest;
    }

    /// <summary>Σ over the cells of each level of variable k.</summary>
    public double[] LevelTotals(int k, ReadOnlySpan<double> perCell)
    {
        var sums = new CompensatedSum[_targets[k].Length];
        var level = _cells.CellLevel[k];
        for (var c = 0; c < perCell.Length; c++)
        {
            sums[level[c]].Add(perCell[c]);
        }

        return [.. sums.Select(s => s.Value)];
    }

    /// <summary>MASS::ginv with grake's tolerance: the Moore–Penrose inverse from the SVD, singular values below 256 ε σ₁ dropped.</summary>
    public static double[,] PseudoInverse(double[,] matrix)
    {
        var m = Matrix<double>.Build.DenseOfArray(matrix);
        var svd = m.Svd(computeVectors: true);
        var s = svd.S;
        var cutoff = Math.Max(GinvTolerance * s[0], 0);
        var p = matrix.GetLength(0);
        var inverse = new double[p, p];
        for (var k = 0; k < s.Count; k++)
        {
            if (!(s[k] > cutoff))
            {
                continue;
            }

            for (var i = 0; i < p; i++)
            {
                var v = svd.VT[k, i] / s[k];
                for (var j = 0; j < p; j++)
                {
                    inverse[i, j] += v * svd.U[j, k];
                }
            }
        }

        return inverse;
    }

    /// <summary>X′ diag(weights) X over the cells.</summary>
    public double[,] CrossProduct(ReadOnlySpan<double> cellWeights)
    {
        var p = _modelTargets.Length;
        var result = new double[p, p];
        for (var c = 0; c < cellWeights.Length; c++)
        {
            for (var a = 0; a < p; a++)
            {
                var xa = _model[c, a] * cellWeights[c];
                if (xa == 0)
                {
                    continue;
                }

                for (var b = 0; b < p; b++)
                {
                    result[a, b] += xa * _model[c, b];
                }
            }
        }

        return result;
    }

    // postStratify: reweight = Pop.Freq / Freq, one variable whose levels are the cells.
    private CellFit PostStratify(ReadOnlySpan<double> start)
    {
        var factors = new double[start.Length];
        var level = _cells.CellLevel[0];
        var totals = LevelTotals(0, start);
        for (var c = 0; c < factors.Length; c++)
        {
            factors[c] = _targets[0][level[c]] / totals[level[c]];
        }

        return ClosedForm(start, factors);
    }

    // rake: a pass post-stratifies on each variable in turn; it stops when the cross-classified table changed by less than
    // epsilon (a count; below 1 a fraction of the starting weights' sum) in the last pass, after at most maxit passes.
    private CellFit Rake(ReadOnlySpan<double> start, bool keepLastPass)
    {
        var cells = start.Length;
        var factors = new double[cells];
        Array.Fill(factors, 1.0);
        var old = start.ToArray();
        var current = new double[cells];
        var tolerance = _spec.EffectiveTolerance;
        if (tolerance < 1)
        {
            var sum = new CompensatedSum();
            foreach (var d in start)
            {
                sum.Add(d);
            }

            tolerance *= sum.Value;
        }

        var steps = keepLastPass ? new double[_targets.Length][] : null;
        var delta = double.PositiveInfinity;
        var maxit = _spec.EffectiveMaxIterations;
        for (var pass = 1; pass <= maxit; pass++)
        {
            for (var k = 0; k < _targets.Length; k++)
            {
                for (var c = 0; c < cells; c++)
                {
                    current[c] = start[c] * factors[c];
                }

                var totals = LevelTotals(k, current);
                var level = _cells.CellLevel[k];
                for (var c = 0; c < cells; c++)
                {
                    factors[c] *= _targets[k][level[c]] / totals[level[c]];
                }

                if (steps is not null)
                {
                    steps[k] = (double[])factors.Clone();
                }
            }

            delta = 0;
            for (var c = 0; c < cells; c++)
            {
                current[c] = start[c] * factors[c];
                var change = Math.Abs(current[c] - old[c]);
                delta = change > delta || double.IsNaN(change) ? change : delta;
            }

            if (delta < tolerance)
            {
                return new CellFit(factors, pass, delta, true, steps);
            }

            (old, current) = (current, old);
        }

        return new CellFit(factors, maxit, delta, false, steps);
    }

    // regcalibrate (stage 0, no variance model): g = 1 + X (X'DX)^-1 (T - X'd).
    private CellFit Linear(ReadOnlySpan<double> start)
    {
        var p = _modelTargets.Length;
        var sampleTotal = ModelTotals(start, null);
        var inverse = PseudoInverse(CrossProduct(start));
        var lambda = new double[p];
        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b < p; b++)
            {
                lambda[a] += inverse[a, b] * (_modelTargets[b] - sampleTotal[b]);
            }
        }

        var factors = new double[start.Length];
        for (var c = 0; c < factors.Length; c++)
        {
            factors[c] = 1 + Row(c, lambda);
        }

        return ClosedForm(start, factors);
    }

    // grake: Newton's method on the calibration equations for the distance's inverse derivative F (Deville and Särndal 1992).
    private CellFit Newton(ReadOnlySpan<double> startTotals, bool exactDerivative)
    {
        var p = _modelTargets.Length;
        var cells = startTotals.Length;
        var (lower, upper) = _spec.Bounds is { } b ? (b.Lower, b.Upper) : (double.NegativeInfinity, double.PositiveInfinity);
        var method = _spec.Method;
        var epsilon = _spec.EffectiveTolerance;
        var maxit = _spec.EffectiveMaxIterations;
        var start = startTotals.ToArray();
        var sampleTotal = ModelTotals(start, null);

        var scale = 1.0;
        var smallest = double.PositiveInfinity;
        var meanScale = 0.0;
        for (var a = 0; a < p; a++)
        {
            var ratio = _modelTargets[a] / sampleTotal[a];
            smallest = Math.Min(smallest, ratio);
            meanScale += ratio;
        }

        if (smallest > RescaleThreshold)
        {
            scale = meanScale / p;
            for (var c = 0; c < cells; c++)
            {
                start[c] *= scale;
            }

            for (var a = 0; a < p; a++)
            {
                sampleTotal[a] *= scale;
            }
        }

        var eta = new double[p];
        var xeta = new double[cells];
        var fm1 = new double[cells];
        var derivative = new double[cells];
        Evaluate();
        var iteration = 1;
        double[] misfit;
        var converged = false;
        double criterion;
        while (true)
        {
            var weighted = new double[cells];
            for (var c = 0; c < cells; c++)
            {
                weighted[c] = start[c] * derivative[c];
            }

            var tmat = CrossProduct(weighted);
            misfit = Misfit();
            var ginv = PseudoInverse(tmat);
            var step = new double[p];
            for (var a = 0; a < p; a++)
            {
                for (var bb = 0; bb < p; bb++)
                {
                    step[a] += ginv[a, bb] * misfit[bb];
                }

                eta[a] += step[a];
            }

            Evaluate();
            while (iteration < maxit && !AllFinite())
            {
                iteration++;
                for (var a = 0; a < p; a++)
                {
                    step[a] /= 2;
                    eta[a] -= step[a];
                }

                Evaluate();
            }

            misfit = Misfit();
            criterion = 0;
            var all = true;
            for (var a = 0; a < p; a++)
            {
                var relative = Math.Abs(misfit[a]) / (1 + Math.Abs(_modelTargets[a]));
                all &= relative < epsilon;
                criterion = relative > criterion || double.IsNaN(relative) ? relative : criterion;
            }

            if (all)
            {
                converged = true;
                break;
            }

            iteration++;
            if (iteration > maxit)
            {
                break;
            }
        }

        var factors = new double[cells];
        for (var c = 0; c < cells; c++)
        {
            factors[c] = (1 + fm1[c]) * scale;
        }

        return new CellFit(factors, Math.Min(iteration, maxit), criterion, converged, Scale: scale);

        void Evaluate()
        {
            for (var c = 0; c < cells; c++)
            {
                xeta[c] = Row(c, eta);
                (fm1[c], derivative[c]) = Distance(method, xeta[c], lower, upper, exactDerivative);
            }
        }

        bool AllFinite()
        {
            for (var c = 0; c < cells; c++)
            {
                if (!double.IsFinite(1 + fm1[c]) || !double.IsFinite(derivative[c]))
                {
                    return false;
                }
            }

            return true;
        }

        double[] Misfit()
        {
            var adjustment = ModelTotals(start, fm1);
            var result = new double[p];
            for (var a = 0; a < p; a++)
            {
                result[a] = _modelTargets[a] - sampleTotal[a] - adjustment[a];
            }

            return result;
        }
    }

    /// <summary>
    /// R's calibration functions (cal.linear, cal.raking, cal.logit): F(u) − 1 and dF/du at u = x′η, with bounds L, U
    /// (±∞ when none). As in survey 4.1.1, the truncated functions' derivative is taken as zero outside L − 1 &lt; u &lt; U − 1
    /// (for raking, with <paramref name="exactDerivative"/>, outside log L &lt; u &lt; log U, where exp(u) is clipped).
    /// </summary>
    internal static (double Fm1, double Derivative) Distance(CalibrationMethod method, double u, double lower, double upper, bool exactDerivative = false)
    {
        var inside = method == CalibrationMethod.Raking && exactDerivative
            ? u < Math.Log(upper) && u > Math.Log(lower)
            : u < upper - 1 && u > lower - 1;
        switch (method)
        {
            case CalibrationMethod.Linear:
                return (Math.Min(Math.Max(u + 1, lower), upper) - 1, inside ? 1 : 0);
            case CalibrationMethod.Raking:
                var e = Math.Exp(u);
                return (Math.Min(Math.Max(e, lower), upper) - 1, inside ? e : 0);
            case CalibrationMethod.Logit:
                var a = (upper - lower) / ((upper - 1) * (1 - lower));
                var eau = Math.Exp(a * u);
                var denominator = upper - 1 + ((1 - lower) * eau);
                var numerator = (lower * (upper - 1)) + (upper * (1 - lower) * eau);
                var fm1 = (numerator / denominator) - 1;
                var derivative = (upper * (1 - lower) * eau * a / denominator) - (numerator * ((1 - lower) * eau * a) / (denominator * denominator));
                return (fm1, derivative);
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "not a calibration distance");
        }
    }

    private CellFit ClosedForm(ReadOnlySpan<double> start, double[] factors)
    {
        var weighted = new double[start.Length];
        for (var c = 0; c < weighted.Length; c++)
        {
            weighted[c] = start[c] * factors[c];
        }

        return new CellFit(factors, 1, LargestMisfit(weighted), true);
    }

    private double Row(int cell, double[] coefficients)
    {
        var sum = 0.0;
        for (var a = 0; a < coefficients.Length; a++)
        {
            sum += _model[cell, a] * coefficients[a];
        }

        return sum;
    }

    /// <summary>Σ_c start_c (scaled by <paramref name="by"/>_c when given) x_c: the model matrix's weighted column totals.</summary>
    private double[] ModelTotals(ReadOnlySpan<double> start, double[]? by)
    {
        var p = _modelTargets.Length;
        var sums = new CompensatedSum[p];
        for (var c = 0; c < start.Length; c++)
        {
            var w = by is null ? start[c] : start[c] * by[c];
            for (var a = 0; a < p; a++)
            {
                if (_model[c, a] != 0)
                {
                    sums[a].Add(w * _model[c, a]);
                }
            }
        }

        return [.. sums.Select(s => s.Value)];
    }

    private static (double[,] Model, double[] Targets) ModelMatrix(CalibrationCells cells, double[][] targets)
    {
        var columns = new List<(int Variable, int Level)>();
        for (var k = 0; k < cells.Variables.Length; k++)
        {
            var levels = cells.Variables[k].Levels;
            var ordered = Enumerable.Range(0, levels.Count).OrderBy(l => levels[l].Level, StringComparer.Ordinal).ToList();
            columns.AddRange(ordered.Skip(1).Select(l => (k, l)));
        }

        var model = new double[cells.CellCount, columns.Count + 1];
        var modelTargets = new double[columns.Count + 1];
        modelTargets[0] = cells.Variables[0].Total;
        for (var c = 0; c < cells.CellCount; c++)
        {
            model[c, 0] = 1;
        }

        for (var a = 0; a < columns.Count; a++)
        {
            var (k, l) = columns[a];
            modelTargets[a + 1] = targets[k][l];
            for (var c = 0; c < cells.CellCount; c++)
            {
                model[c, a + 1] = cells.CellLevel[k][c] == l ? 1 : 0;
            }
        }

        return (model, modelTargets);
    }

    /// <summary>A description of a failed fit, for messages.</summary>
    public string DescribeFailure(CellFit fit) => _spec.Method == CalibrationMethod.Rake
        ? string.Create(CultureInfo.InvariantCulture,
            $"raking did not converge in {fit.Iterations} passes: the largest change of a cell's weighted count in the last pass was {fit.LargestChange:G6}, the tolerance {_spec.EffectiveTolerance:G6}")
        : string.Create(CultureInfo.InvariantCulture,
            $"{CalibrationSpec.NameOf(_spec.Method)} calibration did not converge in {fit.Iterations} iterations{(_spec.Method == CalibrationMethod.Raking && _spec.Bounds is not null ? " (R's grake steps, nor Newton's with the exact derivative)" : "")}: the largest |target − achieved| / (1 + |target|) was {fit.LargestChange:G6}, the tolerance {_spec.EffectiveTolerance:G6}");
}
