namespace NetHelpfulness.Estimation;

/// <summary>Small dense symmetric positive-definite systems (a model's p × p cross-products): Cholesky, solve, inverse.</summary>
internal sealed class SymmetricMatrix
{
    private readonly double[,] _lower;

    private SymmetricMatrix(double[,] lower) => _lower = lower;

    public int Size => _lower.GetLength(0);

    /// <summary>The Cholesky factor of <paramref name="a"/>, or null when it is not (numerically) positive definite.</summary>
    public static SymmetricMatrix? Factor(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var d = a[j, j];
            for (var k = 0; k < j; k++)
            {
                d -= l[j, k] * l[j, k];
            }

            if (!(d > 0) || !double.IsFinite(d))
            {
                return null;
            }

            l[j, j] = Math.Sqrt(d);
            for (var i = j + 1; i < n; i++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[i, k] * l[j, k];
                }

                l[i, j] = s / l[j, j];
            }
        }

        return new SymmetricMatrix(l);
    }

    /// <summary>
    /// The columns of <paramref name="a"/> (a cross-product X′WX) that are not linear combinations of earlier kept
    /// columns, by a Cholesky factorisation that passes over a column whose remaining pivot is at most
    /// <paramref name="tolerance"/> times its diagonal — R's <c>dqrdc2</c> strategy of moving deficient columns to the end,
    /// on the cross-product instead of the QR of X.
    /// </summary>
    public static (int[] Kept, int[] Aliased) KeptColumns(double[,] a, double tolerance)
    {
        var n = a.GetLength(0);
        var kept = new List<int>();
        var aliased = new List<int>();
        var l = new double[n, n];
        foreach (var j in Enumerable.Range(0, n))
        {
            // Row j of the factor against the kept columns so far.
            var row = new double[kept.Count];
            var d = a[j, j];
            for (var k = 0; k < kept.Count; k++)
            {
                var s = a[j, kept[k]];
                for (var m = 0; m < k; m++)
                {
                    s -= row[m] * l[k, m];
                }

                row[k] = s / l[k, k];
                d -= row[k] * row[k];
            }

            if (!(a[j, j] > 0) || !(d > tolerance * a[j, j]))
            {
                aliased.Add(j);
                continue;
            }

            var index = kept.Count;
            for (var k = 0; k < index; k++)
            {
                l[index, k] = row[k];
            }

            l[index, index] = Math.Sqrt(d);
            kept.Add(j);
        }

        return ([.. kept], [.. aliased]);
    }

    /// <summary>The rows and columns <paramref name="indices"/> of <paramref name="a"/>.</summary>
    public static double[,] Select(double[,] a, IReadOnlyList<int> indices)
    {
        var result = new double[indices.Count, indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            for (var j = 0; j < indices.Count; j++)
            {
                result[i, j] = a[indices[i], indices[j]];
            }
        }

        return result;
    }

    /// <summary>x with A x = b.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var n = Size;
        var x = b.ToArray();
        for (var i = 0; i < n; i++)
        {
            var s = x[i];
            for (var k = 0; k < i; k++)
            {
                s -= _lower[i, k] * x[k];
            }

            x[i] = s / _lower[i, i];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var s = x[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= _lower[k, i] * x[k];
            }

            x[i] = s / _lower[i, i];
        }

        return x;
    }

    /// <summary>A⁻¹.</summary>
    public double[,] Inverse()
    {
        var n = Size;
        var inverse = new double[n, n];
        var unit = new double[n];
        for (var j = 0; j < n; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            var column = Solve(unit);
            for (var i = 0; i < n; i++)
            {
                inverse[i, j] = column[i];
            }
        }

        // Symmetric by construction; average away the rounding so that quadratic forms are exactly symmetric.
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                inverse[i, j] = inverse[j, i] = (inverse[i, j] + inverse[j, i]) / 2;
            }
        }

        return inverse;
    }

    /// <summary>b′A⁻¹b.</summary>
    public double QuadraticForm(ReadOnlySpan<double> b)
    {
        var x = Solve(b);
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += b[i] * x[i];
        }

        return sum;
    }
}
