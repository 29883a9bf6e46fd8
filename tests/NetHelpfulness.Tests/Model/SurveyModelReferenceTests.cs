using static NetHelpfulness.Tests.Model.ModelReference;

namespace NetHelpfulness.Tests.Model;

/// <summary>
/// The design-based model against R survey 4.1.1's svyglm, regTermTest and an explicit R computation of the predictive
/// margins, on the stacked ratings of a stratified, clustered, weighted SYNTHETIC file (tests/reference/model-reference.R
/// holds every R call; each expected file starts with them).
/// </summary>
public class SurveyModelReferenceTests
{
    public static TheoryData<string, string> ModelsAndDesigns()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Expected("models"))
        {
            data.Add(row["model"], row["design"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsAndDesigns))]
    public void Coefficients_and_standard_errors_equal_R_svyglm(string model, string design)
    {
        var fit = Fit(model, design);
        var expected = Expected("coefficients").Where(r => r["model"] == model && r["design"] == design).ToList();
        var estimable = fit.Coefficients.Where(c => !c.IsAliased).ToList();
        // R's coef() leaves out the aliased columns; the order of the others is the design matrix's.
        Assert.Equal(expected.Select(r => r["term"]), estimable.Select(c => c.Name));
        foreach (var (row, coefficient) in expected.Zip(estimable))
        {
            var what = $"{model}/{design}/{coefficient.Name}";
            Close(row.Number("estimate"), coefficient.Value!.Value, 1e-8, what + " estimate");
            Relative(row.Number("se"), coefficient.StandardError!.Value, 1e-7, what + " se");
            Close(row.Number("t"), coefficient.TStatistic!.Value, 1e-6, what + " t");
            Relative(row.Number("p"), coefficient.PValue!.Value, 1e-6, what + " p");
            Close(row.Number("ci_low"), coefficient.Interval!.Lower, 1e-8, what + " ci_low");
            Close(row.Number("ci_high"), coefficient.Interval!.Upper, 1e-8, what + " ci_high");
        }
    }

    [Theory]
    [MemberData(nameof(ModelsAndDesigns))]
    public void Rows_degrees_of_freedom_and_aliased_columns_equal_R(string model, string design)
    {
        var fit = Fit(model, design);
        var row = Expected("models").Single(r => r["model"] == model && r["design"] == design);
        Assert.Equal((int)row.Number("rows"), fit.RowCount);
        Assert.Equal((int)row.Number("degf"), fit.DesignDegreesOfFreedom);
        Assert.Equal((int)row.Number("df_residual"), fit.ResidualDegreesOfFreedom);
        var aliased = fit.Coefficients.Where(c => c.IsAliased).Select(c => c.Name).ToList();
        Assert.Equal(row["aliased"] == "none" ? [] : row["aliased"].Split(';'), aliased);
    }

    [Theory]
    [MemberData(nameof(ModelsAndDesigns))]
    public void Wald_tests_of_terms_equal_R_regTermTest(string model, string design)
    {
        var fit = Fit(model, design);
        var expected = Expected("tests").Where(r => r["model"] == model && r["design"] == design).ToList();
        var tests = fit.Tests();
        Assert.Equal(expected.Select(r => r["term"]), tests.Select(t => t.Term));
        foreach (var (row, test) in expected.Zip(tests))
        {
            var what = $"{model}/{design}/{test.Term}";
            Assert.Equal((int)row.Number("df"), test.Df);
            Assert.Equal((int)row.Number("ddf"), test.DenominatorDf);
            Relative(row.Number("f"), test.F, 1e-7, what + " F");
            Relative(row.Number("p_f"), test.PF, 1e-7, what + " p (F)");
            Relative(row.Number("chisq"), test.ChiSquare, 1e-7, what + " chi-square");
            Relative(row.Number("p_chisq"), test.PChiSquare, 1e-7, what + " p (chi-square)");
        }
    }

    public static TheoryData<string, string> MarginModels()
    {
        var data = new TheoryData<string, string>();
        foreach (var (model, design) in Expected("margins").Select(r => (r["model"], r["design"])).Distinct())
        {
            data.Add(model, design);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MarginModels))]
    public void Predictive_margins_of_relationship_by_tracking_equal_the_explicit_R_linearisation(string model, string design)
    {
        var margins = Fit(model, design).Margins();
        Assert.Equal(["relationship", "tracking"], margins.Variables);
        var expected = Expected("margins").Where(r => r["model"] == model && r["design"] == design).ToList();
        Assert.Equal(expected.Count, margins.Cells.Count);
        foreach (var (row, cell) in expected.Zip(margins.Cells))
        {
            Assert.Equal([row["relationship"], row["tracking"]], cell.Levels);
            var what = $"{model}/{design}/{string.Join("×", cell.Levels)}";
            Close(row.Number("estimate"), cell.Estimate!.Estimate, 1e-8, what + " estimate");
            Relative(row.Number("se"), cell.Estimate.StandardError, 1e-7, what + " se");
            if (row["svypredmeans_estimate"].Length > 0)
            {
                // The same cell mean as svypredmeans (which leaves out the covariance of its two variance parts).
                Close(row.Number("svypredmeans_estimate"), cell.Estimate.Estimate, 1e-8, what + " svypredmeans estimate");
            }
        }
    }

    [Theory]
    [MemberData(nameof(MarginModels))]
    public void Contrasts_between_cells_equal_R(string model, string design)
    {
        var contrasts = Fit(model, design).Margins().Contrasts;
        var expected = Expected("contrasts").Where(r => r["model"] == model && r["design"] == design).ToList();
        Assert.Equal(expected.Select(r => r["contrast"]), contrasts.Select(c => c.Name.Replace(" − ", " - ", StringComparison.Ordinal)));
        foreach (var (row, contrast) in expected.Zip(contrasts))
        {
            Close(row.Number("estimate"), contrast.Estimate.Estimate, 1e-8, contrast.Name + " estimate");
            Relative(row.Number("se"), contrast.Estimate.StandardError, 1e-7, contrast.Name + " se");
        }
    }
}
