namespace NetHelpfulness.Estimation.Calibration;

/// <summary>
/// What a calibrated design keeps of its calibration: the starting weights, the cells, how to recalibrate cell totals
/// (for bootstrap replicates), and the projection of influence values onto their calibration residuals that every
/// linearised variance of the design applies first — R <c>survey:::svyrecvar</c>'s <c>postStrata</c> step.
/// </summary>
/// <remarks>
/// <para><b>Post-stratification</b> (R's <c>postStratify</c> entry): z_i − w_i · Σ_{j∈g} z_j d_j / w_j / Σ_{j∈g} d_j, with d the
/// starting weights and w the calibrated ones — z minus w times its within-post-stratum mean (Lumley 2010, §7.3).</para>
/// <para><b>Raking</b> (R's <c>raking</c> entry): the post-stratifications of the last pass, applied in turn ten times (a
/// fixed number in R): for each variable k, z_i ← z_i − w⁽ᵏ⁾_i · mean_{j: level_k(j) = level_k(i)} z_j / w⁽ᵏ⁾_j, with
/// w⁽ᵏ⁾ the weights after variable k's step of the last pass and the mean unweighted over the level's respondents.</para>
/// <para><b>Calibration</b> (R's <c>greg_calibration</c>, linear or not, bounded or not): the residual of a regression of
/// u = z / w on the model matrix X with the starting weights, times w: z − w ∘ X (X′DX)⁺ X′D u
/// (<c>qr.resid(qr(X √d), z / (g √d)) · g √d</c>; Deville and Särndal 1992, §5; Lumley 2010, §7.4).</para>
/// </remarks>
internal sealed class DesignCalibration : IVarianceProjection
{
    private const int RakingSweeps = 10; // svyrecvar's `for (iterations in 1:10)`

    private readonly CellCalibrator _calibrator;
    private readonly double[] _start;
    private readonly double[] _weights;
    private readonly double[][]? _lastPass;
    private readonly double[,]? _inverseCrossProduct;

    public DesignCalibration(CellCalibrator calibrator, double[] start, double[] weights, CellFit fit)
    {
        _calibrator = calibrator;
        _start = start;
        _weights = weights;
        _lastPass = fit.LastPassFactors;
        if (calibrator.Spec.Method is not (CalibrationMethod.PostStratify or CalibrationMethod.Rake))
        {
            _inverseCrossProduct = CellCalibrator.PseudoInverse(calibrator.CrossProduct(calibrator.Cells.CellTotals(start)));
        }
    }

    public CalibrationSpec Spec => _calibrator.Spec;

    /// <summary>The weights the calibration started from (the design weights, or 1).</summary>
    public ReadOnlySpan<double> StartingWeights => _start;

    /// <summary>Each respondent's cell.</summary>
    public ReadOnlySpan<int> CellOf => _calibrator.Cells.CellOf;

    public int CellCount => _calibrator.Cells.CellCount;

    /// <summary>
    /// Calibrates a replicate: <paramref name="cellTotals"/> are the cells' totals of the replicate's starting weights;
    /// false when they cannot be calibrated (a margin level with nobody drawn, or the iterations do not converge).
    /// </summary>
    public bool TryFactors(ReadOnlySpan<double> cellTotals, Span<double> factors)
    {
        var fit = _calibrator.Fit(cellTotals);
        if (!fit.Converged)
        {
            return false;
        }

        for (var c = 0; c < factors.Length; c++)
        {
            if (!double.IsFinite(fit.Factors[c]))
            {
                return false;
            }

            factors[c] = fit.Factors[c];
        }

        return true;
    }

    public double[] Project(double[] influence) => _calibrator.Spec.Method switch
    {
        CalibrationMethod.PostStratify => PostStratified(influence),
        CalibrationMethod.Rake => Raked(influence),
        _ => Regressed(influence),
    };

