
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.ClosedForms;

/// <summary>Holm and Benjamini–Hochberg against R p.adjust; two-sided normal p-values against 2 * pnorm(-abs(z)).</summary>
public class MultiplicityTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Cases() =>
        [.. ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/multiplicity.csv").Select(r => r["case"]).Distinct()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Holm_and_BH_equal_R_p_adjust(string caseName)
    {
        var rows = ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/multiplicity.csv")
            .Where(r => r["case"] == caseName).OrderBy(r => r.Number("index")).ToList();
        var p = rows.Select(r => r.Number("p")).ToArray();
        var holm = Multiplicity.Holm(p);
        var bh = Multiplicity.BenjaminiHochberg(p);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].Number("holm"), holm[i], Tolerance);
            Assert.Equal(rows[i].Number("bh"), bh[i], Tolerance);
        }
    }

    [Fact]
    public void No_p_values_give_no_adjusted_values()
    {
        Assert.Empty(Multiplicity.Holm([]));
        Assert.Empty(Multiplicity.BenjaminiHochberg([]));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.PositiveInfinity)]
    public void A_p_value_outside_0_1_is_refused(double bad)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Multiplicity.Holm([0.01, bad]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Multiplicity.BenjaminiHochberg([0.01, bad]));
    }

    [Fact]
    public void Two_sided_normal_p_values_equal_R()
    {
        foreach (var row in ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/pvalues.csv"))
        {
            Assert.Equal(row.Number("p"), PValues.TwoSidedNormal(row.Number("estimate"), row.Number("se"), row.Number("null")), Tolerance);
        }
    }

    [Fact]
    public void A_zero_standard_error_gives_p_0_when_the_estimate_differs_from_the_null() =>
        Assert.Equal(0, PValues.TwoSidedNormal(0.2, 0));

    [Fact]
    public void A_zero_standard_error_at_the_null_value_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PValues.TwoSidedNormal(0.2, 0, 0.2));

    [Theory]
    [InlineData(0.1, -0.01, 0)]
    [InlineData(0.1, double.NaN, 0)]
    [InlineData(0.1, double.PositiveInfinity, 0)]
    [InlineData(double.NaN, 0.1, 0)]
    [InlineData(double.PositiveInfinity, 0.1, 0)]
    [InlineData(0.1, 0.1, double.NaN)]
    public void Non_finite_or_negative_inputs_are_refused(double estimate, double se, double nullValue) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PValues.TwoSidedNormal(estimate, se, nullValue));
}
