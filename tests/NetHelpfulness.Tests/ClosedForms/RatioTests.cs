using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.ClosedForms;

/// <summary>
/// Risk ratio, odds ratio and risk difference against R (tests/reference/closed-forms-reference.R):
/// Katz/Woolf/Wald formulas on counts (ratio-counts.csv) and svyby + svycontrast on designs (ratio-design.csv).
/// </summary>
public class RatioTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string, string, double> CountCases()
    {
        var data = new TheoryData<string, string, double>();
        foreach (var r in ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/ratio-counts.csv"))
        {
            data.Add(r["exposure"], r["outcome"], r.Number("level"));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CountCases))]
    public void Closed_forms_equal_R(string exposure, string outcome, double level)
    {
        var row = ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/ratio-counts.csv")
            .Single(r => r["exposure"] == exposure && r["outcome"] == outcome && r.Number("level") == level);
        var data = TrustData();
        var result = Ratios.Compare(data.Column(exposure), data.Column(outcome), level);
        Assert.Equal((int)(row.Number("a") + row.Number("b")), result.ExposedCount);
        Assert.Equal((int)(row.Number("c") + row.Number("d")), result.UnexposedCount);
        Assert.Equal(row.Number("risk_exposed"), result.RiskExposed, Tolerance);
        Assert.Equal(row.Number("risk_unexposed"), result.RiskUnexposed, Tolerance);
        AssertEffect(row, "rr", result.RiskRatio, EffectMethod.KatzLog);
        AssertEffect(row, "or", result.OddsRatio, EffectMethod.WoolfLogit);
        AssertEffect(row, "rd", result.RiskDifference, EffectMethod.Wald);
    }

    [Fact]
    public void Counts_and_table_agree()
    {
        var table = new TwoByTwoTable(76, 84, 28, 119);
        var row = ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/ratio-counts.csv")
            .First(r => r["outcome"] == "shares_personal_info" && r.Number("level") == 0.95);
        var result = Ratios.FromCounts(table);
        Assert.Equal(row.Number("a"), table.ExposedWithOutcome);
        AssertEffect(row, "rr", result.RiskRatio, EffectMethod.KatzLog);
        AssertEffect(row, "or", result.OddsRatio, EffectMethod.WoolfLogit);
        AssertEffect(row, "rd", result.RiskDifference, EffectMethod.Wald);
    }

    public static TheoryData<string, string, string> DesignCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var r in ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/ratio-design.csv"))
        {
            data.Add(r["design"], r["exposure"], r["outcome"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DesignCases))]
    public void Delta_method_equals_R_svycontrast(string design, string exposure, string outcome)
    {
        var row = ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/ratio-design.csv")
            .Single(r => r["design"] == design && r["exposure"] == exposure && r["outcome"] == outcome);
        var data = TrustData(
            weight: design.StartsWith("weighted", StringComparison.Ordinal) ? "weight" : null,
            strata: design.Contains("strata", StringComparison.Ordinal) ? "stratum" : null,
            cluster: design.Contains("clusters", StringComparison.Ordinal) ? "cluster" : null);
        var result = Ratios.Compare(data.Column(exposure), data.Column(outcome), data.Design());
        Assert.Equal((int)row.Number("n_exposed"), result.ExposedCount);
        Assert.Equal((int)row.Number("n_unexposed"), result.UnexposedCount);
        Assert.Equal(row.Number("risk_exposed"), result.RiskExposed, Tolerance);
        Assert.Equal(row.Number("risk_unexposed"), result.RiskUnexposed, Tolerance);
        AssertEffect(row, "rr", result.RiskRatio, EffectMethod.LinearizedLog);
        AssertEffect(row, "or", result.OddsRatio, EffectMethod.LinearizedLogit);
        AssertEffect(row, "rd", result.RiskDifference, EffectMethod.Linearized);
    }

    [Theory]
    [InlineData(0, 5, 3, 4, "no exposed respondent has the outcome")]
    [InlineData(5, 0, 3, 4, "every exposed respondent has the outcome")]
    [InlineData(5, 3, 0, 4, "no unexposed respondent has the outcome")]
    [InlineData(5, 3, 4, 0, "every unexposed respondent has the outcome")]
    [InlineData(0, 0, 4, 4, "no respondent is exposed")]
    [InlineData(4, 4, 0, 0, "no respondent is unexposed")]
    public void An_empty_cell_is_a_clear_error_not_infinity(int a, int b, int c, int d, string expected)
    {
        var e = Assert.Throws<InsufficientDataException>(() => Ratios.FromCounts(new TwoByTwoTable(a, b, c, d)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_cell_is_an_error_on_a_design_too()
    {
        byte[] exposure = [1, 1, 1, 0, 0, 0];
        byte[] outcome = [0, 0, 0, 1, 0, 1];
        var design = SurveyDesign.Create(6, [1, 2, 1, 2, 1, 2]);
        var e = Assert.Throws<InsufficientDataException>(() => Ratios.Compare(exposure, outcome, design));
        Assert.Contains("no exposed respondent has the outcome", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_counts_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Ratios.FromCounts(new TwoByTwoTable(3, -1, 2, 2)));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_level_outside_0_1_is_refused(double level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ratios.FromCounts(new TwoByTwoTable(3, 4, 2, 5), level));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ratios.Compare([1, 1, 0, 0], [1, 0, 1, 0], SurveyDesign.SimpleRandomSample(4), level));
    }

    [Fact]
    public void Exposure_and_outcome_of_different_lengths_are_refused() =>
        Assert.Throws<ArgumentException>(() => Ratios.Compare([1, 1, 0, 0], [1, 0, 1]));

    [Fact]
    public void A_value_other_than_0_or_1_is_refused() =>
        Assert.Throws<ArgumentException>(() => Ratios.Compare([1, 2, 0, 0], [1, 0, 1, 0]));

    [Fact]
    public void A_design_of_another_size_is_refused() =>
        Assert.Throws<ArgumentException>(() => Ratios.Compare([1, 1, 0, 0], [1, 0, 1, 0], SurveyDesign.SimpleRandomSample(5)));

    private static void AssertEffect(Dictionary<string, string> row, string prefix, EffectEstimate effect, EffectMethod method)
    {
        Assert.Equal(method, effect.Method);
        Assert.Equal(row.Number(prefix), effect.Estimate, Tolerance);
        Assert.Equal(row.Number(prefix + "_se"), effect.StandardError, Tolerance);
        Assert.Equal(row.Number(prefix + "_ci_low"), effect.Interval.Lower, Tolerance);
        Assert.Equal(row.Number(prefix + "_ci_high"), effect.Interval.Upper, Tolerance);
        Assert.Equal(row.Number(prefix + "_p"), effect.PValue(), Tolerance);
    }

    private static BinaryOutcomes TrustData(string? weight = null, string? strata = null, string? cluster = null) =>
        BinaryOutcomeReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "closed-forms", "trust-design.csv"),
            new BinaryOutcomeReadOptions
            {
                WeightColumn = weight,
                StrataColumn = strata,
                ClusterColumn = cluster,
                Columns = ["transparent_humane", "reliable_capable", "shares_personal_info", "more_value_than_expected", "shares_digital_info"],
            });
}