    private double[] PostStratified(double[] z)
    {
        var cellOf = _calibrator.Cells.CellOf;
        var cells = CellCount;
        var sums = new CompensatedSum[cells];
        var old = new CompensatedSum[cells];
        for (var i = 0; i < z.Length; i++)
        {
            sums[cellOf[i]].Add(z[i] * _start[i] / _weights[i]);
            old[cellOf[i]].Add(_start[i]);
        }

        var result = new double[z.Length];
        for (var i = 0; i < z.Length; i++)
        {
            var c = cellOf[i];
            result[i] = z[i] - (sums[c].Value / old[c].Value * _weights[i]);
        }

        return result;
    }

    // The sweeps on cells: with u = z / d, a step subtracts w⁽ᵏ⁾_i · m_l from z_i, i.e. G⁽ᵏ⁾_c · m_l from u_i, the same
    // for the whole cell c (w⁽ᵏ⁾_i = d_i G⁽ᵏ⁾_c). So u_i = u⁰_i − O_c, and a level's mean of z / w⁽ᵏ⁾ is
    // Σ_{c in l} (U_c − n_c O_c) / G⁽ᵏ⁾_c / n_l with U_c = Σ_{i in c} u⁰_i: one pass over the respondents, then cells only.
    private double[] Raked(double[] z)
    {
        var cells = _calibrator.Cells;
        var cellOf = cells.CellOf;
        var cellCount = CellCount;
        var sums = new CompensatedSum[cellCount];
        var counts = new int[cellCount];
        for (var i = 0; i < z.Length; i++)
        {
            sums[cellOf[i]].Add(z[i] / _start[i]);
            counts[cellOf[i]]++;
        }

        var totals = sums.Select(x => x.Value).ToArray();
        var offset = new double[cellCount];
        for (var sweep = 0; sweep < RakingSweeps; sweep++)
        {
            for (var k = 0; k < cells.Variables.Length; k++)
            {
                var factors = _lastPass![k];
                var levelOfCell = cells.CellLevel[k];
                var levelCounts = cells.LevelCount[k];
                var means = new double[levelCounts.Length];
                for (var c = 0; c < cellCount; c++)
                {
                    means[levelOfCell[c]] += (totals[c] - (counts[c] * offset[c])) / factors[c];
                }

                for (var l = 0; l < means.Length; l++)
                {
                    means[l] /= levelCounts[l];
                }

                for (var c = 0; c < cellCount; c++)
                {
                    offset[c] += factors[c] * means[levelOfCell[c]];
                }
            }
        }

        var result = new double[z.Length];
        for (var i = 0; i < z.Length; i++)
        {
            result[i] = z[i] - (_start[i] * offset[cellOf[i]]);
        }

        return result;
    }

    private double[] Regressed(double[] z)
    {
        var cellOf = _calibrator.Cells.CellOf;
        var model = _calibrator.Model;
        var p = model.GetLength(1);
        var cells = CellCount;
        var residualTotals = new CompensatedSum[cells];
        for (var i = 0; i < z.Length; i++)
        {
            residualTotals[cellOf[i]].Add(z[i] * _start[i] / _weights[i]);
        }

        var moments = new double[p];
        for (var c = 0; c < cells; c++)
        {
            var r = residualTotals[c].Value;
            for (var a = 0; a < p; a++)
            {
                moments[a] += model[c, a] * r;
            }
        }

        var beta = new double[p];
        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b < p; b++)
            {
                beta[a] += _inverseCrossProduct![a, b] * moments[b];
            }
        }

        var fitted = new double[cells];
        for (var c = 0; c < cells; c++)
        {
            for (var a = 0; a < p; a++)
            {
                fitted[c] += model[c, a] * beta[a];
            }
        }

        var result = new double[z.Length];
        for (var i = 0; i < z.Length; i++)
        {
            result[i] = z[i] - (_weights[i] * fitted[cellOf[i]]);
        }

        return result;
    }
}
