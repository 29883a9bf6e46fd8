namespace NetHelpfulness.Estimation;

/// <summary>Neumaier's compensated summation, so that sums over millions of ratings lose no precision.</summary>
/// <remarks>Neumaier (1974), ZAMM 54:39–51: an improved Kahan–Babuška sum whose error does not grow with n.</remarks>
public struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    /// <summary>The sum so far.</summary>
    public readonly double Value => _sum + _compensation;

    /// <summary>Adds a term.</summary>
    public void Add(double value)
    {
        var t = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }
}
